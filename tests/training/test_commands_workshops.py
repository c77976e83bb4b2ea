"""The workshop use cases called directly (no HTTP): who may schedule, the phases of a cohort,
and the bookings a completion or cancellation frees, against the real MongoDB-wire server
through the service's repositories."""

from __future__ import annotations

from datetime import date

import pytest

from services.common.auth import Principal, Role
from services.common.errors import BadUserInput, Forbidden
from services.common.vocabulary import Theme
from services.training.commands.cohorts import NewCohort, create_cohort
from services.training.commands.programmes import create_programme
from services.training.commands.registrations import (
    NewRegistration,
    enrol_participant,
    register_participant,
)
from services.training.commands.workshops import (
    NewWorkshop,
    cancel_workshop,
    complete_workshop,
    schedule_workshop,
)
from services.training.domain.registration import RegistrationStatus
from services.training.domain.workshop import WorkshopKind, WorkshopStatus
from services.training.repositories import Repositories

from .builders import World

OFFICER = Principal(sub="officer-1", roles=frozenset({Role.OFFICER}))


def _workshop(starts_on: date, ends_on: date, **overrides: object) -> NewWorkshop:
    fields: dict[str, object] = {
        "kind": WorkshopKind.TAILORED_TRAINING,
        "title": "Gender budgeting in practice",
        "city": "Bogotá",
        "country": "CO",
        "starts_on": starts_on,
        "ends_on": ends_on,
        "capacity": 5,
        "network_id": None,
        "cohort_id": None,
        "costs": [],
        **overrides,
    }
    return NewWorkshop(**fields)  # type: ignore[arg-type]


async def _enrolled(repos: Repositories, world: World, workshop_id: str) -> tuple[str, str]:
    """A person enrolled in the workshop by staff: (person id, registration id)."""
    person = await world.person()
    new = NewRegistration(person.id, workshop_id, None, None, None)
    registered = await register_participant(repos, OFFICER, new)
    registration_id = registered.placed.registration.id
    enrolled = await enrol_participant(repos, OFFICER, registration_id, 1)
    assert enrolled.placed.registration.status is RegistrationStatus.ENROLLED
    return person.id, registration_id


async def _booked(repos: Repositories, person_id: str) -> list[str]:
    found = await repos.bookings.get(person_id)
    return [b.registration_id for b in found.bookings] if found else []


async def test_only_staff_schedule_and_a_refusal_stores_nothing(world: World) -> None:
    repos: Repositories = world.service.runtime.repos
    coordinator = Principal(sub="c-1", roles=frozenset({Role.COORDINATOR}), org="org-1")
    new = _workshop(date(2030, 3, 4), date(2030, 3, 7), title="Not by a coordinator")
    with pytest.raises(Forbidden):
        await schedule_workshop(repos, coordinator, new)
    assert await repos.workshops.collection.count_documents({}) == 0

    scheduled = await schedule_workshop(repos, OFFICER, new)
    stored = await repos.workshops.require(scheduled.id)
    assert (stored.title, stored.status, stored.version) == (
        "Not by a coordinator",
        WorkshopStatus.SCHEDULED,
        1,
    )


async def test_a_cohorts_phases_do_not_overlap(world: World) -> None:
    repos: Repositories = world.service.runtime.repos
    programme = await create_programme(
        repos,
        OFFICER,
        title="Local democracy",
        theme=Theme.GENDER_EQUALITY,
        target_group="councillors",
        language="en",
        description="",
    )
    cohort = await create_cohort(
        repos,
        OFFICER,
        NewCohort(
            programme_id=programme.id,
            number=1,
            starts_on=date(2030, 3, 1),
            ends_on=date(2031, 2, 28),
            applications_open_on=date(2030, 1, 1),
            applications_close_on=date(2030, 2, 1),
            capacity=25,
            network_id=None,
        ),
    )
    phase = _workshop(
        date(2030, 4, 1),
        date(2030, 4, 12),
        kind=WorkshopKind.ITP_PHASE,
        title="Phase 1 in Sweden",
        capacity=None,
        cohort_id=cohort.id,
    )
    first = await schedule_workshop(repos, OFFICER, phase)
    assert (first.cohort_id, first.programme_id, first.capacity) == (cohort.id, programme.id, 25)

    overlapping = _workshop(
        date(2030, 4, 10),
        date(2030, 4, 14),
        kind=WorkshopKind.ITP_PHASE,
        title="Phase 2 at home",
        capacity=None,
        cohort_id=cohort.id,
    )
    with pytest.raises(BadUserInput) as refused:
        await schedule_workshop(repos, OFFICER, overlapping)
    assert refused.value.field == "startsOn"
    assert str(refused.value) == (
        "the cohort's phase 'Phase 1 in Sweden' (2030-04-01 to 2030-04-12) overlaps these dates"
    )
    assert await repos.workshops.collection.count_documents({"cohort_id": cohort.id}) == 1


async def test_completion_frees_the_bookings_of_those_who_did_not_attend(world: World) -> None:
    repos: Repositories = world.service.runtime.repos
    # Before the pinned day: staff record registrations of a workshop that took place.
    workshop = await schedule_workshop(
        repos, OFFICER, _workshop(date(2030, 1, 2), date(2030, 1, 5))
    )
    came, came_registration = await _enrolled(repos, world, workshop.id)
    absent, absent_registration = await _enrolled(repos, world, workshop.id)
    assert await _booked(repos, absent) == [absent_registration]

    version = (await repos.workshops.require(workshop.id)).version
    completed = await complete_workshop(repos, OFFICER, workshop.id, version, [came], None)
    assert completed.status is WorkshopStatus.COMPLETED
    assert completed.find(came_registration).status is RegistrationStatus.COMPLETED
    assert completed.find(absent_registration).status is RegistrationStatus.WITHDRAWN
    assert await _booked(repos, came) == [came_registration]
    assert await _booked(repos, absent) == []


async def test_cancellation_frees_every_booking(world: World) -> None:
    repos: Repositories = world.service.runtime.repos
    workshop = await schedule_workshop(
        repos, OFFICER, _workshop(date(2030, 3, 4), date(2030, 3, 7))
    )
    person, registration = await _enrolled(repos, world, workshop.id)
    assert await _booked(repos, person) == [registration]

    version = (await repos.workshops.require(workshop.id)).version
    cancelled = await cancel_workshop(repos, OFFICER, workshop.id, version, "the venue burnt down")
    assert (cancelled.status, cancelled.note) == (WorkshopStatus.CANCELLED, "the venue burnt down")
    assert cancelled.find(registration).status is RegistrationStatus.WITHDRAWN
    assert await _booked(repos, person) == []
