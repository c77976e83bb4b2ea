"""The grant: one document holding everything whose rules must hold together.

A grant is opened from an approved application with the approved budget. It keeps its
budget versions, its expenses, its financial reports and its disbursements in ONE
document, so that every rule that must hold under concurrent requests is checked inside
one write (the store's compare-and-swap on `_rev` serialises writers): an expense against a
line that a concurrent revision removes, a second disbursement for the same report, a
disbursement above what remains of the grant.

Status follows IATI ActivityStatus:

    1 pipeline ──agree──▶ 2 implementation ──▶ 3 finalisation ──close──▶ 4 closed
        │                     │   ▲                 ▲
        └──▶ 5 cancelled      ▼   │                 │
                          6 suspended ──────────────┘

A partnership closed moves its grants that are not yet closed or cancelled to finalisation.
"""

from __future__ import annotations

import calendar
import math
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, computed_field

from services.common.audit import Audited
from services.common.errors import BadUserInput, Conflict, NotFound
from services.common.money import BUDGET_CURRENCY, Money
from services.common.vocabulary import CostCategory

from .rules import (
    ApplicationType,
    BudgetRules,
    CapKind,
    LineLike,
    Region,
    budget_breaches,
    cap_kind_of,
    region_of,
    rules_in_force,
)

GRANT_NAMESPACE = uuid.UUID("5d6f2a8e-3f1c-4a53-9a0e-6c1b1c9f4e21")
APPROVED_OUTCOMES = frozenset({"approved", "approved_with_conditions"})
SWEDEN = "SE"


def grant_id_for(application_id: str) -> str:
    """The grant of an application: derived, so opening it twice is impossible by design."""
    return str(uuid.uuid5(GRANT_NAMESPACE, f"grant:{application_id}"))


def derived_id(*parts: str) -> str:
    """A deterministic id for what a reaction creates (drafts of a visit)."""
    return str(uuid.uuid5(GRANT_NAMESPACE, ":".join(parts)))


class GrantStatus(StrEnum):
    PIPELINE = "pipeline"
    IMPLEMENTATION = "implementation"
    FINALISATION = "finalisation"
    CLOSED = "closed"
    CANCELLED = "cancelled"
    SUSPENDED = "suspended"

    @property
    def iati_code(self) -> int:
        return IATI_ACTIVITY_STATUS[self]


IATI_ACTIVITY_STATUS = {
    GrantStatus.PIPELINE: 1,
    GrantStatus.IMPLEMENTATION: 2,
    GrantStatus.FINALISATION: 3,
    GrantStatus.CLOSED: 4,
    GrantStatus.CANCELLED: 5,
    GrantStatus.SUSPENDED: 6,
}
OPEN_STATUSES = frozenset({GrantStatus.PIPELINE, GrantStatus.IMPLEMENTATION, GrantStatus.SUSPENDED})
"""What a closed partnership moves to finalisation."""
BOOKABLE = frozenset({GrantStatus.IMPLEMENTATION, GrantStatus.FINALISATION})
"""Where expenses, reports and disbursements are recorded: costs of the period are still
recorded and reported during finalisation."""


class BudgetType(StrEnum):
    ORIGINAL = "original"
    REVISED = "revised"

    @property
    def iati_code(self) -> int:
        return 1 if self is BudgetType.ORIGINAL else 2


class BudgetLine(LineLike):
    """One line: a year of the grant (1–3), an eligible category, an amount in SEK."""


class Budget(BaseModel):
    model_config = ConfigDict(frozen=True)

    number: int
    """1 the original, then each revision."""
    type: BudgetType
    lines: list[BudgetLine]
    adopted_at: datetime
    adopted_by: str
    note: str | None = None

    @property
    def total(self) -> Money:
        return total_of(line.amount for line in self.lines)


class ExpenseSource(StrEnum):
    VISIT = "visit"
    WORKSHOP = "workshop"
    MANUAL = "manual"


class ExpenseStatus(StrEnum):
    DRAFT = "draft"
    """Drafted from a completed visit; the coordinator completes it with the amounts."""
    RECORDED = "recorded"
    WITHDRAWN = "withdrawn"
    """Kept for the trail, counted nowhere."""


class Expense(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    version: int = 1
    status: ExpenseStatus
    source: ExpenseSource
    source_ref: str | None = None
    """The visit or workshop id."""
    participant_id: str | None = None
    """For a visit's drafts: whose travel."""
    category: CostCategory
    incurred_on: date
    year: int
    """Year of the grant the expense falls in."""
    amount: Money | None = None
    """In local currency; None on a draft."""
    exchange_rate: str | None = None
    """SEK per unit of the local currency, a decimal string."""
    rate_date: date | None = None
    sek: Money | None = None
    """amount x rate, rounded half-to-even to the öre (services.common.money)."""
    receipt_reference: str = ""
    description: str = ""
    created_at: datetime
    created_by: str
    recorded_at: datetime | None = None
    recorded_by: str | None = None


class ReportStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    IN_CONTROL = "in_control"
    APPROVED = "approved"
    REOPENED = "reopened"


LOCKED_REPORT_STATUSES = frozenset(
    {ReportStatus.SUBMITTED, ReportStatus.IN_CONTROL, ReportStatus.APPROVED}
)
"""A year whose report is with ICLD or approved: its expenses and budget lines are fixed."""


class ReportLine(BaseModel):
    model_config = ConfigDict(frozen=True)

    category: CostCategory
    budget: Money
    actual: Money


class FinancialReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    version: int = 1
    accounting_year: int
    status: ReportStatus = ReportStatus.DRAFT
    lines: list[ReportLine] = Field(default_factory=list)
    """Budget vs actual by line, frozen at submission (live while draft or reopened)."""
    opened_at: datetime
    opened_by: str
    submitted_on: date | None = None
    approved_on: date | None = None
    approved_by: str | None = None

    @property
    def budget_total(self) -> Money:
        return total_of(line.budget for line in self.lines)

    @property
    def actual_total(self) -> Money:
        return total_of(line.actual for line in self.lines)


class DisbursementStatus(StrEnum):
    APPROVED = "approved"
    PAID = "paid"


REIMBURSEMENT = 7
"""IATI TransactionType 7: Reimbursement."""


class Payment(BaseModel):
    """Money an officer approved to pay, then recorded as paid."""

    model_config = ConfigDict(frozen=True)

    id: str
    amount: Money
    status: DisbursementStatus = DisbursementStatus.APPROVED
    approved_on: date
    approved_by: str
    paid_on: date | None = None
    paid_by: str | None = None


P = TypeVar("P", bound=Payment)


def require_made(paid_on: date, today: date) -> None:
    if paid_on > today:
        raise BadUserInput("a payment is recorded once made: the day is in the future",
                           field="paidOn")  # fmt: skip


def mark_paid(payment: P, what: str, field: str, actor: str, paid_on: date) -> P:
    """`payment` (a `what`, named by `field` in errors) as paid on `paid_on`: once, and not
    before it was approved."""
    if payment.status is DisbursementStatus.PAID:
        raise Conflict(f"the {what} is paid already", field=field)
    if paid_on < payment.approved_on:
        raise BadUserInput(
            f"the {what} was approved on {payment.approved_on.isoformat()}: it is paid on or"
            " after that day",
            field="paidOn",
        )
    return payment.model_copy(
        update={"status": DisbursementStatus.PAID, "paid_on": paid_on, "paid_by": actor}
    )


class Disbursement(Payment):
    report_id: str
    accounting_year: int
    transaction_type: int = REIMBURSEMENT


def total_of(amounts: Any) -> Money:
    total = Money(minor=0, currency=BUDGET_CURRENCY)
    for amount in amounts:
        total = total + amount
    return total


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day where it is shorter)."""
    years, month = divmod(day.month - 1 + months, 12)
    year = day.year + years
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def period_end(starts_on: date, duration_months: int) -> date:
    return add_months(starts_on, duration_months) - timedelta(days=1)


class CaseGrant(Audited):
    """What every grant holds, a partnership's or a research one: the decided case, its
    countries, its period and the versions of its budget."""

    application_id: str
    case_number: str
    countries: list[str]
    """As at the decision, Sweden included."""
    duration_months: int
    decided_on: date
    starts_on: date
    ends_on: date
    budgets: list[Budget]

    # --- derived and stored for queries (never read back) ---------------------------------

    @computed_field  # type: ignore[prop-decorator]
    @property
    def partner_countries(self) -> list[str]:
        """The countries outside Sweden (the partners abroad, the countries studied): the key
        of per-country totals."""
        return list(dict.fromkeys(c for c in self.countries if c != SWEDEN))

    @computed_field  # type: ignore[prop-decorator]
    @property
    def sort_key(self) -> str:
        return f"{self.case_number} {self.id}"

    # --- reading ----------------------------------------------------------------------------

    @property
    def budget(self) -> Budget:
        """The budget in force: the latest version."""
        return self.budgets[-1]

    @property
    def approved(self) -> Money:
        return self.budget.total

    @property
    def years(self) -> int:
        return math.ceil(self.duration_months / 12)


class Grant(CaseGrant):
    """A partnership's grant; its `starts_on` is the decision day until the agreement fixes
    the period."""

    partnership_id: str
    type: ApplicationType
    partnership_kind: str
    """bilateral, tripartite or multilateral, as at the decision."""
    region: Region
    cap_kind: CapKind
    conditions: str | None = None
    rules_valid_from: date | None
    """The budget rules the grant is held to (None: none were in force)."""
    status: GrantStatus = GrantStatus.PIPELINE
    budget_breaches: list[str] = Field(default_factory=list)
    """Rules the budget in force breaks (only ever a decided budget: a revision that breaks
    one is refused). While any remain, the grant cannot be agreed."""
    expenses: list[Expense] = Field(default_factory=list)
    reports: list[FinancialReport] = Field(default_factory=list)
    disbursements: list[Disbursement] = Field(default_factory=list)

    # --- derived and stored for queries (never read back) ---------------------------------

    @computed_field  # type: ignore[prop-decorator]
    @property
    def drafted_visit_ids(self) -> list[str]:
        return sorted({e.source_ref or "" for e in self.expenses if self.is_visit_draft(e)})

    @computed_field  # type: ignore[prop-decorator]
    @property
    def ledger(self) -> list[dict[str, Any]]:
        """Flat entries for the totals aggregation: committed (the budget in force, in the
        calendar year its grant year starts), spent (recorded expenses, by date) and
        disbursed (paid, by payment date); all in öre of SEK."""
        entries: list[dict[str, Any]] = []
        if self.status is not GrantStatus.CANCELLED:
            for line in self.budget.lines:
                start = self.year_range(line.year)[0]
                entries.append({"kind": "committed", "year": start.year,
                                "minor": line.amount.minor})  # fmt: skip
        for expense in self.recorded_expenses:
            if expense.sek is None:
                continue
            entries.append(
                {"kind": "spent", "year": expense.incurred_on.year, "minor": expense.sek.minor}
            )
        for paid in self.disbursements:
            if paid.paid_on is not None:
                entries.append(
                    {"kind": "disbursed", "year": paid.paid_on.year, "minor": paid.amount.minor}
                )
        return entries

    # --- reading ----------------------------------------------------------------------------

    @staticmethod
    def is_visit_draft(expense: Expense) -> bool:
        return expense.source is ExpenseSource.VISIT and expense.participant_id is not None

    def year_range(self, year: int) -> tuple[date, date]:
        """First and last day of a year of the grant (the last year ends with the period)."""
        first = add_months(self.starts_on, 12 * (year - 1))
        last = min(add_months(self.starts_on, 12 * year) - timedelta(days=1), self.ends_on)
        return first, last

    def year_of(self, day: date) -> int | None:
        """The year of the grant `day` falls in; None outside the period."""
        if not self.starts_on <= day <= self.ends_on:
            return None
        for year in range(1, self.years + 1):
            first, last = self.year_range(year)
            if first <= day <= last:
                return year
        return None

    def line(self, year: int, category: CostCategory) -> BudgetLine | None:
        for line in self.budget.lines:
            if (line.year, line.category) == (year, category):
                return line
        return None

    @property
    def recorded_expenses(self) -> list[Expense]:
        return [e for e in self.expenses if e.status is ExpenseStatus.RECORDED]

    def expense(self, expense_id: str) -> Expense:
        for expense in self.expenses:
            if expense.id == expense_id:
                return expense
        raise NotFound(f"the grant has no expense {expense_id!r}", field="expenseId")

    def report(self, report_id: str) -> FinancialReport:
        for report in self.reports:
            if report.id == report_id:
                return report
        raise NotFound(f"the grant has no financial report {report_id!r}", field="reportId")

    def report_of_year(self, year: int) -> FinancialReport | None:
        for report in self.reports:
            if report.accounting_year == year:
                return report
        return None

    def locked(self, year: int) -> FinancialReport | None:
        """The year's report when it fixes the year (submitted, in control or approved)."""
        report = self.report_of_year(year)
        return report if report is not None and report.status in LOCKED_REPORT_STATUSES else None

    def actual(self, year: int, category: CostCategory) -> Money:
        return total_of(
            e.sek for e in self.recorded_expenses if (e.year, e.category) == (year, category)
        )

    def live_report_lines(self, year: int) -> list[ReportLine]:
        """Budget vs actual of a year, by line of the budget in force."""
        return [
            ReportLine(
                category=line.category,
                budget=line.amount,
                actual=self.actual(year, line.category),
            )
            for line in self.budget.lines
            if line.year == year
        ]

    @property
    def committed_disbursements(self) -> Money:
        """Approved and paid disbursements: what is no longer available."""
        return total_of(d.amount for d in self.disbursements)

    @property
    def disbursed(self) -> Money:
        return total_of(d.amount for d in self.disbursements if d.paid_on is not None)

    @property
    def remaining(self) -> Money:
        """What remains of the grant: the budget in force less every disbursement."""
        return Money(
            minor=self.approved.minor - self.committed_disbursements.minor,
            currency=BUDGET_CURRENCY,
        )

    @property
    def spent(self) -> Money:
        return total_of(e.sek for e in self.recorded_expenses)


def replace(items: Sequence[Any], new: Any) -> list[Any]:
    """The list with the item of the same id replaced."""
    return [new if item.id == new.id else item for item in items]


@dataclass(frozen=True)
class DecidedLine:
    """A line of the budget ICLD granted, as the decision states it."""

    year: int
    category: str
    amount_minor: int
    currency: str


@dataclass(frozen=True)
class Decision:
    """ICLD's decision on an application: what finance needs to open its grant."""

    application_id: str
    case_number: str
    partnership_id: str
    partnership_kind: str
    countries: Sequence[str]
    type: str
    outcome: str
    conditions: str | None
    duration_months: int
    approved_budget: Sequence[DecidedLine]


def from_decision(data: Decision, decided_on: date, rules: Sequence[BudgetRules]) -> Grant:
    """The grant of an approved application, with the approved budget as its original.

    The decision is ICLD's and already taken: a decided budget that breaks the budget rules
    (partnerships does not check the caps) still opens the grant, in the pipeline, with the
    breaches listed; it cannot be agreed, nor any money spent, until a revision that keeps
    the rules is adopted.
    """
    if data.outcome not in APPROVED_OUTCOMES:
        raise ValueError(f"a {data.outcome} application has no grant")
    lines = []
    for line in data.approved_budget:
        if line.currency != BUDGET_CURRENCY:
            raise ValueError(f"an approved budget is in {BUDGET_CURRENCY}, not {line.currency}")
        lines.append(
            BudgetLine(
                year=line.year,
                category=CostCategory(line.category),
                amount=Money(minor=line.amount_minor, currency=BUDGET_CURRENCY),
            )
        )
    grant_type = ApplicationType(data.type)
    region = region_of(data.countries)
    kind = cap_kind_of(data.partnership_kind)
    in_force = rules_in_force(rules, decided_on)
    breaches = budget_breaches(
        lines,
        rules=in_force,
        grant_type=grant_type,
        region=region,
        kind=kind,
        years=math.ceil(data.duration_months / 12),
        field="budget",
    )
    now = datetime.now(UTC)
    return Grant(
        id=grant_id_for(data.application_id),
        application_id=data.application_id,
        case_number=data.case_number,
        partnership_id=data.partnership_id,
        type=grant_type,
        partnership_kind=data.partnership_kind,
        countries=list(data.countries),
        region=region,
        cap_kind=kind,
        conditions=data.conditions,
        duration_months=data.duration_months,
        decided_on=decided_on,
        rules_valid_from=None if in_force is None else in_force.valid_from,
        starts_on=decided_on,
        ends_on=period_end(decided_on, data.duration_months),
        budgets=[
            Budget(
                number=1,
                type=BudgetType.ORIGINAL,
                lines=lines,
                adopted_at=now,
                adopted_by="decision " + data.case_number,
            )
        ],
        budget_breaches=[b.message for b in breaches],
    )
