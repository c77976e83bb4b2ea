"""CollectFields (GraphQL spec §6.3.2) over normalized selections, for one runtime type."""

from __future__ import annotations

from collections.abc import Mapping

from .operation import ClientField, ClientSelection


def collect_fields(
    type_name: str,
    selections: tuple[ClientSelection, ...],
    runtime_types: Mapping[str, frozenset[str]],
) -> dict[str, list[ClientField]]:
    """The fields an object of `type_name` gets, by response key, in response order."""
    fields: dict[str, list[ClientField]] = {}
    _collect(type_name, selections, runtime_types, fields)
    return fields


def _collect(
    type_name: str,
    selections: tuple[ClientSelection, ...],
    runtime_types: Mapping[str, frozenset[str]],
    fields: dict[str, list[ClientField]],
) -> None:
    for selection in selections:
        if isinstance(selection, ClientField):
            fields.setdefault(selection.response_key, []).append(selection)
        elif (
            selection.type_condition is None
            or selection.type_condition == type_name
            or type_name in runtime_types.get(selection.type_condition, ())
        ):
            _collect(type_name, selection.selections, runtime_types, fields)


def merged_selections(fields: list[ClientField]) -> tuple[ClientSelection, ...]:
    """The sub-selections of every occurrence of one response key, merged."""
    if len(fields) == 1:
        return fields[0].selections
    return tuple(selection for field in fields for selection in field.selections)
