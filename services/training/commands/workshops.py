"""Workshops: staff schedule, change, cost, complete and cancel them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from services.common.auth import STAFF, Principal
from services.common.clock import clock
from services.common.countries import country_code
from services.common.errors import BadUserInput, NotFound
from services.common.idempotency import new_id, replaying
from services.common.money import money
from services.common.vocabulary import CostCategory

from ..domain.booking import Span, check_new_phase
from ..domain.cohort import Cohort
from ..domain.registration import RegistrationStatus
from ..domain.workshop import (
    CostLine,
    Workshop,
    WorkshopKind,
    cancel,
    change_details,
    complete,
    record_costs,
    schedule,
)
from ..repositories import Repositories
from .bookings import Bookkeeper
from .outbox import emitting, events_of
from .projection import usable_network


@dataclass(frozen=True)
class CostLineArgs:
    category: CostCategory
    amount: Decimal
    currency: str
    description: str


@dataclass(frozen=True)
class NewWorkshop:
    kind: WorkshopKind
    title: str
    city: str
    country: str
    starts_on: date
    ends_on: date
    capacity: int | None
    network_id: str | None
    cohort_id: str | None
    costs: Sequence[CostLineArgs]


def _cost_lines(lines: Sequence[CostLineArgs]) -> list[CostLine]:
    return [
        CostLine(
            category=line.category,
            amount=money(line.amount, line.currency, f"costs[{i}].amount"),
            description=line.description,
        )
        for i, line in enumerate(lines)
    ]


def _enrolled(cohort: Cohort | None) -> list[str]:
    return [] if cohort is None else [r.person_id for r in cohort.enrolled()]


async def _check_phase(
    repos: Repositories, cohort: Cohort, starts_on: date, ends_on: date, title: str
) -> None:
    """A new phase overlaps neither the cohort's other phases nor its participants' other
    enrolments (read when scheduled: see commands/bookings.py)."""
    span = Span("new", title, starts_on, ends_on)
    check_new_phase(span, (await repos.phases([cohort.id])).get(cohort.id, []))
    clashing = await Bookkeeper(repos).clashes(_enrolled(cohort), span, cohort.id)
    if clashing:
        raise BadUserInput(
            f"participants enrolled elsewhere at these dates: {', '.join(clashing)}",
            field="startsOn",
        )


async def _release_withdrawn(repos: Repositories, before: Workshop, after: Workshop) -> None:
    """Frees the bookings of the enrolments a change ended (best effort)."""
    enrolled = {r.id for r in before.enrolled()}
    bookkeeper = Bookkeeper(repos)
    for registration in after.registrations:
        if registration.id in enrolled and registration.status is RegistrationStatus.WITHDRAWN:
            await bookkeeper.release(registration.person_id, registration.id)


async def schedule_workshop(
    repos: Repositories, principal: Principal, new: NewWorkshop
) -> Workshop:
    principal.require(*STAFF)
    cohort = None
    if new.cohort_id is not None:
        cohort = await repos.cohorts.get(new.cohort_id)
        if cohort is None:
            raise NotFound(f"cohort {new.cohort_id!r} does not exist", field="cohortId")
    workshop, facts = schedule(
        new_id(),
        kind=new.kind,
        title=new.title,
        network_id=new.network_id,
        cohort=cohort,
        city=new.city,
        country=country_code(new.country),
        starts_on=new.starts_on,
        ends_on=new.ends_on,
        capacity=new.capacity,
        costs=_cost_lines(new.costs),
        participants=len(_enrolled(cohort)),
        actor=principal.sub,
    )
    if workshop.network_id is not None:
        await usable_network(repos, workshop.network_id)
    if cohort is not None and not replaying():  # on a retry, the phase is there itself
        await _check_phase(repos, cohort, workshop.starts_on, workshop.ends_on, workshop.title)
    return await repos.workshops.create(workshop, events_of(facts))


async def update_workshop(
    repos: Repositories,
    principal: Principal,
    workshop_id: str,
    version: int,
    *,
    title: str | None,
    city: str | None,
    capacity: int | None,
) -> Workshop:
    principal.require(*STAFF)
    change = change_details(
        principal.sub, datetime.now(UTC), title=title, city=city, capacity=capacity
    )
    return await repos.workshops.update(workshop_id, emitting(change), version)


async def record_workshop_costs(
    repos: Repositories,
    principal: Principal,
    workshop_id: str,
    version: int,
    costs: Sequence[CostLineArgs],
) -> Workshop:
    principal.require(*STAFF)
    change = record_costs(principal.sub, _cost_lines(costs))
    return await repos.workshops.update(workshop_id, emitting(change), version)


async def complete_workshop(
    repos: Repositories,
    principal: Principal,
    workshop_id: str,
    version: int,
    attended: Sequence[str],
    costs: Sequence[CostLineArgs] | None,
) -> Workshop:
    principal.require(*STAFF)
    final_costs = _cost_lines(costs) if costs is not None else None
    before = await repos.workshops.require(workshop_id)
    participants = None
    if before.cohort_id is not None:
        participants = _enrolled(await repos.cohorts.get(before.cohort_id))
    change = complete(
        principal.sub, datetime.now(UTC), clock.today(), attended, final_costs, participants
    )
    workshop = await repos.workshops.update(workshop_id, emitting(change), version)
    await _release_withdrawn(repos, before, workshop)
    return workshop


async def cancel_workshop(
    repos: Repositories, principal: Principal, workshop_id: str, version: int, note: str | None
) -> Workshop:
    principal.require(*STAFF)
    before = await repos.workshops.require(workshop_id)
    participants = 0
    if before.cohort_id is not None:
        participants = len(_enrolled(await repos.cohorts.get(before.cohort_id)))
    change = cancel(principal.sub, datetime.now(UTC), clock.today(), note, participants)
    workshop = await repos.workshops.update(workshop_id, emitting(change), version)
    await _release_withdrawn(repos, before, workshop)
    return workshop
