"""Introspection answered from the API schema: the root fields __schema and __type
(selected directly on the operation, as introspection queries do)."""

from __future__ import annotations

from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    GraphQLSchema,
    OperationDefinitionNode,
    SelectionSetNode,
    execute_sync,
)

from .errors import graphql_error
from .prepared import PreparedOperation

_ROOT_FIELDS = ("__schema", "__type")


def introspect(
    schema: GraphQLSchema, prepared: PreparedOperation, variables: dict[str, Any]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The introspection root fields' results by response key, and their errors."""
    operation = prepared.operation
    selection_set = SelectionSetNode(
        selections=tuple(
            node
            for node in operation.selection_set.selections
            if isinstance(node, FieldNode) and node.name.value in _ROOT_FIELDS
        )
    )
    only = OperationDefinitionNode(
        operation=operation.operation,
        name=operation.name,
        variable_definitions=operation.variable_definitions,
        directives=operation.directives,
        selection_set=selection_set,
    )
    document = DocumentNode(definitions=(only, *prepared.fragments.values()))
    result = execute_sync(schema, document, variable_values=variables)
    errors = [graphql_error(e, "INTERNAL_SERVER_ERROR") for e in result.errors or ()]
    return result.data or {}, errors
