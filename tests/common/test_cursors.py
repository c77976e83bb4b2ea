"""Paging cursors are opaque and signed: a forged, truncated, re-encoded or borrowed cursor, and
a page size out of range, are the client's error in every service, never an internal one."""

from __future__ import annotations

import base64
import json
from typing import Any

import orjson
import pytest

from services.common.errors import BadUserInput
from services.common.pagination import MAX_PAGE, cursor_key, decode_cursor, encode_cursor
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


def test_cursors_are_signed_with_a_key_of_the_deployment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The key derives from SUBGRAPH_SECRET (which production refuses to leave at its default):
    a cursor of another deployment, or of this one before the secret changed, is refused."""
    scope = "organisations:name,_id"
    cursor = encode_cursor(["Kommun", "id-1"], scope)
    assert decode_cursor(cursor, scope, 2) == ["Kommun", "id-1"]
    monkeypatch.setenv("SUBGRAPH_SECRET", "another deployment's secret")
    cursor_key.cache_clear()
    try:
        with pytest.raises(BadUserInput):
            decode_cursor(cursor, scope, 2)
        assert decode_cursor(encode_cursor(["Kommun", "id-1"], scope), scope, 2)
    finally:
        cursor_key.cache_clear()
