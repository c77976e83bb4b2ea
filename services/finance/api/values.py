"""Value types of the finance subgraph: output types that refer to no other type of its
graph (types.py builds on them)."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from services.common.money import BUDGET_CURRENCY, Money, MoneyType
from services.common.output_types import from_attributes

from ..domain import summary
from ..domain.expenses import UnfundedVisit
from ..domain.funding import CostLine, Funding, WorkshopBooking, totals
from ..domain.grant import (
    Budget,
    BudgetLine,
    Disbursement,
    Expense,
    FinancialReport,
    Grant,
    ReportLine,
)
from ..domain.reports import lines_of
from ..domain.rules import BudgetRules, Cap
from ..domain.summary import PartnershipFunding
from ..domain.totals import FundingTotal
from ..projection import PartnershipView
from .enums import (
    ApplicationType,
    BudgetType,
    CapKind,
    CapPeriod,
    CostCategory,
    DisbursementStatus,
    ExpenseSource,
    ExpenseStatus,
    FundingKind,
    Region,
    ReportStatus,
)


def money(value: Money) -> MoneyType:
    return MoneyType.of(value)


def difference(a: Money, b: Money) -> MoneyType:
    return MoneyType.of(Money(minor=a.minor - b.minor, currency=a.currency))


def against_budget(budget: Money, actual: Money) -> dict[str, MoneyType]:
    """The `budget`, `actual` and `variance` (budget - actual) fields."""
    return {
        "budget": money(budget),
        "actual": money(actual),
        "variance": difference(budget, actual),
    }


@strawberry.type(name="BudgetLine", description="A line of a grant's budget")
class BudgetLineType:
    year: int = strawberry.field(description="Year of the grant: 1, 2 or 3")
    category: CostCategory
    amount: MoneyType

    @classmethod
    def of(cls, line: BudgetLine) -> BudgetLineType:
        return from_attributes(cls, line, amount=money(line.amount))


@strawberry.type(name="Budget", description="A version of a grant's budget")
class BudgetObject:
    number: int = strawberry.field(description="1 the original, then each revision")
    type: BudgetType
    iati_budget_type: int
    lines: list[BudgetLineType]
    total: MoneyType
    adopted_at: datetime
    adopted_by: str
    note: str | None

    @classmethod
    def of(cls, budget: Budget) -> BudgetObject:
        return from_attributes(
            cls,
            budget,
            iati_budget_type=budget.type.iati_code,
            lines=[BudgetLineType.of(line) for line in budget.lines],
            total=money(budget.total),
        )


@strawberry.type(name="Expense")
class ExpenseType:
    id: strawberry.ID
    version: int
    status: ExpenseStatus
    source: ExpenseSource
    source_ref: str | None = strawberry.field(description="The visit or workshop id")
    participant_id: strawberry.ID | None = strawberry.field(
        description="For a visit's draft: whose travel"
    )
    category: CostCategory
    incurred_on: date
    year: int = strawberry.field(description="Year of the grant the expense falls in")
    amount: MoneyType | None = strawberry.field(description="In local currency; null on a draft")
    exchange_rate: str | None = strawberry.field(
        description="SEK per unit of the local currency, a decimal string"
    )
    rate_date: date | None
    sek_amount: MoneyType | None = strawberry.field(
        description="amount x rate, rounded half-to-even to the öre"
    )
    receipt_reference: str
    description: str
    created_at: datetime
    created_by: str
    recorded_at: datetime | None
    recorded_by: str | None

    @classmethod
    def of(cls, expense: Expense) -> ExpenseType:
        return from_attributes(
            cls,
            expense,
            amount=None if expense.amount is None else money(expense.amount),
            sek_amount=None if expense.sek is None else money(expense.sek),
        )


@strawberry.type(name="FinancialReportLine", description="Budget vs actual of one line")
class ReportLineType:
    category: CostCategory
    budget: MoneyType
    actual: MoneyType
    variance: MoneyType = strawberry.field(description="budget - actual")

    @classmethod
    def of(cls, line: ReportLine) -> ReportLineType:
        return from_attributes(cls, line, **against_budget(line.budget, line.actual))


@strawberry.type(name="FinancialReport")
class FinancialReportType:
    id: strawberry.ID
    version: int
    accounting_year: int = strawberry.field(description="Year of the grant: 1, 2 or 3")
    final: bool = strawberry.field(description="The report of the grant's last year")
    status: ReportStatus
    year_starts_on: date
    year_ends_on: date
    lines: list[ReportLineType] = strawberry.field(
        description="Budget vs actual by line; frozen from submission"
    )
    budget_total: MoneyType
    actual_total: MoneyType
    opened_at: datetime
    opened_by: str
    submitted_on: date | None
    approved_on: date | None
    approved_by: str | None

    @classmethod
    def of(cls, grant: Grant, report: FinancialReport) -> FinancialReportType:
        shown = lines_of(grant, report)
        first, last = grant.year_range(report.accounting_year)
        return from_attributes(
            cls,
            report,
            final=report.accounting_year == grant.years,
            year_starts_on=first,
            year_ends_on=last,
            lines=[ReportLineType.of(line) for line in shown.lines],
            budget_total=money(shown.budget_total),
            actual_total=money(shown.actual_total),
        )


@strawberry.type(name="Disbursement")
class DisbursementType:
    id: strawberry.ID
    report_id: strawberry.ID
    accounting_year: int
    amount: MoneyType
    status: DisbursementStatus
    approved_on: date
    approved_by: str
    paid_on: date | None
    paid_by: str | None
    iati_transaction_type: int = strawberry.field(description="7: Reimbursement")

    @classmethod
    def of(cls, disbursement: Disbursement) -> DisbursementType:
        return from_attributes(
            cls,
            disbursement,
            amount=money(disbursement.amount),
            iati_transaction_type=disbursement.transaction_type,
        )


@strawberry.type(name="BudgetVsActualsRow")
class BudgetVsActualsRow:
    year: int
    category: CostCategory
    budget: MoneyType
    actual: MoneyType = strawberry.field(description="Recorded expenses, in SEK")
    variance: MoneyType = strawberry.field(description="budget - actual")
    drafts: int = strawberry.field(description="Draft expenses still to complete")


@strawberry.type(name="BudgetVsActuals")
class BudgetVsActuals:
    rows: list[BudgetVsActualsRow]
    budget: MoneyType
    actual: MoneyType
    variance: MoneyType


def budget_vs_actuals(report: summary.BudgetVsActuals) -> BudgetVsActuals:
    return BudgetVsActuals(
        rows=[
            from_attributes(BudgetVsActualsRow, row, **against_budget(row.budget, row.actual))
            for row in report.rows
        ],
        **against_budget(report.budget, report.actual),
    )


@strawberry.type(name="BudgetCap")
class CapType:
    application_type: ApplicationType
    region: Region
    partnership_kind: CapKind
    period: CapPeriod
    amount: MoneyType
    working_hours: MoneyType | None = strawberry.field(
        description="At most this much of the amount for working hours (work input)"
    )

    @classmethod
    def of(cls, cap: Cap) -> CapType:
        return from_attributes(
            cls,
            cap,
            application_type=cap.grant_type,
            partnership_kind=cap.kind,
            amount=money(cap.amount),
            working_hours=None if cap.working_hours is None else money(cap.working_hours),
        )


@strawberry.type(name="BudgetRules", description="A version of the eligible costs and caps")
class BudgetRulesType:
    valid_from: date
    eligible_categories: list[CostCategory]
    caps: list[CapType]
    note: str
    built_in: bool

    @classmethod
    def of(cls, rules: BudgetRules, built_in: bool) -> BudgetRulesType:
        return from_attributes(
            cls, rules, caps=[CapType.of(c) for c in rules.caps], built_in=built_in
        )


# --- totals -------------------------------------------------------------------------------


@strawberry.type(name="FundingTotal", description="Grants' money under one key, in SEK")
class FundingTotalType:
    key: str = strawberry.field(
        description="A partner country (ISO 3166-1), a theme or a calendar year"
    )
    committed: MoneyType = strawberry.field(description="Budgets in force")
    spent: MoneyType = strawberry.field(description="Recorded expenses")
    disbursed: MoneyType = strawberry.field(description="Paid disbursements")

    @classmethod
    def of(cls, total: FundingTotal) -> FundingTotalType:
        return from_attributes(
            cls,
            total,
            committed=money(total.committed),
            spent=money(total.spent),
            disbursed=money(total.disbursed),
        )


# --- what finance adds to other subgraphs' entities ---------------------------------------


@strawberry.type(name="UnfundedVisit", description="A completed visit no grant took yet")
class UnfundedVisitType:
    visit_id: strawberry.ID
    starts_on: date
    ends_on: date
    host_country: str
    participants: int
    reason: str

    @classmethod
    def of(cls, unfunded: UnfundedVisit) -> UnfundedVisitType:
        visit = unfunded.visit
        return from_attributes(
            cls, visit, participants=len(visit.participant_ids), reason=unfunded.reason
        )


@strawberry.type(name="PartnershipFunding", description="A partnership's grants in sum, in SEK")
class PartnershipFundingType:
    approved: MoneyType = strawberry.field(description="Budgets in force (cancelled grants aside)")
    spent: MoneyType = strawberry.field(description="Recorded expenses")
    disbursed: MoneyType = strawberry.field(description="Paid disbursements")
    remaining: MoneyType = strawberry.field(
        description="Approved less disbursements approved or paid"
    )
    grants: int
    active_grant_id: strawberry.ID | None = strawberry.field(
        description="The grant in implementation that takes visits' travel costs first"
    )
    unfunded_visits: list[UnfundedVisitType]

    @classmethod
    def of(cls, funding: PartnershipFunding) -> PartnershipFundingType:
        return from_attributes(
            cls,
            funding,
            approved=money(funding.approved),
            spent=money(funding.spent),
            disbursed=money(funding.disbursed),
            remaining=money(funding.remaining),
            unfunded_visits=[UnfundedVisitType.of(u) for u in funding.unfunded_visits],
        )


# Not training's WorkshopCostLine: the booked line has no description (the completion event
# carries none), and a type shared across subgraphs must resolve the same fields in each.
@strawberry.type(name="BookedCostLine", description="A cost of a completed workshop as booked")
class CostLineType:
    category: CostCategory
    amount: MoneyType

    @classmethod
    def of(cls, line: CostLine) -> CostLineType:
        return from_attributes(cls, line, amount=money(line.amount))


@strawberry.type(name="WorkshopCosts", description="A completed workshop's costs as booked")
class WorkshopCostsType:
    workshop_id: strawberry.ID
    title: str
    kind: str
    city: str
    country: str
    starts_on: date
    ends_on: date
    participants: int
    network_id: strawberry.ID | None
    cohort_id: strawberry.ID | None
    programme_id: strawberry.ID | None
    funding_kind: FundingKind
    funding_id: strawberry.ID
    lines: list[CostLineType]
    totals: list[MoneyType] = strawberry.field(description="Per currency, SEK first")
    booked_at: datetime

    @classmethod
    def of(cls, funding: Funding, booking: WorkshopBooking) -> WorkshopCostsType:
        return from_attributes(
            cls,
            booking,
            funding_kind=funding.kind,
            funding_id=strawberry.ID(funding.id),
            lines=[CostLineType.of(line) for line in booking.lines],
            totals=[MoneyType.of(m) for m in totals(booking.lines)],
        )


@strawberry.type(
    name="TrainingFunding",
    description="What a network, programme or cohort has funded: its workshops' costs",
)
class TrainingFundingType:
    id: strawberry.ID
    kind: FundingKind
    ref_id: strawberry.ID
    name: str = strawberry.field(description="The network's name, from its events")
    theme: str | None
    countries: list[str]
    starts_on: date | None
    ends_on: date | None
    status: str
    workshops: list[WorkshopCostsType]
    totals: list[MoneyType] = strawberry.field(description="Per currency, SEK first")
    total_sek: MoneyType = strawberry.field(description="The costs booked in SEK")

    @classmethod
    def of(cls, funding: Funding) -> TrainingFundingType:
        sums = funding.totals
        zero = Money(minor=0, currency=BUDGET_CURRENCY)
        sek = next((m for m in sums if m.currency == BUDGET_CURRENCY), zero)
        return from_attributes(
            cls,
            funding,
            workshops=[WorkshopCostsType.of(funding, b) for b in funding.bookings],
            totals=[MoneyType.of(m) for m in sums],
            total_sek=MoneyType.of(sek),
        )


# --- diagnostics ---------------------------------------------------------------------------


@strawberry.type(
    name="FinancePartnership", description="A partnership as the finance service knows it"
)
class FinancePartnershipType:
    id: strawberry.ID
    title: str
    status: str
    kind: str
    themes: list[str]
    countries: list[str]
    organisation_ids: list[strawberry.ID]
    source_version: int
    status_version: int
    unfunded_visits: list[UnfundedVisitType]

    @classmethod
    def of(cls, view: PartnershipView) -> FinancePartnershipType:
        return from_attributes(
            cls, view, unfunded_visits=[UnfundedVisitType.of(u) for u in view.unfunded]
        )
