"""Totals of the grants per partner country, theme or calendar year (rules in
domain.totals, the aggregation in repositories.ledger_pipeline): for staff and viewers."""

from __future__ import annotations

import strawberry

from ..domain.totals import TotalsGrouping, funding_totals
from .context import FinanceInfo, repos, require_reads_everything
from .types import check_year
from .values import FundingTotalType


async def _funding_totals(
    info: FinanceInfo, group_by: TotalsGrouping, year: int | None = None
) -> list[FundingTotalType]:
    require_reads_everything(info)
    stores = repos(info)
    sums = await stores.ledger_sums(group_by, None if year is None else check_year(year, "year"))
    by_theme = group_by is TotalsGrouping.THEME
    themes = await stores.themes_of([s.key for s in sums]) if by_theme else None
    return [FundingTotalType.of(t) for t in funding_totals(sums, themes)]


@strawberry.type
class TotalsQueries:
    funding_totals: list[FundingTotalType] = strawberry.field(
        resolver=_funding_totals,
        description="Grants' money per partner country, theme or calendar year",
    )
