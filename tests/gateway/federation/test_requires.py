"""@requires: a field computed from fields of other subgraphs, which the gateway fetches first and
sends along in the representation (simple, nested selection, field with arguments)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.gateway.support.federation import (
    Federation,
    assert_response,
    federation,
    scenario_sdl,
)
from tests.gateway.support.gateway import differs_from_apollo
from tests.gateway.support.subgraph import Row, Subgraph, by_key

SCENARIO = "requires"

PRODUCTS: list[Row] = [
    {
        "upc": "1",
        "name": "Table",
        "dimensions": {"size": "large", "weight": 30},
        "prices": {"SEK": 1000, "EUR": 90},
    },
    {
        "upc": "2",
        "name": "Chair",
        "dimensions": {"size": "small", "weight": 5},
        "prices": {"SEK": 300, "EUR": 27},
    },
]
WEIGHTS: list[Row] = [{"upc": "1", "weight": 12}, {"upc": "2", "weight": 4}]


def _price(product: Row, _info: object, currency: str) -> int:
    price: int = product["prices"][currency]
    return price


def _packaging(product: Row, _info: object) -> str:
    dimensions: dict[str, Any] = product["dimensions"]
    return f"{dimensions['size']} box for {dimensions['weight']} kg"


def subgraphs() -> list[Subgraph]:
    return [
        Subgraph(
            "products",
            scenario_sdl(SCENARIO, "products"),
            resolvers={
                "Query": {"products": lambda _root, _info: PRODUCTS},
                "Product": {"price": _price},
            },
            entities={"Product": by_key(PRODUCTS, "upc")},
        ),
        Subgraph(
            "inventory",
            scenario_sdl(SCENARIO, "inventory"),
            entities={"Product": by_key(WEIGHTS, "upc")},
        ),
        # No entity resolver: shipping computes everything from the representation.
        Subgraph(
            "shipping",
            scenario_sdl(SCENARIO, "shipping"),
            resolvers={
                "Product": {
                    "shippingEstimate": lambda product, _info: product["weight"] * 2,
                    "packaging": _packaging,
                    "insurance": lambda product, _info: product["price"] // 10,
                }
            },
        ),
    ]


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Federation]:
    with federation(SCENARIO, subgraphs(), tmp_path_factory.mktemp(SCENARIO)) as running:
        yield running


def test_a_required_field_of_another_subgraph_is_fetched_first_and_sent_along(
    fed: Federation,
) -> None:
    response = fed.query("{ products { name shippingEstimate } }")

    assert_response(
        response,
        {
            "data": {
                "products": [
                    {"name": "Table", "shippingEstimate": 24},
                    {"name": "Chair", "shippingEstimate": 8},
                ]
            }
        },
    )
    assert fed.fetch_counts() == {"products": 1, "inventory": 1, "shipping": 1}
    assert fed.fetches("shipping")[0].representations == [
        {"__typename": "Product", "upc": "1", "weight": 12},
        {"__typename": "Product", "upc": "2", "weight": 4},
    ]


def test_a_nested_required_selection_is_sent_whole(fed: Federation) -> None:
    response = fed.query("{ products { packaging } }")

    assert_response(
        response,
        {
            "data": {
                "products": [
                    {"packaging": "large box for 30 kg"},
                    {"packaging": "small box for 5 kg"},
                ]
            }
        },
    )
    assert fed.fetch_counts() == {"products": 1, "inventory": 0, "shipping": 1}
    assert fed.fetches("shipping")[0].representations == [
        {"__typename": "Product", "upc": "1", "dimensions": {"size": "large", "weight": 30}},
        {"__typename": "Product", "upc": "2", "dimensions": {"size": "small", "weight": 5}},
    ]


def test_a_required_field_with_arguments_is_fetched_with_those_arguments(
    fed: Federation,
) -> None:
    response = fed.query("{ products { insurance } }")

    assert_response(response, {"data": {"products": [{"insurance": 9}, {"insurance": 2}]}})
    assert fed.fetches("shipping")[0].representations == [
        {"__typename": "Product", "upc": "1", "price": 90},
        {"__typename": "Product", "upc": "2", "price": 27},
    ]


@differs_from_apollo("fetches the client's price(SEK) once and sends it as the required price(EUR)")
def test_a_required_field_with_other_arguments_than_the_clients_is_fetched_apart(
    fed: Federation,
) -> None:
    response = fed.query("{ products { price insurance } }")

    assert_response(
        response,
        {"data": {"products": [{"price": 1000, "insurance": 9}, {"price": 300, "insurance": 2}]}},
    )
    assert fed.fetches("shipping")[0].representations == [
        {"__typename": "Product", "upc": "1", "price": 90},
        {"__typename": "Product", "upc": "2", "price": 27},
    ]


def test_required_fields_the_client_did_not_select_stay_out_of_the_response(
    fed: Federation,
) -> None:
    response = fed.query("{ products { shippingEstimate packaging upc } }")

    assert_response(
        response,
        {
            "data": {
                "products": [
                    {"shippingEstimate": 24, "packaging": "large box for 30 kg", "upc": "1"},
                    {"shippingEstimate": 8, "packaging": "small box for 5 kg", "upc": "2"},
                ]
            }
        },
    )


def test_a_required_field_the_client_also_selects_appears_where_the_client_put_it(
    fed: Federation,
) -> None:
    response = fed.query("{ products { weight shippingEstimate dimensions { weight } } }")

    assert_response(
        response,
        {
            "data": {
                "products": [
                    {"weight": 12, "shippingEstimate": 24, "dimensions": {"weight": 30}},
                    {"weight": 4, "shippingEstimate": 8, "dimensions": {"weight": 5}},
                ]
            }
        },
    )
