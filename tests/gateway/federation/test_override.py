"""@override: a field moved to another subgraph is served by its new owner only; progressive
@override(label: "percent(N)") with the deterministic 0 and 100 per cent."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.gateway.support.federation import (
    Federation,
    assert_response,
    federation,
    scenario_sdl,
)
from tests.gateway.support.gateway import differs_from_apollo
from tests.gateway.support.subgraph import Row, Subgraph, by_key

SCENARIO = "override"

# The two subgraphs disagree on purpose: the values show which one served a field.
LEGACY: list[Row] = [{"id": "1", "name": "Lamp", "stock": -1, "price": 100, "rating": -1}]
INVENTORY: list[Row] = [{"id": "1", "stock": 7, "price": -1, "rating": 4}]


def subgraphs() -> list[Subgraph]:
    return [
        Subgraph(
            "legacy",
            scenario_sdl(SCENARIO, "legacy"),
            resolvers={"Query": {"products": lambda _root, _info: LEGACY}},
            entities={"Product": by_key(LEGACY, "id")},
        ),
        Subgraph(
            "inventory",
            scenario_sdl(SCENARIO, "inventory"),
            entities={"Product": by_key(INVENTORY, "id")},
        ),
    ]


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Federation]:
    with federation(SCENARIO, subgraphs(), tmp_path_factory.mktemp(SCENARIO)) as running:
        yield running


def test_an_overridden_field_is_served_by_its_new_owner(fed: Federation) -> None:
    response = fed.query("{ products { name stock } }")

    assert_response(response, {"data": {"products": [{"name": "Lamp", "stock": 7}]}})
    assert fed.fetch_counts() == {"legacy": 1, "inventory": 1}
    assert "stock" not in fed.fetches("legacy")[0].query


def test_a_field_overridden_for_no_requests_stays_with_the_old_owner(fed: Federation) -> None:
    response = fed.query("{ products { name price } }")

    assert_response(response, {"data": {"products": [{"name": "Lamp", "price": 100}]}})
    assert fed.fetch_counts() == {"legacy": 1, "inventory": 0}


@differs_from_apollo("evaluates no progressive override label: the field stays with legacy")
def test_a_field_overridden_for_every_request_moves_to_the_new_owner(fed: Federation) -> None:
    response = fed.query("{ products { rating name } }")

    assert_response(response, {"data": {"products": [{"rating": 4, "name": "Lamp"}]}})
    assert fed.fetch_counts() == {"legacy": 1, "inventory": 1}
    assert "rating" not in fed.fetches("legacy")[0].query
