"""Builds the client's response from the merged subgraph data, as GraphQL execution would:
fields in the order the operation asks for them (CollectFields per runtime type), aliases,
`__typename`, and null propagation from a null non-null field to its nearest nullable parent.

This replaces re-executing the operation with graphql-core over the fetched data: it walks
the data once with per-plan caches of collected fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import (
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

_INVALID = object()
"""A null that must propagate to the parent (it landed in a non-null position)."""
_MISSING = object()

Entry = tuple[str, str, "GraphQLOutputType | None", tuple[ClientSelection, ...]]
Path = tuple[Any, ...] | None
"""A linked path: (parent path, key), materialised only for errors."""


class ShapeCache:
    """Per plan: the collected fields of each selection set for each runtime type."""

    def __init__(self, schema: GraphQLSchema, runtime_types: Mapping[str, frozenset[str]]) -> None:
        self.schema = schema
        self.runtime_types = runtime_types
        self.entries: dict[tuple[int, str], list[Entry]] = {}

    def fields(self, selections: tuple[ClientSelection, ...], type_name: str) -> list[Entry]:
        cache_key = (id(selections), type_name)
        entries = self.entries.get(cache_key)
        if entries is None:
            named = self.schema.get_type(type_name)
            assert isinstance(named, GraphQLObjectType)
            entries = []
            for key, occurrences in collect_fields(
                type_name, selections, self.runtime_types
            ).items():
                name = occurrences[0].name
                definition = named.fields.get(name)
                entries.append(
                    (
                        key,
                        name,
                        definition.type if definition is not None else None,
                        merged_selections(occurrences),
                    )
                )
            self.entries[cache_key] = entries
        return entries


class Shaper:
    def __init__(
        self,
        cache: ShapeCache,
        errors: list[dict[str, Any]],
    ) -> None:
        self.cache = cache
        self.errors = errors
        self._error_prefixes: set[tuple[Any, ...]] | None = None

    def shape(
        self, plan: QueryPlan, data: dict[str, Any], introspection: Mapping[str, Any]
    ) -> dict[str, Any] | None:
        out: dict[str, Any] = {}
        for key, name, field_type, selections in self.cache.fields(plan.selections, plan.root_type):
            if name == "__typename":
                out[key] = plan.root_type
            elif name in ("__schema", "__type"):
                out[key] = introspection.get(key)
            else:
                assert field_type is not None
                value = self._value(
                    data.get(key, _MISSING),
                    field_type,
                    selections,
                    (None, key),
                    (plan.root_type, name),
                )
                if value is _INVALID:
                    return None
                out[key] = value
        return out

    def _object(
        self,
        raw: dict[str, Any],
        type_name: str,
        selections: tuple[ClientSelection, ...],
        path: Path,
    ) -> Any:
        out: dict[str, Any] = {}
        for key, name, field_type, sub in self.cache.fields(selections, type_name):
            if name == "__typename":
                out[key] = type_name
                continue
            assert field_type is not None
            value = self._value(
                raw.get(key, _MISSING), field_type, sub, (path, key), (type_name, name)
            )
            if value is _INVALID:
                return _INVALID
            out[key] = value
        return out

    def _value(
        self,
        value: Any,
        field_type: GraphQLOutputType,
        selections: tuple[ClientSelection, ...],
        path: Path,
        coordinate: tuple[str, str],
    ) -> Any:
        if isinstance(field_type, GraphQLNonNull):
            if value is None or value is _MISSING:
                self._null_error(path, coordinate, explicit=value is None)
                return _INVALID
            completed = self._value(value, field_type.of_type, selections, path, coordinate)
            return _INVALID if completed is None or completed is _INVALID else completed
        if value is None or value is _MISSING:
            return None
        if isinstance(field_type, GraphQLList):
            items = []
            inner = field_type.of_type
            for index, item in enumerate(value):
                completed = self._value(item, inner, selections, (path, index), coordinate)
                if completed is _INVALID:
                    return None
                items.append(completed)
            return items
        if not is_composite_type(field_type):
            return value
        if not isinstance(value, dict):
            return None
        type_name: str = field_type.name
        if is_abstract_type(field_type):
            runtime = value.get("__typename")
            if not isinstance(runtime, str) or runtime not in self.cache.runtime_types.get(
                type_name, ()
            ):
                return None
            type_name = runtime
        completed = self._object(value, type_name, selections, path)
        return None if completed is _INVALID else completed

    def _null_error(self, path: Path, coordinate: tuple[str, str], *, explicit: bool) -> None:
        """Explains a null in a non-null position, unless an error already does: one at or
        below this path, or, for a field the subgraphs did not send at all, one about its
        object (the entity failed to resolve there)."""
        client_path = _materialise(path)
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
                "message": f"Cannot return null for non-nullable field "
                f"{coordinate[0]}.{coordinate[1]}.",
                "path": client_path,
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
