"""Paging cursors are opaque and signed: a forged, truncated, re-encoded or borrowed cursor, and
a page size out of range, are the client's error in every service, never an internal one."""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import orjson
import pytest

from services.common.app import create_app
from services.common.gateway_credential import credential_headers
from services.common.pagination import MAX_PAGE
from services.finance.service import SPEC as FINANCE
from services.networks.service import SPEC as NETWORKS
from services.partnerships.service import SPEC as PARTNERSHIPS
from services.training.service import SPEC as TRAINING

from ..support.services import RunningService, running_service

LISTS = {
    PARTNERSHIPS.name: "organisations",
    NETWORKS.name: "networks",
    TRAINING.name: "programmes",
    FINANCE.name: "grants",
}


def page_query(field: str) -> str:
    return f"""query($first: Int, $after: String) {{
      {field}(first: $first, after: $after) {{
        nodes {{ id }} pageInfo {{ endCursor hasNextPage }}
      }}
    }}"""


def unsigned(values: list[Any]) -> str:
    """A cursor as they were made before they were signed: base64 of the key values."""
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode()


def refused(body: dict[str, Any], field: str) -> None:
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    assert error["extensions"]["field"] == field, error


@pytest.mark.parametrize("spec", [PARTNERSHIPS, NETWORKS, TRAINING, FINANCE], ids=lambda s: s.name)
async def test_forged_cursors_and_page_sizes_are_bad_user_input(
    spec: Any, mongo_url: str, broker_url: str, unique: str
) -> None:
    query = page_query(LISTS[spec.name])
    async with running_service(spec, mongo_url, broker_url, f"test-{unique}") as service:
        for forged in (
            unsigned(["x", 2**63]),  # was an OverflowError in the database driver
            unsigned([2**64, 2**64]),
            unsigned(["a", "b"]),
            "not a cursor",
            "",
            "." * 10,
            "A" * 100_000,
        ):
            refused(await service.graphql(query, {"after": forged}), "after")
        for first in (-1, MAX_PAGE + 1, 1000):
            refused(await service.graphql(query, {"first": first}), "first")


async def organisations(service: RunningService, count: int) -> None:
    for i in range(count):
        await service.data(
            "mutation($input: CreateOrganisationInput!) {"
            " createOrganisation(input: $input) { organisation { id } } }",
            {"input": {"name": f"Kommun {i}", "kind": "MUNICIPALITY", "country": "SE"}},
        )


async def test_a_cursor_works_only_as_given_and_only_in_its_list(
    mongo_url: str, broker_url: str, unique: str
) -> None:
    async with running_service(PARTNERSHIPS, mongo_url, broker_url, f"test-{unique}") as service:
        await organisations(service, 3)
        query = page_query("organisations")
        first = (await service.data(query, {"first": 1}))["organisations"]
        cursor = first["pageInfo"]["endCursor"]
        rest = (await service.data(query, {"first": 5, "after": cursor}))["organisations"]
        assert len(rest["nodes"]) == 2
        assert first["nodes"][0] not in rest["nodes"]

        payload, mac = cursor.split(".")
        for tampered in (
            cursor[:-1],  # truncated
            cursor + "=",  # re-encoded with padding
            f"{payload}.{mac[::-1]}",  # another signature
            f"{payload}.",
            payload,
            unsigned([*orjson.loads(base64.urlsafe_b64decode(payload + "==")), 1]),
            f"{payload}.{mac}.{mac}",
        ):
            refused(await service.graphql(query, {"after": tampered}), "after")
        # A cursor of one list is no position in another.
        refused(await service.graphql(page_query("people"), {"after": cursor}), "after")


async def test_cursors_outlive_a_rotation_of_the_gateways_credential(
    mongo_url: str, broker_url: str, unique: str
) -> None:
    """Cursors are signed with a key derived from the gateway's credential (SUBGRAPH_SECRET),
    which production refuses to leave at its default. Three replicas of one service, as a
    rotation has them: not yet given the new secret, given it with the old one as previous,
    and past the rotation."""
    old, new = "the-credential-before-0123456789", "the-credential-after-9876543210"
    prefix = f"test-{unique}"
    query = page_query("organisations")
    async with (
        running_service(PARTNERSHIPS, mongo_url, broker_url, prefix, subgraph_secret=old) as before,
        running_service(
            PARTNERSHIPS,
            mongo_url,
            broker_url,
            prefix,
            subgraph_secret=new,
            subgraph_secret_previous=old,
        ) as during,
        running_service(PARTNERSHIPS, mongo_url, broker_url, prefix, subgraph_secret=new) as after,
    ):
        await organisations(before, 3)

        async def cursor(replica: RunningService, presented: str) -> str:
            async with calling_with(replica, presented) as caller:
                first = (await caller.data(query, {"first": 1}))["organisations"]
            end_cursor: str = first["pageInfo"]["endCursor"]
            return end_cursor

        async def rest(replica: RunningService, presented: str, after: str) -> dict[str, Any]:
            async with calling_with(replica, presented) as caller:
                return await caller.graphql(query, {"first": 5, "after": after})

        signed_before = await cursor(before, old)
        for replica, presented in ((before, old), (during, old), (during, new)):
            page = await rest(replica, presented, signed_before)
            assert len(page["data"]["organisations"]["nodes"]) == 2, page
        refused(await rest(after, new, signed_before), "after")

        # A replica given the new secret signs with the one the gateway presents: gateways
        # not yet given the new one get cursors every replica they reach accepts.
        signed_during = await cursor(during, old)
        assert len((await rest(before, old, signed_during))["data"]["organisations"]["nodes"]) == 2
        signed_after = await cursor(during, new)
        for replica in (during, after):
            page = await rest(replica, new, signed_after)
            assert len(page["data"]["organisations"]["nodes"]) == 2, page


@asynccontextmanager
async def calling_with(replica: RunningService, secret: str) -> AsyncIterator[RunningService]:
    """The replica, called by a gateway that presents `secret`."""
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_app(replica.runtime)),
        base_url="http://test",
        headers=credential_headers(secret),
    ) as http:
        yield RunningService(replica.runtime, http)
