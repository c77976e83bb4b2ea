"""Codes for the errors of a request refused before it runs: unparsable, invalid against the
schema, or with a variable its type cannot take. They are the client's to see and fix."""

from __future__ import annotations

from graphql import GraphQLError, GraphQLSyntaxError, VariableDefinitionNode
from strawberry.exceptions import StrawberryInputCoercionError

REQUEST_ERROR_CAUSES = (GraphQLError, StrawberryInputCoercionError, ValueError, TypeError)
"""What graphql-core and strawberry keep as the cause of a refused value: a scalar's own
refusal, or Python's (e.g. `int()` of a literal over 4 300 digits)."""


def request_error_code(error: GraphQLError) -> str | None:
    """`GRAPHQL_PARSE_FAILED`, `BAD_USER_INPUT` (a variable) or `GRAPHQL_VALIDATION_FAILED`
    for an error of the request itself; None for an error raised while it ran."""
    if isinstance(error, GraphQLSyntaxError):
        return "GRAPHQL_PARSE_FAILED"
    if error.path is not None:
        return None
    cause = error.original_error
    if cause is not None and not isinstance(cause, REQUEST_ERROR_CAUSES):
        return None
    if any(isinstance(node, VariableDefinitionNode) for node in error.nodes or ()):
        return "BAD_USER_INPUT"
    if cause is None or error.nodes:
        return "GRAPHQL_VALIDATION_FAILED"
    return None


def coded(error: GraphQLError, code: str) -> GraphQLError:
    """`error` as the client sees it: its message, its place and `code`; the cause stays in
    the server's log."""
    return GraphQLError(
        error.message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions={**(error.extensions or {}), "code": code},
    )
