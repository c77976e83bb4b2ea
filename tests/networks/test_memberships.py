"""Memberships: who may join, when, once at a time; leaving, rejoining; closing ends them."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

import pytest

from services.common.auth import Role
from services.contracts.networks import MEMBERSHIP_JOINED, MEMBERSHIP_LEFT, NETWORK_CLOSED
from services.contracts.partnerships import (
    PARTNERSHIP_CLOSED,
    PARTNERSHIP_STATUS_CHANGED,
    PartnershipStatusChangedV1,
)

from ..support.broker import listening
from ..support.services import error_codes
from ..support.waiting import eventually
from ..support.writes import snapshot
from .builders import JOIN, LEAVE, Partnership, World, consumed

MEMBERS = """
query($id: ID!, $first: Int, $after: String, $former: Boolean! = false) {
  network(id: $id) {
    members(first: $first, after: $after, includeFormer: $former) {
      totalCount pageInfo { hasNextPage endCursor } nodes { partnershipId status joinedOn }
    }
  }
}"""
PARTNERSHIP_ENTITIES = """
query($r: [_Any!]!) {
  _entities(representations: $r) {
    ... on Partnership {
      id
      networks { status joinedOn network { name } partnership { id } }
      practices { title }
    }
  }
}"""


def join_input(network_id: str, partnership_id: str, joined_on: str = "2024-01-15") -> Any:
    return {
        "input": {"networkId": network_id, "partnershipId": partnership_id, "joinedOn": joined_on}
    }


async def test_an_eligible_partnership_joins_and_training_hears_of_it(world: World) -> None:
    network = await world.network()
    partnership = await world.partnership(countries=("SE", "KE", "GT"))
    async with listening(world.service, "networks.membership.*") as broker:
        membership = await world.join(network["id"], partnership.id, joined_on="2024-03-01")
        [event] = await broker.events(1)
    assert membership["status"] == "ACTIVE"
    assert (membership["joinedOn"], membership["leftOn"], membership["version"]) == (
        "2024-03-01",
        None,
        1,
    )
    assert membership["periods"] == [{"joinedOn": "2024-03-01", "leftOn": None, "leftReason": None}]
    assert membership["auditTrail"][0]["action"] == "joined"
    assert event.type == MEMBERSHIP_JOINED.type
    data = MEMBERSHIP_JOINED.parse(event)
    assert (data.network_id, data.partnership_id, data.joined_on.isoformat()) == (
        network["id"],
        partnership.id,
        "2024-03-01",
    )
    assert data.organisation_ids == partnership.organisation_ids
    assert (data.theme, data.version, data.id) == ("gender_equality", 1, membership["id"])


async def test_a_network_may_take_members_before_it_starts(world: World) -> None:
    network = await world.network(activate=False)
    partnership = await world.partnership()
    membership = await world.join(network["id"], partnership.id, joined_on="2023-01-01")
    assert membership["status"] == "ACTIVE"


async def _dormant(world: World) -> Partnership:
    partnership = await world.partnership()
    partnership.version, partnership.status = 2, "dormant"
    changed = PartnershipStatusChangedV1(
        id=partnership.id, version=2, from_status="active", to_status="dormant", note=None
    )
    await world.publish(PARTNERSHIP_STATUS_CHANGED.new(partnership.id, changed))
    await world.projected(partnership.id, status="dormant")
    return partnership


async def _closed(world: World) -> Partnership:
    partnership = await world.partnership()
    await world.close(partnership)
    await world.projected(partnership.id, status="closed")
    return partnership


Make = Callable[[World], Awaitable[Partnership]]


@pytest.mark.parametrize(
    ("make", "joined_on", "field"),
    [
        pytest.param(_dormant, "2024-01-15", "partnershipId", id="dormant"),
        pytest.param(_closed, "2024-01-15", "partnershipId", id="closed"),
        pytest.param(
            lambda w: w.partnership(themes=("climate_action", "youth")),
            "2024-01-15",
            "partnershipId",
            id="other-theme",
        ),
        pytest.param(
            lambda w: w.partnership(countries=("SE", "KE")),
            "2024-01-15",
            "partnershipId",
            id="partner-country-outside",
        ),
        pytest.param(
            lambda w: w.partnership(countries=("SE",)),
            "2024-01-15",
            "partnershipId",
            id="only-sweden-in-common",
        ),
        pytest.param(lambda w: w.partnership(), "2022-12-31", "joinedOn", id="before-the-period"),
        pytest.param(lambda w: w.partnership(), "2027-01-01", "joinedOn", id="after-the-period"),
        pytest.param(
            lambda w: w.partnership(started_on=date(2024, 6, 1)),
            "2024-01-15",
            "joinedOn",
            id="before-the-partnership-started",
        ),
    ],
)
async def test_ineligible_partnerships_do_not_join(
    world: World, make: Make, joined_on: str, field: str
) -> None:
    network = await world.network()
    partnership = await make(world)
    await world.assert_refused(
        JOIN, join_input(network["id"], partnership.id, joined_on), "BAD_USER_INPUT", field
    )


async def test_a_closed_network_takes_no_members(world: World) -> None:
    network = await world.change_status(await world.network(), "CLOSED")
    partnership = await world.partnership()
    await world.assert_refused(
        JOIN, join_input(network["id"], partnership.id), "BAD_USER_INPUT", "networkId"
    )


async def test_unknown_networks_and_partnerships_are_not_found(world: World) -> None:
    network = await world.network()
    partnership = await world.partnership()
    await world.assert_refused(JOIN, join_input("nope", partnership.id), "NOT_FOUND", "networkId")
    await world.assert_refused(
        JOIN, join_input(network["id"], "not-yet-projected"), "NOT_FOUND", "partnershipId"
    )


async def test_no_duplicate_active_membership(world: World) -> None:
    network = await world.network()
    partnership = await world.partnership()
    await world.join(network["id"], partnership.id)
    await world.assert_refused(
        JOIN,
        join_input(network["id"], partnership.id, "2024-02-01"),
        "BAD_USER_INPUT",
        "partnershipId",
    )
    stored = world.service.runtime.db["memberships"]
    assert await stored.count_documents({"partnership_id": partnership.id}) == 1


async def test_concurrent_joins_make_one_active_membership(world: World) -> None:
    network = await world.network()
    partnership = await world.partnership()
    bodies = await asyncio.gather(
        *(world.service.graphql(JOIN, join_input(network["id"], partnership.id)) for _ in range(4))
    )
    assert sorted(tuple(error_codes(b)) for b in bodies) == [(), *[("BAD_USER_INPUT",)] * 3]
    stored = world.service.runtime.db["memberships"]
    assert await stored.count_documents({"partnership_id": partnership.id}) == 1


async def _close_partnership(
    world: World, network: dict[str, Any], partnership: Partnership
) -> None:
    before = consumed(PARTNERSHIP_CLOSED.type)
    await world.close(partnership)
    await _handled(PARTNERSHIP_CLOSED.type, before)


async def _close_network(world: World, network: dict[str, Any], partnership: Partnership) -> None:
    before = consumed(NETWORK_CLOSED.type)
    await world.change_status(network, "CLOSED")
    await _handled(NETWORK_CLOSED.type, before)


@pytest.mark.parametrize(
    ("close", "reason"),
    [(_close_partnership, "PARTNERSHIP_CLOSED"), (_close_network, "NETWORK_CLOSED")],
    ids=["partnership", "network"],
)
async def test_a_join_that_raced_a_closing_ends_at_once(
    world: World,
    monkeypatch: pytest.MonkeyPatch,
    close: Callable[[World, dict[str, Any], Partnership], Awaitable[None]],
    reason: str,
) -> None:
    """The closing is handled after the join checked it and before it wrote: the reaction
    finds no membership to end, so the join ends the membership it wrote."""
    network = await world.network()
    partnership = await world.partnership()
    store = world.service.runtime.repos.memberships
    real_create = store.create

    async def create_after_the_closing(*args: Any) -> Any:
        await close(world, network, partnership)
        return await real_create(*args)

    monkeypatch.setattr(store, "create", create_after_the_closing)
    membership = await world.join(network["id"], partnership.id)
    assert (membership["status"], membership["version"]) == ("LEFT", 2)
    assert membership["periods"][0]["leftReason"] == reason


@pytest.mark.parametrize("role", [Role.VIEWER, Role.COORDINATOR])
async def test_only_staff_manage_memberships(world: World, role: Role) -> None:
    network = await world.network()
    partnership = await world.partnership()
    auth = {"role": role, "org": partnership.swedish_partner_id}
    await world.assert_refused(JOIN, join_input(network["id"], partnership.id), "FORBIDDEN", **auth)
    await world.join(network["id"], partnership.id)
    leave = {
        "networkId": network["id"],
        "partnershipId": partnership.id,
        "version": 1,
        "leftOn": "2024-06-30",
    }
    await world.assert_refused(LEAVE, {"input": leave}, "FORBIDDEN", **auth)


async def _handled(event_type: str, before: float) -> None:
    async def more() -> bool:
        return consumed(event_type) > before

    await eventually(more, what=f"{event_type} handled")


# --- leaving and rejoining ----------------------------------------------------------------


async def test_leave_then_rejoin_keeps_every_period(world: World) -> None:
    network = await world.network()
    partnership = await world.partnership()
    await world.join(network["id"], partnership.id, joined_on="2023-03-01")
    base = {"networkId": network["id"], "partnershipId": partnership.id}
    async with listening(world.service, "networks.membership.*") as broker:
        data = await world.service.data(
            LEAVE, {"input": {**base, "version": 1, "leftOn": "2024-06-30", "note": "pause"}}
        )
        left = data["leaveNetwork"]["membership"]
        await world.assert_refused(
            JOIN, join_input(network["id"], partnership.id, "2024-06-30"), "BAD_USER_INPUT",
            "joinedOn",
        )  # fmt: skip
        rejoined = await world.join(network["id"], partnership.id, joined_on="2025-01-01")
        left_event, joined_event = await broker.events(2)
    assert (left["status"], left["leftOn"], left["version"]) == ("LEFT", "2024-06-30", 2)
    assert (rejoined["status"], rejoined["joinedOn"], rejoined["version"]) == (
        "ACTIVE",
        "2025-01-01",
        3,
    )
    assert rejoined["periods"] == [
        {"joinedOn": "2023-03-01", "leftOn": "2024-06-30", "leftReason": "LEFT"},
        {"joinedOn": "2025-01-01", "leftOn": None, "leftReason": None},
    ]
    assert [(e["action"], e["note"]) for e in rejoined["auditTrail"]] == [
        ("joined", None),
        ("left", "pause"),
        ("rejoined", None),
    ]
    assert MEMBERSHIP_LEFT.parse(left_event).reason == "left"
    assert MEMBERSHIP_JOINED.parse(joined_event).joined_on.isoformat() == "2025-01-01"


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        pytest.param({"leftOn": "2023-02-28"}, "BAD_USER_INPUT", "leftOn", id="before-joining"),
        pytest.param({"leftOn": "2027-01-01"}, "BAD_USER_INPUT", "leftOn", id="after-the-period"),
        pytest.param({"version": 5}, "CONFLICT", "version", id="stale-version"),
        pytest.param({"partnershipId": "other"}, "NOT_FOUND", "partnershipId", id="never-member"),
        pytest.param({"networkId": "nope"}, "NOT_FOUND", "networkId", id="no-network"),
    ],
)
async def test_bad_leaving_is_refused(
    world: World, changes: dict[str, Any], code: str, field: str
) -> None:
    network = await world.network()
    partnership = await world.partnership()
    await world.join(network["id"], partnership.id, joined_on="2023-03-01")
    leave = {
        "networkId": network["id"],
        "partnershipId": partnership.id,
        "version": 1,
        "leftOn": "2024-06-30",
        **changes,
    }
    await world.assert_refused(LEAVE, {"input": leave}, code, field)


async def test_a_former_member_does_not_leave_again(world: World) -> None:
    network = await world.network()
    partnership = await world.partnership()
    await world.join(network["id"], partnership.id, joined_on="2023-03-01")
    leave = {
        "networkId": network["id"],
        "partnershipId": partnership.id,
        "version": 1,
        "leftOn": "2024-06-30",
    }
    await world.service.data(LEAVE, {"input": leave})
    await world.assert_refused(
        LEAVE, {"input": {**leave, "version": 2}}, "BAD_USER_INPUT", "partnershipId"
    )


# --- closing ends memberships -------------------------------------------------------------


async def test_closing_a_partnership_ends_its_memberships_once(world: World) -> None:
    """The reaction to PARTNERSHIP_CLOSED, delivered twice (the end-to-end version with the
    partnerships service is in test_reactions.py)."""
    first, second = await world.network(name="A"), await world.network(name="B")
    partnership = await world.partnership(countries=("SE", "CO", "GT"))
    other = await world.partnership()
    for network in (first, second):
        await world.join(network["id"], partnership.id)
    await world.join(first["id"], other.id)
    async with listening(world.service, "networks.membership.left") as broker:
        closed = await world.close(partnership)

        async def both_ended() -> bool:
            found = [await world.membership(n["id"], partnership.id) for n in (first, second)]
            return all(m is not None and m["status"] == "LEFT" for m in found)

        await eventually(both_ended, what="memberships ended")
        handled = consumed(PARTNERSHIP_CLOSED.type)
        await world.publish(closed)  # delivered again

        async def handled_again() -> bool:
            return consumed(PARTNERSHIP_CLOSED.type) > handled

        await eventually(handled_again, what="the second delivery handled")
        await snapshot(world.service)  # every event the service queued is on the broker
        events = await broker.all()
    assert len(events) == 2
    for network in (first, second):
        ended = await world.membership(network["id"], partnership.id)
        assert ended is not None
        assert (ended["version"], ended["leftOn"]) == (2, closed.time.date().isoformat())
        assert ended["periods"][-1]["leftReason"] == "PARTNERSHIP_CLOSED"
        assert ended["auditTrail"][-1]["actor"] == "networks-service"
    stored = world.service.runtime.db["memberships"]
    applied = await stored.count_documents({"_applied": {"$in": [closed.id]}})
    assert applied == 2  # each ended membership holds the event's id with the effect
    untouched = await world.membership(first["id"], other.id)
    assert untouched is not None
    assert (untouched["status"], untouched["version"]) == ("ACTIVE", 1)
    assert sorted(MEMBERSHIP_LEFT.parse(e).network_id for e in events) == sorted(
        [first["id"], second["id"]]
    )


async def test_a_membership_ends_within_its_network_period(world: World) -> None:
    """A partnership closed after its network's period ended leaves on the period's last day."""
    network = await world.network(startsOn="2019-01-01", endsOn="2022-12-31")
    partnership = await world.partnership(started_on=date(2019, 1, 1))
    await world.join(network["id"], partnership.id, joined_on="2019-02-01")
    await world.close(partnership)

    async def ended() -> bool:
        found = await world.membership(network["id"], partnership.id)
        return found is not None and found["leftOn"] == "2022-12-31"

    await eventually(ended, what="membership ended on the network's last day")


async def test_closing_a_network_ends_its_memberships(world: World) -> None:
    network = await world.network()
    members = [await world.partnership() for _ in range(2)]
    for partnership in members:
        await world.join(network["id"], partnership.id)
    leave = {
        "networkId": network["id"],
        "partnershipId": members[1].id,
        "version": 1,
        "leftOn": "2024-06-30",
    }
    await world.service.data(LEAVE, {"input": leave})
    closed = await world.change_status(network, "CLOSED")

    async def ended() -> bool:
        found = await world.membership(network["id"], members[0].id)
        return found is not None and found["status"] == "LEFT"

    await eventually(ended, what="membership ended by the network's closing")
    first = await world.membership(network["id"], members[0].id)
    former = await world.membership(network["id"], members[1].id)
    assert first is not None
    assert former is not None
    assert (first["leftOn"], first["periods"][-1]["leftReason"]) == (
        closed["closedOn"],
        "NETWORK_CLOSED",
    )
    assert (former["leftOn"], former["version"]) == ("2024-06-30", 2)  # already left: untouched


# --- lists and federation -----------------------------------------------------------------


async def test_members_are_listed_longest_standing_first(world: World) -> None:
    network = await world.network()
    partnerships = [await world.partnership() for _ in range(3)]
    for partnership, joined_on in zip(
        partnerships, ["2024-05-01", "2023-02-01", "2024-01-01"], strict=True
    ):
        await world.join(network["id"], partnership.id, joined_on=joined_on)
    leave = {
        "networkId": network["id"],
        "partnershipId": partnerships[2].id,
        "version": 1,
        "leftOn": "2024-06-30",
    }
    await world.service.data(LEAVE, {"input": leave})
    page = await world.service.data(MEMBERS, {"id": network["id"], "first": 1}, role=Role.VIEWER)
    members = page["network"]["members"]
    assert members["totalCount"] == 2
    assert [n["partnershipId"] for n in members["nodes"]] == [partnerships[1].id]
    after = members["pageInfo"]["endCursor"]
    rest = await world.service.data(MEMBERS, {"id": network["id"], "after": after})
    assert [n["partnershipId"] for n in rest["network"]["members"]["nodes"]] == [partnerships[0].id]
    everyone = await world.service.data(MEMBERS, {"id": network["id"], "former": True})
    assert [n["status"] for n in everyone["network"]["members"]["nodes"]] == [
        "ACTIVE",
        "LEFT",
        "ACTIVE",
    ]


async def test_partnerships_are_extended_with_networks_in_one_query_per_type(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = await world.network(name="A"), await world.network(name="B")
    partnerships = [await world.partnership() for _ in range(3)]
    for partnership in partnerships[:2]:
        await world.join(first["id"], partnership.id)
    await world.join(second["id"], partnerships[0].id, joined_on="2024-02-01")
    await world.practice(first["id"], partnerships[1], title="Safe routes to school")
    repos = world.service.runtime.repos
    calls = {"memberships": 0, "practices": 0, "networks": 0}
    real_memberships = type(repos).memberships_of_partnerships
    real_practices = type(repos).practices_of_partnerships
    real_networks = repos.networks.get_many

    async def memberships(self: Any, keys: list[str]) -> Any:
        calls["memberships"] += 1
        return await real_memberships(self, keys)

    async def practices(self: Any, keys: list[str]) -> Any:
        calls["practices"] += 1
        return await real_practices(self, keys)

    async def networks(keys: list[str]) -> Any:
        calls["networks"] += 1
        return await real_networks(keys)

    # The repositories are a frozen dataclass: patch its class (undone after the test).
    monkeypatch.setattr(type(repos), "memberships_of_partnerships", memberships)
    monkeypatch.setattr(type(repos), "practices_of_partnerships", practices)
    monkeypatch.setattr(repos.networks, "get_many", networks)
    reps = [{"__typename": "Partnership", "id": p.id} for p in partnerships]
    data = await world.service.data(PARTNERSHIP_ENTITIES, {"r": reps}, role=Role.VIEWER)
    entities = data["_entities"]
    assert [[m["network"]["name"] for m in e["networks"]] for e in entities] == [
        ["A", "B"],
        ["A"],
        [],
    ]
    assert entities[0]["networks"][0]["partnership"] == {"id": partnerships[0].id}
    assert [[p["title"] for p in e["practices"]] for e in entities] == [
        [],
        ["Safe routes to school"],
        [],
    ]
    assert calls == {"memberships": 1, "practices": 1, "networks": 1}
