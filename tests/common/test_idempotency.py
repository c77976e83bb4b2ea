"""Idempotency keys on mutations: a retry answers the first outcome and writes nothing again.

Run against the networks service (every service's mutations share the one mechanism of
services.common.idempotent_mutations; tests/*/test_idempotent_retries.py retry some of each).
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest

from services.common import idempotency
from services.networks.service import SPEC

from ..networks.builders import CREATE_NETWORK, UPDATE_NETWORK, network_input
from ..support.keyed import keyed
from ..support.services import RunningService, error_codes, running_service


@pytest.fixture
async def service(mongo_url: str, broker_url: str, unique: str) -> AsyncIterator[RunningService]:
    async with running_service(SPEC, mongo_url, broker_url, f"test-{unique}") as running:
        yield running


async def send(
    service: RunningService,
    query: str,
    variables: dict[str, Any],
    key: str | None,
    sub: str = "officer-1",
) -> dict[str, Any]:
    return await keyed(service, query, variables, key, sub=sub)


async def stored(service: RunningService) -> list[dict[str, Any]]:
    return await service.runtime.db["networks"].find().to_list()


async def test_a_create_retried_with_its_key_answers_the_first_network_and_writes_once(
    service: RunningService,
) -> None:
    key = str(uuid.uuid4())
    variables = {"input": network_input(name="Safe cities")}
    first = await send(service, CREATE_NETWORK, variables, key)
    again = await send(service, CREATE_NETWORK, variables, key)
    assert first["data"] == again["data"]
    [doc] = await stored(service)
    assert doc["_id"] == first["data"]["createNetwork"]["network"]["id"]
    assert [e["action"] for e in doc["audit"]] == ["created"]
    assert doc["version"] == 1


async def test_an_update_retried_with_its_key_is_not_applied_twice(service: RunningService) -> None:
    created = await send(service, CREATE_NETWORK, {"input": network_input()}, None)
    network_id = created["data"]["createNetwork"]["network"]["id"]
    update = {"input": {"id": network_id, "version": 1, "name": "Renamed"}}
    key = str(uuid.uuid4())
    first = await send(service, UPDATE_NETWORK, update, key)
    again = await send(service, UPDATE_NETWORK, update, key)
    assert "errors" not in again, again
    assert again["data"] == first["data"]
    assert again["data"]["updateNetwork"]["network"]["version"] == 2
    [doc] = await stored(service)
    assert doc["version"] == 2
    assert len(doc["audit"]) == 2  # created, then changed once


async def test_the_same_key_with_other_arguments_is_refused(service: RunningService) -> None:
    key = str(uuid.uuid4())
    await send(service, CREATE_NETWORK, {"input": network_input(name="One")}, key)
    body = await send(service, CREATE_NETWORK, {"input": network_input(name="Two")}, key)
    assert error_codes(body) == ["BAD_USER_INPUT"]
    [error] = body["errors"]
    assert error["extensions"]["reason"] == "IDEMPOTENCY_KEY_REUSED"
    assert error["extensions"]["field"] == "idempotencyKey"
    assert [d["name"] for d in await stored(service)] == ["One"]


async def test_the_same_key_of_different_callers_names_different_effects(
    service: RunningService,
) -> None:
    key = str(uuid.uuid4())
    variables = {"input": network_input()}
    mine = await send(service, CREATE_NETWORK, variables, key, sub="officer-1")
    theirs = await send(service, CREATE_NETWORK, variables, key, sub="officer-2")
    assert (
        mine["data"]["createNetwork"]["network"]["id"]
        != (theirs["data"]["createNetwork"]["network"]["id"])
    )
    assert len(await stored(service)) == 2


async def test_without_a_key_every_request_writes(service: RunningService) -> None:
    variables = {"input": network_input()}
    await send(service, CREATE_NETWORK, variables, None)
    await send(service, CREATE_NETWORK, variables, None)
    docs = await stored(service)
    assert len(docs) == 2
    assert all(d["_idem"] == [] for d in docs)


async def test_each_mutation_field_of_an_operation_is_its_own_effect(
    service: RunningService,
) -> None:
    both = """
    mutation($a: CreateNetworkInput!, $b: CreateNetworkInput!) {
      a: createNetwork(input: $a) { network { id name } }
      b: createNetwork(input: $b) { network { id name } }
    }"""
    variables = {"a": network_input(name="Alpha"), "b": network_input(name="Beta")}
    key = str(uuid.uuid4())
    first = await send(service, both, variables, key)
    again = await send(service, both, variables, key)
    assert again["data"] == first["data"]
    assert sorted(d["name"] for d in await stored(service)) == ["Alpha", "Beta"]


async def test_an_expired_key_no_longer_matches(service: RunningService) -> None:
    key = str(uuid.uuid4())
    variables = {"input": network_input()}
    first = await send(service, CREATE_NETWORK, variables, key)
    idempotency.clock.advance(idempotency.ttl() + timedelta(seconds=1))
    try:
        later = await send(service, CREATE_NETWORK, variables, key)
    finally:
        idempotency.clock.reset()
    assert (
        later["data"]["createNetwork"]["network"]["id"]
        != (first["data"]["createNetwork"]["network"]["id"])
    )
    docs = await stored(service)
    assert len(docs) == 2
    # The later write pruned nothing of the first document, which nobody wrote since; its
    # record is simply ignored once expired.
    assert all(len(d["_idem"]) == 1 for d in docs)


@pytest.mark.parametrize("key", ["", "x" * 256, "tab\there", "del\x7f"])
async def test_a_malformed_key_is_refused(service: RunningService, key: str) -> None:
    body = await send(service, CREATE_NETWORK, {"input": network_input()}, key)
    assert error_codes(body) == ["BAD_USER_INPUT"]
    assert await stored(service) == []


async def test_twin_requests_with_one_key_create_once(service: RunningService) -> None:
    key = str(uuid.uuid4())
    variables = {"input": network_input()}
    answers = await asyncio.gather(*(send(service, CREATE_NETWORK, variables, key) for _ in "ab"))
    assert answers[0] == answers[1]
    assert len(await stored(service)) == 1
