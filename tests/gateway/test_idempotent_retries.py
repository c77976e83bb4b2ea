"""An `Idempotency-Key` sent to the gateway reaches every subgraph a mutation writes in: a
client's retry of an operation that already wrote answers the first outcome, writing nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest

from services.common.auth import Role

from .end_to_end.stack import Stack, stack

BOTH = """
mutation($network: CreateNetworkInput!, $organisation: CreateOrganisationInput!) {
  createNetwork(input: $network) { network { id name } }
  createOrganisation(input: $organisation) { organisation { id name } }
}"""
VARIABLES = {
    "network": {
        "name": "Safe cities network",
        "theme": "GENDER_EQUALITY",
        "countries": ["SE", "TZ"],
        "startsOn": "2024-01-01",
        "endsOn": "2026-12-31",
    },
    "organisation": {"name": "Region Gotland", "kind": "REGION", "country": "SE"},
}


@pytest.fixture(scope="module")
async def gateway(
    mongo_url: str, broker_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Stack]:
    log = tmp_path_factory.mktemp("idempotent_retries") / "gateway.log"
    async with stack(mongo_url, broker_url, f"test-{uuid.uuid4().hex[:10]}", log) as s:
        yield s


async def post(s: Stack, key: str | None) -> dict[str, Any]:
    headers = {"authorization": f"Bearer {s.token(Role.OFFICER)}"}
    if key is not None:
        headers["Idempotency-Key"] = key
    response = await s.gateway.post(
        "/graphql", json={"query": BOTH, "variables": VARIABLES}, headers=headers
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    return body


async def counts(s: Stack) -> tuple[int, int]:
    networks = await s.services["networks"].runtime.db["networks"].count_documents({})
    organisations = await s.services["partnerships"].runtime.db["organisations"].count_documents({})
    return networks, organisations


async def test_a_retried_operation_writes_in_no_subgraph_again(gateway: Stack) -> None:
    before = await counts(gateway)
    key = str(uuid.uuid4())
    first = await post(gateway, key)
    again = await post(gateway, key)
    assert again == first
    assert await counts(gateway) == (before[0] + 1, before[1] + 1)


async def test_without_a_key_the_operation_writes_each_time(gateway: Stack) -> None:
    before = await counts(gateway)
    first = await post(gateway, None)
    again = await post(gateway, None)
    assert again != first
    assert await counts(gateway) == (before[0] + 2, before[1] + 2)
