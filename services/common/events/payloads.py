"""Event data built from what it describes: a field is the source's attribute of that name.

A contract's payload mostly repeats its aggregate's fields; a command names only the fields
that differ (derived, renamed or nested), so adding a field to both is one change, not three.
"""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel

from ..money import Money

P = TypeVar("P", bound=BaseModel)


def payload(schema: type[P], source: object, **given: object) -> P:
    """`schema`'s data about `source`: the fields `given`, every other one read from the
    attribute of `source` of the same name (validation turns enums into their values and
    tuples into lists, as the wire has them)."""
    read = {name: getattr(source, name) for name in schema.model_fields if name not in given}
    return schema.model_validate({**read, **given})


def amount_fields(amount: Money) -> dict[str, object]:
    """An amount as event data carries it: `amount_minor` and `currency`."""
    return {"amount_minor": amount.minor, "currency": amount.currency}
