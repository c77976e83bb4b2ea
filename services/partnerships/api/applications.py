"""GraphQL types, queries and mutations for applications and their lifecycle.

Who may do what (docs/architecture.md, Security): staff everything; a coordinator drafts,
edits, submits and reads the applications of partnerships their organisation takes part
in, and nothing of other partnerships (FORBIDDEN, or filtered out of lists); viewers read.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Protocol

import strawberry
from pymongo.errors import DuplicateKeyError
from strawberry.dataloader import DataLoader

from services.common.audit import AuditEntryType
from services.common.auth import STAFF, Principal
from services.common.errors import Busy, Conflict, Forbidden, NotFound
from services.common.idempotency import new_id, replaying
from services.common.inputs import CheckedInput
from services.common.money import BUDGET_CURRENCY, Money, MoneyInput, MoneyType
from services.common.mongo import Document
from services.common.pagination import Connection, paginate
from services.common.vocabulary import CostCategory, Theme

from ..domain.application import (
    Application,
    ApplicationStatus,
    BudgetLine,
    Decision,
    DecisionOutcome,
    Eligibility,
    Indicator,
    Outcome,
    Proposal,
    Result,
    ResultsChain,
    assess,
    budget_line,
    check_submission,
    decide,
    edit,
    indicator,
    outcome,
    proposal,
    result,
    results_chain,
    return_for_corrections,
    start,
    submit,
)
from ..domain.call import ApplicationKind
from ..domain.partnership import Partnership
from ..repositories import Repositories
from .calls import CallType, call_loader
from .context import (
    PartnershipsInfo,
    caller,
    partnerships_of,
    reads_everything,
    repos,
    require_acts_for_partnership,
    today,
)

if TYPE_CHECKING:
    from .partnerships import PartnershipType

strawberry.enum(ApplicationStatus)
strawberry.enum(Eligibility)
strawberry.enum(DecisionOutcome)
strawberry.enum(CostCategory)
strawberry.enum(Theme)

PARTNERSHIP_TYPE = "services.partnerships.api.partnerships"
SUBMIT_ATTEMPTS = 5


# --- output types -------------------------------------------------------------------------


@strawberry.type(name="Indicator")
class IndicatorType:
    name: str
    unit: str
    baseline: str
    target: str

    @classmethod
    def of(cls, item: Indicator) -> IndicatorType:
        return cls(name=item.name, unit=item.unit, baseline=item.baseline, target=item.target)


@strawberry.type(name="Result", description="A goal or an output and its indicators")
class ResultType:
    statement: str
    indicators: list[IndicatorType]

    @classmethod
    def of(cls, item: Result) -> ResultType:
        return cls(
            statement=item.statement, indicators=[IndicatorType.of(i) for i in item.indicators]
        )


@strawberry.type(name="Outcome")
class OutcomeType:
    statement: str
    indicators: list[IndicatorType]
    outputs: list[ResultType]

    @classmethod
    def of(cls, item: Outcome) -> OutcomeType:
        return cls(
            statement=item.statement,
            indicators=[IndicatorType.of(i) for i in item.indicators],
            outputs=[ResultType.of(o) for o in item.outputs],
        )


@strawberry.type(name="ResultsChain", description="The LFA chain: goal → outcomes → outputs")
class ResultsChainType:
    goal: ResultType | None
    outcomes: list[OutcomeType]

    @classmethod
    def of(cls, chain: ResultsChain) -> ResultsChainType:
        return cls(
            goal=None if chain.goal is None else ResultType.of(chain.goal),
            outcomes=[OutcomeType.of(o) for o in chain.outcomes],
        )


@strawberry.type(name="ApplicationBudgetLine")
class BudgetLineType:
    year: int = strawberry.field(description="Year of the project: 1, 2 or 3")
    category: CostCategory
    amount: MoneyType

    @classmethod
    def of(cls, line: BudgetLine) -> BudgetLineType:
        return cls(year=line.year, category=line.category, amount=MoneyType.of(line.amount))


def _total(lines: Sequence[BudgetLine]) -> MoneyType:
    total = Money(minor=0, currency=BUDGET_CURRENCY)
    for line in lines:
        total = total + line.amount
    return MoneyType.of(total)


@strawberry.type(name="ApplicationDecision")
class DecisionType:
    outcome: DecisionOutcome
    conditions: str | None
    decided_at: datetime
    decided_by: str
    approved_budget: list[BudgetLineType]
    approved_total: MoneyType

    @classmethod
    def of(cls, decision: Decision) -> DecisionType:
        return cls(
            outcome=decision.outcome,
            conditions=decision.conditions,
            decided_at=decision.decided_at,
            decided_by=decision.decided_by,
            approved_budget=[BudgetLineType.of(b) for b in decision.approved_budget],
            approved_total=_total(decision.approved_budget),
        )


@strawberry.federation.type(name="Application", keys=["id"])
class ApplicationType:
    id: strawberry.ID
    case_number: str | None = strawberry.field(description="YYYY-NNNN, from the first submission")
    status: ApplicationStatus
    type: ApplicationKind
    title: str
    duration_months: int
    project_area: str
    sdgs: list[int]
    theme: Theme
    year: int = strawberry.field(
        description="Year of the case number; for a draft never submitted, the year it began"
    )
    submitted_on: date | None = strawberry.field(description="Day of the first submission")
    results_chain: ResultsChainType
    requested_budget: list[BudgetLineType]
    requested_total: MoneyType
    decision: DecisionType | None
    partnership_id: strawberry.ID
    call_id: strawberry.ID
    version: int
    created_at: datetime
    updated_at: datetime
    audit_trail: list[AuditEntryType]

    @strawberry.field
    async def partnership(
        self, info: PartnershipsInfo
    ) -> Annotated[PartnershipType, strawberry.lazy(PARTNERSHIP_TYPE)] | None:
        from .partnerships import PartnershipType

        found = await partnership_loader(info).load(str(self.partnership_id))
        return None if found is None else PartnershipType.of(found)

    @strawberry.field
    async def call(self, info: PartnershipsInfo) -> CallType | None:
        found = await call_loader(info).load(str(self.call_id))
        return None if found is None else CallType.of(found)

    @classmethod
    def of(cls, application: Application) -> ApplicationType:
        return cls(
            id=strawberry.ID(application.id),
            case_number=application.case_number,
            status=application.status,
            type=application.type,
            title=application.title,
            duration_months=application.duration_months,
            project_area=application.project_area,
            sdgs=application.sdgs,
            theme=application.theme,
            year=application.year,
            submitted_on=application.submitted_on,
            results_chain=ResultsChainType.of(application.results_chain),
            requested_budget=[BudgetLineType.of(b) for b in application.requested_budget],
            requested_total=_total(application.requested_budget),
            decision=None
            if application.decision is None
            else DecisionType.of(application.decision),
            partnership_id=strawberry.ID(application.partnership_id),
            call_id=strawberry.ID(application.call_id),
            version=application.version,
            created_at=application.created_at,
            updated_at=application.updated_at,
            audit_trail=[AuditEntryType.of(e) for e in application.audit],
        )

    @classmethod
    async def resolve_reference(
        cls, info: PartnershipsInfo, id: strawberry.ID
    ) -> ApplicationType | None:
        return await _readable(info, str(id))


def application_loader(info: PartnershipsInfo) -> DataLoader[str, Application | None]:
    return info.context.loader("applications", repos(info).applications.get_many)


def partnership_loader(info: PartnershipsInfo) -> DataLoader[str, Partnership | None]:
    # The same per-request loader (by name) as api.partnerships uses, without importing it.
    return info.context.loader("partnerships", repos(info).partnerships.get_many)


# --- who reads what -----------------------------------------------------------------------


async def _readable(info: PartnershipsInfo, application_id: str) -> ApplicationType | None:
    """The application, if it exists; FORBIDDEN when it is another partnership's."""
    principal = caller(info)
    found = await application_loader(info).load(application_id)
    if found is None:
        return None
    if not reads_everything(principal):
        partnership = await partnership_loader(info).load(found.partnership_id)
        if partnership is None or not principal.acts_for(*partnership.organisation_ids):
            raise Forbidden(
                "you may read only the applications of your organisation's partnerships"
            )
    return ApplicationType.of(found)


async def _restrict(principal: Principal, stores: Repositories, query: Document) -> Document:
    """A list query narrowed to what the caller may read (coordinators: own partnerships)."""
    if reads_everything(principal):
        return query
    cursor = stores.partnerships.collection.find(partnerships_of(principal), {"_id": 1})
    own = [doc["_id"] async for doc in cursor]
    return {"$and": [query, {"partnership_id": {"$in": own}}]}


async def _page(
    stores: Repositories, query: Document, first: int | None, after: str | None
) -> Connection[ApplicationType]:
    store = stores.applications
    return await paginate(
        store.collection,
        query,
        sort=["sort_key"],
        first=first,
        after=after,
        to_node=lambda doc: ApplicationType.of(store.load(doc)),
    )


class _PartnershipRoot(Protocol):
    @property
    def id(self) -> strawberry.ID: ...

    @property
    def swedish_partner_id(self) -> strawberry.ID: ...

    @property
    def partner_ids(self) -> list[strawberry.ID]: ...


async def partnership_applications(
    root: _PartnershipRoot,
    info: PartnershipsInfo,
    first: int | None = 20,
    after: str | None = None,
    status: ApplicationStatus | None = None,
) -> Connection[ApplicationType]:
    """The partnership's applications (empty for a coordinator of another organisation)."""
    principal = caller(info)
    org_ids = [str(root.swedish_partner_id), *(str(i) for i in root.partner_ids)]
    readable = reads_everything(principal) or principal.acts_for(*org_ids)
    query: Document = {"partnership_id": str(root.id) if readable else {"$in": []}}
    if status is not None:
        query["status"] = status.value
    return await _page(repos(info), query, first, after)


# --- inputs -------------------------------------------------------------------------------


@strawberry.input
class IndicatorInput(CheckedInput):
    name: str
    unit: str = ""
    baseline: str = strawberry.field(description="Text, or a decimal written as text")
    target: str = strawberry.field(description="Text, or a decimal written as text")


@strawberry.input
class ResultInput(CheckedInput):
    statement: str
    indicators: list[IndicatorInput] = strawberry.field(default_factory=list)


@strawberry.input
class OutcomeInput(CheckedInput):
    statement: str
    indicators: list[IndicatorInput] = strawberry.field(default_factory=list)
    outputs: list[ResultInput] = strawberry.field(default_factory=list)


@strawberry.input
class ResultsChainInput(CheckedInput):
    goal: ResultInput | None = None
    outcomes: list[OutcomeInput] = strawberry.field(default_factory=list)


@strawberry.input
class BudgetLineInput(CheckedInput):
    year: int = strawberry.field(description="Year of the project: 1, 2 or 3")
    category: CostCategory
    amount: MoneyInput = strawberry.field(description="In SEK, exact to the öre")


@strawberry.input
class CreateApplicationInput(CheckedInput):
    partnership_id: strawberry.ID
    call_id: strawberry.ID
    type: ApplicationKind
    title: str
    duration_months: int
    theme: Theme
    project_area: str = ""
    sdgs: list[int] = strawberry.field(default_factory=list)
    results_chain: ResultsChainInput | None = None
    requested_budget: list[BudgetLineInput] = strawberry.field(default_factory=list)


@strawberry.input
class UpdateApplicationInput(CheckedInput):
    id: strawberry.ID
    version: int
    type: ApplicationKind | None = None
    title: str | None = None
    duration_months: int | None = None
    theme: Theme | None = None
    project_area: str | None = None
    sdgs: list[int] | None = None
    results_chain: ResultsChainInput | None = strawberry.field(
        default=None, description="Replaces the whole chain"
    )
    requested_budget: list[BudgetLineInput] | None = strawberry.field(
        default=None, description="Replaces every line"
    )


@strawberry.input
class SubmitApplicationInput(CheckedInput):
    id: strawberry.ID
    version: int
    note: str | None = None


@strawberry.input
class ReturnApplicationInput(CheckedInput):
    id: strawberry.ID
    version: int
    note: str = strawberry.field(description="What the applicants are to correct")


@strawberry.input
class AssessApplicationInput(CheckedInput):
    id: strawberry.ID
    version: int
    outcome: Eligibility
    note: str | None = strawberry.field(default=None, description="Required when ineligible")


@strawberry.input
class DecideApplicationInput(CheckedInput):
    id: strawberry.ID
    version: int
    outcome: DecisionOutcome
    conditions: str | None = strawberry.field(
        default=None, description="Required for, and only for, an approval with conditions"
    )
    approved_budget: list[BudgetLineInput] | None = strawberry.field(
        default=None, description="Adjusted lines; left out, the requested budget is approved"
    )
    note: str | None = None


@strawberry.input
class ApplicationFilter(CheckedInput):
    call_id: strawberry.ID | None = None
    partnership_id: strawberry.ID | None = None
    status: ApplicationStatus | None = None
    type: ApplicationKind | None = None
    year: int | None = strawberry.field(
        default=None,
        description="Year of the case number; for a draft never submitted, the year it began",
    )


@strawberry.type
class ApplicationPayload:
    application: ApplicationType


def _indicators(items: Sequence[IndicatorInput], field: str) -> list[Indicator]:
    return [
        indicator(i.name, i.unit, i.baseline, i.target, f"{field}.indicators[{n}]")
        for n, i in enumerate(items)
    ]


def _result(item: ResultInput, field: str) -> Result:
    return result(item.statement, _indicators(item.indicators, field), field)


def _chain(chain: ResultsChainInput) -> ResultsChain:
    goal = None if chain.goal is None else _result(chain.goal, "resultsChain.goal")
    outcomes = []
    for n, item in enumerate(chain.outcomes):
        field = f"resultsChain.outcomes[{n}]"
        outputs = [_result(o, f"{field}.outputs[{m}]") for m, o in enumerate(item.outputs)]
        outcomes.append(
            outcome(item.statement, _indicators(item.indicators, field), outputs, field)
        )
    return results_chain(goal, outcomes)


def _lines(lines: Sequence[BudgetLineInput], field: str) -> list[BudgetLine]:
    return [
        budget_line(
            line.year, line.category, line.amount.amount, line.amount.currency, f"{field}[{n}]"
        )
        for n, line in enumerate(lines)
    ]


def _proposal(data: CreateApplicationInput | UpdateApplicationInput) -> Proposal:
    return proposal(
        type=data.type,
        title=data.title,
        duration_months=data.duration_months,
        project_area=data.project_area,
        sdgs=data.sdgs,
        theme=data.theme,
        results_chain=None if data.results_chain is None else _chain(data.results_chain),
        requested_budget=(
            None
            if data.requested_budget is None
            else _lines(data.requested_budget, "requestedBudget")
        ),
    )


def _require_version(application: Application, version: int) -> None:
    """The store checks again in its write; this spares a case number on a stale request."""
    if application.version != version:
        raise Conflict(
            f"Application {application.id!r} is at version {application.version}, not {version}:"
            " reload and retry",
            field="version",
        )


async def _partnership_of(stores: Repositories, application: Application) -> Partnership:
    partnership = await stores.partnerships.get(application.partnership_id)
    if partnership is None:
        raise NotFound(
            f"the application's partnership {application.partnership_id!r} does not exist",
            field="partnershipId",
        )
    return partnership


# --- queries and mutations ----------------------------------------------------------------


@strawberry.type
class ApplicationQueries:
    @strawberry.field
    async def application(
        self, info: PartnershipsInfo, id: strawberry.ID
    ) -> ApplicationType | None:
        return await _readable(info, str(id))

    @strawberry.field
    async def applications(
        self,
        info: PartnershipsInfo,
        first: int | None = 20,
        after: str | None = None,
        filter: Annotated[ApplicationFilter | None, strawberry.argument(name="filter")] = None,
    ) -> Connection[ApplicationType]:
        principal = caller(info)
        query: Document = {}
        if filter is not None:
            if filter.call_id is not None:
                query["call_id"] = str(filter.call_id)
            if filter.partnership_id is not None:
                query["partnership_id"] = str(filter.partnership_id)
            if filter.status is not None:
                query["status"] = filter.status.value
            if filter.type is not None:
                query["type"] = filter.type.value
            if filter.year is not None:
                query["year"] = filter.year
        stores = repos(info)
        return await _page(stores, await _restrict(principal, stores, query), first, after)


@strawberry.type
class ApplicationMutations:
    @strawberry.mutation
    async def create_application(
        self, info: PartnershipsInfo, input: CreateApplicationInput
    ) -> ApplicationPayload:
        principal = caller(info)
        stores = repos(info)
        partnership = await stores.partnerships.require(str(input.partnership_id), "partnershipId")
        require_acts_for_partnership(principal, partnership)
        content = _proposal(input)
        call = await stores.calls.require(str(input.call_id), "callId")
        application = start(
            new_id(),
            content,
            partnership=partnership,
            call=call,
            today=today(),
            actor=principal.sub,
        )
        application = await stores.applications.create(application)
        return ApplicationPayload(application=ApplicationType.of(application))

    @strawberry.mutation
    async def update_application(
        self, info: PartnershipsInfo, input: UpdateApplicationInput
    ) -> ApplicationPayload:
        principal = caller(info)
        stores = repos(info)
        current = await stores.applications.require(str(input.id))
        require_acts_for_partnership(principal, await _partnership_of(stores, current))
        content = _proposal(input)
        call = await stores.calls.require(current.call_id, "callId")
        change = edit(principal.sub, content, call)
        application = await stores.applications.update(str(input.id), change, input.version)
        return ApplicationPayload(application=ApplicationType.of(application))

    @strawberry.mutation
    async def submit_application(
        self, info: PartnershipsInfo, input: SubmitApplicationInput
    ) -> ApplicationPayload:
        principal = caller(info)
        stores = repos(info)
        current = await stores.applications.require(str(input.id))
        partnership = await _partnership_of(stores, current)
        require_acts_for_partnership(principal, partnership)
        call = await stores.calls.require(current.call_id, "callId")
        people = await stores.people.get_many([m.person_id for m in partnership.steering_group])
        day = today()
        if not replaying():  # a retry of a submission made: these held before it
            _require_version(current, input.version)
            check_submission(current, call=call, partnership=partnership, people=people, today=day)
        for _ in range(SUBMIT_ATTEMPTS):
            # Only now, with every rule checked, is a number taken (a first submission only).
            number = None if current.case_number else await stores.case_numbers.take(day.year)
            change = submit(
                principal.sub,
                input.note,
                call=call,
                partnership=partnership,
                people=people,
                today=day,
                case_number=number,
            )
            try:
                application = await stores.applications.update(str(input.id), change, input.version)
            except DuplicateKeyError:
                # The unique index caught a number given before (a counter behind the data,
                # e.g. restored from an older backup): move the counter past it and retry.
                await stores.case_numbers.skip_past_used(day.year)
                continue
            return ApplicationPayload(application=ApplicationType.of(application))
        raise Busy("no free case number could be taken: retry", field="caseNumber")

    @strawberry.mutation
    async def return_application(
        self, info: PartnershipsInfo, input: ReturnApplicationInput
    ) -> ApplicationPayload:
        principal = caller(info)
        principal.require(*STAFF)
        change = return_for_corrections(principal.sub, input.note)
        application = await repos(info).applications.update(str(input.id), change, input.version)
        return ApplicationPayload(application=ApplicationType.of(application))

    @strawberry.mutation
    async def assess_application(
        self, info: PartnershipsInfo, input: AssessApplicationInput
    ) -> ApplicationPayload:
        principal = caller(info)
        principal.require(*STAFF)
        change = assess(principal.sub, input.outcome, input.note)
        application = await repos(info).applications.update(str(input.id), change, input.version)
        return ApplicationPayload(application=ApplicationType.of(application))

    @strawberry.mutation
    async def decide_application(
        self, info: PartnershipsInfo, input: DecideApplicationInput
    ) -> ApplicationPayload:
        principal = caller(info)
        principal.require(*STAFF)
        stores = repos(info)
        adjusted = (
            None
            if input.approved_budget is None
            else _lines(input.approved_budget, "approvedBudget")
        )
        current = await stores.applications.require(str(input.id))
        change = decide(
            principal.sub,
            input.outcome,
            conditions=input.conditions,
            approved_budget=adjusted,
            note=input.note,
            partnership=await _partnership_of(stores, current),
        )
        application = await stores.applications.update(str(input.id), change, input.version)
        return ApplicationPayload(application=ApplicationType.of(application))
