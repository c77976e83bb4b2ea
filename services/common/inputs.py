"""One check of every GraphQL input object of every service, run as strawberry builds it from
the request (before any resolver acts): text that spoofs, dates beyond the calendar the
platform plans in, and decimals without bounds are BAD_USER_INPUT naming the field."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from strawberry.utils.str_converters import to_camel_case

from .errors import BadUserInput
from .text import refuse_spoofing

MULTILINE_FIELDS = frozenset(
    {
        "description",
        "note",
        "conditions",
        "focus",
        "purpose",
        "statement",
        "challenge",
        "solution",
        "results",
        "lessons_learned",
        "text",
        "change_project_outline",
        "abstract",
        "methods",
        "comment",
        "feedback",
        "reasons",
    }
)
"""Inputs (by Python name) that hold prose and may span lines; every other text is one line
(names, titles, codes, references)."""

EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2199, 12, 31)
"""Dates outside these are typing errors; refused, since date arithmetic (a grant's three years,
a report due two months after its year) would overflow at the calendar's ends."""

DECIMAL_DIGITS = 18
"""Decimals below 10^18 with at most 18 decimal places: amounts, rates and hours all fit."""


class CheckedInput:
    """Base of every `@strawberry.input` class: its fields are checked when it is built."""

    def __post_init__(self) -> None:
        graphql_names = {
            f.python_name: f.graphql_name or to_camel_case(f.python_name)
            for f in self.__strawberry_definition__.fields  # type: ignore[attr-defined]
        }
        for field in dataclasses.fields(self):  # type: ignore[arg-type]
            name = graphql_names.get(field.name, to_camel_case(field.name))
            check_value(getattr(self, field.name), name, multiline=field.name in MULTILINE_FIELDS)


def check_value(value: Any, field: str, *, multiline: bool = False) -> None:
    """Raises BAD_USER_INPUT naming `field` for a value (or list item) no input may hold."""
    if isinstance(value, list | tuple):
        for item in value:
            check_value(item, field, multiline=multiline)
    elif isinstance(value, str):
        refuse_spoofing(value, field, multiline=multiline)
    elif isinstance(value, datetime):
        check_date(value.date(), field)
    elif isinstance(value, date):
        check_date(value, field)
    elif isinstance(value, Decimal):
        check_decimal(value, field)


def check_date(value: date, field: str) -> date:
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise BadUserInput(
            f"{field} must be between {EARLIEST_DATE} and {LATEST_DATE}, not {value}", field=field
        )
    return value


def check_decimal(value: Decimal, field: str) -> Decimal:
    if not value.is_finite():
        raise BadUserInput(f"{field} must be a number, not {value}", field=field)
    exponent = int(value.as_tuple().exponent)  # an int for every finite decimal
    if (value and value.adjusted() >= DECIMAL_DIGITS) or exponent > DECIMAL_DIGITS:
        raise BadUserInput(f"{field} must be below 10^{DECIMAL_DIGITS}", field=field)
    if exponent < -DECIMAL_DIGITS:
        raise BadUserInput(
            f"{field} must have at most {DECIMAL_DIGITS} decimal places", field=field
        )
    return value
