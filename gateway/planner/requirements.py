"""What a @key or @requires field set asks of an object, and how its representation reads it.

A field set can hold type conditions: `media { ... on Book { pages } ... on Movie { minutes } }`
below a field of interface or union type, or `... on Shelf { name }` at its top. As for a
client's selections, the planner works per runtime type: an object gets the fields that apply
to its type, and its representation carries exactly those beside its `__typename` (which the
receiving subgraph needs to resolve the abstract value).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from graphql import (
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLOutputType,
    get_named_type,
    is_abstract_type,
)

from ..supergraph import Supergraph
from ..supergraph.fieldsets import FieldSet, FieldSetSelection
from .client_keys import KeysAt, list_depth
from .collect import collect_fields, merged_selections
from .operation import ClientField, ClientFragment, ClientSelection
from .plan import LIST, RepField


def fields_on(
    type_name: str, field_set: FieldSet, runtime_types: Mapping[str, frozenset[str]]
) -> FieldSet:
    """The fields an object of `type_name` gets from the field set: its plain fields and those
    of the type conditions it matches, one selection per field and arguments."""
    merged: dict[tuple[str, tuple[tuple[str, str], ...]], FieldSetSelection] = {}
    for selection in _flattened(type_name, field_set, runtime_types):
        key = (selection.name, selection.arguments)
        existing = merged.get(key)
        merged[key] = (
            selection
            if existing is None
            else replace(existing, selections=existing.selections + selection.selections)
        )
    return tuple(merged.values())


def _flattened(
    type_name: str, field_set: FieldSet, runtime_types: Mapping[str, frozenset[str]]
) -> list[FieldSetSelection]:
    flat: list[FieldSetSelection] = []
    for selection in field_set:
        condition = selection.type_condition
        if condition is None:
            flat.append(selection)
        elif condition == type_name or type_name in runtime_types.get(condition, ()):
            flat.extend(_flattened(type_name, selection.selections, runtime_types))
    return flat


def as_client_field(
    supergraph: Supergraph,
    keys_at: KeysAt,
    fresh_alias: Callable[[str], str],
    parent: tuple[tuple[str, ...], str],
    data_key: str,
    selection: FieldSetSelection,
) -> ClientField:
    """A required field as if the client selected it, to be planned like one, under
    `data_key` at `parent` (its response path and type). Its subfields keep their names unless
    the client uses one for another field at that path: then an alias."""

    def client_field(
        parent: tuple[tuple[str, ...], str], data_key: str, selection: FieldSetSelection
    ) -> ClientField:
        path, type_name = parent
        field_type = _field_type(supergraph, type_name, selection.name)
        below = path + (data_key,) + (LIST,) * list_depth(field_type)
        return ClientField(
            response_key=data_key,
            name=selection.name,
            arguments=arguments_text(selection),
            variables=frozenset(),
            selections=client_selections(
                (below, get_named_type(field_type).name), selection.selections
            ),
        )

    def client_selections(
        parent: tuple[tuple[str, ...], str], field_set: FieldSet
    ) -> tuple[ClientSelection, ...]:
        path = parent[0]
        selections: list[ClientSelection] = []
        for selection in field_set:
            if selection.type_condition is not None:
                inner = (path, selection.type_condition)
                selections.append(
                    ClientFragment(
                        selection.type_condition, client_selections(inner, selection.selections)
                    )
                )
                continue
            used = keys_at.get(path, {}).get(selection.name)
            wanted = (selection.name, arguments_text(selection))
            key = selection.name if used in (None, wanted) else fresh_alias(selection.name)
            selections.append(client_field(parent, key, selection))
        return tuple(selections)

    return client_field(parent, data_key, selection)


def planned_rep_field(supergraph: Supergraph, type_name: str, planned: ClientField) -> RepField:
    """How a representation reads a required field planned like a client's field (`planned`,
    from `as_client_field`) on an object of `type_name`."""
    if not planned.selections:
        return RepField(planned.response_key, planned.name)
    named = get_named_type(_field_type(supergraph, type_name, planned.name))
    if not is_abstract_type(named):
        fields = _planned_fields(supergraph, named.name, planned.selections)
        return RepField(planned.response_key, planned.name, fields)
    by_type = tuple(
        (runtime_type, fields)
        for runtime_type in sorted(supergraph.runtime_types[named.name])
        if (fields := _planned_fields(supergraph, runtime_type, planned.selections))
    )
    return RepField(planned.response_key, planned.name, None, by_type)


def _planned_fields(
    supergraph: Supergraph, type_name: str, selections: tuple[ClientSelection, ...]
) -> tuple[RepField, ...]:
    fields = collect_fields(type_name, selections, supergraph.runtime_types)
    return tuple(
        planned_rep_field(
            supergraph,
            type_name,
            replace(occurrences[0], selections=merged_selections(occurrences)),
        )
        for occurrences in fields.values()
    )


def _field_type(supergraph: Supergraph, type_name: str, name: str) -> GraphQLOutputType:
    parent = supergraph.schema.get_type(type_name)
    assert isinstance(parent, GraphQLObjectType | GraphQLInterfaceType)
    definition: GraphQLField = parent.fields[name]
    return definition.type


def arguments_text(selection: FieldSetSelection) -> str:
    if not selection.arguments:
        return ""
    return "(" + ", ".join(f"{name}: {value}" for name, value in selection.arguments) + ")"


def merged_representation(
    fields: Mapping[str, RepField], more: Mapping[str, RepField]
) -> dict[str, RepField] | None:
    """Both sets of representation fields in one, or None if a field is read from different
    data (another alias: other arguments) in each."""
    merged = dict(fields)
    for name, rep_field in more.items():
        existing = merged.get(name)
        if existing is None:
            merged[name] = rep_field
            continue
        combined = _merged_rep_field(existing, rep_field)
        if combined is None:
            return None
        merged[name] = combined
    return merged


def _merged_rep_field(first: RepField, second: RepField) -> RepField | None:
    if first.data_key != second.data_key:
        return None
    if first.by_type is not None or second.by_type is not None:
        if first.by_type is None or second.by_type is None:
            return None
        by_type = dict(first.by_type)
        for runtime_type, fields in second.by_type:
            inner = _merged_fields(by_type.get(runtime_type, ()), fields)
            if inner is None:
                return None
            by_type[runtime_type] = inner
        return RepField(first.data_key, first.name, None, tuple(sorted(by_type.items())))
    if first.selection is None or second.selection is None:
        return first if first.selection == second.selection else None
    inner = _merged_fields(first.selection, second.selection)
    return None if inner is None else RepField(first.data_key, first.name, inner)


def _merged_fields(
    first: tuple[RepField, ...], second: tuple[RepField, ...]
) -> tuple[RepField, ...] | None:
    inner = merged_representation({f.name: f for f in first}, {f.name: f for f in second})
    return None if inner is None else tuple(inner.values())
