"""Workshops: network joint workshops, ITP phases and tailored trainings.

A network joint workshop or a tailored training holds its own registrations (one document:
its capacity holds under concurrent enrolments). An ITP phase holds none: the participants
of its cohort attend it. Every kind records attendance (who came, by person id) and, when it
is completed, the participants still registered end their registration: completed when they
attended, withdrawn when not. Staff record its cost lines; they are final once the workshop
is completed, when finance books them from WORKSHOP_COMPLETED.

Dates do not change once scheduled: a workshop that moves is cancelled and scheduled anew
(its registrations are withdrawn, and people enrol again, their other enrolments checked).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, Field

from services.common.errors import BadUserInput
from services.common.money import Money
from services.common.validation import clean_text
from services.common.vocabulary import CostCategory

from . import NothingToApply
from .cohort import Cohort
from .facts import DomainChange, Fact
from .registration import OPEN, Registration, RegistrationStatus, Seating

MAX_WORKSHOP_DAYS = 31
"""The longest phase is two weeks in Sweden (docs/domain.md, Training); a month catches a typo."""
MAX_CAPACITY = 500
MAX_COST_LINES = 50
MAX_ATTENDEES = 500


class WorkshopKind(StrEnum):
    NETWORK_WORKSHOP = "network_workshop"
    ITP_PHASE = "itp_phase"
    TAILORED_TRAINING = "tailored_training"


class WorkshopStatus(StrEnum):
    SCHEDULED = "scheduled"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class CostLine(BaseModel):
    category: CostCategory
    amount: Money
    description: str = ""


class Workshop(Seating):
    kind: WorkshopKind
    title: str
    network_id: str | None = None
    cohort_id: str | None = None
    programme_id: str | None = None
    city: str
    country: str
    starts_on: date
    ends_on: date
    status: WorkshopStatus = WorkshopStatus.SCHEDULED
    costs: list[CostLine] = Field(default_factory=list)
    attendance: list[str] = Field(default_factory=list)
    """Ids of the people who attended (recorded when completed)."""
    completed_on: date | None = None
    cancelled_on: date | None = None
    note: str | None = None

    @property
    def workshop_ref(self) -> str | None:
        return self.id

    @property
    def is_phase(self) -> bool:
        return self.kind is WorkshopKind.ITP_PHASE

    def require_changeable(self) -> None:
        if self.status is not WorkshopStatus.SCHEDULED:
            raise BadUserInput(
                f"the workshop is {self.status.value}: its registrations no longer change",
                field="registrationId",
            )


@dataclass(frozen=True)
class WorkshopReached(Fact):
    """The workshop was scheduled, completed or cancelled (`status`), with `participants`
    enrolled then (attending, once completed)."""

    workshop: Workshop
    status: WorkshopStatus
    participants: int


def check_capacity(capacity: int) -> int:
    if not 1 <= capacity <= MAX_CAPACITY:
        raise BadUserInput(f"capacity must be between 1 and {MAX_CAPACITY}", field="capacity")
    return capacity


def check_costs(lines: Sequence[CostLine]) -> list[CostLine]:
    if len(lines) > MAX_COST_LINES:
        raise BadUserInput(f"at most {MAX_COST_LINES} cost lines", field="costs")
    return [
        CostLine(
            category=line.category,
            amount=line.amount,
            description=clean_text(line.description, f"costs[{i}].description", required=False),
        )
        for i, line in enumerate(lines)
    ]


def schedule(
    workshop_id: str,
    *,
    kind: WorkshopKind,
    title: str,
    network_id: str | None,
    cohort: Cohort | None,
    city: str,
    country: str,
    starts_on: date,
    ends_on: date,
    capacity: int | None,
    costs: Sequence[CostLine],
    participants: int,
    actor: str,
) -> tuple[Workshop, list[Fact]]:
    """A new workshop; `cohort` is the phase's cohort, `participants` its enrolled count."""
    if ends_on < starts_on:
        raise BadUserInput("the workshop cannot end before it starts", field="endsOn")
    if (ends_on - starts_on).days >= MAX_WORKSHOP_DAYS:
        raise BadUserInput(f"a workshop lasts at most {MAX_WORKSHOP_DAYS} days", field="endsOn")
    if kind is WorkshopKind.ITP_PHASE:
        if cohort is None:
            raise BadUserInput("an ITP phase belongs to a cohort", field="cohortId")
        if network_id is not None:
            raise BadUserInput(
                "an ITP phase belongs to its cohort (and through it to its network)",
                field="networkId",
            )
        if starts_on < cohort.starts_on:
            raise BadUserInput(
                f"the phase starts before its cohort ({cohort.starts_on.isoformat()})",
                field="startsOn",
            )
        if ends_on > cohort.ends_on:
            raise BadUserInput(
                f"the phase ends after its cohort ({cohort.ends_on.isoformat()})", field="endsOn"
            )
        seats = check_capacity(capacity) if capacity is not None else cohort.capacity
    else:
        if cohort is not None:
            raise BadUserInput("only ITP phases belong to a cohort", field="cohortId")
        if kind is WorkshopKind.NETWORK_WORKSHOP and network_id is None:
            raise BadUserInput("a network joint workshop belongs to a network", field="networkId")
        if capacity is None:
            raise BadUserInput("how many people can take part?", field="capacity")
        seats = check_capacity(capacity)
    workshop = Workshop(
        id=workshop_id,
        version=1,
        kind=kind,
        title=clean_text(title, "title"),
        network_id=network_id,
        cohort_id=cohort.id if cohort else None,
        programme_id=cohort.programme_id if cohort else None,
        city=clean_text(city, "city", max_length=100),
        country=country,
        starts_on=starts_on,
        ends_on=ends_on,
        capacity=seats,
        costs=check_costs(costs),
    )
    workshop.record(actor, "scheduled", to_status=workshop.status.value)
    return workshop, [WorkshopReached(workshop, workshop.status, participants)]


def _require_scheduled(workshop: Workshop, what: str) -> None:
    if workshop.status is not WorkshopStatus.SCHEDULED:
        raise BadUserInput(f"a {workshop.status.value} workshop cannot be {what}", field="id")


def change_details(
    actor: str, now: datetime, *, title: str | None, city: str | None, capacity: int | None
) -> DomainChange[Workshop]:
    new_title = clean_text(title, "title") if title is not None else None
    new_city = clean_text(city, "city", max_length=100) if city is not None else None
    new_capacity = check_capacity(capacity) if capacity is not None else None

    def apply(workshop: Workshop) -> Sequence[Fact]:
        _require_scheduled(workshop, "changed")
        if new_title is not None:
            workshop.title = new_title
        if new_city is not None:
            workshop.city = new_city
        facts = [] if new_capacity is None else workshop.resize(new_capacity, actor, now)
        workshop.reindex()
        workshop.record(actor, "details changed")
        return facts

    return apply


def record_costs(actor: str, lines: Sequence[CostLine]) -> DomainChange[Workshop]:
    checked = check_costs(lines)

    def apply(workshop: Workshop) -> Sequence[Fact]:
        if workshop.status is WorkshopStatus.COMPLETED:
            raise BadUserInput(
                "the costs of a completed workshop are final (finance has booked them)",
                field="costs",
            )
        _require_scheduled(workshop, "costed")
        workshop.costs = checked
        workshop.record(actor, "costs recorded", note=f"{len(checked)} lines")
        return ()

    return apply


def register(
    registration: Registration, actor: str, now: datetime, today: date, *, staff: bool
) -> DomainChange[Workshop]:
    """A registration (applied) for a network workshop or tailored training.

    Coordinators register people before the workshop starts; staff may also record
    registrations of a workshop under way or past (until it is completed).
    """

    def apply(workshop: Workshop) -> Sequence[Fact]:
        if workshop.is_phase:
            raise BadUserInput(
                "people take part in an ITP phase through its cohort: register for the cohort",
                field="workshopId",
            )
        if workshop.status is not WorkshopStatus.SCHEDULED:
            raise BadUserInput(
                f"the workshop is {workshop.status.value}: it takes no registrations",
                field="workshopId",
            )
        if not staff and today >= workshop.starts_on:
            raise BadUserInput(
                f"the workshop started on {workshop.starts_on.isoformat()}: registration is closed",
                field="workshopId",
            )
        if workshop.open_registration_of(registration.person_id) is not None:
            raise BadUserInput(
                "the person is registered for this workshop already", field="personId"
            )
        return [workshop.add(registration.model_copy(deep=True), actor, now)]

    return apply


def invite(
    invitations: Sequence[Registration], actor: str, now: datetime
) -> DomainChange[Workshop]:
    """Invites whoever is not registered yet (reaction to a partnership joining a network)."""

    def apply(workshop: Workshop) -> Sequence[Fact]:
        if workshop.status is not WorkshopStatus.SCHEDULED:
            raise NothingToApply
        facts = [
            workshop.add(invitation.model_copy(deep=True), actor, now)
            for invitation in invitations
            if workshop.open_registration_of(invitation.person_id) is None
        ]
        if not facts:
            raise NothingToApply
        return facts

    return apply


def withdraw_partnership(partnership_id: str, actor: str, now: datetime) -> DomainChange[Seating]:
    """Withdraws every open registration made through a (closed) partnership."""

    def apply(seating: Seating) -> Sequence[Fact]:
        if isinstance(seating, Workshop) and seating.status is not WorkshopStatus.SCHEDULED:
            raise NothingToApply
        pending = [
            r for r in seating.registrations if r.partnership_id == partnership_id and r.open
        ]
        if not pending:
            raise NothingToApply
        # Every one of them first, then the freed seats: none goes to one withdrawn here.
        facts: list[Fact] = [
            seating.move(r, RegistrationStatus.WITHDRAWN, actor, now, "the partnership was closed")
            for r in pending
        ]
        facts += seating.promote(actor, now)
        return facts

    return apply


def require_phases_attended(cohort: Cohort, phases: Sequence[Workshop], person_id: str) -> None:
    """A certificate needs every phase of the cohort taken place and attended."""
    missing = None
    if not phases:
        missing = f"cohort {cohort.number} has no phases yet"
    for phase in phases:
        if phase.status is not WorkshopStatus.COMPLETED:
            missing = f"phase {phase.title!r} ({phase.starts_on.isoformat()}) has not taken place"
        elif person_id not in phase.attendance:
            missing = f"phase {phase.title!r} ({phase.starts_on.isoformat()}) was not attended"
        if missing is not None:
            break
    if missing is not None:
        raise BadUserInput(
            f"a certificate needs every phase attended: {missing}", field="registrationId"
        )


def check_attendance(person_ids: Sequence[str], enrolled: Collection[str]) -> list[str]:
    """Who attended: each once, each enrolled (in the workshop, or in the phase's cohort)."""
    if len(person_ids) > MAX_ATTENDEES:
        raise BadUserInput(f"at most {MAX_ATTENDEES} attendees", field="attendedPersonIds")
    if len(set(person_ids)) != len(person_ids):
        raise BadUserInput("each person attends once", field="attendedPersonIds")
    for person_id in person_ids:
        if person_id not in enrolled:
            raise BadUserInput(
                f"person {person_id!r} is not enrolled: only participants attend",
                field="attendedPersonIds",
            )
    return sorted(person_ids)


def complete(
    actor: str,
    now: datetime,
    today: date,
    attended: Sequence[str],
    costs: Sequence[CostLine] | None,
    cohort_participants: Collection[str] | None,
) -> DomainChange[Workshop]:
    """The workshop took place: attendance and costs are final, registrations end.

    `cohort_participants` are the enrolled participants of a phase's cohort (None otherwise).
    """
    checked_costs = check_costs(costs) if costs is not None else None

    def apply(workshop: Workshop) -> Sequence[Fact]:
        _require_scheduled(workshop, "completed")
        if today < workshop.ends_on:
            raise BadUserInput(
                f"the workshop ends on {workshop.ends_on.isoformat()}: complete it afterwards",
                field="id",
            )
        if workshop.is_phase:
            enrolled: Collection[str] = cohort_participants or ()
        else:
            enrolled = {r.person_id for r in workshop.enrolled()}
        workshop.attendance = check_attendance(attended, enrolled)
        if checked_costs is not None:
            workshop.costs = checked_costs
        facts: list[Fact] = []
        came = set(workshop.attendance)
        for registration in workshop.registrations:
            if (
                registration.status is RegistrationStatus.ENROLLED
                and registration.person_id in came
            ):
                facts.append(workshop.move(registration, RegistrationStatus.COMPLETED, actor, now))
            elif registration.status in OPEN:
                note = (
                    "did not attend"
                    if registration.status is RegistrationStatus.ENROLLED
                    else "not enrolled when the workshop took place"
                )
                facts.append(
                    workshop.move(registration, RegistrationStatus.WITHDRAWN, actor, now, note)
                )
        workshop.status, workshop.completed_on = WorkshopStatus.COMPLETED, today
        workshop.reindex()
        workshop.record(
            actor,
            "completed",
            from_status=WorkshopStatus.SCHEDULED.value,
            to_status=workshop.status.value,
            note=f"{len(workshop.attendance)} attended",
        )
        return [*facts, WorkshopReached(workshop, workshop.status, len(workshop.attendance))]

    return apply


def cancel(
    actor: str, now: datetime, today: date, note: str | None, cohort_participants: int
) -> DomainChange[Workshop]:
    """Cancels a scheduled workshop; its open registrations are withdrawn."""
    reason = clean_text(note, "note", max_length=1000, required=False) if note else None

    def apply(workshop: Workshop) -> Sequence[Fact]:
        _require_scheduled(workshop, "cancelled")
        participants = cohort_participants if workshop.is_phase else len(workshop.enrolled())
        facts = [
            workshop.move(r, RegistrationStatus.WITHDRAWN, actor, now, "the workshop was cancelled")
            for r in workshop.registrations
            if r.open
        ]
        workshop.status, workshop.cancelled_on, workshop.note = (
            WorkshopStatus.CANCELLED,
            today,
            reason,
        )
        workshop.reindex()
        workshop.record(
            actor,
            "cancelled",
            from_status=WorkshopStatus.SCHEDULED.value,
            to_status=workshop.status.value,
            note=reason,
        )
        return [*facts, WorkshopReached(workshop, workshop.status, participants)]

    return apply
