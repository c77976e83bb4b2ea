"""Readings of grants: one grant's budget against its actuals, and a partnership's grants in
sum."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from services.common.money import BUDGET_CURRENCY, Money
from services.common.vocabulary import CostCategory

from .expenses import GRANT_PRIORITY, UnfundedVisit
from .grant import ExpenseStatus, Grant, GrantStatus, total_of


@dataclass(frozen=True)
class BudgetVsActualsRow:
    year: int
    category: CostCategory
    budget: Money
    actual: Money
    """Recorded expenses, in SEK."""
    drafts: int
    """Draft expenses still to complete."""


@dataclass(frozen=True)
class BudgetVsActuals:
    rows: list[BudgetVsActualsRow]
    budget: Money
    actual: Money


def budget_vs_actuals(
    grant: Grant, year: int | None, category: CostCategory | None
) -> BudgetVsActuals:
    """By year and category of the budget in force (with any recorded outside it)."""
    keys = {(line.year, line.category) for line in grant.budget.lines}
    keys |= {(e.year, e.category) for e in grant.recorded_expenses}
    rows = []
    for y, c in sorted(keys, key=lambda k: (k[0], k[1].value)):
        if (year is not None and y != year) or (category is not None and c != category):
            continue
        line = grant.line(y, c)
        planned = line.amount if line is not None else Money(minor=0, currency=BUDGET_CURRENCY)
        drafts = sum(
            1 for e in grant.expenses
            if e.status is ExpenseStatus.DRAFT and (e.year, e.category) == (y, c)
        )  # fmt: skip
        rows.append(BudgetVsActualsRow(y, c, planned, grant.actual(y, c), drafts))
    return BudgetVsActuals(
        rows=rows,
        budget=total_of(r.budget for r in rows),
        actual=total_of(r.actual for r in rows),
    )


@dataclass(frozen=True)
class PartnershipFunding:
    """A partnership's grants in sum, in SEK."""

    approved: Money
    """Budgets in force (cancelled grants aside)."""
    spent: Money
    disbursed: Money
    remaining: Money
    """Approved less disbursements approved or paid."""
    grants: int
    active_grant_id: str | None
    """The grant in implementation that takes visits' travel costs first."""
    unfunded_visits: list[UnfundedVisit]
    """Completed visits waiting for a grant that no grant has drafted since."""


def partnership_funding(
    grants: Sequence[Grant], unfunded: Sequence[UnfundedVisit]
) -> PartnershipFunding:
    counted = [g for g in grants if g.status is not GrantStatus.CANCELLED]
    active = sorted(
        (g for g in grants if g.status is GrantStatus.IMPLEMENTATION),
        key=lambda g: (GRANT_PRIORITY[g.type], g.starts_on, g.id),
    )
    drafted = {v for g in grants for v in g.drafted_visit_ids}
    return PartnershipFunding(
        approved=total_of(g.approved for g in counted),
        spent=total_of(g.spent for g in grants),
        disbursed=total_of(g.disbursed for g in grants),
        remaining=total_of(g.remaining for g in counted),
        grants=len(grants),
        active_grant_id=active[0].id if active else None,
        unfunded_visits=[u for u in unfunded if u.visit.visit_id not in drafted],
    )
