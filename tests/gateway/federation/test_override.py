"""@override: a field moved to another subgraph is served by its new owner only; progressive
@override(label: "percent(N)") with the deterministic 0 and 100 per cent, and a custom label
switched on by the gateway's configuration."""

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
LEGACY: list[Row] = [
    {"id": "1", "name": "Lamp", "stock": -1, "price": 100, "rating": -1, "weight": 900}
]
INVENTORY: list[Row] = [{"id": "1", "stock": 7, "price": -1, "rating": 4, "weight": 850}]


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


def test_a_custom_label_is_off_unless_the_gateway_switches_it_on(fed: Federation) -> None:
    response = fed.query("{ products { weight } }")

    assert_response(response, {"data": {"products": [{"weight": 900}]}})
    assert fed.fetch_counts() == {"legacy": 1, "inventory": 0}


@differs_from_apollo("evaluates no progressive override label: the field stays with legacy")
def test_a_custom_label_switched_on_moves_the_field(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    switched_on = {"GATEWAY_OVERRIDE_LABELS": '["new-weights"]'}
    with federation(
        SCENARIO, subgraphs(), tmp_path_factory.mktemp("labels"), gateway_env=switched_on
    ) as running:
        response = running.query("{ products { weight } }")

        assert_response(response, {"data": {"products": [{"weight": 850}]}})
        assert running.fetch_counts() == {"legacy": 1, "inventory": 1}
        assert "weight" not in running.fetches("legacy")[0].query
