"""A client document checked once: operation picked, validated, @skip/@include found."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    get_operation_ast,
    print_ast,
    validate,
    value_from_ast_untyped,
)

from services.common.integers import oversized_integer_errors

from ..planner import Conditions, QueryPlan
from ..planner.operation import conditions_of
from .errors import graphql_error


@dataclass
class PreparedOperation:
    operation: OperationDefinitionNode
    kind: str
    fragments: dict[str, FragmentDefinitionNode]
    conditions: Conditions
    variable_definitions: dict[str, str]
    """Variable name → its definition as GraphQL text, for subgraph operations."""
    variable_defaults: dict[str, Any]
    plans: dict[tuple[tuple[bool, ...], frozenset[str]], QueryPlan] = field(default_factory=dict)
    """By @skip/@include decisions and active override labels."""


def prepare(
    schema: GraphQLSchema, document: DocumentNode, operation_name: str | None
) -> PreparedOperation | list[dict[str, Any]]:
    """The prepared operation, or the errors (in response form) that reject the document."""
    # Before validation, which would meet Python's own limit in graphql-core's Int parsing.
    errors = oversized_integer_errors(document) or validate(schema, document)
    if errors:
        return [graphql_error(e, "GRAPHQL_VALIDATION_FAILED") for e in errors]
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        message = (
            f'Unknown operation named "{operation_name}".'
            if operation_name
            else "Must provide operation name if query contains multiple operations."
        )
        return [graphql_error(GraphQLError(message), "OPERATION_RESOLUTION_FAILURE")]
    kind = operation.operation.value
    if kind == "subscription":
        return [
            graphql_error(
                GraphQLError("Subscriptions are not supported by this gateway."),
                "OPERATION_RESOLUTION_FAILURE",
            )
        ]
    fragments = {
        node.name.value: node
        for node in document.definitions
        if isinstance(node, FragmentDefinitionNode)
    }
    definitions = {
        node.variable.name.value: print_ast(node) for node in operation.variable_definitions or ()
    }
    defaults = {
        node.variable.name.value: value_from_ast_untyped(node.default_value)
        for node in operation.variable_definitions or ()
        if node.default_value is not None
    }
    return PreparedOperation(
        operation=operation,
        kind=kind,
        fragments=fragments,
        conditions=conditions_of(operation, fragments),
        variable_definitions=definitions,
        variable_defaults=defaults,
    )
