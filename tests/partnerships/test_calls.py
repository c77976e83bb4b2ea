"""Calls: dates, extension, who may change them, lists and filters."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from services.common.auth import Role
from services.common.clock import clock

from ..support.services import RunningService, error_codes
from ..support.writes import snapshot
from .applying import (
    CREATE_CALL,
    EXTEND_CALL,
    TODAY,
    UPDATE_CALL,
    call_input,
    create_call,
    pinned,
    refused,
)

IS_OPEN = """
query($id: ID!, $on: Date) { call(id: $id) { isOpen(on: $on) openUntil } }"""
LIST = """
query($first: Int, $after: String, $filter: CallFilter) {
  calls(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } nodes { title opensOn openUntil }
  }
}"""


@pytest.fixture(autouse=True)
def today() -> Iterator[date]:
    with pinned() as day:
        yield day


async def is_open(service: RunningService, call_id: str, on: str | None) -> bool:
    data = await service.data(IS_OPEN, {"id": call_id, "on": on}, role=Role.VIEWER)
    result: bool = data["call"]["isOpen"]
    return result


async def test_create_stores_the_call_and_its_audit(partnerships: RunningService) -> None:
    call = await create_call(
        partnerships, title="  Spring round ", allowedTypes=["PROJECT", "PROJECT", "INCEPTION"]
    )
    assert call["title"] == "Spring round"
    assert call["allowedTypes"] == ["PROJECT", "INCEPTION"]
    assert (call["opensOn"], call["closesOn"], call["extendedTo"], call["openUntil"]) == (
        "2025-02-15",
        "2025-03-15",
        None,
        "2025-03-15",
    )
    assert (call["version"], [e["action"] for e in call["auditTrail"]]) == (1, ["created"])
    stored = (await snapshot(partnerships))["calls"]
    assert [(d["_id"], d["_outbox"]) for d in stored] == [(call["id"], [])]


async def test_a_call_is_open_from_its_first_to_its_last_day(
    partnerships: RunningService,
) -> None:
    call = await create_call(partnerships, opensOn="2025-02-15", closesOn="2025-03-15")
    assert not await is_open(partnerships, call["id"], "2025-02-14")
    assert await is_open(partnerships, call["id"], "2025-02-15")
    assert await is_open(partnerships, call["id"], "2025-03-15")  # the deadline counts
    assert not await is_open(partnerships, call["id"], "2025-03-16")
    assert await is_open(partnerships, call["id"], None)  # today, 2025-03-10

    extended = await partnerships.data(
        EXTEND_CALL,
        {"input": {"id": call["id"], "version": 1, "extendedTo": "2025-03-26"}},
    )
    assert extended["extendCall"]["call"]["openUntil"] == "2025-03-26"
    assert await is_open(partnerships, call["id"], "2025-03-16")
    assert await is_open(partnerships, call["id"], "2025-03-26")  # the extension counts
    assert not await is_open(partnerships, call["id"], "2025-03-27")


async def test_is_open_without_a_day_asks_the_service_clock(partnerships: RunningService) -> None:
    call = await create_call(partnerships, opensOn="2025-02-15", closesOn="2025-03-15")
    clock.pin(date(2025, 3, 16))
    assert not await is_open(partnerships, call["id"], None)
    clock.pin(TODAY)
    assert await is_open(partnerships, call["id"], None)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"opensOn": "2025-03-16", "closesOn": "2025-03-15"}, "closesOn"),
        ({"extendedTo": "2025-03-15"}, "extendedTo"),  # not after the deadline
        ({"extendedTo": "2025-03-01"}, "extendedTo"),
        ({"allowedTypes": []}, "allowedTypes"),
        ({"title": "  "}, "title"),
        ({"title": "$where"}, "title"),
        ({"programme": "$gt"}, "programme"),
        ({"programme": "Municipal Partnership"}, "programme"),
    ],
)
async def test_bad_input_is_refused_and_changes_nothing(
    partnerships: RunningService, overrides: dict[str, Any], field: str
) -> None:
    dates = {"opensOn": "2025-02-15", "closesOn": "2025-03-15"}
    variables = {"input": call_input(**{**dates, **overrides})}
    await refused(partnerships, CREATE_CALL, variables, "BAD_USER_INPUT", field)


async def test_an_extension_is_kept_at_creation(partnerships: RunningService) -> None:
    call = await create_call(
        partnerships, opensOn="2025-02-15", closesOn="2025-03-15", extendedTo="2025-03-26"
    )
    assert (call["extendedTo"], call["openUntil"]) == ("2025-03-26", "2025-03-26")


async def test_update_changes_details_under_its_version(partnerships: RunningService) -> None:
    call = await create_call(partnerships, opensOn="2025-02-15", closesOn="2025-03-15")
    updated = await partnerships.data(
        UPDATE_CALL,
        {
            "input": {
                "id": call["id"],
                "version": 1,
                "title": "Spring round 2025",
                "allowedTypes": ["INCEPTION"],
                "closesOn": "2025-04-15",
            }
        },
    )
    got = updated["updateCall"]["call"]
    assert (got["title"], got["allowedTypes"], got["closesOn"], got["version"]) == (
        "Spring round 2025",
        ["INCEPTION"],
        "2025-04-15",
        2,
    )
    assert got["auditTrail"][-1]["note"] == "allowed_types, closes_on, title"

    stale = {"input": {"id": call["id"], "version": 1, "title": "Lost update"}}
    await refused(partnerships, UPDATE_CALL, stale, "CONFLICT", "version")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"opensOn": "2025-03-16"}, "opensOn"),  # after the deadline
        ({"closesOn": "2025-02-14"}, "closesOn"),  # before the opening
        ({"closesOn": "2025-03-26"}, "closesOn"),  # not before the extension any more
        ({"allowedTypes": []}, "allowedTypes"),
        ({"title": "$set"}, "title"),
    ],
)
async def test_update_keeps_the_dates_consistent(
    partnerships: RunningService, changes: dict[str, Any], field: str
) -> None:
    call = await create_call(
        partnerships, opensOn="2025-02-15", closesOn="2025-03-15", extendedTo="2025-03-26"
    )
    variables = {"input": {"id": call["id"], "version": 1, **changes}}
    await refused(partnerships, UPDATE_CALL, variables, "BAD_USER_INPUT", field)


async def test_an_extension_only_moves_the_last_day_later(partnerships: RunningService) -> None:
    call = await create_call(partnerships, opensOn="2025-02-15", closesOn="2025-03-15")
    for day in ("2025-03-15", "2025-03-01"):
        variables = {"input": {"id": call["id"], "version": 1, "extendedTo": day}}
        await refused(partnerships, EXTEND_CALL, variables, "BAD_USER_INPUT", "extendedTo")
    first = await partnerships.data(
        EXTEND_CALL,
        {"input": {"id": call["id"], "version": 1, "extendedTo": "2025-03-26", "note": "Easter"}},
    )
    assert first["extendCall"]["call"]["auditTrail"][-1]["note"] == "Easter"
    shorter = {"input": {"id": call["id"], "version": 2, "extendedTo": "2025-03-20"}}
    await refused(partnerships, EXTEND_CALL, shorter, "BAD_USER_INPUT", "extendedTo")
    later = await partnerships.data(
        EXTEND_CALL, {"input": {"id": call["id"], "version": 2, "extendedTo": "2025-04-01"}}
    )
    got = later["extendCall"]["call"]
    assert (got["extendedTo"], got["closesOn"], got["version"]) == ("2025-04-01", "2025-03-15", 3)
    assert got["auditTrail"][-1]["note"] == "2025-03-26 → 2025-04-01"
    stale = {"input": {"id": call["id"], "version": 2, "extendedTo": "2025-05-01"}}
    await refused(partnerships, EXTEND_CALL, stale, "CONFLICT", "version")


async def test_unknown_calls_are_not_found(partnerships: RunningService) -> None:
    await refused(
        partnerships,
        UPDATE_CALL,
        {"input": {"id": "nope", "version": 1, "title": "X"}},
        "NOT_FOUND",
    )
    await refused(
        partnerships,
        EXTEND_CALL,
        {"input": {"id": "nope", "version": 1, "extendedTo": "2025-05-01"}},
        "NOT_FOUND",
    )
    assert (await partnerships.data('{ call(id: "nope") { id } }'))["call"] is None


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.VIEWER])
async def test_only_staff_manage_calls(partnerships: RunningService, role: Role) -> None:
    call = await create_call(partnerships)
    auth: dict[str, Any] = {"role": role, "org": "some-org"}
    await refused(partnerships, CREATE_CALL, {"input": call_input()}, "FORBIDDEN", **auth)
    update = {"input": {"id": call["id"], "version": 1, "title": "Mine"}}
    await refused(partnerships, UPDATE_CALL, update, "FORBIDDEN", **auth)
    extend = {"input": {"id": call["id"], "version": 1, "extendedTo": "2025-05-01"}}
    await refused(partnerships, EXTEND_CALL, extend, "FORBIDDEN", **auth)
    # ... but everyone signed in reads them
    assert (await partnerships.data(LIST, **auth))["calls"]["totalCount"] == 1
    body = await partnerships.graphql(LIST, role=None)
    assert error_codes(body) == ["UNAUTHENTICATED"]


async def test_list_filters_by_open_day_and_year_and_pages(partnerships: RunningService) -> None:
    rounds = [
        ("Autumn 2024", "2024-09-15", "2024-10-15", None),
        ("Spring 2025", "2025-02-15", "2025-03-15", "2025-03-26"),
        ("Inceptions 2025", "2025-01-01", "2025-12-31", None),
        ("Autumn 2025", "2025-09-15", "2025-10-15", None),
    ]
    for title, opens, closes, extended in rounds:
        await create_call(
            partnerships, title=title, opensOn=opens, closesOn=closes, extendedTo=extended
        )

    async def titles(**variables: Any) -> list[str]:
        data = await partnerships.data(LIST, variables)
        return [n["title"] for n in data["calls"]["nodes"]]

    assert await titles() == ["Autumn 2024", "Inceptions 2025", "Spring 2025", "Autumn 2025"]
    assert await titles(filter={"openOn": "2025-03-20"}) == ["Inceptions 2025", "Spring 2025"]
    assert await titles(filter={"openOn": "2025-03-27"}) == ["Inceptions 2025"]
    assert await titles(filter={"openOn": "2024-10-15"}) == ["Autumn 2024"]
    assert await titles(filter={"year": 2024}) == ["Autumn 2024"]
    assert await titles(filter={"year": 2025, "openOn": "2025-10-01"}) == [
        "Inceptions 2025",
        "Autumn 2025",
    ]

    first = (await partnerships.data(LIST, {"first": 3}))["calls"]
    assert (first["totalCount"], first["pageInfo"]["hasNextPage"]) == (4, True)
    rest = (await partnerships.data(LIST, {"first": 3, "after": first["pageInfo"]["endCursor"]}))[
        "calls"
    ]
    assert [n["title"] for n in rest["nodes"]] == ["Autumn 2025"]
    assert not rest["pageInfo"]["hasNextPage"]


async def test_calls_are_federation_entities_resolved_in_one_batch(
    partnerships: RunningService, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [(await create_call(partnerships, title=f"Round {i}"))["id"] for i in range(3)]
    store = partnerships.runtime.repos.calls
    batches: list[list[str]] = []
    real_get_many = store.get_many

    async def counting_get_many(keys: list[str]) -> Any:
        batches.append(list(keys))
        return await real_get_many(keys)

    monkeypatch.setattr(store, "get_many", counting_get_many)
    reps = [{"__typename": "Call", "id": i} for i in [*ids, "missing"]]
    query = "query($r: [_Any!]!) { _entities(representations: $r) { ... on Call { title } } }"
    data = await partnerships.data(query, {"r": reps})
    assert [e and e["title"] for e in data["_entities"]] == ["Round 0", "Round 1", "Round 2", None]
    assert len(batches) == 1
    sdl = (await partnerships.data("{ _service { sdl } }"))["_service"]["sdl"]
    assert 'type Call @key(fields: "id")' in sdl
