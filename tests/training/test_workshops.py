"""Workshops: scheduling, lists with filters, costs, completion with attendance, cancellation."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from services.common.auth import Role
from services.common.clock import clock
from services.contracts.training import (
    WORKSHOP_CANCELLED,
    WORKSHOP_COMPLETED,
    WORKSHOP_SCHEDULED,
)

from ..support.broker import listening
from ..support.services import error_codes
from .builders import (
    CANCEL,
    COMPLETE,
    ENROL,
    RECORD_COSTS,
    SCHEDULE,
    UPDATE_WORKSHOP,
    World,
    workshop_input,
)

LIST = """
query($first: Int, $after: String, $filter: WorkshopFilter) {
  workshops(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } nodes { title }
  }
}"""
COSTS = [
    {"category": "VENUE", "amount": "12500.50", "currency": "SEK", "description": "Hall"},
    {"category": "INTERPRETATION", "amount": "3000000", "currency": "COP"},
]


async def test_staff_schedule_a_network_workshop_and_it_is_announced(world: World) -> None:
    network_id = await world.network()
    async with listening(world.service, "training.workshop.*") as broker:
        workshop = await world.workshop(
            kind="NETWORK_WORKSHOP",
            networkId=network_id,
            title="Joint workshop Bogotá",
            country="co",
            costs=COSTS,
        )
        [event] = await broker.events(1)
    assert {k: workshop[k] for k in ("kind", "networkId", "country", "status", "seatsLeft")} == {
        "kind": "NETWORK_WORKSHOP",
        "networkId": network_id,
        "country": "CO",
        "status": "SCHEDULED",
        "seatsLeft": 25,
    }
    assert workshop["costLines"] == [
        {
            "category": "VENUE",
            "amount": {"amount": "12500.50", "currency": "SEK"},
            "description": "Hall",
        },
        {
            "category": "INTERPRETATION",
            "amount": {"amount": "3000000.00", "currency": "COP"},
            "description": "",
        },
    ]
    assert event.type == WORKSHOP_SCHEDULED.type
    data = WORKSHOP_SCHEDULED.parse(event)
    assert (data.id, data.network_id, data.kind, data.capacity, data.participants) == (
        workshop["id"],
        network_id,
        "network_workshop",
        25,
        0,
    )
    assert [(c.category, c.amount_minor, c.currency) for c in data.costs] == [
        ("venue", 1250050, "SEK"),
        ("interpretation", 300000000, "COP"),
    ]


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"endsOn": "2030-03-03"}, "BAD_USER_INPUT", "endsOn"),
        ({"endsOn": "2030-05-04"}, "BAD_USER_INPUT", "endsOn"),
        ({"kind": "NETWORK_WORKSHOP"}, "BAD_USER_INPUT", "networkId"),
        ({"kind": "NETWORK_WORKSHOP", "networkId": "unknown"}, "NOT_FOUND", "networkId"),
        ({"kind": "NETWORK_WORKSHOP", "networkId": "closed"}, "BAD_USER_INPUT", "networkId"),
        ({"capacity": None}, "BAD_USER_INPUT", "capacity"),
        ({"capacity": 0}, "BAD_USER_INPUT", "capacity"),
        ({"country": "XX"}, "BAD_USER_INPUT", "country"),
        ({"title": "  "}, "BAD_USER_INPUT", "title"),
        ({"city": "$where"}, "BAD_USER_INPUT", "city"),
        ({"kind": "ITP_PHASE"}, "BAD_USER_INPUT", "cohortId"),
        ({"kind": "ITP_PHASE", "cohortId": "unknown"}, "NOT_FOUND", "cohortId"),
        ({"cohortId": "a cohort"}, "BAD_USER_INPUT", "cohortId"),
        (
            {"kind": "ITP_PHASE", "cohortId": "a cohort", "networkId": "n"},
            "BAD_USER_INPUT",
            "networkId",
        ),
        (
            {"kind": "ITP_PHASE", "cohortId": "a cohort", "startsOn": "2030-02-20"},
            "BAD_USER_INPUT",
            "startsOn",
        ),
        (
            {
                "kind": "ITP_PHASE",
                "cohortId": "a cohort",
                "startsOn": "2031-02-27",
                "endsOn": "2031-03-02",
            },
            "BAD_USER_INPUT",
            "endsOn",
        ),
        (
            {"costs": [{"category": "VENUE", "amount": "1.005"}]},
            "BAD_USER_INPUT",
            "costs[0].amount",
        ),
        ({"costs": [{"category": "VENUE", "amount": "-1"}]}, "BAD_USER_INPUT", "costs[0].amount"),
        (
            {"costs": [{"category": "VENUE", "amount": "1", "currency": "XYZ"}]},
            "BAD_USER_INPUT",
            "costs[0].amount.currency",
        ),
    ],
)
async def test_bad_workshops_are_refused(
    world: World, overrides: dict[str, Any], code: str, field: str
) -> None:
    if overrides.get("networkId") == "closed":
        overrides["networkId"] = await world.network(status="closed")
    if overrides.get("cohortId") == "a cohort":
        overrides["cohortId"] = (await world.cohort())["id"]
    variables = {"input": workshop_input(**overrides)}
    await world.assert_refused(SCHEDULE, variables, code, field)


async def test_only_staff_manage_workshops(world: World) -> None:
    variables = {"input": workshop_input()}
    await world.assert_refused(SCHEDULE, variables, "FORBIDDEN", role=Role.COORDINATOR, org="o")
    await world.assert_refused(SCHEDULE, variables, "FORBIDDEN", role=Role.VIEWER)
    await world.assert_refused(SCHEDULE, variables, "UNAUTHENTICATED", role=None)
    workshop = await world.workshop()
    cancel = {"input": {"id": workshop["id"], "version": 1}}
    await world.assert_refused(CANCEL, cancel, "FORBIDDEN", role=Role.COORDINATOR, org="o")


async def test_workshops_are_listed_with_filters_and_pages(world: World) -> None:
    network_id = await world.network()
    await world.workshop(title="A", startsOn="2030-02-01", endsOn="2030-02-03", country="SE")
    await world.workshop(
        title="B",
        kind="NETWORK_WORKSHOP",
        networkId=network_id,
        startsOn="2030-03-01",
        endsOn="2030-03-05",
    )
    cancelled = await world.workshop(title="C", startsOn="2030-04-01", endsOn="2030-04-02")
    await world.service.data(CANCEL, {"input": {"id": cancelled["id"], "version": 1}})
    await world.workshop(title="D", startsOn="2030-05-01", endsOn="2030-05-02", country="GT")

    async def titles(filter: dict[str, Any] | None = None, **auth: Any) -> list[str]:
        data = await world.service.data(LIST, {"filter": filter}, **auth)
        return [n["title"] for n in data["workshops"]["nodes"]]

    assert await titles(role=Role.VIEWER) == ["A", "B", "C", "D"]
    assert await titles({"kind": "NETWORK_WORKSHOP"}) == ["B"]
    assert await titles({"networkId": network_id}) == ["B"]
    assert await titles({"country": "se"}) == ["A"]
    assert await titles({"status": "CANCELLED"}) == ["C"]
    assert await titles({"status": "SCHEDULED", "fromDate": "2030-02-02"}) == ["A", "B", "D"]
    assert await titles({"fromDate": "2030-03-05", "toDate": "2030-04-01"}) == ["B", "C"]

    first = await world.service.data(LIST, {"first": 3})
    page = first["workshops"]
    assert (page["totalCount"], page["pageInfo"]["hasNextPage"]) == (4, True)
    rest = await world.service.data(LIST, {"first": 3, "after": page["pageInfo"]["endCursor"]})
    assert [n["title"] for n in rest["workshops"]["nodes"]] == ["D"]

    for bad, field in (
        ({"country": "Sweden"}, "filter.country"),
        ({"fromDate": "2030-03-02", "toDate": "2030-03-01"}, "filter.toDate"),
    ):
        body = await world.service.graphql(LIST, {"filter": bad})
        assert error_codes(body) == ["BAD_USER_INPUT"]
        assert body["errors"][0]["extensions"]["field"] == field


async def test_costs_are_recorded_until_the_workshop_is_completed(world: World) -> None:
    workshop = await world.workshop(costs=COSTS[:1])
    stale = {"input": {"id": workshop["id"], "version": 1, "costs": COSTS}}
    await world.service.data(UPDATE_WORKSHOP, {"input": {"id": workshop["id"], "version": 1}})
    await world.assert_refused(RECORD_COSTS, stale, "CONFLICT", "version")
    recorded = await world.service.data(
        RECORD_COSTS, {"input": {"id": workshop["id"], "version": 2, "costs": COSTS}}
    )
    assert len(recorded["recordWorkshopCosts"]["workshop"]["costLines"]) == 2
    clock.pin(date(2030, 3, 7))
    await world.complete(workshop, [])
    final = {"input": {"id": workshop["id"], "version": 4, "costs": []}}
    await world.assert_refused(RECORD_COSTS, final, "BAD_USER_INPUT", "costs")


async def test_completion_records_attendance_and_ends_the_registrations(world: World) -> None:
    workshop = await world.workshop(capacity=2, costs=COSTS[:1])
    came, absent, waiting, applied = [await world.person() for _ in range(4)]
    for person in (came, absent, waiting):
        await world.enrolled(person, workshop)
    await world.register(applied, workshop=workshop)

    version = (await world.get_workshop(workshop["id"]))["version"]
    early = {"input": {"id": workshop["id"], "version": version, "attendedPersonIds": []}}
    await world.assert_refused(COMPLETE, early, "BAD_USER_INPUT", "id")  # ends 2030-03-07
    clock.pin(date(2030, 3, 7))
    for attended in ([waiting.id], [came.id, came.id], ["stranger"]):
        variables = {
            "input": {"id": workshop["id"], "version": version, "attendedPersonIds": attended}
        }
        await world.assert_refused(COMPLETE, variables, "BAD_USER_INPUT", "attendedPersonIds")

    async with listening(world.service, "training.workshop.completed") as broker:
        completed = await world.complete(workshop, [came], costs=COSTS)
        [event] = await broker.events(1)

    assert (completed["status"], completed["completedOn"], completed["participants"]) == (
        "COMPLETED",
        "2030-03-07",
        1,
    )
    data = WORKSHOP_COMPLETED.parse(event)
    assert (data.status, data.participants, len(data.costs)) == ("completed", 1, 2)
    registrations = {
        r["personId"]: r for r in (await world.get_workshop(workshop["id"]))["registrations"]
    }
    assert {p: r["status"] for p, r in registrations.items()} == {
        came.id: "COMPLETED",
        absent.id: "WITHDRAWN",
        waiting.id: "WITHDRAWN",
        applied.id: "WITHDRAWN",
    }
    assert registrations[absent.id]["history"][-1]["note"] == "did not attend"
    assert registrations[came.id]["attendance"] == [
        {"attended": True, "workshop": {"id": workshop["id"]}}
    ]
    assert registrations[absent.id]["attendance"][0]["attended"] is False
    again = {
        "input": {"id": workshop["id"], "version": completed["version"], "attendedPersonIds": []}
    }
    await world.assert_refused(COMPLETE, again, "BAD_USER_INPUT", "id")


async def test_cancelling_withdraws_everyone_and_frees_their_days(world: World) -> None:
    person = await world.person()
    cancelled = await world.workshop(title="Off", startsOn="2030-03-04", endsOn="2030-03-06")
    same_days = await world.workshop(title="On", startsOn="2030-03-05", endsOn="2030-03-06")
    await world.enrolled(person, cancelled)
    version = (await world.get_workshop(cancelled["id"]))["version"]
    variables = {"input": {"id": cancelled["id"], "version": version, "note": "Flooding"}}
    async with listening(world.service, "training.workshop.cancelled") as broker:
        data = await world.service.data(CANCEL, variables)
        [event] = await broker.events(1)
    workshop = data["cancelWorkshop"]["workshop"]
    assert (workshop["status"], workshop["note"], workshop["seatsTaken"]) == (
        "CANCELLED",
        "Flooding",
        0,
    )
    assert WORKSHOP_CANCELLED.parse(event).participants == 1
    [registration] = (await world.get_workshop(cancelled["id"]))["registrations"]
    assert registration["status"] == "WITHDRAWN"
    assert registration["history"][-1]["note"] == "the workshop was cancelled"
    assert (await world.enrolled(person, same_days))["status"] == "ENROLLED"
    await world.assert_refused(
        CANCEL,
        {"input": {"id": cancelled["id"], "version": workshop["version"]}},
        "BAD_USER_INPUT",
        "id",
    )
    # Registrations of a cancelled workshop no longer move.
    await world.assert_refused(
        ENROL,
        {"input": {"registrationId": registration["id"], "version": registration["version"]}},
        "BAD_USER_INPUT",
        "registrationId",
    )
