"""Entity fetches to one subgraph at the same point of the plan go in one request: places of
one type and entities of several types share an `_entities` call where their selections agree,
and get aliased calls of their own in that request where they differ. The answer goes back to
each place, and the errors in it to each place's client paths."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.gateway.federation.test_entities import SCENARIO
from tests.gateway.federation.test_entities import subgraphs as entities_subgraphs
from tests.gateway.support.federation import Federation, assert_response, federation
from tests.gateway.support.gateway import differs_from_apollo
from tests.gateway.support.subgraph import Row

ONE_REQUEST = "sends a request per place of the plan"

VARIANTS: list[Row] = [
    {"id": "v1", "sku": "S1", "color": "oak"},
    {"id": "v2", "sku": "S2", "color": "red"},
]
PRODUCTS: list[Row] = [
    {"upc": "1", "sku": "S1", "name": "Table", "variants": [VARIANTS[0]]},
    {"upc": "2", "sku": "S2", "name": "Chair", "variants": [VARIANTS[1]]},
    {"upc": "3", "sku": "S3", "name": "Lamp", "variants": []},
]
# The lamp is in neither inventory nor reviews: its entities are null there.
STOCK: list[Row] = [{"sku": "S1", "inStock": 5}, {"sku": "S2", "inStock": 0}]
VARIANT_STOCK: list[Row] = [
    {"id": "v1", "sku": "S1", "stock": 2},
    {"id": "v2", "sku": "S2", "stock": 7},
]
REVIEWS: list[Row] = [
    {"upc": "1", "reviews": [{"body": "Sturdy", "author": {"id": "u1"}}]},
    {"upc": "2", "reviews": [{"body": "Comfy", "author": {"id": "u2"}}]},
]
BROKEN_SKU = "S2"
"""Inventory fails to resolve this product's stock (a field error in the merged answer)."""


def _in_stock(product: dict[str, Any], _info: object) -> int:
    if product["sku"] == BROKEN_SKU:
        raise RuntimeError("stock count unavailable")
    count: int = product["inStock"]
    return count


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Federation]:
    name = "merged_fetches"
    subgraphs = entities_subgraphs(
        PRODUCTS, STOCK, VARIANT_STOCK, REVIEWS, {"Product": {"inStock": _in_stock}}
    )
    with federation(SCENARIO, subgraphs, tmp_path_factory.mktemp(name)) as running:
        yield running


@differs_from_apollo(ONE_REQUEST)
def test_places_of_one_type_share_a_call_and_an_entity_in_two_places_is_sent_once(
    fed: Federation,
) -> None:
    response = fed.query(
        '{ a: product(upc: "1") { name reviews { body } } b: product(upc: "2") { reviews { body } }'
        ' c: product(upc: "1") { reviews { body } } }'
    )

    assert_response(
        response,
        {
            "data": {
                "a": {"name": "Table", "reviews": [{"body": "Sturdy"}]},
                "b": {"reviews": [{"body": "Comfy"}]},
                "c": {"reviews": [{"body": "Sturdy"}]},
            }
        },
    )
    assert fed.fetch_counts()["reviews"] == 1
    assert fed.entity_calls("reviews") == [
        [{"__typename": "Product", "upc": "1"}, {"__typename": "Product", "upc": "2"}]
    ]


@differs_from_apollo(ONE_REQUEST)
def test_places_of_one_type_that_select_differently_get_a_call_each_in_one_request(
    fed: Federation,
) -> None:
    response = fed.query(
        '{ a: product(upc: "1") { reviews { body } }'
        ' b: product(upc: "2") { reviews { author { id } } } }'
    )

    assert_response(
        response,
        {
            "data": {
                "a": {"reviews": [{"body": "Sturdy"}]},
                "b": {"reviews": [{"author": {"id": "u2"}}]},
            }
        },
    )
    assert fed.fetch_counts()["reviews"] == 1
    # Neither product is asked for what only the other place selects.
    assert fed.entity_calls("reviews") == [
        [{"__typename": "Product", "upc": "1"}],
        [{"__typename": "Product", "upc": "2"}],
    ]


@differs_from_apollo(ONE_REQUEST)
def test_entities_of_two_types_share_a_call(fed: Federation) -> None:
    response = fed.query('{ product(upc: "1") { inStock variants { color stock } } }')

    assert_response(
        response,
        {"data": {"product": {"inStock": 5, "variants": [{"color": "oak", "stock": 2}]}}},
    )
    assert fed.fetch_counts()["inventory"] == 1
    assert fed.entity_calls("inventory") == [
        [
            {"__typename": "Product", "sku": "S1"},
            {"__typename": "Variant", "id": "v1", "sku": "S1"},
        ]
    ]


@differs_from_apollo(ONE_REQUEST)
def test_a_null_entity_in_the_middle_of_a_call_leaves_the_others_in_place(fed: Federation) -> None:
    response = fed.query(
        '{ a: product(upc: "1") { name inStock } b: product(upc: "3") { name inStock }'
        ' c: product(upc: "2") { variants { color stock } } }'
    )

    assert_response(
        response,
        {
            "errors": [
                {
                    "message": "Cannot return null for non-nullable field Product.inStock.",
                    "path": ["b", "inStock"],
                    "extensions": {"code": "DOWNSTREAM_SERVICE_ERROR"},
                }
            ],
            "data": {
                "a": {"name": "Table", "inStock": 5},
                "b": None,
                "c": {"variants": [{"color": "red", "stock": 7}]},
            },
        },
    )
    assert fed.entity_calls("inventory") == [
        [
            {"__typename": "Product", "sku": "S1"},
            {"__typename": "Product", "sku": "S3"},
            {"__typename": "Variant", "id": "v2", "sku": "S2"},
        ]
    ]


@differs_from_apollo(ONE_REQUEST)
def test_errors_in_a_merged_answer_go_to_the_client_paths_of_their_places(fed: Federation) -> None:
    response = fed.query(
        '{ a: product(upc: "2") { inStock } b: product(upc: "2") { level: inStock }'
        ' c: product(upc: "1") { inStock variants { stock } } }'
    )

    error = {
        "message": "stock count unavailable",
        "extensions": {"serviceName": "inventory", "code": "DOWNSTREAM_SERVICE_ERROR"},
    }
    assert_response(
        response,
        {
            "errors": [{**error, "path": ["a", "inStock"]}, {**error, "path": ["b", "level"]}],
            "data": {"a": None, "b": None, "c": {"inStock": 5, "variants": [{"stock": 2}]}},
        },
    )
    # The aliased key is another selection: its place has a call of its own.
    assert fed.entity_calls("inventory") == [
        [
            {"__typename": "Product", "sku": "S2"},
            {"__typename": "Product", "sku": "S1"},
            {"__typename": "Variant", "id": "v1", "sku": "S1"},
        ],
        [{"__typename": "Product", "sku": "S2"}],
    ]
    assert fed.fetch_counts()["inventory"] == 1
