"""The partnerships subgraph's output types, their fields' resolvers and its enums.

Names, gender and contact details of people are personal data: only staff and the person's
own organisation see them; everyone else sees null there (role and position are public).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

import strawberry

from services.common.audit import AuditEntryType
from services.common.auth import Principal
from services.common.money import BUDGET_CURRENCY, Money, MoneyType
from services.common.mongo import Document
from services.common.output_types import audit_trail, from_attributes, load_shown
from services.common.pagination import Connection, page_of

from ..domain.access import may_read_applications_of, may_see_personal_data
from ..domain.application import (
    Application,
    BudgetLine,
    Decision,
)
from ..domain.call import Call
from ..domain.organisation import Organisation
from ..domain.partnership import Partnership, SteeringGroupMember, steering_group_gaps
from ..domain.person import Person
from ..domain.visit import Visit, check_year, meeting_compliance
from ..repositories import Repositories
from .context import (
    ActivePartnerships,
    PartnershipsInfo,
    call_loader,
    caller,
    completed_visits_loader,
    compliance_key,
    organisation_loader,
    partnership_loader,
    person_loader,
    readable_application,
    repos,
    starts_in,
    today,
    visit_loader,
)
from .enums import (
    ApplicationKind,
    ApplicationStatus,
    CostCategory,
    DecisionOutcome,
    Gender,
    OrganisationKind,
    PartnershipKind,
    PartnershipStatus,
    PersonRole,
    PoliticalSide,
    Theme,
    VisitStatus,
)
from .values import ResultsChainType


class _Identified(Protocol):
    @property
    def id(self) -> strawberry.ID: ...


async def _partnership_of(
    root: VisitType | ApplicationType, info: PartnershipsInfo
) -> PartnershipType | None:
    return await load_shown(partnership_loader(info), root.partnership_id, PartnershipType.of)


async def _organisation_of(
    root: PersonType | SteeringGroupMemberType, info: PartnershipsInfo
) -> OrganisationType | None:
    return await load_organisation(info, root.organisation_id)


# --- organisations ------------------------------------------------------------------------


@strawberry.federation.type(name="Organisation", keys=["id"])
class OrganisationType:
    id: strawberry.ID
    name: str
    kind: OrganisationKind
    country: str = strawberry.field(description="ISO 3166-1 alpha-2 (Kosovo: XK)")
    is_swedish: bool
    version: int
    audit_trail: list[AuditEntryType]

    @classmethod
    def of(cls, org: Organisation) -> OrganisationType:
        return from_attributes(cls, org, audit_trail=audit_trail(org.audit))

    @classmethod
    async def resolve_reference(
        cls, info: PartnershipsInfo, id: strawberry.ID
    ) -> OrganisationType | None:
        return await load_organisation(info, str(id))


async def load_organisation(info: PartnershipsInfo, org_id: str) -> OrganisationType | None:
    return await load_shown(organisation_loader(info), org_id, OrganisationType.of)


# --- people -------------------------------------------------------------------------------

PERSONAL_DATA = ("given_name", "family_name", "gender", "email", "phone")


@strawberry.federation.type(name="Person", keys=["id"])
class PersonType:
    id: strawberry.ID
    organisation_id: strawberry.ID
    role: PersonRole
    political_side: PoliticalSide | None
    senior: bool
    position: str
    version: int
    given_name: str | None = strawberry.field(
        description="Personal data: staff and own organisation"
    )
    family_name: str | None = strawberry.field(
        description="Personal data: staff and own organisation"
    )
    gender: Gender | None = strawberry.field(
        description="Personal data: staff and own organisation"
    )
    email: str | None = strawberry.field(description="Personal data: staff and own organisation")
    phone: str | None = strawberry.field(description="Personal data: staff and own organisation")
    audit_trail: list[AuditEntryType] | None = strawberry.field(
        description="Staff and own organisation"
    )

    organisation = strawberry.field(resolver=_organisation_of)

    @classmethod
    def of(cls, person: Person, viewer: Principal | None) -> PersonType:
        if may_see_personal_data(viewer, person):
            return from_attributes(cls, person, audit_trail=audit_trail(person.audit))
        return from_attributes(cls, person, audit_trail=None, **dict.fromkeys(PERSONAL_DATA))

    @classmethod
    async def resolve_reference(
        cls, info: PartnershipsInfo, id: strawberry.ID
    ) -> PersonType | None:
        return await load_person(info, id)


async def load_person(info: PartnershipsInfo, person_id: str) -> PersonType | None:
    """The person with their personal data as this caller may see it."""
    viewer = info.context.principal
    return await load_shown(person_loader(info), person_id, lambda p: PersonType.of(p, viewer))


# --- visits and the meeting rule ----------------------------------------------------------


@strawberry.federation.type(name="Visit", keys=["id"])
class VisitType:
    id: strawberry.ID
    partnership_id: strawberry.ID
    host_organisation_id: strawberry.ID
    host_country: str = strawberry.field(description="ISO 3166-1 alpha-2 of the host")
    starts_on: date
    ends_on: date
    participant_ids: list[strawberry.ID]
    purpose: str
    status: VisitStatus
    version: int
    audit_trail: list[AuditEntryType]

    partnership = strawberry.field(resolver=_partnership_of)

    @strawberry.field
    async def host_organisation(self, info: PartnershipsInfo) -> OrganisationType | None:
        return await load_organisation(info, str(self.host_organisation_id))

    @strawberry.field
    async def participants(self, info: PartnershipsInfo) -> list[PersonType]:
        # Personal data as the Person type shows it to this caller (staff, own organisation).
        found = await person_loader(info).load_many([str(i) for i in self.participant_ids])
        viewer = info.context.principal
        return [PersonType.of(p, viewer) for p in found if p is not None]

    @classmethod
    def of(cls, visit: Visit) -> VisitType:
        return from_attributes(cls, visit, audit_trail=audit_trail(visit.audit))

    @classmethod
    async def resolve_reference(cls, info: PartnershipsInfo, id: strawberry.ID) -> VisitType | None:
        return await load_shown(visit_loader(info), id, cls.of)


async def visit_page(
    stores: Repositories, query: Document, first: int | None, after: str | None
) -> Connection[VisitType]:
    store = stores.visits
    return await page_of(
        store, query, sort=["starts_on"], first=first, after=after, of=VisitType.of
    )


@strawberry.type(name="MeetingCompliance")
class MeetingComplianceType:
    year: int
    completed_visits: int = strawberry.field(description="Completed visits starting that year")
    host_organisation_ids: list[strawberry.ID] = strawberry.field(
        description="Hosts of those visits, in the order they first hosted"
    )
    compliant: bool = strawberry.field(
        description="At least two completed visits, hosted by at least two different partners"
    )
    reason: str | None = strawberry.field(description="Why not, when not compliant")


async def _meeting_compliance(
    root: _Identified, info: PartnershipsInfo, year: int
) -> MeetingComplianceType:
    visits = await completed_visits_loader(info).load(
        compliance_key(check_year(year), str(root.id))
    )
    hosts = sorted({v.host_organisation_id for v in visits or []})
    organisations = await organisation_loader(info).load_many(hosts)
    names = {o.id: o.name for o in organisations if o is not None}
    result = meeting_compliance(year, visits or [], names)
    return MeetingComplianceType(
        year=result.year,
        completed_visits=result.completed_visits,
        host_organisation_ids=[strawberry.ID(i) for i in result.host_organisation_ids],
        compliant=result.compliant,
        reason=result.reason,
    )


async def _partnership_visits(
    root: _Identified,
    info: PartnershipsInfo,
    first: int | None = 20,
    after: str | None = None,
    status: VisitStatus | None = None,
    year: int | None = None,
) -> Connection[VisitType]:
    query: Document = {"partnership_id": str(root.id)}
    if status is not None:
        query["status"] = status.value
    if year is not None:
        query["starts_on"] = starts_in(year, "year")
    return await visit_page(repos(info), query, first, after)


# --- calls --------------------------------------------------------------------------------


@strawberry.federation.type(name="Call", keys=["id"], description="An application round")
class CallType:
    id: strawberry.ID
    title: str
    programme: str
    allowed_types: list[ApplicationKind]
    opens_on: date
    closes_on: date = strawberry.field(description="The deadline")
    extended_to: date | None = strawberry.field(description="The extended deadline, if any")
    open_until: date = strawberry.field(description="The last day: extension, else deadline")
    version: int
    audit_trail: list[AuditEntryType]
    _call: strawberry.Private[Call]

    @strawberry.field
    def is_open(self, on: date | None = None) -> bool:
        return self._call.is_open(on or today())

    @classmethod
    def of(cls, call: Call) -> CallType:
        return from_attributes(cls, call, audit_trail=audit_trail(call.audit), _call=call)

    @classmethod
    async def resolve_reference(cls, info: PartnershipsInfo, id: strawberry.ID) -> CallType | None:
        return await load_shown(call_loader(info), id, cls.of)


# --- applications -------------------------------------------------------------------------


@strawberry.type(name="ApplicationBudgetLine")
class BudgetLineType:
    year: int = strawberry.field(description="Year of the project: 1, 2 or 3")
    category: CostCategory
    amount: MoneyType

    @classmethod
    def of(cls, line: BudgetLine) -> BudgetLineType:
        return from_attributes(cls, line, amount=MoneyType.of(line.amount))


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
        return from_attributes(
            cls,
            decision,
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

    partnership = strawberry.field(resolver=_partnership_of)

    @strawberry.field
    async def call(self, info: PartnershipsInfo) -> CallType | None:
        return await load_shown(call_loader(info), self.call_id, CallType.of)

    @classmethod
    def of(cls, application: Application) -> ApplicationType:
        decision = application.decision
        return from_attributes(
            cls,
            application,
            results_chain=ResultsChainType.of(application.results_chain),
            requested_budget=[BudgetLineType.of(b) for b in application.requested_budget],
            requested_total=_total(application.requested_budget),
            decision=None if decision is None else DecisionType.of(decision),
            audit_trail=audit_trail(application.audit),
        )

    @classmethod
    async def resolve_reference(
        cls, info: PartnershipsInfo, id: strawberry.ID
    ) -> ApplicationType | None:
        found = await readable_application(info, str(id))
        return None if found is None else cls.of(found)


async def application_page(
    stores: Repositories, query: Document, first: int | None, after: str | None
) -> Connection[ApplicationType]:
    store = stores.applications
    return await page_of(
        store, query, sort=["sort_key"], first=first, after=after, of=ApplicationType.of
    )


class _PartnershipRoot(Protocol):
    @property
    def id(self) -> strawberry.ID: ...

    @property
    def swedish_partner_id(self) -> strawberry.ID: ...

    @property
    def partner_ids(self) -> list[strawberry.ID]: ...


async def _partnership_applications(
    root: _PartnershipRoot,
    info: PartnershipsInfo,
    first: int | None = 20,
    after: str | None = None,
    status: ApplicationStatus | None = None,
) -> Connection[ApplicationType]:
    """The partnership's applications (empty for a coordinator of another organisation)."""
    principal = caller(info)
    org_ids = [str(root.swedish_partner_id), *(str(i) for i in root.partner_ids)]
    readable = may_read_applications_of(principal, org_ids)
    query: Document = {"partnership_id": str(root.id) if readable else {"$in": []}}
    if status is not None:
        query["status"] = status.value
    return await application_page(repos(info), query, first, after)


# --- partnerships -------------------------------------------------------------------------


@strawberry.type(name="SteeringGroupMember")
class SteeringGroupMemberType:
    person_id: strawberry.ID
    organisation_id: strawberry.ID
    role: PersonRole
    political_side: PoliticalSide | None
    senior: bool

    @strawberry.field
    async def person(self, info: PartnershipsInfo) -> PersonType | None:
        return await load_person(info, self.person_id)

    organisation = strawberry.field(resolver=_organisation_of)

    @classmethod
    def of(cls, member: SteeringGroupMember) -> SteeringGroupMemberType:
        return from_attributes(cls, member)


async def _steering_group_gaps(root: PartnershipType, info: PartnershipsInfo) -> list[str]:
    partnership = await partnership_loader(info).load(str(root.id))
    if partnership is None:
        return []
    ids = [m.person_id for m in partnership.steering_group]
    found = await person_loader(info).load_many(ids)
    people = {p.id: p for p in found if p is not None}
    return steering_group_gaps(partnership, people)


@strawberry.federation.type(name="Partnership", keys=["id"])
class PartnershipType:
    id: strawberry.ID
    title: str
    kind: PartnershipKind
    status: PartnershipStatus
    themes: list[Theme]
    focus: str
    countries: list[str]
    started_on: date
    closed_on: date | None
    version: int
    swedish_partner_id: strawberry.ID
    partner_ids: list[strawberry.ID]
    steering_group: list[SteeringGroupMemberType]
    audit_trail: list[AuditEntryType]

    @strawberry.field
    async def swedish_partner(self, info: PartnershipsInfo) -> OrganisationType | None:
        return await load_organisation(info, str(self.swedish_partner_id))

    @strawberry.field
    async def partners(self, info: PartnershipsInfo) -> list[OrganisationType]:
        found = await organisation_loader(info).load_many([str(i) for i in self.partner_ids])
        return [OrganisationType.of(o) for o in found if o is not None]

    steering_group_gaps: list[str] = strawberry.field(
        resolver=_steering_group_gaps,
        description="What the steering group lacks for a project application",
    )
    meeting_compliance: MeetingComplianceType = strawberry.field(
        resolver=_meeting_compliance,
        description="Whether the partners met at least twice in the year, visiting each other",
    )
    visits: Connection[VisitType] = strawberry.field(resolver=_partnership_visits)
    applications: Connection[ApplicationType] = strawberry.field(
        resolver=_partnership_applications, description="The partnership's applications"
    )

    @classmethod
    def of(cls, partnership: Partnership) -> PartnershipType:
        return from_attributes(
            cls,
            partnership,
            steering_group=[SteeringGroupMemberType.of(m) for m in partnership.steering_group],
            audit_trail=audit_trail(partnership.audit),
        )

    @classmethod
    async def resolve_reference(
        cls, info: PartnershipsInfo, id: strawberry.ID
    ) -> PartnershipType | None:
        return await load_shown(partnership_loader(info), id, cls.of)


# --- statistics ---------------------------------------------------------------------------


@strawberry.type(name="KeyCount", description="How many partnerships fall under one key")
class KeyCountType:
    key: str
    count: int


async def _steering_group_incomplete(
    root: PartnershipStatisticsType, info: PartnershipsInfo
) -> int:
    active = await root.selection.load()
    ids = [m.person_id for p in active for m in p.steering_group]
    found = await person_loader(info).load_many(ids)
    people = {p.id: p for p in found if p is not None}
    return sum(1 for p in active if steering_group_gaps(p, people))


async def _meetings_below_rule(
    root: PartnershipStatisticsType, info: PartnershipsInfo, year: int | None = None
) -> int:
    counted_year = today().year if year is None else check_year(year)
    active = await root.selection.load()
    loader = completed_visits_loader(info)
    found = await loader.load_many([compliance_key(counted_year, p.id) for p in active])
    return sum(
        1 for visits in found if not meeting_compliance(counted_year, visits or [], {}).compliant
    )


@strawberry.type(
    name="PartnershipStatistics",
    description="Partnerships counted over the whole programme, as far as the caller may see",
)
class PartnershipStatisticsType:
    selection: strawberry.Private[ActivePartnerships]
    total: int
    by_status: list[KeyCountType] = strawberry.field(
        description="Per status (keys as PartnershipStatus), most first"
    )
    by_country: list[KeyCountType] = strawberry.field(
        description="Per country abroad (ISO 3166-1 alpha-2), a partnership once under each of"
        " its partners' countries (so the counts can add up to more than total), most first"
    )
    by_theme: list[KeyCountType] = strawberry.field(
        description="Per theme (keys as Theme), a partnership under each of its themes, most first"
    )
    steering_group_incomplete: int = strawberry.field(
        resolver=_steering_group_incomplete,
        description="Active partnerships whose steering group has gaps (steeringGroupGaps)",
    )
    meetings_below_rule: int = strawberry.field(
        resolver=_meetings_below_rule,
        description="Active partnerships whose partners have not met as the rule asks in the year"
        " (meetingCompliance(year) not compliant: fewer than two completed visits, or all hosted"
        " by one partner); the year defaults to the current one",
    )


# --- payloads -----------------------------------------------------------------------------


@strawberry.type
class OrganisationPayload:
    organisation: OrganisationType


@strawberry.type
class PersonPayload:
    person: PersonType


@strawberry.type
class PartnershipPayload:
    partnership: PartnershipType


@strawberry.type
class VisitPayload:
    visit: VisitType


@strawberry.type
class CallPayload:
    call: CallType


@strawberry.type
class ApplicationPayload:
    application: ApplicationType
