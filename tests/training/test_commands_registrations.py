"""The registration use cases called directly (no HTTP): the nomination and re-admission
rules of a network's ITP, who may register whom, and enrolment across documents, against the
real MongoDB-wire server through the service's repositories."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import date
from typing import Any

import pytest

from services.common.auth import Principal, Role
from services.common.errors import BadUserInput, DomainError, Forbidden
from services.common.vocabulary import Theme
from services.training.commands.cohorts import NewCohort, create_cohort
from services.training.commands.programmes import create_programme
from services.training.commands.registrations import (
    NewRegistration,
    decide_registration,
    enrol_participant,
    register_participant,
)
from services.training.commands.workshops import NewWorkshop, schedule_workshop
from services.training.domain.cohort import Cohort
from services.training.domain.registration import Decision, RegistrationStatus
from services.training.domain.workshop import WorkshopKind
from services.training.repositories import Repositories

from .builders import Person, World

OFFICER = Principal(sub="officer-1", roles=frozenset({Role.OFFICER}))


def coordinator(person: Person) -> Principal:
    return Principal(
        sub=f"coordinator-{person.organisation_id}",
        roles=frozenset({Role.COORDINATOR}),
        org=person.organisation_id,
    )


def repos_of(world: World) -> Repositories:
    repos: Repositories = world.service.runtime.repos
    return repos


async def _cohort(repos: Repositories, number: int, network_id: str | None) -> Cohort:
    programme = await create_programme(
        repos,
        OFFICER,
        title="Local democracy and gender equality",
        theme=Theme.GENDER_EQUALITY,
        target_group="councillors",
        language="en",
        description="",
    )
    return await create_cohort(
        repos,
        OFFICER,
        NewCohort(
            programme_id=programme.id,
            number=number,
            starts_on=date(2030, 3, 1),
            ends_on=date(2031, 2, 28),
            applications_open_on=date(2030, 1, 1),
            applications_close_on=date(2030, 2, 1),
            capacity=25,
            network_id=network_id,
        ),
    )


def _application(person: Person, cohort: Cohort, partnership_id: str | None) -> NewRegistration:
    return NewRegistration(
        person_id=person.id,
        workshop_id=None,
        cohort_id=cohort.id,
        partnership_id=partnership_id,
        change_project_outline="A gender budget for the municipality",
    )


async def _refused(
    error: type[DomainError], field: str | None, call: Awaitable[Any]
) -> DomainError:
    with pytest.raises(error) as refused:
        await call
    assert refused.value.field == field
    return refused.value


async def test_a_network_itp_takes_nominations_through_a_partnership_and_warns_of_gaps(
    world: World,
) -> None:
    repos = repos_of(world)
    network_id = await world.network()
    cohort = await _cohort(repos, 1, network_id)
    person = await world.person(senior=True)
    partnership = await world.partnership(person.organisation_id, "org-partner")

    refused = await _refused(
        BadUserInput,
        "partnershipId",
        register_participant(repos, coordinator(person), _application(person, cohort, None)),
    )
    assert str(refused) == "a network's ITP takes nominations through a partnership"
    assert (await repos.cohorts.require(cohort.id)).registrations == []

    result = await register_participant(
        repos, coordinator(person), _application(person, cohort, partnership.id)
    )
    assert result.placed.registration.status is RegistrationStatus.APPLIED
    assert result.placed.registration.partnership_id == partnership.id
    assert result.warnings == [
        "1 more civil servant to nominate",
        "preferably one CSO member: none nominated",
    ]
    stored = await repos.cohorts.require(cohort.id)
    assert [r.person_id for r in stored.registrations] == [person.id]


async def test_a_past_participant_is_not_admitted_to_another_cohort_of_the_programme(
    world: World,
) -> None:
    repos = repos_of(world)
    first = await _cohort(repos, 1, None)
    person = await world.person()
    applied = await register_participant(
        repos, coordinator(person), _application(person, first, None)
    )
    registration = applied.placed.registration
    await decide_registration(
        repos, OFFICER, registration.id, registration.version, Decision.SELECT, None
    )
    enrolled = await enrol_participant(repos, coordinator(person), registration.id, 2)
    assert enrolled.placed.registration.status is RegistrationStatus.ENROLLED

    # Another cohort of the same programme: the first one's programme, number 2.
    second = await create_cohort(
        repos,
        OFFICER,
        NewCohort(
            programme_id=first.programme_id,
            number=2,
            starts_on=date(2031, 3, 1),
            ends_on=date(2032, 2, 28),
            applications_open_on=date(2030, 1, 1),
            applications_close_on=date(2031, 2, 1),
            capacity=25,
            network_id=None,
        ),
    )
    refused = await _refused(
        BadUserInput,
        "personId",
        register_participant(repos, coordinator(person), _application(person, second, None)),
    )
    assert str(refused) == (
        "the person took part in this programme in cohort 1: past participants are not"
        " admitted again"
    )
    assert (await repos.cohorts.require(second.id)).registrations == []


async def test_a_coordinator_registers_only_the_people_of_their_own_organisation(
    world: World,
) -> None:
    repos = repos_of(world)
    cohort = await _cohort(repos, 1, None)
    person, stranger = await world.person(), await world.person()
    await _refused(
        Forbidden,
        None,
        register_participant(repos, coordinator(stranger), _application(person, cohort, None)),
    )
    assert (await repos.cohorts.require(cohort.id)).registrations == []


async def test_enrolment_refuses_overlapping_dates_and_keeps_one_booking(world: World) -> None:
    repos = repos_of(world)
    person = await world.person()

    async def workshop(starts_on: date, ends_on: date) -> str:
        new = NewWorkshop(
            kind=WorkshopKind.TAILORED_TRAINING,
            title=f"Training from {starts_on.isoformat()}",
            city="Bogotá",
            country="CO",
            starts_on=starts_on,
            ends_on=ends_on,
            capacity=5,
            network_id=None,
            cohort_id=None,
            costs=[],
        )
        return (await schedule_workshop(repos, OFFICER, new)).id

    first = await workshop(date(2030, 3, 4), date(2030, 3, 7))
    second = await workshop(date(2030, 3, 6), date(2030, 3, 9))
    enrolled = []
    for workshop_id in (first, second):
        new = NewRegistration(person.id, workshop_id, None, None, None)
        registered = await register_participant(repos, OFFICER, new)
        enrolled.append(registered.placed.registration.id)

    done = await enrol_participant(repos, OFFICER, enrolled[0], 1)
    assert done.placed.registration.status is RegistrationStatus.ENROLLED
    refused = await _refused(
        BadUserInput, "registrationId", enrol_participant(repos, OFFICER, enrolled[1], 1)
    )
    assert str(refused) == (
        "the person is enrolled in 'Training from 2030-03-04' (2030-03-04 to 2030-03-07),"
        " which overlaps 'Training from 2030-03-06' (2030-03-06 to 2030-03-09)"
    )
    bookings = await repos.bookings.require(person.id)
    assert [b.registration_id for b in bookings.bookings] == [enrolled[0]]
    second_workshop = await repos.workshops.require(second)
    assert second_workshop.find(enrolled[1]).status is RegistrationStatus.APPLIED
