"""Integers from a client's operation, read without trusting their size.

Python's `int()` refuses a string of more than 4300 digits with `ValueError` (a guard against
its quadratic cost), and both the cost estimates (the gateway's and each service's) and
graphql-core's Int parsing call it on a literal's text: lengths are checked here before
anything converts a literal.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    GRAPHQL_MAX_INT,
    GRAPHQL_MIN_INT,
    DocumentNode,
    GraphQLError,
    IntValueNode,
    Visitor,
    visit,
)

MAX_INTEGER_DIGITS = 4300
"""Python's default `int(str)` limit, fixed here rather than read from the interpreter: past it
neither graphql-core nor a Python subgraph can read the literal, whatever scalar it is for."""

_INT_DIGITS = len(str(GRAPHQL_MAX_INT))
_SHOWN_DIGITS = 10


def int_literal(node: IntValueNode) -> int | None:
    """The literal's value if it is an Int (32-bit signed), else None."""
    digits = node.value.lstrip("-").lstrip("0")
    if len(digits) > _INT_DIGITS:
        return None
    return int_value(int(node.value))


def int_value(value: Any) -> int | None:
    """A variable's value if GraphQL's Int takes it (an integral number in the 32-bit signed
    range, as graphql-core coerces it), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and GRAPHQL_MIN_INT <= value <= GRAPHQL_MAX_INT:
        return value
    return None


def oversized_integer_errors(document: DocumentNode) -> list[GraphQLError]:
    """An error for each integer literal too long for any scalar to take."""
    errors: list[GraphQLError] = []

    class Find(Visitor):
        def enter_int_value(self, node: IntValueNode, *_: Any) -> None:
            digits = node.value.lstrip("-")
            if len(digits) > MAX_INTEGER_DIGITS:
                shown = node.value[: len(node.value) - len(digits) + _SHOWN_DIGITS]
                errors.append(
                    GraphQLError(
                        f"Integer value {shown}… has {len(digits)} digits; no scalar takes "
                        f"more than {MAX_INTEGER_DIGITS} (an Int is a 32-bit signed integer).",
                        node,
                    )
                )

    visit(document, Find())
    return errors
