"""GraphQL errors in response form."""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError

INTERNAL = "INTERNAL_SERVER_ERROR"
VALIDATION = "GRAPHQL_VALIDATION_FAILED"
DOWNSTREAM = "DOWNSTREAM_SERVICE_ERROR"


def graphql_error(error: GraphQLError, code: str) -> dict[str, Any]:
    formatted: dict[str, Any] = {"message": error.message}
    if error.locations:
        formatted["locations"] = [{"line": at.line, "column": at.column} for at in error.locations]
    if error.path:
        formatted["path"] = list(error.path)
    formatted["extensions"] = {**(error.extensions or {}), "code": code}
    return formatted


def error(message: str, code: str, path: list[Any] | None = None) -> dict[str, Any]:
    formatted: dict[str, Any] = {"message": message}
    if path is not None:
        formatted["path"] = path
    formatted["extensions"] = {"code": code}
    return formatted
