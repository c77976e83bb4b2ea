"""Limits on one operation a subgraph runs: tokens, depth, aliases and estimated cost.

The gateway checks its own limits on a client's operation; every subgraph checks these on
what reaches it as well, so that a caller who reaches a service directly cannot make it do
unbounded work. They are checked after parsing and before validation (whose overlapping-
fields rule alone is quadratic in the number of fields). Depth, aliases and cost are measured
as the gateway measures them (services/common/operation_measure.py), with one addition: an
unsized list is as long as its longest list argument (`_entities(representations: …)`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    Source,
    TokenKind,
    get_operation_ast,
)
from graphql.error import GraphQLSyntaxError
from graphql.language import Lexer
from strawberry.extensions import SchemaExtension

from .integers import oversized_integer_errors
from .operation_measure import ExpandsPastLimit, Sizing, measure
from .settings import Settings


@dataclass(frozen=True)
class OperationLimits:
    """What one operation may ask of a subgraph (settings `GRAPHQL_*`)."""

    max_tokens: int
    max_depth: int
    max_aliases: int
    max_cost: int
    default_list_size: int
    timeout_s: float

    @classmethod
    def of(cls, settings: Settings) -> OperationLimits:
        return cls(
            max_tokens=settings.graphql_max_tokens,
            max_depth=settings.graphql_max_depth,
            max_aliases=settings.graphql_max_aliases,
            max_cost=settings.graphql_max_cost,
            default_list_size=settings.graphql_default_list_size,
            timeout_s=settings.graphql_timeout_s,
        )


@cache
def default_limits() -> OperationLimits:
    """The limits of the settings from the environment, for a context made without any."""
    return OperationLimits.of(Settings())


class LimitExceeded(GraphQLError):
    """An operation over one of the limits; `code` as the gateway reports the same limit."""

    def __init__(self, code: str, message: str, measured: int, limit: int) -> None:
        super().__init__(
            f"{message}; the limit is {limit}.",
            extensions={"code": code, "measured": measured, "limit": limit},
        )


class OperationLimitsExtension(SchemaExtension):
    """Refuses an operation over the limits of its context (`context.limits`)."""

    def on_parse(self) -> Iterator[None]:
        query = self.execution_context.query
        if query is not None:
            check_tokens(query, limits_of(self.execution_context.context).max_tokens)
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        operation = (
            None if document is None else get_operation_ast(document, context.operation_name)
        )
        if document is not None and (overlong := oversized_integer_errors(document)):
            # Before graphql-core's validation, whose Int parsing would fail on it in `int()`.
            raise overlong[0]
        if document is not None and operation is not None:
            check_operation(
                context.schema._schema,
                document,
                operation,
                context.variables or {},
                limits_of(context.context),
            )
        yield


def limits_of(context: Any) -> OperationLimits:
    """The context's limits (`context.limits`), or the default ones."""
    limits = getattr(context, "limits", None)
    return limits if isinstance(limits, OperationLimits) else default_limits()


def check_tokens(query: str, max_tokens: int) -> None:
    """Raises LimitExceeded past `max_tokens` tokens; stops counting there. A syntax error
    stops the count too: the parser reports it."""
    lexer = Lexer(Source(query))
    count = 0
    try:
        while lexer.advance().kind is not TokenKind.EOF:
            count += 1
            if count > max_tokens:
                raise LimitExceeded(
                    "MAX_TOKENS_LIMIT",
                    f"The operation has more than {max_tokens} tokens",
                    count,
                    max_tokens,
                )
    except GraphQLSyntaxError:
        return


def check_operation(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Mapping[str, Any],
    limits: OperationLimits,
) -> None:
    """Raises LimitExceeded for the first limit the operation is over."""
    sizing = Sizing(
        max_fields=limits.max_cost,
        default_list_size=limits.default_list_size,
        list_arguments=True,
    )
    try:
        measured = measure(schema, document, operation, variables, sizing)
    except ExpandsPastLimit as exc:
        raise LimitExceeded(
            "COST_ESTIMATED_TOO_EXPENSIVE", str(exc), exc.fields, exc.limit
        ) from exc
    checks = (
        ("MAX_DEPTH_LIMIT", f"The operation is {measured.depth} levels deep", measured.depth),
        ("MAX_ALIASES_LIMIT", f"The operation uses {measured.aliases} aliases", measured.aliases),
        (
            "COST_ESTIMATED_TOO_EXPENSIVE",
            f"The operation has an estimated cost of {measured.cost}",
            measured.cost,
        ),
    )
    maxima = (limits.max_depth, limits.max_aliases, limits.max_cost)
    for (code, message, value), limit in zip(checks, maxima, strict=True):
        if value > limit:
            raise LimitExceeded(code, message, value, limit)
