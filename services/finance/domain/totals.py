"""Totals of the grants per partner country, theme or calendar year.

Each grant stores a flat `ledger` (grant.Grant.ledger): committed (the budget in force, in
the calendar year its grant year starts; cancelled grants commit nothing), spent (recorded
expenses, by date) and disbursed (paid, by payment date), in öre of SEK. A grant counts in
full under each of its partner countries, and under each theme of its partnership, so
per-country and per-theme rows can add up to more than the whole.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from services.common.money import BUDGET_CURRENCY, Money

KINDS = ("committed", "spent", "disbursed")
UNKNOWN = "unknown"
"""The theme of a partnership without any (or not known here)."""


class TotalsGrouping(StrEnum):
    COUNTRY = "country"
    THEME = "theme"
    YEAR = "year"


@dataclass(frozen=True)
class LedgerSum:
    """The ledger's entries of one kind under one key (a country, a year or, for themes,
    a partnership id), summed."""

    key: str
    kind: str
    minor: int


@dataclass(frozen=True)
class FundingTotal:
    key: str
    committed: Money
    spent: Money
    disbursed: Money


def funding_totals(
    sums: Sequence[LedgerSum], themes: Mapping[str, Sequence[str]] | None = None
) -> list[FundingTotal]:
    """Totals by key; `themes`: each partnership's themes, when `sums` are keyed by
    partnership and the totals go by theme."""
    found: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(KINDS, 0))
    for entry in sums:
        keys = [entry.key] if themes is None else list(themes.get(entry.key, ())) or [UNKNOWN]
        for key in keys:
            found[key][entry.kind] += entry.minor
    return [
        FundingTotal(
            key,
            *(Money(minor=found[key][kind], currency=BUDGET_CURRENCY) for kind in KINDS),
        )
        for key in sorted(found)
    ]
