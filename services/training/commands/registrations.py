"""Registrations: applying, invitations, selection, enrolment, withdrawal, change projects,
certificates, and what events from partnerships and networks do to them.

Coordinators register, enrol (take an offered seat) and withdraw the people of their own
organisation and report on their change projects; staff do all that and also select,
waitlist and reject, and issue certificates (docs/architecture.md, Security).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from services.common.auth import STAFF, Principal
from services.common.clock import clock
from services.common.errors import BadUserInput, NotFound
from services.common.events.envelope import Event
from services.common.idempotency import new_id, replaying
from services.common.store import Change

from ..domain import SYSTEM_ACTOR, NothingToApply
from ..domain import cohort as cohorts
from ..domain.booking import booking_for
from ..domain.cohort import (
    Cohort,
    apply_for,
    outline_text,
    refuse_readmission,
    report_progress,
)
from ..domain.nominations import gaps, require_partnership
from ..domain.registration import (
    Decision,
    Registration,
    RegistrationStatus,
    Seating,
    Step,
    accept,
    decide,
    enrol,
    on_registration,
    withdraw,
)
from ..domain.workshop import (
    Workshop,
    invite,
    register,
    require_phases_attended,
    withdraw_partnership,
)
from ..projection import PersonView
from ..repositories import Placed, Repositories, update_busy
from .bookings import Bookkeeper
from .outbox import emitting
from .projection import known_person, partnership_closed, usable_partnership

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NewRegistration:
    person_id: str
    workshop_id: str | None
    cohort_id: str | None
    partnership_id: str | None
    change_project_outline: str | None


@dataclass(frozen=True)
class RegistrationResult:
    """The registration as stored, and what a network ITP's nominations of its
    organisation still lack (warnings, never refusals)."""

    placed: Placed
    warnings: list[str] = field(default_factory=list)


def _now() -> datetime:
    return datetime.now(UTC)


def _result(seating: Workshop | Cohort, registration_id: str) -> RegistrationResult:
    registration = seating.find(registration_id)
    warnings: list[str] = []
    if isinstance(seating, Cohort) and seating.network_id is not None:
        warnings = gaps(seating.registrations, registration.organisation_id)
    return RegistrationResult(Placed(seating, registration), warnings)


async def _require(repos: Repositories, registration_id: str) -> Placed:
    placed = await repos.find_registration(registration_id)
    if placed is None:
        raise NotFound(f"registration {registration_id!r} does not exist", field="registrationId")
    return placed


async def _write(
    repos: Repositories, seating: Workshop | Cohort, change: Change[Seating]
) -> Workshop | Cohort:
    if isinstance(seating, Workshop):
        return await update_busy(repos.workshops, seating.id, change)
    return await update_busy(repos.cohorts, seating.id, change)


async def _act(
    repos: Repositories,
    principal: Principal,
    registration_id: str,
    version: int,
    step: Step[Seating],
    *,
    by_staff: bool,
) -> RegistrationResult:
    """One registration change by staff, or by the participant's organisation."""
    if by_staff:
        principal.require(*STAFF)
    placed = await _require(repos, registration_id)
    principal.require_acts_for(placed.registration.organisation_id)
    change = emitting(on_registration(registration_id, version, step))
    return _result(await _write(repos, placed.seating, change), registration_id)


async def register_participant(
    repos: Repositories, principal: Principal, new: NewRegistration
) -> RegistrationResult:
    """Registers a person for a workshop, or applies (nominates) to a cohort."""
    if (new.workshop_id is None) == (new.cohort_id is None):
        raise BadUserInput(
            "register for a workshop or for a cohort: give workshopId or cohortId",
            field="workshopId",
        )
    person = await known_person(repos, new.person_id)
    principal.require_acts_for(person.organisation_id)
    if new.partnership_id is not None:
        await usable_partnership(repos, new.partnership_id, person.organisation_id)
    at = _now()
    registration = Registration(
        id=new_id(),
        person_id=person.id,
        organisation_id=person.organisation_id,
        partnership_id=new.partnership_id,
        role=person.role,
        senior=person.senior,
        status=RegistrationStatus.APPLIED,
        registered_at=at,
    )
    seating: Workshop | Cohort
    if new.workshop_id is not None:
        workshop = await repos.workshops.get(new.workshop_id)
        if workshop is None:
            raise NotFound(f"workshop {new.workshop_id!r} does not exist", field="workshopId")
        change = register(registration, principal.sub, at, clock.today(), staff=principal.is_staff)
        seating = await update_busy(repos.workshops, workshop.id, emitting(change))
    else:
        cohort = await repos.cohorts.get(new.cohort_id or "")
        if cohort is None:
            raise NotFound(f"cohort {new.cohort_id!r} does not exist", field="cohortId")
        outline = outline_text(new.change_project_outline)
        if cohort.network_id is not None:
            require_partnership(new.partnership_id)
        refuse_readmission(
            await repos.past_participation(cohort.programme_id, person.id, cohort.id)
        )
        application = apply_for(registration, outline, principal.sub, at, clock.today())
        seating = await update_busy(repos.cohorts, cohort.id, emitting(application))
    if new.partnership_id is not None:
        seating = await _unless_closed(repos, seating, registration.id, new.partnership_id)
    return _result(seating, registration.id)


async def _unless_closed(
    repos: Repositories, seating: Workshop | Cohort, registration_id: str, partnership_id: str
) -> Workshop | Cohort:
    """The partnership was checked before the write; if it closed since, the closing may have
    missed this registration (it looked before it was written): withdraw it here."""
    if not await partnership_closed(repos, partnership_id):
        return seating
    if not seating.find(registration_id).open:
        return seating
    step = withdraw(SYSTEM_ACTOR, _now(), "the partnership was closed")
    return await _write(repos, seating, emitting(on_registration(registration_id, None, step)))


async def accept_invitation(
    repos: Repositories, principal: Principal, registration_id: str, version: int
) -> RegistrationResult:
    step = accept(principal.sub, _now())
    return await _act(repos, principal, registration_id, version, step, by_staff=False)


async def decide_registration(
    repos: Repositories,
    principal: Principal,
    registration_id: str,
    version: int,
    decision: Decision,
    note: str | None,
) -> RegistrationResult:
    step = decide(decision, principal.sub, _now(), note)
    return await _act(repos, principal, registration_id, version, step, by_staff=True)


async def enrol_participant(
    repos: Repositories, principal: Principal, registration_id: str, version: int
) -> RegistrationResult:
    """Takes the seat, after booking the person's dates (commands/bookings.py)."""
    placed = await _require(repos, registration_id)
    registration = placed.registration
    principal.require_acts_for(registration.organisation_id)
    step = enrol(principal.sub, _now(), staff=principal.is_staff)
    change = emitting(on_registration(registration_id, version, step))
    booking, title = booking_for(placed.seating, registration, uuid.uuid4().hex, _now())
    bookkeeper = Bookkeeper(repos)
    if not replaying():  # on a retry these held, and the booking was made, the first time
        change(placed.seating.model_copy(deep=True))  # every check, before anything is written
        await bookkeeper.reserve(registration.person_id, booking, title)
    try:
        seating = await _write(repos, placed.seating, change)
    except Exception:
        await bookkeeper.release(registration.person_id, registration_id, booking.token)
        raise
    if seating.find(registration_id).status is not RegistrationStatus.ENROLLED:
        await bookkeeper.release(registration.person_id, registration_id, booking.token)
    return _result(seating, registration_id)


async def withdraw_registration(
    repos: Repositories, principal: Principal, registration_id: str, version: int, note: str | None
) -> RegistrationResult:
    step = withdraw(principal.sub, _now(), note)
    result = await _act(repos, principal, registration_id, version, step, by_staff=False)
    await Bookkeeper(repos).release(result.placed.registration.person_id, registration_id)
    return result


async def report_change_project(
    repos: Repositories,
    principal: Principal,
    registration_id: str,
    version: int,
    text: str,
    final: bool,
) -> RegistrationResult:
    placed = await _require(repos, registration_id)
    if placed.cohort is None:
        raise BadUserInput(
            "only ITP participants carry out a change project", field="registrationId"
        )
    principal.require_acts_for(placed.registration.organisation_id)
    step = report_progress(principal.sub, _now(), text, final)
    change = emitting(on_registration(registration_id, version, step))
    cohort = await update_busy(repos.cohorts, placed.cohort.id, change)
    return _result(cohort, registration_id)


async def issue_certificate(
    repos: Repositories, principal: Principal, registration_id: str, version: int
) -> RegistrationResult:
    principal.require(*STAFF)
    placed = await _require(repos, registration_id)
    cohort = placed.cohort
    if cohort is None:
        raise BadUserInput(
            "certificates are issued for ITP cohorts, not single workshops",
            field="registrationId",
        )
    phases = (await repos.phases([cohort.id])).get(cohort.id, [])
    require_phases_attended(cohort, phases, placed.registration.person_id)
    step = cohorts.issue_certificate(principal.sub, _now(), clock.today())
    change = emitting(on_registration(registration_id, version, step))
    cohort = await update_busy(repos.cohorts, cohort.id, change)
    return _result(cohort, registration_id)


# --- reactions to other services' events -------------------------------------------------------


async def withdraw_through_partnership(
    repos: Repositories, event: Event, partnership_id: str
) -> None:
    """A partnership was closed: every open registration made through it is withdrawn, and
    the seats they held go to the first on each waitlist; their bookings are released."""
    bookkeeper = Bookkeeper(repos)
    now = _now()
    for seating in await repos.seatings_of_partnership(partnership_id):
        store = repos.seatings(seating)
        change = emitting(withdraw_partnership(partnership_id, SYSTEM_ACTOR, now))
        try:
            changed = await store.apply(event, seating.id, change)
        except NothingToApply:
            continue
        for registration in changed.registrations if changed else []:
            if (
                registration.partnership_id == partnership_id
                and registration.status is RegistrationStatus.WITHDRAWN
            ):
                await bookkeeper.release(registration.person_id, registration.id)


async def invite_to_network_workshops(
    repos: Repositories,
    event: Event,
    *,
    network_id: str,
    partnership_id: str,
    organisation_ids: Sequence[str],
    since: date,
) -> None:
    """A partnership joined a network: the people of its organisations known here are invited
    to the network's joint workshops starting on or after `since`."""
    team = await repos.people_of(organisation_ids)
    if not team:
        log.info("no people known to invite", extra={"partnership": partnership_id})
        return
    now = _now()
    for workshop in await repos.upcoming_network_workshops(network_id, since):
        invitations = [_invitation(person, partnership_id, now) for person in team]
        change = emitting(invite(invitations, SYSTEM_ACTOR, now))
        try:
            await repos.workshops.apply(event, workshop.id, change)
        except NothingToApply:
            log.info("everyone is registered already", extra={"workshop": workshop.id})


def _invitation(person: PersonView, partnership_id: str, now: datetime) -> Registration:
    return Registration(
        id=str(uuid.uuid4()),
        person_id=person.id,
        organisation_id=person.organisation_id,
        partnership_id=partnership_id,
        role=person.role,
        senior=person.senior,
        status=RegistrationStatus.INVITED,
        registered_at=now,
    )
