"""GraphQL output types of the finance subgraph (its own entities and value types)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, TypeVar

import strawberry

from services.common.audit import AuditEntryType
from services.common.clock import clock
from services.common.errors import BadUserInput
from services.common.money import BUDGET_CURRENCY, Money, MoneyType
from services.common.output_types import audit_trail, from_attributes, load_shown
from services.common.pagination import (
    Connection,
    Edge,
    PageInfo,
    decode_cursor,
    encode_cursor,
    page_size,
)

from ..domain import summary
from ..domain.deadlines import ReportDeadline, report_deadlines
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
from ..domain.research_grant import ResearchGrant
from ..domain.rules import BudgetRules, Cap
from ..domain.summary import PartnershipFunding
from ..domain.totals import FundingTotal
from ..projection import PartnershipView
from .context import FinanceInfo, any_grant_loader, caller, grant_loader, require_read
from .enums import (
    ApplicationType,
    BudgetType,
    CapKind,
    CapPeriod,
    CostCategory,
    DeadlineStatus,
    DisbursementStatus,
    ExpenseSource,
    ExpenseStatus,
    FundingKind,
    GrantKind,
    GrantStatus,
    Region,
    ReportStatus,
)
from .research_types import ResearchTermsType

if TYPE_CHECKING:
    from .entities import ApplicationEntity, PartnershipEntity, ResearchApplicationEntity

ENTITIES = "services.finance.api.entities"

T = TypeVar("T")
N = TypeVar("N")


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


def page(
    items: Sequence[T],
    key: Callable[[T], str],
    to_node: Callable[[T], N],
    first: int | None,
    after: str | None,
    scope: str,
) -> Connection[N]:
    """A Relay connection over a list already in memory (a grant's own items); `scope` names
    the list, so that its cursors are refused by any other."""
    limit = page_size(first)
    start = 0
    if after is not None:
        [value] = decode_cursor(after, scope, 1)
        keys = [key(item) for item in items]
        if value not in keys:
            raise BadUserInput("the cursor's item is no longer in this list", field="after")
        start = keys.index(str(value)) + 1
    chunk = items[start : start + limit]
    edges = [Edge(cursor=encode_cursor([key(item)], scope), node=to_node(item)) for item in chunk]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=start + limit < len(items),
            has_previous_page=start > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=len(items),
    )


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


MIN_YEAR, MAX_YEAR = 1900, 2200


def check_year(year: int, field: str) -> int:
    """A calendar year as an argument: within bounds, or refused naming `field`."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise BadUserInput(f"year must be between {MIN_YEAR} and {MAX_YEAR}", field=field)
    return year


def as_of_day(as_of: date | None) -> date:
    """The day deadlines are judged on: `asOf`, or today."""
    if as_of is None:
        return clock.today()
    check_year(as_of.year, "asOf")
    return as_of


async def _deadline_grant(root: ReportDeadlineType, info: FinanceInfo) -> GrantObject | None:
    return await load_shown(grant_loader(info), root.grant_id, GrantObject.of)


async def _deadline_report(
    root: ReportDeadlineType, info: FinanceInfo
) -> FinancialReportType | None:
    found = None if root.report_id is None else await grant_loader(info).load(str(root.grant_id))
    report = None if found is None else found.report_of_year(root.accounting_year)
    return None if found is None or report is None else FinancialReportType.of(found, report)


@strawberry.type(
    name="ReportDeadline",
    description="A year's financial report against its deadline: due two months after the"
    " accounting year ends (a stand-in for the dates of ICLD's decision letter)",
)
class ReportDeadlineType:
    grant_id: strawberry.ID
    partnership_id: strawberry.ID
    case_number: str
    accounting_year: int = strawberry.field(description="Year of the grant: 1, 2 or 3")
    final: bool = strawberry.field(description="The report of the grant's last year")
    year_starts_on: date
    year_ends_on: date
    due_on: date
    status: DeadlineStatus = strawberry.field(
        description="UPCOMING, DUE (the year over or the deadline within 60 days), OVERDUE"
        " (the deadline passed, not submitted), SUBMITTED (with ICLD) or APPROVED"
    )
    report_id: strawberry.ID | None = strawberry.field(description="The year's report, once opened")

    grant: GrantObject | None = strawberry.field(
        resolver=_deadline_grant, description="The whole grant"
    )
    report: FinancialReportType | None = strawberry.field(
        resolver=_deadline_report, description="The year's report, once opened"
    )

    @classmethod
    def of(cls, deadline: ReportDeadline) -> ReportDeadlineType:
        return from_attributes(cls, deadline)


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


def _expenses(
    root: GrantObject,
    info: FinanceInfo,
    first: int | None = 100,
    after: str | None = None,
    status: ExpenseStatus | None = None,
    year: int | None = None,
    category: CostCategory | None = None,
) -> Connection[ExpenseType]:
    caller(info)
    expenses = [] if root.grant is None else root.grant.expenses
    items = [
        e
        for e in expenses
        if (status is None or e.status is status)
        and (year is None or e.year == year)
        and (category is None or e.category is category)
    ]
    items.sort(key=lambda e: (e.incurred_on, e.id))
    return page(items, lambda e: e.id, ExpenseType.of, first, after, "grant-expenses")


def _budget_vs_actuals(
    root: GrantObject,
    info: FinanceInfo,
    year: int | None = None,
    category: CostCategory | None = None,
) -> BudgetVsActuals:
    caller(info)
    if root.grant is None:
        return budget_vs_actuals(summary.BudgetVsActuals(rows=[], budget=zero(), actual=zero()))
    return budget_vs_actuals(summary.budget_vs_actuals(root.grant, year, category))


def _report_deadlines(
    root: GrantObject, info: FinanceInfo, as_of: date | None = None
) -> list[ReportDeadlineType]:
    caller(info)
    if root.grant is None:
        return []
    return [ReportDeadlineType.of(d) for d in report_deadlines(root.grant, as_of_day(as_of))]


def _partnership(
    root: GrantObject,
) -> Annotated[PartnershipEntity, strawberry.lazy(ENTITIES)] | None:
    from .entities import PartnershipEntity

    return None if root.partnership_id is None else PartnershipEntity(id=root.partnership_id)


def _application(
    root: GrantObject,
) -> Annotated[ApplicationEntity, strawberry.lazy(ENTITIES)] | None:
    from .entities import ApplicationEntity

    return None if root.grant is None else ApplicationEntity(id=root.application_id)


def _research_application(
    root: GrantObject,
) -> Annotated[ResearchApplicationEntity, strawberry.lazy(ENTITIES)] | None:
    from .entities import ResearchApplicationEntity

    if root.research_grant is None:
        return None
    return ResearchApplicationEntity(id=root.application_id)


def zero() -> Money:
    return Money(minor=0, currency=BUDGET_CURRENCY)


PARTNERSHIP_GRANT_ONLY = (
    "partnership_id",
    "type",
    "partnership_kind",
    "region",
    "conditions",
    "rules_valid_from",
)
"""The grant's fields that are null for a research grant."""


def _shown_alike(grant: Grant | ResearchGrant) -> dict[str, object]:
    """The fields a partnership grant and a research grant show the same way, besides the
    attributes they have alike."""
    return {
        "iati_activity_status": grant.status.iati_code,
        "original_amount": money(grant.budgets[0].total),
        "approved_amount": money(grant.approved),
        "disbursed": money(grant.disbursed),
        "remaining": money(grant.remaining),
        "budget": BudgetObject.of(grant.budget),
        "budgets": [BudgetObject.of(b) for b in grant.budgets],
        "audit_trail": audit_trail(grant.audit),
    }


@strawberry.federation.type(
    name="Grant",
    keys=["id"],
    description="A grant (a case) in SEK: a partnership's, or a research grant (`research`)",
)
class GrantObject:
    grant: strawberry.Private[Grant | None]
    """A partnership grant's aggregate (None for a research grant)."""
    research_grant: strawberry.Private[ResearchGrant | None]
    id: strawberry.ID
    kind: GrantKind
    application_id: strawberry.ID = strawberry.field(
        description="The partnership application, or the research application"
    )
    case_number: str
    partnership_id: strawberry.ID | None = strawberry.field(
        description="The partnership (null for a research grant)"
    )
    type: ApplicationType | None = strawberry.field(
        description="The partnership application's type (null for a research grant)"
    )
    status: GrantStatus
    iati_activity_status: int
    partnership_kind: str | None = strawberry.field(
        description="bilateral, tripartite or multilateral (null for a research grant)"
    )
    countries: list[str] = strawberry.field(
        description="Every organisation's (a research grant: the countries studied)"
    )
    region: Region | None = strawberry.field(description="Null for a research grant")
    conditions: str | None
    duration_months: int
    years: int
    decided_on: date
    starts_on: date
    ends_on: date
    rules_valid_from: date | None = strawberry.field(
        description="The budget rules (version) the grant is held to"
    )
    original_amount: MoneyType
    approved_amount: MoneyType = strawberry.field(description="The budget in force")
    spent: MoneyType = strawberry.field(description="Recorded expenses, in SEK")
    disbursed: MoneyType = strawberry.field(description="Paid disbursements")
    remaining: MoneyType = strawberry.field(
        description="The budget in force less every disbursement approved or paid"
    )
    budget: BudgetObject
    budgets: list[BudgetObject]
    budget_breaches: list[str] = strawberry.field(
        description="Rules the decided budget breaks; the grant is agreed once revised"
    )
    reports: list[FinancialReportType]
    disbursements: list[DisbursementType]
    version: int
    created_at: datetime
    updated_at: datetime
    audit_trail: list[AuditEntryType]

    expenses: Connection[ExpenseType] = strawberry.field(resolver=_expenses)

    partnership: Annotated[PartnershipEntity, strawberry.lazy(ENTITIES)] | None = strawberry.field(
        resolver=_partnership,
        description="The partnership (resolved by the partnerships subgraph; null for a"
        " research grant)",
    )
    application: Annotated[ApplicationEntity, strawberry.lazy(ENTITIES)] | None = strawberry.field(
        resolver=_application,
        description="The application it was decided on (null for a research grant)",
    )
    research: ResearchTermsType | None = strawberry.field(
        description="A research grant's terms and payments (null for a partnership grant)"
    )
    research_application: Annotated[ResearchApplicationEntity, strawberry.lazy(ENTITIES)] | None = (
        strawberry.field(
            resolver=_research_application,
            description="The research application it was decided on (null for a partnership grant)",
        )
    )

    budget_vs_actuals: BudgetVsActuals = strawberry.field(
        resolver=_budget_vs_actuals, description="By year and category, in SEK"
    )
    report_deadlines: list[ReportDeadlineType] = strawberry.field(
        resolver=_report_deadlines,
        description="Each accounting year's financial report against its deadline on `asOf`"
        " (default today); none before the agreement nor once suspended, closed or cancelled",
    )

    @classmethod
    def of(cls, grant: Grant) -> GrantObject:
        return from_attributes(
            cls,
            grant,
            grant=grant,
            research_grant=None,
            kind=GrantKind.PARTNERSHIP,
            spent=money(grant.spent),
            reports=[FinancialReportType.of(grant, r) for r in grant.reports],
            disbursements=[DisbursementType.of(d) for d in grant.disbursements],
            research=None,
            **_shown_alike(grant),
        )

    @classmethod
    def of_research(cls, grant: ResearchGrant) -> GrantObject:
        """A research grant: no partnership, no expenses nor financial reports in finance
        (the university accounts for the money), its payments under `research`."""
        return from_attributes(
            cls,
            grant,
            grant=None,
            research_grant=grant,
            kind=GrantKind.RESEARCH,
            spent=money(zero()),
            budget_breaches=[],
            reports=[],
            disbursements=[],
            research=ResearchTermsType.of(grant),
            **dict.fromkeys(PARTNERSHIP_GRANT_ONLY),
            **_shown_alike(grant),
        )

    @classmethod
    def of_any(cls, grant: Grant | ResearchGrant) -> GrantObject:
        return cls.of_research(grant) if isinstance(grant, ResearchGrant) else cls.of(grant)

    @classmethod
    async def resolve_reference(cls, info: FinanceInfo, id: strawberry.ID) -> GrantObject | None:
        found = await any_grant_loader(info).load(str(id))
        if found is None:
            return None
        await require_read(info, found)
        return cls.of_any(found)


# --- payloads -----------------------------------------------------------------------------


@strawberry.type
class GrantPayload:
    """The grant as a change left it; the payloads of changes to a part of it add the part."""

    grant: GrantObject


@strawberry.type
class ExpensePayload(GrantPayload):
    expense: ExpenseType

    @classmethod
    def of(cls, grant: Grant, expense: Expense) -> ExpensePayload:
        return cls(grant=GrantObject.of(grant), expense=ExpenseType.of(expense))


@strawberry.type
class FinancialReportPayload(GrantPayload):
    report: FinancialReportType

    @classmethod
    def of(cls, grant: Grant, report: FinancialReport) -> FinancialReportPayload:
        return cls(grant=GrantObject.of(grant), report=FinancialReportType.of(grant, report))


@strawberry.type
class DisbursementPayload(GrantPayload):
    disbursement: DisbursementType

    @classmethod
    def of(cls, grant: Grant, disbursement: Disbursement) -> DisbursementPayload:
        return cls(grant=GrantObject.of(grant), disbursement=DisbursementType.of(disbursement))


@strawberry.type
class BudgetRulesPayload:
    rules: BudgetRulesType


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
