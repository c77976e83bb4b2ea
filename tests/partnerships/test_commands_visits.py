"""The visit commands without HTTP: what a plan, a completion and a cancellation announce."""

from __future__ import annotations

from datetime import date

import pytest

from services.common.errors import BadUserInput
from services.contracts.partnerships import VISIT_CANCELLED, VISIT_COMPLETED, VISIT_PLANNED
from services.partnerships.commands.organisations import update_organisation
from services.partnerships.commands.visits import (
    cancel_visit,
    complete_visit,
    plan_visit,
    update_visit,
)
from services.partnerships.domain.visit import Visit, VisitStatus
from services.partnerships.repositories import Repositories

from .stored import OFFICER, Pair, coordinator, outbox, pair, person

STARTS_ON = date(2024, 3, 4)


async def _planned(repos: Repositories, world: Pair) -> Visit:
    guest = await person(repos, world.swedish)
    return await plan_visit(
        repos,
        coordinator(world.swedish),
        partnership_id=world.partnership,
        host_organisation_id=world.partner,
        starts_on=STARTS_ON,
        ends_on=date(2024, 3, 8),
        participant_ids=[guest],
        purpose="Study visit",
    )


async def test_a_changed_plan_is_announced_as_the_plan_now_stands(repos: Repositories) -> None:
    world = await pair(repos)
    visit = await _planned(repos, world)
    await update_visit(
        repos,
        OFFICER,
        visit.id,
        1,
        host_organisation_id=None,
        starts_on=None,
        ends_on=date(2024, 3, 9),
        participant_ids=None,
        purpose=None,
    )
    planned, replanned = await outbox(repos, "visits", visit.id)
    assert [planned["type"], replanned["type"]] == [VISIT_PLANNED.type, VISIT_PLANNED.type]
    assert (planned["data"]["ends_on"], planned["data"]["version"]) == ("2024-03-08", 1)
    assert (replanned["data"]["ends_on"], replanned["data"]["version"]) == ("2024-03-09", 2)


async def test_completion_announces_the_host_country_as_it_is_then(repos: Repositories) -> None:
    world = await pair(repos)
    visit = await _planned(repos, world)
    await update_organisation(repos, OFFICER, world.partner, 1, name=None, kind=None, country="NA")
    done = await complete_visit(repos, OFFICER, visit.id, 1, note=None, today=STARTS_ON)
    assert (done.status, done.host_country) == (VisitStatus.COMPLETED, "NA")
    last = (await outbox(repos, "visits", visit.id))[-1]
    assert (last["type"], last["data"]["host_country"], last["data"]["status"]) == (
        VISIT_COMPLETED.type,
        "NA",
        "completed",
    )


async def test_a_visit_not_yet_begun_cannot_be_completed(repos: Repositories) -> None:
    world = await pair(repos)
    visit = await _planned(repos, world)
    with pytest.raises(BadUserInput) as refused:
        await complete_visit(repos, OFFICER, visit.id, 1, note=None, today=date(2024, 3, 3))
    assert refused.value.field == "startsOn"
    assert [e["type"] for e in await outbox(repos, "visits", visit.id)] == [VISIT_PLANNED.type]


async def test_a_cancellation_is_announced_with_the_visit(repos: Repositories) -> None:
    world = await pair(repos)
    visit = await _planned(repos, world)
    cancelled = await cancel_visit(
        repos, coordinator(world.partner), visit.id, 1, note="Flights cancelled"
    )
    assert cancelled.status is VisitStatus.CANCELLED
    last = (await outbox(repos, "visits", visit.id))[-1]
    assert (last["type"], last["data"]["status"], last["data"]["version"]) == (
        VISIT_CANCELLED.type,
        "cancelled",
        2,
    )
