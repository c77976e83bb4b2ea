"""A person's enrolments, one document per person: what makes "never two at once" hold.

Seats are checked on the workshop's (or cohort's) document; a person's enrolments span
several of those, so the rule that a person is never enrolled in two workshops whose dates
overlap (nor twice in the same programme) is checked on a document of the person's own,
written under the store's revision check: two enrolments of one person serialise there.

An enrolment first books its dates here, then takes the seat; when it gets no seat (or
fails) it removes its booking again. Whether a booking stands is read from the seating's
document (the registration is enrolled or completed): a booking left behind by a crash
between the two writes, or by a removal that failed, is recognised as stale and dropped by
the next enrolment it stands in the way of (services/training/bookings.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from pydantic import BaseModel, Field

from services.common.events.envelope import Event
from services.common.store import Aggregate, Change

from . import NothingToApply


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


def replace_bookings(bookings: Sequence[Booking]) -> Change[PersonBookings]:
    def apply(person: PersonBookings) -> Sequence[Event]:
        person.bookings = list(bookings)
        return ()

    return apply


def drop(registration_id: str, token: str | None) -> Change[PersonBookings]:
    """Removes the registration's booking (only the one `token` wrote, when given)."""

    def apply(person: PersonBookings) -> Sequence[Event]:
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
