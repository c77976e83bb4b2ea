"""Totals of the grants per partner country, theme or calendar year (an aggregation).

Each grant stores a flat `ledger` (domain.grant.Grant.ledger): committed (the budget in
force, in the calendar year its grant year starts; cancelled grants commit nothing), spent
(recorded expenses, by date) and disbursed (paid, by payment date), in öre of SEK. The
pipeline unwinds it and sums per key and kind. A grant counts in full under each of its
partner countries, and under each theme of its partnership (the themes come from the local
projection), so per-country and per-theme rows can add up to more than the whole.

The pipeline flattens with `$project` before `$group` and groups by one string: plain
MongoDB that the embedded server (which neither reads nested paths in `$group` after an
`$unwind` nor evaluates compound `_id` documents) answers alike.
"""

from __future__ import annotations

from collections import defaultdict
from enum import StrEnum
from typing import Any

import strawberry

from services.common.errors import Forbidden
from services.common.money import BUDGET_CURRENCY, Money, MoneyType

from ..repositories import Repositories
from .context import FinanceInfo, caller, reads_everything, repos
from .types import check_year

KINDS = ("committed", "spent", "disbursed")
UNKNOWN = "unknown"


class TotalsGrouping(StrEnum):
    COUNTRY = "country"
    THEME = "theme"
    YEAR = "year"


strawberry.enum(TotalsGrouping, name="FundingTotalsGrouping")


@strawberry.type(name="FundingTotal", description="Grants' money under one key, in SEK")
class FundingTotalType:
    key: str = strawberry.field(
        description="A partner country (ISO 3166-1), a theme or a calendar year"
    )
    committed: MoneyType = strawberry.field(description="Budgets in force")
    spent: MoneyType = strawberry.field(description="Recorded expenses")
    disbursed: MoneyType = strawberry.field(description="Paid disbursements")


def pipeline(by: TotalsGrouping, year: int | None) -> list[dict[str, Any]]:
    stages: list[dict[str, Any]] = []
    if by is TotalsGrouping.COUNTRY:
        stages.append({"$unwind": "$partner_countries"})
    stages.append({"$unwind": "$ledger"})
    if year is not None:
        stages.append({"$match": {"ledger.year": year}})
    key: Any = {
        TotalsGrouping.COUNTRY: "$partner_countries",
        TotalsGrouping.THEME: "$partnership_id",
        TotalsGrouping.YEAR: {"$toString": "$ledger.year"},
    }[by]
    stages.append({"$project": {"k": {"$concat": [key, "|", "$ledger.kind"]},
                                "m": "$ledger.minor"}})  # fmt: skip
    stages.append({"$group": {"_id": "$k", "t": {"$sum": "$m"}}})
    return stages


async def funding_totals(
    stores: Repositories, by: TotalsGrouping, year: int | None
) -> list[FundingTotalType]:
    sums: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(KINDS, 0))
    cursor = await stores.grants.collection.aggregate(pipeline(by, year))
    rows = [(str(doc["_id"]).rpartition("|"), int(doc["t"] or 0)) async for doc in cursor]
    if by is TotalsGrouping.THEME:
        views = await stores.partnerships.get_many([key for (key, _, _), _ in rows])
        for (partnership_id, _, kind), total in rows:
            view = views.get(partnership_id)
            for theme in view.themes if view is not None and view.themes else [UNKNOWN]:
                sums[theme][kind] += total
    else:
        for (key, _, kind), total in rows:
            sums[key][kind] += total
    return [
        FundingTotalType(
            key=key,
            **{
                kind: MoneyType.of(Money(minor=sums[key][kind], currency=BUDGET_CURRENCY))
                for kind in KINDS
            },
        )
        for key in sorted(sums)
    ]


async def _funding_totals(
    info: FinanceInfo, group_by: TotalsGrouping, year: int | None = None
) -> list[FundingTotalType]:
    if not reads_everything(caller(info)):
        raise Forbidden("totals across partnerships are for staff and viewers")
    return await funding_totals(
        repos(info), group_by, None if year is None else check_year(year, "year")
    )


@strawberry.type
class TotalsQueries:
    funding_totals: list[FundingTotalType] = strawberry.field(
        resolver=_funding_totals,
        description="Grants' money per partner country, theme or calendar year",
    )
