"""Hostile input through the gateway to the four real services: clear client errors with
their codes, never an internal error."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest

from services.common.auth import Role

from .stack import Stack, stack

HUGE = "9" * 4301
"""One digit past what Python's `int()` reads by default."""
PARTNERSHIPS = "query($n: Int) { partnerships(first: $n) { edges { node { id } } } }"


@pytest.fixture(scope="module")
async def running(
    mongo_url: str, broker_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Stack]:
    log = tmp_path_factory.mktemp("hostile_input") / "gateway.log"
    async with stack(mongo_url, broker_url, f"test-{uuid.uuid4().hex[:10]}", log) as s:
        yield s


async def answer(s: Stack, query: str, variables: dict[str, Any] | None = None) -> Any:
    """The gateway's status and body for an officer's request."""
    response = await s.gateway.post(
        "/graphql",
        json={"query": query, "variables": variables or {}},
        headers={"authorization": f"Bearer {s.token(Role.OFFICER)}"},
    )
    return response.status_code, response.json()


@pytest.mark.parametrize("size", [HUGE, f"-{HUGE}", "2147483648", "-2147483649"])
async def test_a_size_out_of_the_int_range_is_a_validation_error(running: Stack, size: str) -> None:
    status, body = await answer(
        running, f"{{ partnerships(first: {size}) {{ edges {{ node {{ id }} }} }} }}"
    )

    assert status == 400
    (error,) = body["errors"]
    assert error["extensions"] == {"code": "GRAPHQL_VALIDATION_FAILED"}
    assert "data" not in body


async def test_a_size_variable_out_of_the_int_range_is_bad_user_input(running: Stack) -> None:
    status, body = await answer(running, PARTNERSHIPS, {"n": 2**40})

    assert status == 400
    (error,) = body["errors"]
    assert error["message"] == (
        "Variable '$n' has invalid value: "
        "Int cannot represent non 32-bit signed integer value: 1099511627776"
    )
    assert error["extensions"] == {"code": "BAD_USER_INPUT"}


@pytest.mark.parametrize("variables", [{"n": -1}, {"n": -(2**31)}])
async def test_a_negative_size_is_refused_by_the_service_as_bad_user_input(
    running: Stack, variables: dict[str, int]
) -> None:
    status, body = await answer(running, PARTNERSHIPS, variables)

    assert status == 200
    assert body == {
        "errors": [
            {
                "message": "first must be between 0 and 100",
                "path": ["partnerships"],
                "extensions": {
                    "code": "BAD_USER_INPUT",
                    "field": "first",
                    "serviceName": "partnerships",
                },
            }
        ],
        "data": None,
    }


@pytest.mark.parametrize("day", ['"2026-02-30"', '"10000-01-01"', '""', '"yesterday"', HUGE])
async def test_an_inline_date_the_service_refuses_is_a_client_error(
    running: Stack, day: str
) -> None:
    query = f"{{ calls(filter: {{ openOn: {day} }}) {{ edges {{ node {{ id }} }} }} }}"

    status, body = await answer(running, query)

    assert status in (200, 400)
    # The refusal alone: it explains why the non-null `calls` is null.
    (refusal,) = body["errors"]
    assert refusal["extensions"]["code"] in ("GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT"), body
