"""Builds the client's response from the merged subgraph data, as GraphQL execution would:
fields in the order the operation asks for them (CollectFields per runtime type), aliases,
`__typename`, and null propagation from a null non-null field to its nearest nullable parent.

This replaces re-executing the operation with graphql-core over the fetched data, which
profiling showed to dominate: each selection set is compiled once per plan and runtime type
into a flat list of field shapes and a function written for them that builds an object of that
shape, leaves (most of a response) copied inline by constant keys.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Set
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    is_abstract_type,
    is_composite_type,
)

from ..planner import ClientSelection, QueryPlan
from ..planner.collect import collect_fields, merged_selections
from .errors import DOWNSTREAM

_INVALID = object()
"""A null that must propagate to the parent (it landed in a non-null position)."""
_MISSING = object()

# Kinds of types (_Type.kind) and, for the fast paths of Shaper._object, of fields.
LEAF, OBJECT, ABSTRACT, LIST, TYPENAME, INTROSPECTION, LEAF_NON_NULL, OBJECT_LIST, OTHER = range(9)

Path = tuple[Any, ...] | None
"""A linked path: (parent path, key), materialised only for errors."""


class _Type:
    """A field's type, unwrapped once: nullability, kind, and what is inside."""

    __slots__ = ("enum_values", "kind", "name", "non_null", "of")

    def __init__(self, field_type: GraphQLOutputType) -> None:
        self.non_null = isinstance(field_type, GraphQLNonNull)
        inner = field_type.of_type if isinstance(field_type, GraphQLNonNull) else field_type
        self.of: _Type | None = None
        self.name = ""
        self.enum_values: frozenset[str] | None = None
        """An enum's values in the API schema: a subgraph may answer one that is @inaccessible."""
        if isinstance(inner, GraphQLList):
            self.kind = LIST
            self.of = _Type(inner.of_type)
        elif not is_composite_type(inner):
            self.kind = LEAF
            if isinstance(inner, GraphQLEnumType):
                self.name = inner.name
                self.enum_values = frozenset(inner.values)
        else:
            self.kind = ABSTRACT if is_abstract_type(inner) else OBJECT
            self.name = inner.name


class _Field:
    __slots__ = (
        "coordinate",
        "items_non_null",
        "key",
        "kind",
        "non_null",
        "object_type",
        "selections",
        "shape",
        "type",
    )

    def __init__(
        self,
        key: str,
        kind: int,
        field_type: _Type | None,
        selections: tuple[ClientSelection, ...],
        coordinate: str,
    ) -> None:
        self.key = key
        self.type = field_type
        self.selections = selections
        self.coordinate = coordinate
        self.non_null = field_type is not None and field_type.non_null
        self.items_non_null = False
        self.object_type = ""
        self.shape: _Shape | None = None
        """For a field of one object type (or a list of them): the compiled fields of its
        selections, linked at first use so that shaping follows them without a lookup."""
        self.kind = kind
        if field_type is None:
            return
        item = field_type.of
        if field_type.kind == LEAF and field_type.enum_values is not None:
            self.kind = OTHER
        elif field_type.kind == LEAF:
            self.kind = LEAF_NON_NULL if field_type.non_null else LEAF
        elif field_type.kind == OBJECT:
            self.kind, self.object_type = OBJECT, field_type.name
        elif field_type.kind == LIST and item is not None and item.kind == OBJECT:
            self.kind, self.object_type = OBJECT_LIST, item.name
            self.items_non_null = item.non_null
        else:
            self.kind = OTHER


Builder = Callable[["Shaper", dict[str, Any], str, Path], Any]
"""Builds one response object of a shape: (shaper, fetched object, its type name, its path) → the
response object, or _INVALID (a null in a non-null field, with its error added)."""


class _Shape:
    """One selection set compiled for one runtime type: the function that builds an object of
    its fields (which it holds)."""

    __slots__ = ("build",)

    def __init__(self, fields: list[_Field]) -> None:
        self.build: Builder = _builder(fields)


def _builder(fields: list[_Field]) -> Builder:
    """A function written for these fields: one statement per leaf (most of a response) with
    its key as a constant, instead of reading each field's key and kind and branching on the
    kind for every object. Keys are response names the operation's validation allowed
    (`[_A-Za-z][_0-9A-Za-z]*`), written as literals with repr()."""
    lines = ["def build(shaper, raw, type_name, path):", "    get = raw.get", "    out = {}"]
    namespace: dict[str, Any] = {"INVALID": _INVALID, "MISSING": _MISSING}
    for index, field in enumerate(fields):
        key, name = repr(field.key), f"field{index}"
        namespace[name] = field
        if field.kind == LEAF:
            lines.append(f"    out[{key}] = get({key})")
            continue
        if field.kind == TYPENAME:
            lines.append(f"    out[{key}] = type_name")
            continue
        if field.kind == INTROSPECTION:
            lines.append(f"    out[{key}] = shaper._introspection.get({key})")
            continue
        lines += [f"    value = get({key}, MISSING)", "    if value is None or value is MISSING:"]
        if field.non_null:
            lines += [
                f"        shaper._null_error((path, {key}), {name}.coordinate, "
                "explicit=value is None)",
                "        return INVALID",
            ]
        else:
            lines.append(f"        out[{key}] = None")
        lines.append("    else:")
        if field.kind == LEAF_NON_NULL:
            lines.append(f"        out[{key}] = value")
            continue
        if field.kind == OBJECT:
            lines.append(
                f"        completed = ({name}.shape or shaper._link({name})).build(shaper, value, "
                f"{name}.object_type, (path, {key})) if type(value) is dict else INVALID"
            )
        elif field.kind == OBJECT_LIST:
            lines.append(f"        completed = shaper._object_list(value, {name}, (path, {key}))")
        else:
            lines.append(
                f"        completed = shaper._value(value, {name}.type, {name}.selections, "
                f"(path, {key}), {name})"
            )
        lines += [
            "        if completed is INVALID:",
            "            return INVALID" if field.non_null else "            completed = None",
            f"        out[{key}] = completed",
        ]
    lines.append("    return out")
    # The source is written above from the fields alone: nothing of a request's data is in it.
    exec("\n".join(lines), namespace)
    build: Builder = namespace["build"]
    return build


class ShapeCache:
    """Per plan: the compiled fields of each selection set for each runtime type."""

    def __init__(self, schema: GraphQLSchema, runtime_types: Mapping[str, frozenset[str]]) -> None:
        self.schema = schema
        self.runtime_types = runtime_types
        self._shapes: dict[tuple[int, str], _Shape] = {}

    def fields(self, selections: tuple[ClientSelection, ...], type_name: str) -> _Shape:
        cache_key = (id(selections), type_name)
        shape = self._shapes.get(cache_key)
        if shape is None:
            shape = self._shapes[cache_key] = self._compile(selections, type_name)
        return shape

    def _compile(self, selections: tuple[ClientSelection, ...], type_name: str) -> _Shape:
        named = self.schema.get_type(type_name)
        assert isinstance(named, GraphQLObjectType)
        shape: list[_Field] = []
        for key, occurrences in collect_fields(type_name, selections, self.runtime_types).items():
            name = occurrences[0].name
            coordinate = f"{type_name}.{name}"
            if name == "__typename":
                shape.append(_Field(key, TYPENAME, None, (), coordinate))
            elif name in ("__schema", "__type"):
                shape.append(_Field(key, INTROSPECTION, None, (), coordinate))
            else:
                field_type = _Type(named.fields[name].type)
                sub = merged_selections(occurrences)
                shape.append(_Field(key, OTHER, field_type, sub, coordinate))
        return _Shape(shape)


class Shaper:
    def __init__(
        self,
        cache: ShapeCache,
        errors: list[dict[str, Any]],
        explained: Set[tuple[Any, ...]] = frozenset(),
    ) -> None:
        """`explained`: client paths of fields whose nulls a path-less error already explains
        (a subgraph refused the fetch that was to bring them)."""
        self.cache = cache
        self.errors = errors
        self.explained = explained
        self._error_prefixes: set[tuple[Any, ...]] | None = None
        self._introspection: Mapping[str, Any] = {}

    def shape(
        self, plan: QueryPlan, data: dict[str, Any], introspection: Mapping[str, Any]
    ) -> dict[str, Any] | None:
        self._introspection = introspection
        root = self.cache.fields(plan.selections, plan.root_type)
        completed = root.build(self, data, plan.root_type, None)
        return None if completed is _INVALID else completed

    def _link(self, field: _Field) -> _Shape:
        """The compiled fields below a field of one object type, kept on the field."""
        field.shape = self.cache.fields(field.selections, field.object_type)
        return field.shape

    def _object_list(self, value: Any, field: _Field, path: Path) -> Any:
        """A list of objects of one concrete type: the commonest composite list."""
        if type(value) is not list:
            return _INVALID
        items: list[Any] = []
        name = field.object_type
        shape = field.shape or self._link(field)
        for index, item in enumerate(value):
            completed = shape.build(self, item, name, (path, index)) if type(item) is dict else None
            if completed is None or completed is _INVALID:
                if field.items_non_null:
                    if item is None:
                        self._null_error((path, index), field.coordinate, explicit=True)
                    return _INVALID
                completed = None
            items.append(completed)
        return items

    def _value(
        self,
        value: Any,
        field_type: _Type,
        selections: tuple[ClientSelection, ...],
        path: Path,
        field: _Field,
    ) -> Any:
        if value is None or value is _MISSING:
            if field_type.non_null:
                self._null_error(path, field.coordinate, explicit=value is None)
                return _INVALID
            return None
        kind = field_type.kind
        if kind == LEAF:
            values = field_type.enum_values
            if values is not None and not (isinstance(value, str) and value in values):
                self._invalid_value(path, field_type, field.coordinate)
                return _INVALID if field_type.non_null else None
            return value
        completed: Any
        if kind == LIST:
            item_type = field_type.of
            assert item_type is not None
            if item_type.kind == LEAF and not item_type.non_null and item_type.enum_values is None:
                completed = value
            elif item_type.kind == OBJECT and not item_type.non_null:
                completed = []
                name = item_type.name
                shape = self.cache.fields(selections, name)
                for index, item in enumerate(value):
                    if type(item) is dict:
                        item_value = shape.build(self, item, name, (path, index))
                        completed.append(None if item_value is _INVALID else item_value)
                    else:
                        completed.append(None)
            else:
                completed = []
                for index, item in enumerate(value):
                    item_value = self._value(item, item_type, selections, (path, index), field)
                    if item_value is _INVALID:
                        completed = _INVALID
                        break
                    completed.append(item_value)
        elif not isinstance(value, dict):
            completed = _INVALID if field_type.non_null else None
        else:
            type_name = field_type.name
            if kind == ABSTRACT:
                runtime = value.get("__typename")
                if not isinstance(runtime, str) or runtime not in self.cache.runtime_types.get(
                    type_name, ()
                ):
                    return _INVALID if field_type.non_null else None
                type_name = runtime
            completed = self.cache.fields(selections, type_name).build(self, value, type_name, path)
        if completed is _INVALID:
            return _INVALID if field_type.non_null else None
        return completed

    def _invalid_value(self, path: Path, leaf_type: _Type, coordinate: str) -> None:
        """A leaf value the API schema does not have (an @inaccessible enum value) is a field
        error, as a value that fails serialization is in GraphQL execution."""
        client_path = _materialise(path)
        last = client_path[-1]
        where = (
            f"field {coordinate}"
            if isinstance(last, str)
            else f"array element of type {leaf_type.name} at index {last}"
        )
        self.errors.append(
            {
                "message": f"Invalid value found for {where}.",
                "path": client_path,
                "extensions": {"code": DOWNSTREAM},
            }
        )
        if self._error_prefixes is not None:
            self._error_prefixes.update(tuple(client_path[:i]) for i in range(len(client_path) + 1))

    def _null_error(self, path: Path, coordinate: str, *, explicit: bool) -> None:
        """Explains a null in a non-null position, unless an error already does: one at or
        below this path, one about the refused fetch of this field or an ancestor, or, for a
        field the subgraphs did not send at all, one about its object (the entity failed to
        resolve there). Its code is the one of a subgraph's error without its own: the
        subgraph answered null (or no entity) where the schema promises a value."""
        client_path = _materialise(path)
        if self.explained and any(
            tuple(client_path[:i]) in self.explained for i in range(1, len(client_path) + 1)
        ):
            return
        if self._error_prefixes is None:
            self._error_prefixes = {
                tuple(e["path"][:i])
                for e in self.errors
                if "path" in e
                for i in range(len(e["path"]) + 1)
            }
        about = tuple(client_path) if explicit else tuple(client_path[:-1])
        if about in self._error_prefixes:
            return
        self.errors.append(
            {
                "message": f"Cannot return null for non-nullable field {coordinate}.",
                "path": client_path,
                "extensions": {"code": DOWNSTREAM},
            }
        )
        self._error_prefixes.add(tuple(client_path))


def _materialise(path: Path) -> list[Any]:
    keys: list[Any] = []
    while path is not None:
        path, key = path
        keys.append(key)
    keys.reverse()
    return keys
