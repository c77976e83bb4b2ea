"""A person's enrolments, one document per person: what makes "never two at once" hold.

Seats are checked on the workshop's (or cohort's) document; a person's enrolments span
several of those, so the rule that a person is never enrolled in two workshops whose dates
overlap (nor twice in the same programme) is checked on a document of the person's own,
written under the store's revision check: two enrolments of one person serialise there.

An enrolment first books its dates here, then takes the seat; when it gets no seat (or
fails) it removes its booking again. Whether a booking stands is read from the seating's
document (the registration is enrolled or completed): a booking left behind by a crash
between the two writes, or by a removal that failed, is recognised as stale and dropped by
the next enrolment it stands in the way of (services/training/commands/bookings.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum

from pydantic import BaseModel, Field

from services.common.errors import BadUserInput, NotFound
from services.common.store import Aggregate

from . import NothingToApply
from .cohort import Cohort
from .facts import DomainChange, Fact
from .registration import Registration, RegistrationStatus
from .workshop import Workshop, WorkshopStatus

RESERVATION_TIMEOUT = timedelta(minutes=5)
"""Far longer than any request: a younger unconfirmed booking is an enrolment under way."""


class Booking(BaseModel):
    registration_id: str
    token: str
    """Which enrolment attempt wrote it: only that attempt removes it when it fails."""
    workshop_id: str | None = None
    """A workshop registration: its dates are the booking's."""
    cohort_id: str | None = None
    """A cohort registration: the dates are those of the cohort's phases."""
    programme_id: str | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    reserved_at: datetime


class PersonBookings(Aggregate):
    """The id is the person's."""

    bookings: list[Booking] = Field(default_factory=list)


@dataclass(frozen=True)
class Span:
    workshop_id: str
    title: str
    starts_on: date
    ends_on: date

    def overlaps(self, other: Span) -> bool:
        return self.starts_on <= other.ends_on and other.starts_on <= self.ends_on

    def describe(self) -> str:
        return f"{self.title!r} ({self.starts_on.isoformat()} to {self.ends_on.isoformat()})"


def spans(
    booking: Booking, phases: Mapping[str, Sequence[Span]], title: str = "a workshop"
) -> list[Span]:
    """The dates a booking occupies; `phases` by cohort id (cancelled ones left out)."""
    if booking.cohort_id is not None:
        return list(phases.get(booking.cohort_id, ()))
    if booking.workshop_id and booking.starts_on and booking.ends_on:
        return [Span(booking.workshop_id, title, booking.starts_on, booking.ends_on)]
    return []


def booking_for(
    seating: Workshop | Cohort, registration: Registration, token: str, at: datetime
) -> tuple[Booking, str]:
    """The booking an enrolment of `registration` makes, and what it is for (for messages)."""
    if isinstance(seating, Workshop):
        booking = Booking(
            registration_id=registration.id,
            token=token,
            workshop_id=seating.id,
            starts_on=seating.starts_on,
            ends_on=seating.ends_on,
            reserved_at=at,
        )
        return booking, seating.title
    booking = Booking(
        registration_id=registration.id,
        token=token,
        cohort_id=seating.id,
        programme_id=seating.programme_id,
        reserved_at=at,
    )
    return booking, f"cohort {seating.number}"


class Verdict(Enum):
    HELD = "held"
    IN_FLIGHT = "in flight"
    STALE = "stale"


def verdict(booking: Booking, seating: Workshop | Cohort | None, now: datetime) -> Verdict:
    """Whether the booking stands, read from the seating's document (None: it is gone)."""
    if seating is None:
        return Verdict.STALE
    try:
        registration = seating.find(booking.registration_id)
    except NotFound:
        return Verdict.STALE
    if isinstance(seating, Workshop) and seating.status is WorkshopStatus.CANCELLED:
        return Verdict.STALE
    if registration.status in (RegistrationStatus.ENROLLED, RegistrationStatus.COMPLETED):
        return Verdict.HELD
    if registration.status in (RegistrationStatus.WITHDRAWN, RegistrationStatus.REJECTED):
        return Verdict.STALE
    if now - booking.reserved_at < RESERVATION_TIMEOUT:
        return Verdict.IN_FLIGHT
    return Verdict.STALE


@dataclass(frozen=True)
class Clash:
    """Why a booking stands in the way of another: the same programme, or these dates."""

    programme: bool = False
    mine: Span | None = None
    theirs: Span | None = None

    def message(self, other: Booking, what: str) -> str:
        if self.programme or self.mine is None or self.theirs is None:
            return (
                f"the person took part in this programme before ({what}): past participants"
                " are not admitted again"
            )
        if other.cohort_id is not None:
            return (
                f"the person is enrolled in {what}, whose phase {self.theirs.describe()}"
                f" overlaps {self.mine.describe()}"
            )
        return f"the person is enrolled in {what}, which overlaps {self.mine.describe()}"


def clash(
    booking: Booking, wanted: Sequence[Span], other: Booking, phases: Mapping[str, list[Span]]
) -> Clash | None:
    """Whether `other` stands in the way of `booking`."""
    if (
        booking.programme_id is not None
        and other.programme_id == booking.programme_id
        and other.cohort_id != booking.cohort_id
    ):
        return Clash(programme=True)
    for mine in wanted:
        for theirs in spans(other, phases):
            if mine.overlaps(theirs):
                return Clash(mine=mine, theirs=theirs)
    return None


def check_new_phase(span: Span, phases: Sequence[Workshop]) -> None:
    """A new phase of a cohort overlaps none of its other phases."""
    for phase in phases:
        other = Span(phase.id, phase.title, phase.starts_on, phase.ends_on)
        if span.overlaps(other):
            raise BadUserInput(
                f"the cohort's phase {other.describe()} overlaps these dates", field="startsOn"
            )


def replace_bookings(bookings: Sequence[Booking]) -> DomainChange[PersonBookings]:
    def apply(person: PersonBookings) -> Sequence[Fact]:
        person.bookings = list(bookings)
        return ()

    return apply


def drop(registration_id: str, token: str | None) -> DomainChange[PersonBookings]:
    """Removes the registration's booking (only the one `token` wrote, when given)."""

    def apply(person: PersonBookings) -> Sequence[Fact]:
        kept = [
            b
            for b in person.bookings
            if b.registration_id != registration_id or (token is not None and b.token != token)
        ]
        if len(kept) == len(person.bookings):
            raise NothingToApply
        person.bookings = kept
        return ()

    return apply
