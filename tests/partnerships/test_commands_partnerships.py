"""The partnership commands without HTTP: what they store and announce, and what they refuse."""

from __future__ import annotations

from datetime import date

import pytest

from services.common.errors import BadUserInput, Forbidden
from services.common.vocabulary import Theme
from services.contracts.partnerships import (
    PARTNERSHIP_CLOSED,
    PARTNERSHIP_CREATED,
    PARTNERSHIP_STATUS_CHANGED,
    PARTNERSHIP_UPDATED,
    STEERING_GROUP_CHANGED,
)
from services.partnerships.commands.partnerships import (
    change_partnership_status,
    set_steering_group,
    update_partnership,
)
from services.partnerships.domain.partnership import PartnershipStatus
from services.partnerships.domain.person import PersonRole, PoliticalSide
from services.partnerships.repositories import Repositories

from .stored import OFFICER, coordinator, outbox, pair, person

CLOSED_ON = date(2025, 6, 30)


async def test_closing_announces_the_change_and_the_whole_closed_partnership(
    repos: Repositories,
) -> None:
    world = await pair(repos)
    closed = await change_partnership_status(
        repos,
        OFFICER,
        world.partnership,
        1,
        status=PartnershipStatus.CLOSED,
        note="  Programme ended ",
        today=CLOSED_ON,
    )
    assert (closed.status, closed.closed_on, closed.version) == (
        PartnershipStatus.CLOSED,
        CLOSED_ON,
        2,
    )
    created, changed, whole = await outbox(repos, "partnerships", world.partnership)
    assert [e["type"] for e in (created, changed, whole)] == [
        PARTNERSHIP_CREATED.type,
        PARTNERSHIP_STATUS_CHANGED.type,
        PARTNERSHIP_CLOSED.type,
    ]
    assert changed["data"] == {
        "id": world.partnership,
        "version": 2,
        "from_status": "active",
        "to_status": "closed",
        "note": "Programme ended",
    }
    assert (whole["data"]["status"], whole["data"]["version"]) == ("closed", 2)
    assert whole["data"]["organisation_ids"] == [world.swedish, world.partner]


async def test_a_dormant_partnership_announces_only_its_new_status(repos: Repositories) -> None:
    world = await pair(repos)
    await change_partnership_status(
        repos,
        OFFICER,
        world.partnership,
        1,
        status=PartnershipStatus.DORMANT,
        note=None,
        today=CLOSED_ON,
    )
    events = await outbox(repos, "partnerships", world.partnership)
    assert [e["type"] for e in events] == [
        PARTNERSHIP_CREATED.type,
        PARTNERSHIP_STATUS_CHANGED.type,
    ]
    assert events[-1]["data"]["to_status"] == "dormant"


async def test_a_coordinator_of_another_organisation_changes_nothing(
    repos: Repositories,
) -> None:
    world = await pair(repos)
    with pytest.raises(Forbidden):
        # Invalid too (no themes): the caller's right is decided first.
        await update_partnership(
            repos, coordinator("elsewhere"), world.partnership, 1, title=None, themes=[], focus=None
        )
    stored = await repos.partnerships.require(world.partnership)
    assert (stored.version, stored.themes) == (1, [Theme.GENDER_EQUALITY])
    assert [e["type"] for e in await outbox(repos, "partnerships", world.partnership)] == [
        PARTNERSHIP_CREATED.type
    ]


async def test_the_partners_own_coordinator_changes_the_details(repos: Repositories) -> None:
    world = await pair(repos)
    updated = await update_partnership(
        repos,
        coordinator(world.partner),
        world.partnership,
        1,
        title="Local democracy and gender equality",
        themes=None,
        focus=None,
    )
    assert (updated.title, updated.version) == ("Local democracy and gender equality", 2)
    last = (await outbox(repos, "partnerships", world.partnership))[-1]
    assert (last["type"], last["data"]["title"]) == (
        PARTNERSHIP_UPDATED.type,
        "Local democracy and gender equality",
    )


async def test_the_steering_group_is_announced_seat_by_seat(repos: Repositories) -> None:
    world = await pair(repos)
    politician = await person(repos, world.swedish, PersonRole.POLITICIAN, PoliticalSide.MAJORITY)
    official = await person(repos, world.partner)
    await set_steering_group(repos, OFFICER, world.partnership, 1, [politician, official])
    last = (await outbox(repos, "partnerships", world.partnership))[-1]
    assert last["type"] == STEERING_GROUP_CHANGED.type
    assert last["data"]["members"] == [
        {
            "person_id": politician,
            "organisation_id": world.swedish,
            "role": "politician",
            "political_side": "majority",
            "senior": False,
        },
        {
            "person_id": official,
            "organisation_id": world.partner,
            "role": "civil_servant",
            "political_side": None,
            "senior": False,
        },
    ]


async def test_unknown_people_leave_the_steering_group_as_it_was(repos: Repositories) -> None:
    world = await pair(repos)
    known = await person(repos, world.swedish)
    with pytest.raises(BadUserInput) as refused:
        await set_steering_group(repos, OFFICER, world.partnership, 1, [known, "nobody"])
    assert (refused.value.field, refused.value.message) == ("personIds", "unknown people: nobody")
    stored = await repos.partnerships.require(world.partnership)
    assert (stored.version, stored.steering_group) == (1, [])
