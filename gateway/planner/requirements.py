"""What a @key or @requires field set asks of an object, and how its representation reads it.

A field set can hold type conditions: `media { ... on Book { pages } ... on Movie { minutes } }`
below a field of interface or union type, or `... on Shelf { name }` at its top. As for a
client's selections, the planner works per runtime type: an object gets the fields that apply
to its type, and its representation carries exactly those beside its `__typename` (which the
receiving subgraph needs to resolve the abstract value).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from graphql import GraphQLInterfaceType, GraphQLObjectType, get_named_type, is_abstract_type

from ..supergraph import Supergraph
from ..supergraph.fieldsets import FieldSet, FieldSetSelection
from .plan import RepField


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


def planned_rep_field(
    supergraph: Supergraph, type_name: str, data_key: str, selection: FieldSetSelection
) -> RepField:
    """How a representation reads a required field planned as if a client selected it (its
    subfields under their own names, abstract ones with `__typename`)."""
    selected, by_type = _below(supergraph, type_name, selection)
    return RepField(data_key, selection.name, selected, by_type)


def _below(
    supergraph: Supergraph, type_name: str, selection: FieldSetSelection
) -> tuple[tuple[RepField, ...] | None, tuple[tuple[str, tuple[RepField, ...]], ...] | None]:
    if not selection.selections:
        return None, None
    parent = supergraph.schema.get_type(type_name)
    assert isinstance(parent, GraphQLObjectType | GraphQLInterfaceType)
    named = get_named_type(parent.fields[selection.name].type)
    runtime = supergraph.runtime_types
    if not is_abstract_type(named):
        return _fields(supergraph, named.name, selection.selections), None
    by_type = tuple(
        (runtime_type, _fields(supergraph, runtime_type, selection.selections))
        for runtime_type in sorted(runtime[named.name])
        if fields_on(runtime_type, selection.selections, runtime)
    )
    return None, by_type


def _fields(supergraph: Supergraph, type_name: str, field_set: FieldSet) -> tuple[RepField, ...]:
    return tuple(
        planned_rep_field(supergraph, type_name, selection.name, selection)
        for selection in fields_on(type_name, field_set, supergraph.runtime_types)
    )


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
