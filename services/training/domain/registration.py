"""Registrations and the seats they hold, shared by workshops and cohorts.

A registration lives inside the document of what it registers for: a workshop (network joint
workshops, tailored trainings) or a cohort of an ITP (whose phases are workshops attended by
the cohort's participants). Every rule about seats is therefore checked on one document: the
store writes it whole under a revision check, a concurrent writer re-runs its change against
the winner's state, and capacity can never be exceeded.

Lifecycle (docs/domain.md, Training; `invited` in front for the reaction to a partnership joining
a network: an invitation is not an application until the organisation accepts it):

    invited ─accept─▶ applied ─select─▶ selected ─enrol─▶ enrolled ─▶ completed
                         │ ─waitlist─▶ waitlisted ─select / promotion─▶ selected
                         │ ─reject──▶ rejected
    every open registration (invited … enrolled) can be withdrawn

Seats are held by selected, enrolled and completed registrations. Selecting or enrolling when
every seat is held puts the registration on the waitlist instead. A freed seat (a withdrawal,
a selected registration rejected, more capacity) is offered to the first on the waitlist, who
becomes selected; they take it by enrolling, which is when a person's other enrolments are
checked for overlapping dates (services/training/commands/bookings.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import TypeVar

from pydantic import BaseModel, Field

from services.common.audit import Audited
from services.common.errors import BadUserInput, Conflict, NotFound

from .facts import DomainChange, Fact


class RegistrationStatus(StrEnum):
    INVITED = "invited"
    APPLIED = "applied"
    SELECTED = "selected"
    WAITLISTED = "waitlisted"
    REJECTED = "rejected"
    ENROLLED = "enrolled"
    COMPLETED = "completed"
    WITHDRAWN = "withdrawn"


SEAT_HOLDING = frozenset(
    {RegistrationStatus.SELECTED, RegistrationStatus.ENROLLED, RegistrationStatus.COMPLETED}
)
OPEN = frozenset(
    {
        RegistrationStatus.INVITED,
        RegistrationStatus.APPLIED,
        RegistrationStatus.SELECTED,
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.ENROLLED,
    }
)
"""Registrations still under way: one per person and workshop (or cohort) at a time."""
TAKING_PART = frozenset({RegistrationStatus.ENROLLED, RegistrationStatus.COMPLETED})


class StatusChange(BaseModel):
    at: datetime
    actor: str
    from_status: RegistrationStatus | None
    to_status: RegistrationStatus
    note: str | None = None


class ProgressReport(BaseModel):
    at: datetime
    by: str
    text: str
    final: bool


class ChangeProject(BaseModel):
    """The change project an ITP participant carries out at home (docs/domain.md, Training)."""

    outline: str
    reports: list[ProgressReport] = Field(default_factory=list)

    @property
    def reported(self) -> bool:
        """Whether the final report is in."""
        return any(r.final for r in self.reports)


class Certificate(BaseModel):
    number: str
    issued_on: date


class Registration(BaseModel):
    id: str
    version: int = 1
    person_id: str
    organisation_id: str
    partnership_id: str | None = None
    role: str
    """The person's role when registered (politician, civil_servant, cso_member)."""
    senior: bool = False
    """A senior civil servant (a decision-maker) when registered."""
    status: RegistrationStatus
    waitlist_seq: int | None = None
    """Order on the waitlist while waitlisted (lower first)."""
    registered_at: datetime
    history: list[StatusChange] = Field(default_factory=list)
    change_project: ChangeProject | None = None
    """Cohort registrations only."""
    certificate: Certificate | None = None

    @property
    def open(self) -> bool:
        return self.status in OPEN

    @property
    def holds_seat(self) -> bool:
        return self.status in SEAT_HOLDING


@dataclass(frozen=True)
class RegistrationMoved(Fact):
    """A registration was added (`from_status` None) or moved in its lifecycle."""

    registration_id: str
    version: int
    workshop_id: str | None
    cohort_id: str | None
    person_id: str
    organisation_id: str
    partnership_id: str | None
    from_status: RegistrationStatus | None
    to_status: RegistrationStatus


class Seating(Audited):
    """What people register for: a capacity and the registrations, in one document.

    The flat id lists repeat what the registrations hold, for indexed `$in` queries (a
    person's history, an organisation's participants); every change that adds a registration
    refreshes them.
    """

    capacity: int
    registrations: list[Registration] = Field(default_factory=list)
    waitlist_counter: int = 0
    seats_taken: int = 0
    """Seats held (selected, enrolled, completed); stored for lists and filters."""
    registration_ids: list[str] = Field(default_factory=list)
    person_ids: list[str] = Field(default_factory=list)
    organisation_ids: list[str] = Field(default_factory=list)
    partnership_ids: list[str] = Field(default_factory=list)

    # --- what each kind of seating says about itself ---------------------------------------

    @property
    def workshop_ref(self) -> str | None:
        return None

    @property
    def cohort_ref(self) -> str | None:
        return None

    def require_changeable(self) -> None:
        """Refuses registration changes when the seating no longer takes them."""

    # --- reading ---------------------------------------------------------------------------

    def find(self, registration_id: str) -> Registration:
        for registration in self.registrations:
            if registration.id == registration_id:
                return registration
        raise NotFound(f"registration {registration_id!r} does not exist", field="registrationId")

    def open_registration_of(self, person_id: str) -> Registration | None:
        return next((r for r in self.registrations if r.person_id == person_id and r.open), None)

    def enrolled(self) -> list[Registration]:
        return [r for r in self.registrations if r.status is RegistrationStatus.ENROLLED]

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self._held(), 0)

    def _held(self) -> int:
        return sum(1 for r in self.registrations if r.holds_seat)

    def waitlist(self) -> list[Registration]:
        waiting = [r for r in self.registrations if r.status is RegistrationStatus.WAITLISTED]
        return sorted(waiting, key=lambda r: r.waitlist_seq or 0)

    def waitlist_position(self, registration: Registration) -> int | None:
        if registration.status is not RegistrationStatus.WAITLISTED:
            return None
        return [r.id for r in self.waitlist()].index(registration.id) + 1

    # --- changing --------------------------------------------------------------------------

    def add(self, registration: Registration, actor: str, now: datetime) -> RegistrationMoved:
        registration.history = [
            StatusChange(at=now, actor=actor, from_status=None, to_status=registration.status)
        ]
        self.registrations = [*self.registrations, registration]
        self.reindex()
        return self._changed(registration, None)

    def move(
        self,
        registration: Registration,
        to: RegistrationStatus,
        actor: str,
        now: datetime,
        note: str | None = None,
    ) -> RegistrationMoved:
        """Moves one registration (checked by the caller) and says so in an event."""
        from_status = registration.status
        registration.status = to
        registration.version += 1
        if to is RegistrationStatus.WAITLISTED:
            self.waitlist_counter += 1
            registration.waitlist_seq = self.waitlist_counter
        else:
            registration.waitlist_seq = None
        registration.history = [
            *registration.history,
            StatusChange(at=now, actor=actor, from_status=from_status, to_status=to, note=note),
        ]
        self.reindex()
        return self._changed(registration, from_status)

    def take_seat(
        self, registration: Registration, to: RegistrationStatus, actor: str, now: datetime
    ) -> RegistrationMoved:
        """Moves to `to` (selected or enrolled) when a seat is held or free, else waitlists."""
        if registration.holds_seat or self.seats_left > 0:
            return self.move(registration, to, actor, now)
        if registration.status is RegistrationStatus.WAITLISTED:
            raise BadUserInput(
                f"all {self.capacity} seats are taken: the registration stays on the waitlist"
                f" (position {self.waitlist_position(registration)})",
                field="registrationId",
            )
        return self.move(
            registration, RegistrationStatus.WAITLISTED, actor, now, note="all seats taken"
        )

    def promote(self, actor: str, now: datetime) -> list[Fact]:
        """Offers every free seat to the first on the waitlist, in order."""
        facts: list[Fact] = []
        for registration in self.waitlist()[: self.seats_left]:
            facts.append(
                self.move(registration, RegistrationStatus.SELECTED, actor, now, note="seat freed")
            )
        return facts

    def resize(self, capacity: int, actor: str, now: datetime) -> list[Fact]:
        """A new capacity, never below the seats held; more seats go to the waitlist."""
        if capacity < self.seats_taken:
            raise BadUserInput(
                f"{self.seats_taken} seats are held: capacity cannot go below that",
                field="capacity",
            )
        self.capacity = capacity
        return self.promote(actor, now)

    def release(
        self,
        registration: Registration,
        to: RegistrationStatus,
        actor: str,
        now: datetime,
        note: str,
    ) -> list[Fact]:
        """Ends an open registration (withdrawn or rejected) and hands its seat on."""
        freed = registration.holds_seat
        facts: list[Fact] = [self.move(registration, to, actor, now, note=note)]
        if freed:
            facts += self.promote(actor, now)
        return facts

    def reindex(self) -> None:
        regs = self.registrations
        self.seats_taken = self._held()
        self.registration_ids = [r.id for r in regs]
        self.person_ids = sorted({r.person_id for r in regs})
        self.organisation_ids = sorted({r.organisation_id for r in regs})
        self.partnership_ids = sorted({r.partnership_id for r in regs if r.partnership_id})

    def _changed(
        self, registration: Registration, from_status: RegistrationStatus | None
    ) -> RegistrationMoved:
        return RegistrationMoved(
            registration_id=registration.id,
            version=registration.version,
            workshop_id=self.workshop_ref,
            cohort_id=self.cohort_ref,
            person_id=registration.person_id,
            organisation_id=registration.organisation_id,
            partnership_id=registration.partnership_id,
            from_status=from_status,
            to_status=registration.status,
        )


S = TypeVar("S", bound=Seating)

Step = Callable[[S, Registration], list[Fact]]


def on_registration(registration_id: str, version: int | None, step: Step[S]) -> DomainChange[S]:
    """A change of one registration, at the version the caller saw (None: whatever it is)."""

    def apply(seating: S) -> Sequence[Fact]:
        registration = seating.find(registration_id)
        if version is not None and registration.version != version:
            raise Conflict(
                f"registration {registration_id!r} is at version {registration.version}, not"
                f" {version}: reload and retry",
                field="version",
            )
        seating.require_changeable()
        return step(seating, registration)

    return apply


def _require(registration: Registration, allowed: frozenset[RegistrationStatus], what: str) -> None:
    if registration.status not in allowed:
        raise BadUserInput(
            f"a registration that is {registration.status.value} cannot be {what}",
            field="registrationId",
        )


def accept(actor: str, now: datetime) -> Step[Seating]:
    def step(seating: Seating, registration: Registration) -> list[Fact]:
        _require(registration, frozenset({RegistrationStatus.INVITED}), "accepted")
        return [seating.move(registration, RegistrationStatus.APPLIED, actor, now)]

    return step


def select(actor: str, now: datetime) -> Step[Seating]:
    """Selected when a seat is free, else waitlisted (in the order selected)."""

    def step(seating: Seating, registration: Registration) -> list[Fact]:
        allowed = frozenset({RegistrationStatus.APPLIED, RegistrationStatus.WAITLISTED})
        _require(registration, allowed, "selected")
        return [seating.take_seat(registration, RegistrationStatus.SELECTED, actor, now)]

    return step


def waitlist(actor: str, now: datetime) -> Step[Seating]:
    def step(seating: Seating, registration: Registration) -> list[Fact]:
        _require(registration, frozenset({RegistrationStatus.APPLIED}), "waitlisted")
        return [seating.move(registration, RegistrationStatus.WAITLISTED, actor, now)]

    return step


def reject(actor: str, now: datetime, note: str | None) -> Step[Seating]:
    def step(seating: Seating, registration: Registration) -> list[Fact]:
        allowed = frozenset(
            {
                RegistrationStatus.APPLIED,
                RegistrationStatus.WAITLISTED,
                RegistrationStatus.SELECTED,
            }
        )
        _require(registration, allowed, "rejected")
        return seating.release(
            registration, RegistrationStatus.REJECTED, actor, now, note or "not selected"
        )

    return step


def enrol(actor: str, now: datetime, *, staff: bool) -> Step[Seating]:
    """Takes the seat: a selected registration confirms it; staff may also enrol an applied
    or waitlisted one directly, when a seat is free (else it goes to the waitlist)."""

    def step(seating: Seating, registration: Registration) -> list[Fact]:
        allowed = {RegistrationStatus.SELECTED}
        if staff:
            allowed |= {RegistrationStatus.APPLIED, RegistrationStatus.WAITLISTED}
        _require(registration, frozenset(allowed), "enrolled")
        return [seating.take_seat(registration, RegistrationStatus.ENROLLED, actor, now)]

    return step


def withdraw(actor: str, now: datetime, note: str | None) -> Step[Seating]:
    def step(seating: Seating, registration: Registration) -> list[Fact]:
        _require(registration, OPEN, "withdrawn")
        return seating.release(
            registration, RegistrationStatus.WITHDRAWN, actor, now, note or "withdrawn"
        )

    return step


class Decision(StrEnum):
    """What staff decide about an application."""

    SELECT = "select"
    WAITLIST = "waitlist"
    REJECT = "reject"


def decide(decision: Decision, actor: str, now: datetime, note: str | None) -> Step[Seating]:
    if decision is Decision.SELECT:
        return select(actor, now)
    if decision is Decision.WAITLIST:
        return waitlist(actor, now)
    return reject(actor, now, note)
