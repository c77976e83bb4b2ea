"""The test subgraphs themselves answer as federation v2 subgraphs do: `_service { sdl }` with
their own SDL, and `_entities` resolved in one batch per type, in request order."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.gateway.support.federation import scenario_sdl
from tests.gateway.support.serving import ServedApp
from tests.gateway.support.subgraph import Representation, Subgraph

SDL = scenario_sdl("entities", "inventory")


@pytest.fixture(scope="module")
def batches() -> list[list[Representation]]:
    return []


@pytest.fixture(scope="module")
def inventory(batches: list[list[Representation]]) -> Iterator[tuple[Subgraph, str]]:
    def stock(representations: list[Representation]) -> list[dict[str, Any] | None]:
        batches.append(representations)
        return [{**r, "inStock": 3} if r["sku"] != "gone" else None for r in representations]

    subgraph = Subgraph("inventory", SDL, entities={"Product": stock})
    with ServedApp(subgraph) as served:
        yield subgraph, served.url


def _post(url: str, query: str, variables: dict[str, Any] | None = None) -> Any:
    response = httpx.post(url, json={"query": query, "variables": variables or {}})
    assert response.status_code == 200
    return response.json()


def test_service_sdl_is_the_subgraphs_own(inventory: tuple[Subgraph, str]) -> None:
    _, url = inventory

    assert _post(url, "{ _service { sdl } }") == {"data": {"_service": {"sdl": SDL}}}


def test_entities_are_resolved_in_one_batch_per_type_in_request_order(
    inventory: tuple[Subgraph, str], batches: list[list[Representation]]
) -> None:
    subgraph, url = inventory
    subgraph.reset()
    batches.clear()
    representations = [
        {"__typename": "Product", "sku": "S1"},
        {"__typename": "Variant", "id": "v1", "sku": "S1"},
        {"__typename": "Product", "sku": "gone"},
    ]

    body = _post(
        url,
        "query ($representations: [_Any!]!) { _entities(representations: $representations) "
        "{ __typename ... on Product { sku inStock } ... on Variant { id sku } } }",
        {"representations": representations},
    )

    assert body == {
        "data": {
            "_entities": [
                {"__typename": "Product", "sku": "S1", "inStock": 3},
                {"__typename": "Variant", "id": "v1", "sku": "S1"},
                None,
            ]
        }
    }
    assert batches == [[representations[0], representations[2]]]
    assert [r.representations for r in subgraph.received] == [representations]
