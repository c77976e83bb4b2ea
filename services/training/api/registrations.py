"""Registrations: applying, invitations, selection, enrolment, withdrawal, change projects,
certificates, and a participant's history.

Coordinators register, enrol (take an offered seat) and withdraw the people of their own
organisation and report on their change projects; staff do all that and also select,
waitlist and reject, and issue certificates (docs/architecture.md, Security).
"""

from __future__ import annotations

import uuid
from enum import Enum

import strawberry

from services.common.auth import STAFF
from services.common.errors import BadUserInput, Forbidden, NotFound
from services.common.idempotency import new_id, replaying
from services.common.inputs import CheckedInput
from services.common.store import Change

from ..bookings import Bookkeeper
from ..domain import SYSTEM_ACTOR
from ..domain.booking import Booking
from ..domain.cohort import Cohort, apply_for, issue_certificate, outline_text, report_progress
from ..domain.nominations import gaps
from ..domain.registration import (
    Registration,
    RegistrationStatus,
    Seating,
    Step,
    accept,
    enrol,
    on_registration,
    reject,
    select,
    waitlist,
    withdraw,
)
from ..domain.workshop import Workshop, WorkshopStatus, register
from ..projection import CLOSED
from ..repositories import Placed
from ..writes import update_busy
from .context import (
    TrainingInfo,
    caller,
    known_person,
    may_see,
    now,
    registrations_loader,
    repos,
    require_registration,
    staff,
    today,
    usable_partnership,
)
from .types import CertificateType, PersonRef, RegistrationType


@strawberry.enum
class Decision(Enum):
    SELECT = "select"
    WAITLIST = "waitlist"
    REJECT = "reject"


@strawberry.input
class RegisterParticipantInput(CheckedInput):
    person_id: strawberry.ID
    workshop_id: strawberry.ID | None = strawberry.field(
        default=None, description="A network joint workshop or tailored training, or…"
    )
    cohort_id: strawberry.ID | None = strawberry.field(
        default=None, description="…an ITP cohort (an application, or a network's nomination)"
    )
    partnership_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The partnership the person takes part through (required for a network's ITP)",
    )
    change_project_outline: str | None = strawberry.field(
        default=None, description="Required when applying to a cohort"
    )


@strawberry.input
class RegistrationActionInput(CheckedInput):
    registration_id: strawberry.ID
    version: int


@strawberry.input
class DecideRegistrationInput(CheckedInput):
    registration_id: strawberry.ID
    version: int
    decision: Decision
    note: str | None = None


@strawberry.input
class WithdrawRegistrationInput(CheckedInput):
    registration_id: strawberry.ID
    version: int
    note: str | None = None


@strawberry.input
class ReportChangeProjectInput(CheckedInput):
    registration_id: strawberry.ID
    version: int
    text: str
    final: bool = strawberry.field(
        default=False, description="The final report: the change project is reported"
    )


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

    @strawberry.field
    def person(self) -> PersonRef:
        return PersonRef(id=self.person_id)


def _payload(seating: Workshop | Cohort, registration_id: str) -> RegistrationPayload:
    registration = seating.find(registration_id)
    warnings: list[str] = []
    if isinstance(seating, Cohort) and seating.network_id is not None:
        warnings = gaps(seating.registrations, registration.organisation_id)
    return RegistrationPayload(
        registration=RegistrationType.of(Placed(seating, registration)), warnings=warnings
    )


async def _change(info: TrainingInfo, placed: Placed, change: Change[Seating]) -> Workshop | Cohort:
    seating = placed.seating
    if isinstance(seating, Workshop):
        return await update_busy(repos(info).workshops, seating.id, change)
    return await update_busy(repos(info).cohorts, seating.id, change)


async def _act(
    info: TrainingInfo, registration_id: str, version: int, step: Step[Seating], *, by_staff: bool
) -> RegistrationPayload:
    """One registration change by staff, or by the participant's organisation."""
    principal = caller(info)
    if by_staff:
        principal.require(*STAFF)
    placed = await require_registration(info, registration_id)
    principal.require_acts_for(placed.registration.organisation_id)
    seating = await _change(info, placed, on_registration(registration_id, version, step))
    return _payload(seating, registration_id)


def _phase_gaps(cohort: Cohort, phases: list[Workshop], person_id: str) -> str | None:
    """Why the participant has not attended every phase yet, if so."""
    if not phases:
        return f"cohort {cohort.number} has no phases yet"
    for phase in phases:
        if phase.status is not WorkshopStatus.COMPLETED:
            return f"phase {phase.title!r} ({phase.starts_on.isoformat()}) has not taken place"
        if person_id not in phase.attendance:
            return f"phase {phase.title!r} ({phase.starts_on.isoformat()}) was not attended"
    return None


async def _registration(info: TrainingInfo, id: strawberry.ID) -> RegistrationType | None:
    principal = caller(info)
    placed = await repos(info).find_registration(str(id))
    if placed is None or not may_see(principal, placed.registration.organisation_id):
        return None
    return RegistrationType.of(placed)


async def _participant_history(
    info: TrainingInfo, person_id: strawberry.ID
) -> ParticipantHistoryType:
    principal = caller(info)
    person = await repos(info).people.get(str(person_id))
    if not principal.is_staff and (
        person is None or not may_see(principal, person.organisation_id)
    ):
        raise Forbidden(
            "a participant's history is for staff and the person's own organisation",
            field="personId",
        )
    found = await registrations_loader(info, "person_ids").load(str(person_id)) or []
    registrations = [
        RegistrationType.of(p) for p in found if may_see(principal, p.registration.organisation_id)
    ]
    certificates = [
        CertificateType(
            number=p.registration.certificate.number,
            issued_on=p.registration.certificate.issued_on,
            registration_id=strawberry.ID(p.registration.id),
            cohort_id=strawberry.ID(p.seating.id),
        )
        for p in found
        if p.registration.certificate is not None
    ]
    return ParticipantHistoryType(
        person_id=person_id, registrations=registrations, certificates=certificates
    )


@strawberry.type
class RegistrationQueries:
    registration: RegistrationType | None = strawberry.field(
        resolver=_registration,
        description="A registration: null unless staff or the person's organisation",
    )

    participant_history: ParticipantHistoryType = strawberry.field(
        resolver=_participant_history,
        description="A person's registrations, attendance and certificates: staff and the"
        " person's own organisation",
    )


async def _register_participant(
    info: TrainingInfo, input: RegisterParticipantInput
) -> RegistrationPayload:
    principal = caller(info)
    if (input.workshop_id is None) == (input.cohort_id is None):
        raise BadUserInput(
            "register for a workshop or for a cohort: give workshopId or cohortId",
            field="workshopId",
        )
    person = await known_person(info, str(input.person_id))
    principal.require_acts_for(person.organisation_id)
    partnership_id = str(input.partnership_id) if input.partnership_id is not None else None
    if partnership_id is not None:
        await usable_partnership(info, partnership_id, person.organisation_id)
    at = now()
    registration = Registration(
        id=new_id(),
        person_id=person.id,
        organisation_id=person.organisation_id,
        partnership_id=partnership_id,
        role=person.role,
        senior=person.senior,
        status=RegistrationStatus.APPLIED,
        registered_at=at,
    )
    seating: Workshop | Cohort
    if input.workshop_id is not None:
        workshop = await repos(info).workshops.get(str(input.workshop_id))
        if workshop is None:
            raise NotFound(f"workshop {input.workshop_id!r} does not exist", field="workshopId")
        change = register(registration, principal.sub, at, today(), staff=principal.is_staff)
        seating = await update_busy(repos(info).workshops, workshop.id, change)
    else:
        cohort = await repos(info).cohorts.get(str(input.cohort_id))
        if cohort is None:
            raise NotFound(f"cohort {input.cohort_id!r} does not exist", field="cohortId")
        outline = outline_text(input.change_project_outline)
        if cohort.network_id is not None and partnership_id is None:
            raise BadUserInput(
                "a network's ITP takes nominations through a partnership",
                field="partnershipId",
            )
        past = await repos(info).past_participation(cohort.programme_id, person.id, cohort.id)
        if past is not None:
            raise BadUserInput(
                f"the person took part in this programme in cohort {past.number}: past"
                " participants are not admitted again",
                field="personId",
            )
        change_cohort = apply_for(registration, outline, principal.sub, at, today())
        seating = await update_busy(repos(info).cohorts, cohort.id, change_cohort)
    if partnership_id is not None:
        seating = await _unless_closed(info, seating, registration.id, partnership_id)
    return _payload(seating, registration.id)


async def _accept_invitation(
    info: TrainingInfo, input: RegistrationActionInput
) -> RegistrationPayload:
    step = accept(caller(info).sub, now())
    return await _act(info, str(input.registration_id), input.version, step, by_staff=False)


async def _decide_registration(
    info: TrainingInfo, input: DecideRegistrationInput
) -> RegistrationPayload:
    actor, at = caller(info).sub, now()
    steps = {
        Decision.SELECT: select(actor, at),
        Decision.WAITLIST: waitlist(actor, at),
        Decision.REJECT: reject(actor, at, input.note),
    }
    step = steps[input.decision]
    return await _act(info, str(input.registration_id), input.version, step, by_staff=True)


async def _enrol_participant(
    info: TrainingInfo, input: RegistrationActionInput
) -> RegistrationPayload:
    principal = caller(info)
    registration_id = str(input.registration_id)
    placed = await require_registration(info, registration_id)
    registration = placed.registration
    principal.require_acts_for(registration.organisation_id)
    step = enrol(principal.sub, now(), staff=principal.is_staff)
    change = on_registration(registration_id, input.version, step)
    booking, title = _booking(placed)
    bookkeeper = Bookkeeper(repos(info))
    if not replaying():  # on a retry these held, and the booking was made, the first time
        change(placed.seating.model_copy(deep=True))  # every check, before anything is written
        await bookkeeper.reserve(registration.person_id, booking, title)
    try:
        seating = await _change(info, placed, change)
    except Exception:
        await bookkeeper.release(registration.person_id, registration_id, booking.token)
        raise
    if seating.find(registration_id).status is not RegistrationStatus.ENROLLED:
        await bookkeeper.release(registration.person_id, registration_id, booking.token)
    return _payload(seating, registration_id)


async def _withdraw_registration(
    info: TrainingInfo, input: WithdrawRegistrationInput
) -> RegistrationPayload:
    step = withdraw(caller(info).sub, now(), input.note)
    registration_id = str(input.registration_id)
    payload = await _act(info, registration_id, input.version, step, by_staff=False)
    person_id = str(payload.registration.person_id)
    await Bookkeeper(repos(info)).release(person_id, registration_id)
    return payload


async def _report_change_project(
    info: TrainingInfo, input: ReportChangeProjectInput
) -> RegistrationPayload:
    principal = caller(info)
    placed = await require_registration(info, str(input.registration_id))
    if placed.cohort is None:
        raise BadUserInput(
            "only ITP participants carry out a change project", field="registrationId"
        )
    principal.require_acts_for(placed.registration.organisation_id)
    step = report_progress(principal.sub, now(), input.text, input.final)
    change = on_registration(str(input.registration_id), input.version, step)
    seating = await update_busy(repos(info).cohorts, placed.cohort.id, change)
    return _payload(seating, str(input.registration_id))


async def _issue_certificate(
    info: TrainingInfo, input: RegistrationActionInput
) -> RegistrationPayload:
    principal = staff(info)
    registration_id = str(input.registration_id)
    placed = await require_registration(info, registration_id)
    cohort = placed.cohort
    if cohort is None:
        raise BadUserInput(
            "certificates are issued for ITP cohorts, not single workshops",
            field="registrationId",
        )
    phases = (await repos(info).phases([cohort.id])).get(cohort.id, [])
    missing = _phase_gaps(cohort, phases, placed.registration.person_id)
    if missing is not None:
        raise BadUserInput(
            f"a certificate needs every phase attended: {missing}", field="registrationId"
        )
    step = issue_certificate(principal.sub, now(), today())
    change = on_registration(registration_id, input.version, step)
    seating = await update_busy(repos(info).cohorts, cohort.id, change)
    return _payload(seating, registration_id)


@strawberry.type
class RegistrationMutations:
    register_participant: RegistrationPayload = strawberry.mutation(
        resolver=_register_participant,
        description="Registers a person for a workshop, or applies to a cohort",
    )

    accept_invitation: RegistrationPayload = strawberry.mutation(
        resolver=_accept_invitation,
        description="The organisation takes up an invitation: now an application",
    )

    decide_registration: RegistrationPayload = strawberry.mutation(
        resolver=_decide_registration,
        description="Staff select (a seat, or the waitlist when none is free), waitlist or reject",
    )

    enrol_participant: RegistrationPayload = strawberry.mutation(
        resolver=_enrol_participant,
        description="Takes the seat: the organisation confirms a selected registration; staff may"
        " also enrol an applied or waitlisted one (waitlisted when no seat is free). The person's"
        " other enrolments must not overlap.",
    )

    withdraw_registration: RegistrationPayload = strawberry.mutation(
        resolver=_withdraw_registration,
        description="Withdraws a registration; a freed seat goes to the waitlist",
    )

    report_change_project: RegistrationPayload = strawberry.mutation(
        resolver=_report_change_project,
        description="A progress report on an ITP participant's change project",
    )

    issue_certificate: RegistrationPayload = strawberry.mutation(
        resolver=_issue_certificate,
        description="Completes an ITP participant who attended every phase and reported the"
        " change project",
    )


def _booking(placed: Placed) -> tuple[Booking, str]:
    registration, at = placed.registration, now()
    token = uuid.uuid4().hex
    if (workshop := placed.workshop) is not None:
        booking = Booking(
            registration_id=registration.id,
            token=token,
            workshop_id=workshop.id,
            starts_on=workshop.starts_on,
            ends_on=workshop.ends_on,
            reserved_at=at,
        )
        return booking, workshop.title
    cohort = placed.seating
    assert isinstance(cohort, Cohort)
    booking = Booking(
        registration_id=registration.id,
        token=token,
        cohort_id=cohort.id,
        programme_id=cohort.programme_id,
        reserved_at=at,
    )
    return booking, f"cohort {cohort.number}"


async def _unless_closed(
    info: TrainingInfo, seating: Workshop | Cohort, registration_id: str, partnership_id: str
) -> Workshop | Cohort:
    """The partnership was checked before the write; if it closed since, the closing may have
    missed this registration (it looked before it was written): withdraw it here."""
    view = await repos(info).partnerships.get(partnership_id)
    if view is None or view.status != CLOSED:
        return seating
    step = withdraw(SYSTEM_ACTOR, now(), "the partnership was closed")
    change = on_registration(registration_id, None, step)
    placed = Placed(seating, seating.find(registration_id))
    if not placed.registration.open:
        return seating
    return await _change(info, placed, change)
