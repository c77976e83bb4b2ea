"""How fetches are made: independent fetches run at the same time; a subgraph that times out or
cannot be reached leaves partial data with errors at the client paths."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator

import pytest

from tests.gateway.federation.shop import SCENARIO, Shop
from tests.gateway.support.expected import unavailable
from tests.gateway.support.federation import Federation, assert_response, federation
from tests.gateway.support.gateway import differs_from_apollo
from tests.gateway.support.subgraph import Stall


@pytest.fixture(scope="module")
def running(shop_running: Federation) -> Federation:
    return shop_running


@pytest.fixture(scope="module")
def impatient(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Federation]:
    """The shop behind a gateway that gives ratings half a second. Only the timeout test uses
    it: elsewhere a loaded machine could make ratings miss so short a deadline."""
    with federation(
        SCENARIO,
        Shop().subgraphs(),
        tmp_path_factory.mktemp("impatient"),
        gateway_env={"GATEWAY_SUBGRAPH_TIMEOUTS": json.dumps({"ratings": 0.5})},
    ) as running:
        yield running


@pytest.fixture(scope="module")
def without_ratings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Federation]:
    subgraphs = [s for s in Shop().subgraphs() if s.name != "ratings"]
    with federation(
        SCENARIO, subgraphs, tmp_path_factory.mktemp("unreachable"), unreachable=["ratings"]
    ) as running:
        yield running


def test_independent_entity_fetches_are_in_flight_together(fed: Federation) -> None:
    accounts, ratings = fed.subgraphs["accounts"], fed.subgraphs["ratings"]
    # Each answers only once the other has been asked: one after the other would stall.
    with accounts.failing(Stall(until=ratings.arrived)), ratings.failing(Stall(accounts.arrived)):
        response = fed.query("{ orders { buyer { name } rating } }")

    assert_response(
        response,
        {
            "data": {
                "orders": [
                    {"buyer": {"name": "Ada"}, "rating": 5},
                    {"buyer": {"name": "Ben"}, "rating": 3},
                ]
            }
        },
    )
    assert fed.fetch_counts() == {"accounts": 1, "orders": 1, "ratings": 1}


def test_independent_root_fetches_are_in_flight_together(fed: Federation) -> None:
    accounts, orders = fed.subgraphs["accounts"], fed.subgraphs["orders"]
    with accounts.failing(Stall(until=orders.arrived)), orders.failing(Stall(accounts.arrived)):
        response = fed.query('{ me { name } order(id: "o2") { item } }')

    assert_response(response, {"data": {"me": {"name": "Ada"}, "order": {"item": "Desk"}}})


@differs_from_apollo("has no subgraph timeout")
def test_a_subgraph_past_its_timeout_leaves_partial_data(impatient: Federation) -> None:
    late = threading.Event()
    try:
        with impatient.subgraphs["ratings"].failing(Stall(until=late)):
            response = impatient.query('{ order(id: "o1") { item rating } }')
    finally:
        late.set()

    assert_response(
        response,
        {
            "data": {"order": {"item": "Lamp", "rating": None}},
            "errors": [unavailable("ratings", ["order", "rating"])],
        },
    )


@differs_from_apollo("reports one error without a path for the failed fetch")
def test_an_unreachable_subgraph_leaves_partial_data(without_ratings: Federation) -> None:
    without_ratings.reset()

    response = without_ratings.query("{ orders { id rating buyer { name } } }")

    assert_response(
        response,
        {
            "data": {
                "orders": [
                    {"id": "o1", "rating": None, "buyer": {"name": "Ada"}},
                    {"id": "o2", "rating": None, "buyer": {"name": "Ben"}},
                ]
            },
            "errors": [
                unavailable("ratings", ["orders", 0, "rating"]),
                unavailable("ratings", ["orders", 1, "rating"]),
            ],
        },
    )
