"""GraphQL output types of the finance subgraph: grants with their report deadlines, the
entities of other subgraphs it extends (`Partnership`, `Application`, `ResearchApplication`,
`Network`, `Workshop`), payloads. One module, as they refer to each other (a grant to its
partnership, the partnership to its grants); the value types under them are in values.py."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TypeVar

import strawberry

from services.common.audit import AuditEntryType
from services.common.clock import clock
from services.common.errors import BadUserInput
from services.common.money import BUDGET_CURRENCY, Money, MoneyType
from services.common.output_types import ForeignEntity, audit_trail, from_attributes, load_shown
from services.common.pagination import (
    Connection,
    Edge,
    PageInfo,
    decode_cursor,
    encode_cursor,
    page_size,
)

from ..domain import access, summary
from ..domain.deadlines import ReportDeadline, report_deadlines
from ..domain.funding import (
    funding_id,
    new_funding,
)
from ..domain.grant import (
    Disbursement,
    Expense,
    FinancialReport,
    Grant,
    grant_id_for,
)
from ..domain.research_grant import ResearchGrant, research_grant_id_for
from ..domain.summary import partnership_funding
from .context import (
    FinanceInfo,
    any_grant_loader,
    caller,
    funding_loader,
    grant_loader,
    grants_by_partnership_loader,
    may_read,
    require_read,
    view_loader,
    workshop_booking_loader,
)
from .enums import (
    ApplicationType,
    CostCategory,
    DeadlineStatus,
    ExpenseStatus,
    FundingKind,
    GrantKind,
    GrantStatus,
    Region,
)
from .research_types import ResearchTermsType
from .values import (
    BudgetObject,
    BudgetRulesType,
    BudgetVsActuals,
    DisbursementType,
    ExpenseType,
    FinancialReportType,
    PartnershipFundingType,
    TrainingFundingType,
    WorkshopCostsType,
    budget_vs_actuals,
    money,
)

T = TypeVar("T")
N = TypeVar("N")


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
) -> PartnershipEntity | None:
    return None if root.partnership_id is None else PartnershipEntity(id=root.partnership_id)


def _application(
    root: GrantObject,
) -> ApplicationEntity | None:
    return None if root.grant is None else ApplicationEntity(id=root.application_id)


def _research_application(
    root: GrantObject,
) -> ResearchApplicationEntity | None:
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

    partnership: PartnershipEntity | None = strawberry.field(
        resolver=_partnership,
        description="The partnership (resolved by the partnerships subgraph; null for a"
        " research grant)",
    )
    application: ApplicationEntity | None = strawberry.field(
        resolver=_application,
        description="The application it was decided on (null for a research grant)",
    )
    research: ResearchTermsType | None = strawberry.field(
        description="A research grant's terms and payments (null for a partnership grant)"
    )
    research_application: ResearchApplicationEntity | None = strawberry.field(
        resolver=_research_application,
        description="The research application it was decided on (null for a partnership grant)",
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


# --- the entities of other subgraphs that finance extends --------------------------------
# Their fields load through per-request loaders: any number of representations cost one
# database query per type.


async def _partnership_grants(root: PartnershipEntity, info: FinanceInfo) -> list[GrantObject]:
    if not await may_read(info, str(root.id)):
        return []
    found = await grants_by_partnership_loader(info).load(str(root.id))
    return [GrantObject.of(g) for g in found or []]


async def _partnership_funding(
    root: PartnershipEntity, info: FinanceInfo
) -> PartnershipFundingType | None:
    if not await may_read(info, str(root.id)):
        return None
    grants = await grants_by_partnership_loader(info).load(str(root.id))
    view = await view_loader(info).load(str(root.id))
    unfunded = [] if view is None else view.unfunded
    return PartnershipFundingType.of(partnership_funding(grants or [], unfunded))


@strawberry.federation.type(
    name="Partnership",
    keys=["id"],
    description="A partnership (owned by the partnerships subgraph); here its grants and funding",
)
class PartnershipEntity(ForeignEntity):
    grants: list[GrantObject] = strawberry.field(
        resolver=_partnership_grants,
        description="Its grants by case number (empty for those who may not read them)",
    )
    funding: PartnershipFundingType | None = strawberry.field(
        resolver=_partnership_funding,
        description="Its grants in sum (null for those who may not read them)",
    )


async def _application_grant(root: ApplicationEntity, info: FinanceInfo) -> GrantObject | None:
    found = await grant_loader(info).load(grant_id_for(str(root.id)))
    if found is None or not await may_read(info, found.partnership_id):
        return None
    return GrantObject.of(found)


@strawberry.federation.type(
    name="Application",
    keys=["id"],
    description="An application (owned by the partnerships subgraph); here its grant",
)
class ApplicationEntity(ForeignEntity):
    grant: GrantObject | None = strawberry.field(
        resolver=_application_grant,
        description="The grant opened when it was approved (null before, or for those who may"
        " not read it)",
    )


async def _research_application_grant(
    root: ResearchApplicationEntity, info: FinanceInfo
) -> GrantObject | None:
    found = await any_grant_loader(info).load(research_grant_id_for(str(root.id)))
    if not isinstance(found, ResearchGrant):
        return None
    if not access.may_read_research(caller(info), found.organisation_id):
        return None
    return GrantObject.of_research(found)


@strawberry.federation.type(
    name="ResearchApplication",
    keys=["id"],
    description="A research application (owned by the training subgraph); here its grant",
)
class ResearchApplicationEntity(ForeignEntity):
    grant: GrantObject | None = strawberry.field(
        resolver=_research_application_grant,
        description="The research grant opened when it was approved (null before, or for those"
        " who may not read it)",
    )


async def _network_funding(root: NetworkEntity, info: FinanceInfo) -> TrainingFundingType:
    caller(info)
    found = await funding_loader(info).load(funding_id(FundingKind.NETWORK, str(root.id)))
    return TrainingFundingType.of(found or new_funding(FundingKind.NETWORK, str(root.id)))


@strawberry.federation.type(
    name="Network",
    keys=["id"],
    description="A network (owned by the networks subgraph); here its funding",
)
class NetworkEntity(ForeignEntity):
    funding: TrainingFundingType = strawberry.field(
        resolver=_network_funding, description="Its workshops' booked costs"
    )


async def _workshop_costs(root: WorkshopEntity, info: FinanceInfo) -> WorkshopCostsType | None:
    caller(info)
    funding = await workshop_booking_loader(info).load(str(root.id))
    booking = None if funding is None else funding.booking(str(root.id))
    return None if funding is None or booking is None else WorkshopCostsType.of(funding, booking)


@strawberry.federation.type(
    name="Workshop",
    keys=["id"],
    description="A workshop (owned by the training subgraph); here its costs",
)
class WorkshopEntity(ForeignEntity):
    costs: WorkshopCostsType | None = strawberry.field(
        resolver=_workshop_costs, description="Its costs once completed and booked"
    )
