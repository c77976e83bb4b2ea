"""GraphQL output types of the training subgraph: programmes, cohorts, workshops,
registrations, research applications, the entities of other subgraphs it extends with their
training and research (`Network`, `Partnership`, `Organisation`, `Person`), payloads. One
module, as they refer to each other (a registration or an application to its people, a person
to their registrations and applications); the value types under them are in values.py and
research_types.py.

Registrations are personal data of the participants: a registration is shown to staff and
to the participant's own organisation only; everyone else sees how many seats are taken,
never who took them. A research application is shown to staff, the advisory group (`advisor`)
and the applicants' organisation; its reviews, reviewers, ranking and audit trail to staff and
the advisory group only (the applicants see the decision and the feedback officers released);
a person's applications to staff and the person's own organisation only, as their other
personal data.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import date, datetime

import strawberry

from services.common.audit import AuditEntryType
from services.common.auth import Principal
from services.common.money import MoneyType
from services.common.output_types import (
    ForeignEntity,
    audit_trail,
    from_attributes,
    load_all_shown,
    load_shown,
)

from ..domain.access import may_see
from ..domain.cohort import Cohort
from ..domain.nominations import gaps, nominating, nominees
from ..domain.programme import Programme
from ..domain.registration import Registration
from ..domain.research_access import reads_application, reads_reviews
from ..domain.research_application import (
    Degree,
    EthicalApproval,
    ResearchApplication,
    ResearchStatus,
    Review,
)
from ..domain.research_call import ResearchKind
from ..domain.workshop import Workshop
from ..repositories import Placed
from .context import (
    TrainingInfo,
    cohort_loader,
    cohorts_of_programme_loader,
    network_workshops_loader,
    partnership_workshops_loader,
    phases_loader,
    programme_loader,
    registrations_loader,
    today,
    workshop_loader,
)
from .enums import RegistrationStatus, Theme, WorkshopKind, WorkshopStatus
from .research_context import (
    LinkKey,
    applications_linked_loader,
    applications_of_person_loader,
    outputs_linked_loader,
    person_view_loader,
    research_application_loader,
)
from .research_types import (
    ResearchBudgetLine,
    ResearchDecision,
    ResearchOutputType,
    ResearchRanking,
    ResearchScores,
)
from .values import (
    ChangeProjectType,
    StatusChangeType,
    WorkshopCostLineType,
)

PERSONAL = "Personal data: staff and the participant's own organisation (others see none)"


def visible(
    principal: Principal | None, placed: list[Placed], statuses: list[RegistrationStatus] | None
) -> list[RegistrationType]:
    return [
        RegistrationType.of(p)
        for p in placed
        if may_see(principal, p.registration.organisation_id)
        and (not statuses or p.registration.status in statuses)
    ]


def _network_of(
    root: CohortType | WorkshopType,
) -> NetworkEntity | None:
    return None if root.network_id is None else NetworkEntity(id=root.network_id)


def _organisation_of(
    root: OrganisationNominationsType | RegistrationType,
) -> OrganisationEntity:
    return OrganisationEntity(id=root.organisation_id)


def _person_of(
    root: RegistrationType | ParticipantHistoryType,
) -> PersonEntity:
    return PersonEntity(id=root.person_id)


async def _cohort_of(root: WorkshopType | CertificateType, info: TrainingInfo) -> CohortType | None:
    if root.cohort_id is None:
        return None
    return await load_shown(cohort_loader(info), root.cohort_id, CohortType.of)


# --- programmes and cohorts --------------------------------------------------------------------


async def _programme_cohorts(root: ProgrammeType, info: TrainingInfo) -> list[CohortType]:
    return await load_all_shown(cohorts_of_programme_loader(info), root.id, CohortType.of)


@strawberry.type(name="Programme", description="An International Training Programme (ITP)")
class ProgrammeType:
    id: strawberry.ID
    title: str
    theme: Theme
    target_group: str
    language: str = strawberry.field(description="ISO 639-1 code of the teaching language")
    description: str
    version: int
    audit_trail: list[AuditEntryType]

    cohorts: list[CohortType] = strawberry.field(
        resolver=_programme_cohorts, description="Its cohorts, by number"
    )

    @classmethod
    def of(cls, programme: Programme) -> ProgrammeType:
        return from_attributes(cls, programme, audit_trail=audit_trail(programme.audit))


@strawberry.type(name="OrganisationNominations")
class OrganisationNominationsType:
    organisation_id: strawberry.ID
    nominees: list[RegistrationType] = strawberry.field(description=PERSONAL)
    gaps: list[str] = strawberry.field(
        description="What the nominations still lack (warnings, not refusals)"
    )

    organisation = strawberry.field(resolver=_organisation_of)


async def _cohort_phases(root: CohortType, info: TrainingInfo) -> list[WorkshopType]:
    return await load_all_shown(phases_loader(info), root.id, WorkshopType.of)


def _cohort_registrations(
    root: CohortType, info: TrainingInfo, status: list[RegistrationStatus] | None = None
) -> list[RegistrationType]:
    placed = [Placed(root.model, r) for r in root.model.registrations]
    return visible(info.context.principal, placed, status)


def _cohort_nominations(root: CohortType, info: TrainingInfo) -> list[OrganisationNominationsType]:
    if root.model.network_id is None:
        return []
    principal = info.context.principal
    registrations = root.model.registrations
    return [
        OrganisationNominationsType(
            organisation_id=strawberry.ID(org),
            nominees=[
                RegistrationType.of(Placed(root.model, r)) for r in nominees(registrations, org)
            ],
            gaps=gaps(registrations, org),
        )
        for org in nominating(registrations)
        if may_see(principal, org)
    ]


@strawberry.type(name="Cohort", description="A numbered cohort of an ITP")
class CohortType:
    id: strawberry.ID
    programme_id: strawberry.ID
    number: int
    starts_on: date
    ends_on: date
    applications_open_on: date
    applications_close_on: date
    network_id: strawberry.ID | None = strawberry.field(
        description="Set for a network's ITP: three nominees per partner organisation"
    )
    capacity: int
    seats_taken: int
    seats_left: int
    waitlist_length: int
    version: int
    audit_trail: list[AuditEntryType]
    model: strawberry.Private[Cohort]

    @strawberry.field
    def applications_open(self) -> bool:
        return self.model.applications_open(today())

    @strawberry.field
    async def programme(self, info: TrainingInfo) -> ProgrammeType | None:
        return await load_shown(programme_loader(info), self.programme_id, ProgrammeType.of)

    network = strawberry.field(resolver=_network_of)

    phases: list[WorkshopType] = strawberry.field(
        resolver=_cohort_phases, description="Its phases (workshops of kind ITP_PHASE), by start"
    )
    registrations: list[RegistrationType] = strawberry.field(
        resolver=_cohort_registrations,
        description="Applications and participants. " + PERSONAL,
    )
    nominations: list[OrganisationNominationsType] = strawberry.field(
        resolver=_cohort_nominations,
        description="A network's ITP: each organisation's nominees and what they still lack."
        " Staff see every organisation, a coordinator their own.",
    )

    @classmethod
    def of(cls, cohort: Cohort) -> CohortType:
        return from_attributes(
            cls,
            cohort,
            waitlist_length=len(cohort.waitlist()),
            audit_trail=audit_trail(cohort.audit),
            model=cohort,
        )


# --- workshops ----------------------------------------------------------------------------------


def _workshop_registrations(
    root: WorkshopType, info: TrainingInfo, status: list[RegistrationStatus] | None = None
) -> list[RegistrationType]:
    placed = [Placed(root.model, r) for r in root.model.registrations]
    return visible(info.context.principal, placed, status)


@strawberry.federation.type(
    name="Workshop",
    keys=["id"],
    description="A network joint workshop, an ITP phase or a tailored training",
)
class WorkshopType:
    id: strawberry.ID
    kind: WorkshopKind
    title: str
    network_id: strawberry.ID | None
    cohort_id: strawberry.ID | None
    programme_id: strawberry.ID | None
    city: str
    country: str = strawberry.field(description="ISO 3166-1 alpha-2")
    starts_on: date
    ends_on: date
    capacity: int
    status: WorkshopStatus
    seats_taken: int = strawberry.field(
        description="Seats held (selected, enrolled, completed); ITP phases: none of their own"
    )
    seats_left: int
    waitlist_length: int
    participants: int = strawberry.field(
        description="Enrolled people; once completed, those who attended"
    )
    cost_lines: list[WorkshopCostLineType]
    completed_on: date | None
    cancelled_on: date | None
    note: str | None
    version: int
    audit_trail: list[AuditEntryType]
    model: strawberry.Private[Workshop]

    network = strawberry.field(resolver=_network_of)

    cohort = strawberry.field(resolver=_cohort_of)

    registrations: list[RegistrationType] = strawberry.field(
        resolver=_workshop_registrations,
        description="Registrations (none for ITP phases: see the cohort). " + PERSONAL,
    )

    @classmethod
    def of(cls, workshop: Workshop) -> WorkshopType:
        completed = workshop.status is WorkshopStatus.COMPLETED
        return from_attributes(
            cls,
            workshop,
            waitlist_length=len(workshop.waitlist()),
            participants=len(workshop.attendance) if completed else len(workshop.enrolled()),
            cost_lines=[WorkshopCostLineType.of(c) for c in workshop.costs],
            audit_trail=audit_trail(workshop.audit),
            model=workshop,
        )

    @classmethod
    async def resolve_reference(cls, info: TrainingInfo, id: strawberry.ID) -> WorkshopType | None:
        return await load_shown(workshop_loader(info), id, cls.of)


# --- registrations ------------------------------------------------------------------------------


@strawberry.type(name="Certificate")
class CertificateType:
    number: str
    issued_on: date
    registration_id: strawberry.ID
    cohort_id: strawberry.ID

    cohort = strawberry.field(resolver=_cohort_of)


@strawberry.type(name="Attendance", description="Whether the participant attended a workshop")
class AttendanceType:
    attended: bool | None = strawberry.field(
        description="Null until the workshop is completed (cancelled phases are not listed)"
    )
    model: strawberry.Private[Workshop]

    @strawberry.field
    def workshop(self) -> WorkshopType:
        return WorkshopType.of(self.model)

    @classmethod
    def of(cls, workshop: Workshop, person_id: str) -> AttendanceType:
        completed = workshop.status is WorkshopStatus.COMPLETED
        return cls(
            attended=(person_id in workshop.attendance) if completed else None, model=workshop
        )


async def _registration_attendance(
    root: RegistrationType, info: TrainingInfo
) -> list[AttendanceType]:
    person_id = root.placed.registration.person_id
    if (workshop := root.placed.workshop) is not None:
        return [AttendanceType.of(workshop, person_id)]
    phases = await phases_loader(info).load(root.placed.seating.id) or []
    return [
        AttendanceType.of(w, person_id) for w in phases if w.status is not WorkshopStatus.CANCELLED
    ]


@strawberry.type(
    name="Registration",
    description="A person's registration for a workshop or an ITP cohort. " + PERSONAL,
)
class RegistrationType:
    id: strawberry.ID
    version: int
    status: RegistrationStatus
    person_id: strawberry.ID
    organisation_id: strawberry.ID
    partnership_id: strawberry.ID | None
    workshop_id: strawberry.ID | None
    cohort_id: strawberry.ID | None
    registered_at: datetime
    waitlist_position: int | None = strawberry.field(description="1 is next for a freed seat")
    history: list[StatusChangeType]
    change_project: ChangeProjectType | None = strawberry.field(description="Cohorts only")
    placed: strawberry.Private[Placed]

    person = strawberry.field(resolver=_person_of)

    organisation = strawberry.field(resolver=_organisation_of)

    @strawberry.field
    def partnership(self) -> PartnershipEntity | None:
        return None if self.partnership_id is None else PartnershipEntity(id=self.partnership_id)

    @strawberry.field
    def workshop(self) -> WorkshopType | None:
        workshop = self.placed.workshop
        return None if workshop is None else WorkshopType.of(workshop)

    @strawberry.field
    def cohort(self) -> CohortType | None:
        cohort = self.placed.cohort
        return None if cohort is None else CohortType.of(cohort)

    @strawberry.field
    def certificate(self) -> CertificateType | None:
        certificate, cohort = self.placed.registration.certificate, self.placed.cohort
        if certificate is None or cohort is None:
            return None
        return CertificateType(
            number=certificate.number,
            issued_on=certificate.issued_on,
            registration_id=self.id,
            cohort_id=strawberry.ID(cohort.id),
        )

    attendance: list[AttendanceType] = strawberry.field(
        resolver=_registration_attendance,
        description="The workshop attended, or each phase of the cohort (not cancelled ones)",
    )

    @classmethod
    def of(cls, placed: Placed) -> RegistrationType:
        registration: Registration = placed.registration
        seating = placed.seating
        project = registration.change_project
        return from_attributes(
            cls,
            registration,
            workshop_id=strawberry.ID(seating.id) if placed.workshop else None,
            cohort_id=strawberry.ID(seating.id) if placed.cohort else None,
            waitlist_position=seating.waitlist_position(registration),
            history=[StatusChangeType.of(c) for c in registration.history],
            change_project=ChangeProjectType.of(project) if project else None,
            placed=placed,
        )


# --- payloads -----------------------------------------------------------------------------------


@strawberry.type
class ProgrammePayload:
    programme: ProgrammeType


@strawberry.type
class CohortPayload:
    cohort: CohortType


@strawberry.type
class WorkshopPayload:
    workshop: WorkshopType


@strawberry.type
class RegistrationPayload:
    registration: RegistrationType
    warnings: list[str] = strawberry.field(
        description="What a network ITP's nominations of the organisation still lack"
    )


@strawberry.type(name="ParticipantHistory", description="A person's training")
class ParticipantHistoryType:
    person_id: strawberry.ID
    registrations: list[RegistrationType]
    certificates: list[CertificateType]

    person = strawberry.field(resolver=_person_of)


# --- research applications ---------------------------------------------------------------------
# Here, not in research_types.py: they refer to people (`PersonEntity`), whose research
# applications refer back to them.

REVIEWS = "Staff and the advisory group only (null for others)"
PEOPLE = "(owned by partnerships, whose personal-data rule applies to their names)"
REVIEW_FIELDS = ("reviewer_ids", "reviews", "ranking", "audit_trail")


def _people(ids: Sequence[str]) -> list[PersonEntity]:
    """The people as references to partnerships' `Person`, which resolves them."""
    return [PersonEntity(id=strawberry.ID(i)) for i in ids]


def _reviewer(root: ResearchReview) -> PersonEntity:
    return _people([root.reviewer_id])[0]


def _principal_investigator(root: ResearchApplicationType) -> PersonEntity:
    return _people([root.principal_investigator_id])[0]


def _co_applicants(root: ResearchApplicationType) -> list[PersonEntity]:
    return _people(root.co_applicant_ids)


def _reviewers(root: ResearchApplicationType) -> list[PersonEntity] | None:
    return None if root.reviewer_ids is None else _people(root.reviewer_ids)


@strawberry.type
class ResearchReview:
    reviewer_id: strawberry.ID
    reviewer: PersonEntity = strawberry.field(
        resolver=_reviewer, description="The reviewer " + PEOPLE
    )
    scores: ResearchScores
    comment: str
    submitted_at: datetime

    @classmethod
    def of(cls, review: Review) -> ResearchReview:
        return from_attributes(cls, review, scores=ResearchScores.of(review.scores))


@strawberry.federation.type(
    name="ResearchApplication",
    keys=["id"],
    description="An application for a research grant. Staff, the advisory group and the"
    " applicants' organisation see it",
)
class ResearchApplicationType:
    id: strawberry.ID
    call_id: strawberry.ID
    kind: ResearchKind
    title: str
    case_number: str | None = strawberry.field(description="R<year>-NNNN, from the submission")
    status: ResearchStatus
    principal_investigator_id: strawberry.ID
    organisation_id: strawberry.ID = strawberry.field(description="The university")
    co_applicant_ids: list[strawberry.ID]
    declared_degree: Degree = strawberry.field(description="As declared by the applicants")
    abstract: str
    research_questions: list[str]
    methods: str
    countries: list[str]
    themes: list[Theme]
    sdgs: list[int]
    duration_months: int
    budget: list[ResearchBudgetLine]
    requested: MoneyType
    max_amount: MoneyType | None
    ethical_approval: EthicalApproval
    partnership_ids: list[strawberry.ID]
    network_ids: list[strawberry.ID]
    submitted_on: date | None
    ineligible_reasons: list[str]
    decision: ResearchDecision | None
    feedback: str | None = strawberry.field(description="Released by officers to the applicants")
    report_accepted_on: date | None
    version: int
    reviewer_ids: list[strawberry.ID] | None = strawberry.field(description=REVIEWS)
    reviews: list[ResearchReview] | None = strawberry.field(description=REVIEWS)
    ranking: ResearchRanking | None = strawberry.field(description=REVIEWS)
    audit_trail: list[AuditEntryType] | None = strawberry.field(description=REVIEWS)

    principal_investigator: PersonEntity = strawberry.field(
        resolver=_principal_investigator, description="The principal investigator " + PEOPLE
    )
    co_applicants: list[PersonEntity] = strawberry.field(
        resolver=_co_applicants, description="The co-applicants " + PEOPLE
    )
    reviewers: list[PersonEntity] | None = strawberry.field(
        resolver=_reviewers, description=f"The assigned reviewers {PEOPLE}. {REVIEWS}"
    )

    @classmethod
    async def resolve_reference(
        cls, info: TrainingInfo, id: strawberry.ID
    ) -> ResearchApplicationType | None:
        found = await research_application_loader(info).load(str(id))
        principal = info.context.principal
        if found is None or not reads_application(principal, found.organisation_id):
            return None
        return cls.of(found, principal)

    @classmethod
    def of(cls, a: ResearchApplication, principal: Principal | None) -> ResearchApplicationType:
        decision = a.decision
        inner = reads_reviews(principal)
        return from_attributes(
            cls,
            a,
            budget=[ResearchBudgetLine.of(line) for line in a.budget],
            requested=MoneyType.of(a.requested),
            max_amount=MoneyType.of(a.max_amount) if a.max_amount else None,
            decision=None if decision is None else ResearchDecision.of(decision),
            **(_reviews_of(a) if inner else dict.fromkeys(REVIEW_FIELDS)),
        )


def _reviews_of(a: ResearchApplication) -> dict[str, object]:
    """The REVIEW_FIELDS of an application, for those who may read them."""
    return {
        "reviewer_ids": a.reviewer_ids,
        "reviews": [ResearchReview.of(r) for r in a.reviews],
        "ranking": None if a.ranking is None else ResearchRanking.of(a.ranking),
        "audit_trail": audit_trail(a.audit),
    }


def visible_applications(
    principal: Principal | None, applications: Sequence[ResearchApplication]
) -> list[ResearchApplicationType]:
    return [
        ResearchApplicationType.of(a, principal)
        for a in applications
        if reads_application(principal, a.organisation_id)
    ]


@strawberry.type(description="Research linked to a partnership or network")
class LinkedResearch:
    applications: list[ResearchApplicationType] = strawberry.field(
        description="Research applications naming it that the caller may see"
    )
    outputs: list[ResearchOutputType] = strawberry.field(description="Outputs linked to it")


@strawberry.type
class ResearchApplicationPayload:
    application: ResearchApplicationType


@strawberry.type
class ResearchApplicationsPayload:
    applications: list[ResearchApplicationType]


# --- the entities of other subgraphs that training extends ---------------------------------
# Each list loads for all parents of a request at once (one query per collection).


async def _person_registrations(root: PersonEntity, info: TrainingInfo) -> list[RegistrationType]:
    found = await registrations_loader(info, "person_ids").load(str(root.id))
    return visible(info.context.principal, found or [], None)


def _participants(
    key: str,
) -> Callable[..., Awaitable[list[RegistrationType]]]:
    """The resolver of the registrations whose `key` lists the entity, of some statuses."""

    async def resolve(
        root: ForeignEntity, info: TrainingInfo, status: list[RegistrationStatus] | None = None
    ) -> list[RegistrationType]:
        found = await registrations_loader(info, key).load(str(root.id))
        return visible(info.context.principal, found or [], status)

    return resolve


async def _partnership_workshops(root: PartnershipEntity, info: TrainingInfo) -> list[WorkshopType]:
    return await load_all_shown(partnership_workshops_loader(info), root.id, WorkshopType.of)


async def _network_workshops(
    root: NetworkEntity, info: TrainingInfo, status: WorkshopStatus | None = None
) -> list[WorkshopType]:
    found = await network_workshops_loader(info).load(str(root.id))
    return [WorkshopType.of(w) for w in found or [] if status is None or w.status is status]


async def _linked(root: ForeignEntity, info: TrainingInfo, key: LinkKey) -> LinkedResearch:
    found = await applications_linked_loader(info, key).load(str(root.id))
    outputs = await outputs_linked_loader(info, key).load(str(root.id))
    return LinkedResearch(
        applications=visible_applications(info.context.principal, found or []),
        outputs=[ResearchOutputType.of(o) for o in outputs or []],
    )


async def _partnership_research(root: PartnershipEntity, info: TrainingInfo) -> LinkedResearch:
    return await _linked(root, info, "partnership_ids")


async def _network_research(root: NetworkEntity, info: TrainingInfo) -> LinkedResearch:
    return await _linked(root, info, "network_ids")


async def _person_research_applications(
    root: PersonEntity, info: TrainingInfo
) -> list[ResearchApplicationType]:
    principal = info.context.principal
    if principal is None:
        return []
    if not principal.is_staff:
        person = await person_view_loader(info).load(str(root.id))
        if person is None or principal.org is None or person.organisation_id != principal.org:
            return []
    found = await applications_of_person_loader(info).load(str(root.id))
    return [ResearchApplicationType.of(a, principal) for a in found or []]


@strawberry.federation.type(
    name="Person", keys=["id"], description="A person (owned by partnerships); here their training"
)
class PersonEntity(ForeignEntity):
    registrations: list[RegistrationType] = strawberry.field(
        resolver=_person_registrations,
        description="The person's registrations, by start: their history of training,"
        " attendance and certificates. " + PERSONAL,
    )
    research_applications: list[ResearchApplicationType] = strawberry.field(
        resolver=_person_research_applications,
        description="Research applications the person leads or takes part in: staff and the"
        " person's own organisation only (others see none)",
    )


@strawberry.federation.type(
    name="Organisation",
    keys=["id"],
    description="An organisation (owned by partnerships); here its participants in training",
)
class OrganisationEntity(ForeignEntity):
    participants: list[RegistrationType] = strawberry.field(
        resolver=_participants("organisation_ids"),
        description="Registrations of the organisation's people. " + PERSONAL,
    )


@strawberry.federation.type(
    name="Partnership",
    keys=["id"],
    description="A partnership (owned by partnerships); here its participants and workshops",
)
class PartnershipEntity(ForeignEntity):
    participants: list[RegistrationType] = strawberry.field(
        resolver=_participants("partnership_ids"),
        description="Registrations made through the partnership. " + PERSONAL,
    )
    workshops: list[WorkshopType] = strawberry.field(
        resolver=_partnership_workshops,
        description="Workshops its people registered for, by start",
    )
    research: LinkedResearch = strawberry.field(
        resolver=_partnership_research, description="Research naming the partnership"
    )


@strawberry.federation.type(
    name="Network", keys=["id"], description="A network (owned by networks); here its workshops"
)
class NetworkEntity(ForeignEntity):
    workshops: list[WorkshopType] = strawberry.field(
        resolver=_network_workshops, description="The network's workshops, by start"
    )
    research: LinkedResearch = strawberry.field(
        resolver=_network_research, description="Research naming the network"
    )
