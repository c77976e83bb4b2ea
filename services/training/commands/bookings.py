"""Enrolment across documents: a person's bookings first, then the seat (domain/booking.py).

The guarantee: a person is never enrolled (or completed) in two workshops whose dates
overlap, counting a cohort enrolment as enrolment in each of the cohort's phases, and never
enrolled in two cohorts of the same programme. Every enrolment books on the person's own
document under its revision check before it takes a seat, so two enrolments of one person
serialise there, whichever workshops or cohorts they are for.

One case is checked but not serialised: a phase scheduled for a cohort is checked against
its participants' other enrolments when it is scheduled (a read); a participant enrolling
elsewhere at that very moment is not seen by it.

A booking stands when its registration is enrolled or completed in the seating's document.
One whose registration is withdrawn or rejected, or whose workshop is cancelled, is stale; so
is one older than RESERVATION_TIMEOUT whose registration never got enrolled (its enrolment
crashed between the two writes). A younger one is an enrolment under way: whoever meets it is
asked to retry (CONFLICT) rather than guess.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime

from services.common.errors import BadUserInput, Busy, Conflict, NotFound

from ..domain import NothingToApply
from ..domain.booking import (
    Booking,
    PersonBookings,
    Span,
    Verdict,
    clash,
    drop,
    replace_bookings,
    spans,
    verdict,
)
from ..domain.cohort import Cohort
from ..domain.workshop import Workshop
from ..repositories import Repositories
from .outbox import emitting

log = logging.getLogger(__name__)

ATTEMPTS = 10


class Bookkeeper:
    def __init__(self, repos: Repositories) -> None:
        self._repos = repos
        self._store = repos.bookings

    async def _phase_spans(self, cohort_ids: Sequence[str]) -> dict[str, list[Span]]:
        phases = await self._repos.phases(list(dict.fromkeys(cohort_ids)))
        return {
            cohort_id: [Span(w.id, w.title, w.starts_on, w.ends_on) for w in workshops]
            for cohort_id, workshops in phases.items()
        }

    async def verify(self, booking: Booking, now: datetime) -> tuple[Verdict, str]:
        """Whether the booking stands, and what it is for (for messages)."""
        seating: Workshop | Cohort | None
        if booking.cohort_id is not None:
            seating = await self._repos.cohorts.get(booking.cohort_id)
            what = f"cohort {seating.number}" if seating else "a cohort"
        else:
            seating = await self._repos.workshops.get(booking.workshop_id or "")
            what = (
                Span(seating.id, seating.title, seating.starts_on, seating.ends_on).describe()
                if seating
                else "a workshop"
            )
        return verdict(booking, seating, now), what

    async def reserve(self, person_id: str, booking: Booking, title: str) -> None:
        """Books the registration's dates for the person, or refuses naming the clash.

        `title` names the workshop booked (for messages; a cohort's phases have their own).
        """
        for _ in range(ATTEMPTS):
            now = datetime.now(UTC)
            current = await self._store.get(person_id)
            existing = current.bookings if current else []
            stale: set[str] = set()
            for mine in (b for b in existing if b.registration_id == booking.registration_id):
                verdict, _ = await self.verify(mine, now)
                if verdict is Verdict.HELD:
                    raise BadUserInput(
                        "the registration is enrolled already", field="registrationId"
                    )
                if verdict is Verdict.IN_FLIGHT:
                    raise Conflict(
                        "the registration is being enrolled right now: retry in a moment",
                        field="registrationId",
                    )
                stale.add(mine.registration_id)
            others = [b for b in existing if b.registration_id != booking.registration_id]
            phases = await self._phase_spans(
                [b.cohort_id for b in [*others, booking] if b.cohort_id is not None]
            )
            wanted = spans(booking, phases, title)
            for other in others:
                found = clash(booking, wanted, other, phases)
                if found is None:
                    continue
                verdict, what = await self.verify(other, now)
                if verdict is Verdict.STALE:
                    stale.add(other.registration_id)
                    continue
                if verdict is Verdict.IN_FLIGHT:
                    raise Conflict(
                        "another enrolment of this person is being recorded: retry in a moment",
                        field="registrationId",
                    )
                raise BadUserInput(found.message(other, what), field="registrationId")
            kept = [b for b in existing if b.registration_id not in stale]
            try:
                if current is None:
                    fresh = PersonBookings(id=person_id, version=1, bookings=[booking])
                    await self._store.create(fresh)
                else:
                    change = replace_bookings([*kept, booking])
                    await self._store.update(person_id, emitting(change), current.version)
            except Conflict:
                continue  # another booking of this person got there first: look again
            return
        raise Busy("the person's enrolments are too busy: retry", field="registrationId")

    async def release(self, person_id: str, registration_id: str, token: str | None = None) -> None:
        """Removes a booking; best effort (a booking left behind is recognised as stale)."""
        try:
            await self._store.update(person_id, emitting(drop(registration_id, token)))
        except (NothingToApply, NotFound):
            pass
        except Exception:
            log.warning(
                "booking not released; the next enrolment it blocks will drop it",
                exc_info=True,
                extra={"registration": registration_id},
            )

    async def clashes(self, person_ids: Sequence[str], span: Span, except_cohort: str) -> list[str]:
        """Which of the people are enrolled elsewhere at dates overlapping `span` (read only)."""
        now = datetime.now(UTC)
        found = await self._store.get_many(person_ids)
        cohort_ids = [
            b.cohort_id
            for p in found.values()
            for b in p.bookings
            if b.cohort_id is not None and b.cohort_id != except_cohort
        ]
        phases = await self._phase_spans(cohort_ids)
        clashing = []
        for person_id in person_ids:
            person = found.get(person_id)
            for booking in person.bookings if person else []:
                if booking.cohort_id == except_cohort:
                    continue
                if any(span.overlaps(s) for s in spans(booking, phases)):
                    verdict, _ = await self.verify(booking, now)
                    if verdict is not Verdict.STALE:
                        clashing.append(person_id)
                        break
        return clashing
