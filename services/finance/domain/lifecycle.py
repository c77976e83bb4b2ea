"""A grant's life: opened from a decision, agreed, revised, suspended, finalised, closed.

- **Agreement** (officers): fixes the period — from a start day within a year of the
  decision, for the decided number of months — and moves the grant from the pipeline to
  implementation. Visits already completed inside the period that waited for a grant are
  drafted then.
- **Revision** (officers): a new budget version (IATI BudgetType 2) held to the same rules
  as the original: eligible categories, years of the grant, the cap. It keeps a line for
  every category and year that has expenses, leaves the years whose report is with ICLD or
  approved as they are, and never falls below what has been disbursed.
- **Status** (officers): suspend and resume, finalise, close, cancel. A grant closes once
  nothing is open: no draft expense, every report approved (at least the years that have
  expenses), every disbursement paid. Only a grant in the pipeline (nothing agreed, nothing
  spent) can be cancelled.
- **A partnership closed** moves its grants that are not closed or cancelled yet to
  finalisation (IATI 3), a pipeline grant too: officers then close or cancel it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from services.common.errors import BadUserInput
from services.common.money import BUDGET_CURRENCY, money
from services.common.status_transitions import require_transition
from services.common.validation import clean_text
from services.common.vocabulary import CostCategory

from . import SYSTEM_ACTOR, NothingToApply
from .expenses import NotCovered, VisitRecord, add_visit_drafts
from .facts import GrantChange, GrantFact, GrantOpened, GrantRevised, GrantStatusChanged
from .grant import (
    OPEN_STATUSES,
    Budget,
    BudgetLine,
    BudgetType,
    DisbursementStatus,
    ExpenseStatus,
    Grant,
    GrantStatus,
    ReportStatus,
    period_end,
)
from .rules import BudgetRules, budget_breaches

MAX_START_SHIFT = timedelta(days=366)
"""An agreement starts within a year of the decision (either side)."""

STATUS_TRANSITIONS: Mapping[GrantStatus, frozenset[GrantStatus]] = {
    # pipeline → implementation is the agreement (agreeGrant), with its period.
    GrantStatus.PIPELINE: frozenset({GrantStatus.CANCELLED}),
    GrantStatus.IMPLEMENTATION: frozenset({GrantStatus.SUSPENDED, GrantStatus.FINALISATION}),
    GrantStatus.SUSPENDED: frozenset({GrantStatus.IMPLEMENTATION, GrantStatus.FINALISATION}),
    GrantStatus.FINALISATION: frozenset({GrantStatus.CLOSED}),
    GrantStatus.CLOSED: frozenset(),
    GrantStatus.CANCELLED: frozenset(),
}
NOTE_REQUIRED = frozenset({GrantStatus.SUSPENDED, GrantStatus.CANCELLED})
REVISABLE = frozenset(
    {
        GrantStatus.PIPELINE,
        GrantStatus.IMPLEMENTATION,
        GrantStatus.SUSPENDED,
        GrantStatus.FINALISATION,
    }
)


@dataclass(frozen=True)
class ProposedLine:
    """A budget line as entered, its amount not checked yet."""

    year: int
    category: CostCategory
    amount: Decimal
    currency: str


def budget_lines(lines: Sequence[ProposedLine], field: str) -> list[BudgetLine]:
    """The lines of a budget: each an amount above zero in SEK, exact to the öre."""
    checked = []
    for i, line in enumerate(lines):
        where = f"{field}[{i}]"
        amount = money(line.amount, line.currency, f"{where}.amount")
        if amount.currency != BUDGET_CURRENCY:
            raise BadUserInput(
                f"budgets are in {BUDGET_CURRENCY}, not {amount.currency}",
                field=f"{where}.amount.currency",
            )
        if amount.minor <= 0:
            raise BadUserInput("a budget line is above zero", field=f"{where}.amount")
        checked.append(BudgetLine(year=line.year, category=line.category, amount=amount))
    return checked


def _move(grant: Grant, to_status: GrantStatus, actor: str, note: str | None) -> GrantFact:
    from_status = grant.status
    grant.status = to_status
    grant.record(
        actor, "status changed", from_status=from_status.value, to_status=to_status.value,
        note=note,
    )  # fmt: skip
    return GrantStatusChanged(from_status=from_status, to_status=to_status, note=note)


def opened(partnership_closed: bool) -> GrantChange:
    """Opens a grant just created by `from_decision` (version 1); a grant that exists
    already (another delivery of the decision) is left alone."""

    def apply(grant: Grant) -> Sequence[GrantFact]:
        if grant.version != 1:
            raise NothingToApply
        grant.record(
            SYSTEM_ACTOR,
            "opened",
            to_status=grant.status.value,
            note="; ".join(grant.budget_breaches) or None,
        )
        facts: list[GrantFact] = [GrantOpened(grant=grant.model_copy(deep=True))]
        if partnership_closed:
            facts.append(_move(grant, GrantStatus.FINALISATION, SYSTEM_ACTOR, "partnership closed"))
        return facts

    return apply


def finalise_for_closed_partnership() -> GrantChange:
    def apply(grant: Grant) -> Sequence[GrantFact]:
        if grant.status not in OPEN_STATUSES:
            raise NothingToApply
        return [_move(grant, GrantStatus.FINALISATION, SYSTEM_ACTOR, "partnership closed")]

    return apply


def agree(
    actor: str, starts_on: date, waiting: Sequence[VisitRecord], drafted: frozenset[str]
) -> GrantChange:
    """`waiting`: the partnership's visits without a grant; `drafted`: visit ids that other
    grants of the partnership have drafted."""

    def apply(grant: Grant) -> Sequence[GrantFact]:
        if grant.status is not GrantStatus.PIPELINE:
            raise BadUserInput(
                f"the grant is {grant.status.value}: only a grant in the pipeline is agreed",
                field="status",
            )
        if grant.budget_breaches:
            raise BadUserInput(
                "the decided budget breaks the budget rules: revise it first ("
                + "; ".join(grant.budget_breaches)
                + ")",
                field="budget",
            )
        if abs(starts_on - grant.decided_on) > MAX_START_SHIFT:
            raise BadUserInput(
                f"the grant starts within a year of its decision ({grant.decided_on.isoformat()})",
                field="startsOn",
            )
        grant.starts_on = starts_on
        grant.ends_on = period_end(starts_on, grant.duration_months)
        moved = _move(
            grant,
            GrantStatus.IMPLEMENTATION,
            actor,
            f"agreed for {starts_on.isoformat()} – {grant.ends_on.isoformat()}",
        )
        for visit in sorted(waiting, key=lambda v: (v.starts_on, v.visit_id)):
            if visit.visit_id not in drafted:
                try:
                    add_visit_drafts(grant, visit, actor)
                except NotCovered:
                    continue
        return [moved]

    return apply


def revise(
    actor: str, lines: Sequence[BudgetLine], note: str, rules: BudgetRules | None
) -> GrantChange:
    reason = clean_text(note, "note", max_length=2000)
    if not lines:
        raise BadUserInput("a budget has at least one line", field="lines")
    seen: dict[tuple[int, str], int] = {}
    for i, line in enumerate(lines):
        key = (line.year, line.category.value)
        if key in seen:
            raise BadUserInput(
                f"year {line.year} has two lines for {line.category.value}",
                field=f"lines[{i}].category",
            )
        seen[key] = i

    def apply(grant: Grant) -> Sequence[GrantFact]:
        if grant.status not in REVISABLE:
            raise BadUserInput(f"the grant is {grant.status.value}", field="status")
        breaches = budget_breaches(
            lines,
            rules=rules,
            grant_type=grant.type,
            region=grant.region,
            kind=grant.cap_kind,
            years=grant.years,
            field="lines",
        )
        if breaches:
            raise breaches[0].error()
        for expense in grant.expenses:
            if expense.status is ExpenseStatus.WITHDRAWN:
                continue
            if (expense.year, expense.category.value) not in seen:
                raise BadUserInput(
                    f"year {expense.year} has {expense.category.value} expenses: the line stays",
                    field="lines",
                    year=expense.year,
                    category=expense.category.value,
                )
        for report in grant.reports:
            year = report.accounting_year
            if grant.locked(year) is None:
                continue
            before = sorted((x.category.value, x.amount.minor) for x in grant.budget.lines
                            if x.year == year)  # fmt: skip
            after = sorted((x.category.value, x.amount.minor) for x in lines if x.year == year)
            if before != after:
                raise BadUserInput(
                    f"the report for year {year} is {report.status.value}: its lines stay as"
                    " they are",
                    field="lines",
                    year=year,
                )
        budget = Budget(
            number=grant.budget.number + 1,
            type=BudgetType.REVISED,
            lines=list(lines),
            adopted_at=datetime.now(UTC),
            adopted_by=actor,
            note=reason,
        )
        if budget.total.minor < grant.committed_disbursements.minor:
            raise BadUserInput(
                f"the budget ({budget.total.amount} SEK) is below what has been disbursed"
                f" ({grant.committed_disbursements.amount} SEK)",
                field="lines",
            )
        grant.budgets = [*grant.budgets, budget]
        grant.budget_breaches = []
        grant.record(actor, "budget revised", note=f"version {budget.number}: {reason}")
        return [GrantRevised()]

    return apply


def _closing_gaps(grant: Grant) -> list[str]:
    gaps = []
    drafts = [e for e in grant.expenses if e.status is ExpenseStatus.DRAFT]
    if drafts:
        gaps.append(f"{len(drafts)} draft expense(s)")
    for report in grant.reports:
        if report.status is not ReportStatus.APPROVED:
            gaps.append(f"the report for year {report.accounting_year} is {report.status.value}")
    spent_years = sorted({e.year for e in grant.recorded_expenses})
    for year in spent_years:
        if grant.report_of_year(year) is None:
            gaps.append(f"year {year} has expenses and no report")
    unpaid = [d for d in grant.disbursements if d.status is not DisbursementStatus.PAID]
    if unpaid:
        gaps.append(f"{len(unpaid)} disbursement(s) not paid")
    return gaps


def change_status(actor: str, to_status: GrantStatus, note: str | None) -> GrantChange:
    reason = clean_text(note, "note", max_length=2000, required=False) if note else None
    if to_status in NOTE_REQUIRED and not reason:
        raise BadUserInput(f"a grant is {to_status.value} with a note saying why", field="note")

    def apply(grant: Grant) -> Sequence[GrantFact]:
        hint = " (agree it: agreeGrant)" if to_status is GrantStatus.IMPLEMENTATION else ""
        require_transition("grant", grant.status, to_status, STATUS_TRANSITIONS, hint=hint)
        if to_status is GrantStatus.CLOSED:
            gaps = _closing_gaps(grant)
            if gaps:
                raise BadUserInput(
                    "the grant closes once nothing is open: " + "; ".join(gaps),
                    field="status",
                    open=gaps,
                )
        return [_move(grant, to_status, actor, reason)]

    return apply
