"""The response keys a client's operation uses at every response path.

Every fetch's data merges into one tree, so a key means one field at a path. Known before
planning, the client's keys let a field the planner adds (for a key or a @requires) take an
alias wherever the client uses its name for another field, whichever is planned first.
"""

from __future__ import annotations

from graphql import (
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    get_named_type,
)

from .operation import ClientFragment, ClientSelection
from .plan import LIST

KeysAt = dict[tuple[str, ...], dict[str, tuple[str, str]]]
"""Response path → response key → (field name, arguments)."""


def client_keys_by_path(
    schema: GraphQLSchema, root_type: str, selections: tuple[ClientSelection, ...]
) -> KeysAt:
    keys: KeysAt = {}
    _walk(schema, root_type, selections, (), keys)
    return keys


def _walk(
    schema: GraphQLSchema,
    type_name: str,
    selections: tuple[ClientSelection, ...],
    path: tuple[str, ...],
    keys: KeysAt,
) -> None:
    parent = schema.get_type(type_name)
    for selection in selections:
        if isinstance(selection, ClientFragment):
            condition = selection.type_condition or type_name
            _walk(schema, condition, selection.selections, path, keys)
            continue
        at_path = keys.setdefault(path, {})
        at_path.setdefault(selection.response_key, (selection.name, selection.arguments))
        if not selection.selections or not isinstance(
            parent, GraphQLObjectType | GraphQLInterfaceType
        ):
            continue
        definition = parent.fields.get(selection.name)
        if definition is None:
            continue
        below = path + (selection.response_key,) + (LIST,) * list_depth(definition.type)
        _walk(schema, get_named_type(definition.type).name, selection.selections, below, keys)


def list_depth(field_type: GraphQLOutputType) -> int:
    """How many lists a field's values are nested in (`[[A]!]` → 2)."""
    depth = 0
    while isinstance(field_type, GraphQLNonNull | GraphQLList):
        if isinstance(field_type, GraphQLList):
            depth += 1
        field_type = field_type.of_type
    return depth
