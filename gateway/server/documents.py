"""Parsing documents (through an LRU cache keyed by the text) and picking the operation."""

from __future__ import annotations

from functools import lru_cache

from graphql import DocumentNode, GraphQLSyntaxError, OperationDefinitionNode, parse

from .errors import RequestError


class DocumentCache:
    def __init__(self, size: int) -> None:
        self._parse = lru_cache(maxsize=size)(parse)

    def parse(self, query: str) -> DocumentNode:
        try:
            return self._parse(query)
        except GraphQLSyntaxError as exc:
            locations = [{"line": loc.line, "column": loc.column} for loc in exc.locations or []]
            raise RequestError(
                400, exc.message, "GRAPHQL_PARSE_FAILED", locations=locations
            ) from exc


def select_operation(document: DocumentNode, name: str | None) -> OperationDefinitionNode:
    """The operation to run, with graphql-js's messages when there is none to pick."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name is not None:
        for operation in operations:
            if operation.name is not None and operation.name.value == name:
                return operation
        raise _unresolved(f'Unknown operation named "{name}".')
    if len(operations) == 1:
        return operations[0]
    if not operations:
        raise _unresolved("Must provide an operation.")
    raise _unresolved("Must provide operation name if query contains multiple operations.")


def _unresolved(message: str) -> RequestError:
    return RequestError(400, message, "OPERATION_RESOLUTION_FAILURE")
