"""Entity jumps through @key: single, several keys on one type, composite, nested, and
reference-only (`resolvable: false`) keys."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from tests.gateway.support.federation import (
    Federation,
    assert_response,
    federation,
    scenario_sdl,
)
from tests.gateway.support.gateway import differs_from_apollo
from tests.gateway.support.subgraph import FieldResolver, Row, Stall, Subgraph, by_key

SCENARIO = "entities"

PRODUCTS: list[Row] = [
    {
        "upc": "1",
        "sku": "S1",
        "name": "Table",
        "variants": [
            {"id": "v1", "sku": "S1", "color": "oak"},
            {"id": "v2", "sku": "S1", "color": "ash"},
        ],
    },
    {
        "upc": "2",
        "sku": "S2",
        "name": "Chair",
        "variants": [{"id": "v1", "sku": "S2", "color": "red"}],
    },
]
STOCK: list[Row] = [{"sku": "S1", "inStock": 5}, {"sku": "S2", "inStock": 0}]
VARIANT_STOCK: list[Row] = [
    {"id": "v1", "sku": "S1", "stock": 2},
    {"id": "v2", "sku": "S1", "stock": 3},
    {"id": "v1", "sku": "S2", "stock": 0},
]
REVIEWS: list[Row] = [
    {
        "upc": "1",
        "reviews": [
            {"body": "Sturdy", "author": {"id": "u1"}},
            {"body": "Wobbly", "author": {"id": "u2"}},
        ],
    },
    {"upc": "2", "reviews": [{"body": "Comfy", "author": {"id": "u1"}}]},
]
ORGANIZATIONS: dict[str, Row] = {
    "o1": {"id": "o1", "name": "Visby"},
    "o2": {"id": "o2", "name": "Kibaha"},
}
# Both users hold membership m1, of different organisations: only the nested key tells them apart.
USERS: list[Row] = [
    {
        "id": "u1",
        "name": "Ada",
        "membership": {"id": "m1", "organization": {"id": "o1"}, "role": "chair"},
    },
    {
        "id": "u2",
        "name": "Ben",
        "membership": {"id": "m1", "organization": {"id": "o2"}, "role": "member"},
    },
]
MEMBERSHIPS = [user["membership"] for user in USERS]
BADGES: list[Row] = [
    {"id": "m1", "organization": {"id": "o1"}, "badge": "gold"},
    {"id": "m1", "organization": {"id": "o2"}, "badge": "silver"},
]


def _organization(membership: dict[str, Any], _info: object) -> dict[str, Any]:
    return ORGANIZATIONS[membership["organization"]["id"]]


def subgraphs(
    products: list[Row] = PRODUCTS,
    stock: list[Row] = STOCK,
    variant_stock: list[Row] = VARIANT_STOCK,
    reviews: list[Row] = REVIEWS,
    inventory_resolvers: dict[str, dict[str, FieldResolver]] | None = None,
) -> list[Subgraph]:
    """The scenario's subgraphs over these rows (this module's by default)."""
    return [
        Subgraph(
            "products",
            scenario_sdl(SCENARIO, "products"),
            resolvers={
                "Query": {
                    "products": lambda _root, _info: products,
                    "product": lambda _root, _info, upc: next(
                        (p for p in products if p["upc"] == upc), None
                    ),
                }
            },
            entities={
                "Product": by_key(products, "upc"),
                "Variant": by_key([v for p in products for v in p["variants"]], "id", "sku"),
            },
        ),
        Subgraph(
            "inventory",
            scenario_sdl(SCENARIO, "inventory"),
            resolvers=inventory_resolvers,
            entities={
                "Product": by_key(stock, "sku"),
                "Variant": by_key(variant_stock, "id", "sku"),
            },
        ),
        Subgraph(
            "reviews",
            scenario_sdl(SCENARIO, "reviews"),
            entities={"Product": by_key(reviews, "upc")},
        ),
        Subgraph(
            "accounts",
            scenario_sdl(SCENARIO, "accounts"),
            resolvers={"Membership": {"organization": _organization}},
            entities={
                "User": by_key(USERS, "id"),
                "Membership": by_key(MEMBERSHIPS, "id", "organization"),
                "Organization": by_key(list(ORGANIZATIONS.values()), "id"),
            },
        ),
        Subgraph(
            "badges",
            scenario_sdl(SCENARIO, "badges"),
            entities={"Membership": by_key(BADGES, "id", "organization")},
        ),
    ]


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Federation]:
    with federation(SCENARIO, subgraphs(), tmp_path_factory.mktemp(SCENARIO)) as running:
        yield running


def test_a_single_key_jump_sends_the_key_of_each_entity(fed: Federation) -> None:
    response = fed.query('{ product(upc: "1") { name reviews { body } } }')

    assert_response(
        response,
        {
            "data": {
                "product": {"name": "Table", "reviews": [{"body": "Sturdy"}, {"body": "Wobbly"}]}
            }
        },
    )
    assert fed.fetch_counts() == {
        "products": 1,
        "inventory": 0,
        "reviews": 1,
        "accounts": 0,
        "badges": 0,
    }
    assert fed.fetches("reviews")[0].representations == [{"__typename": "Product", "upc": "1"}]


def test_a_jump_uses_the_key_the_target_subgraph_declares(fed: Federation) -> None:
    response = fed.query("{ products { name inStock } }")

    assert_response(
        response,
        {"data": {"products": [{"name": "Table", "inStock": 5}, {"name": "Chair", "inStock": 0}]}},
    )
    assert fed.fetches("inventory")[0].representations == [
        {"__typename": "Product", "sku": "S1"},
        {"__typename": "Product", "sku": "S2"},
    ]


def test_a_composite_key_sends_all_its_fields(fed: Federation) -> None:
    response = fed.query("{ products { variants { color stock } } }")

    assert_response(
        response,
        {
            "data": {
                "products": [
                    {"variants": [{"color": "oak", "stock": 2}, {"color": "ash", "stock": 3}]},
                    {"variants": [{"color": "red", "stock": 0}]},
                ]
            }
        },
    )
    assert fed.fetches("inventory")[0].representations == [
        {"__typename": "Variant", "id": "v1", "sku": "S1"},
        {"__typename": "Variant", "id": "v2", "sku": "S1"},
        {"__typename": "Variant", "id": "v1", "sku": "S2"},
    ]


def test_a_reference_only_entity_is_resolved_by_the_subgraph_that_owns_it(fed: Federation) -> None:
    response = fed.query('{ product(upc: "1") { reviews { author { id name } } } }')

    assert_response(
        response,
        {
            "data": {
                "product": {
                    "reviews": [
                        {"author": {"id": "u1", "name": "Ada"}},
                        {"author": {"id": "u2", "name": "Ben"}},
                    ]
                }
            }
        },
    )
    assert fed.fetches("accounts")[0].representations == [
        {"__typename": "User", "id": "u1"},
        {"__typename": "User", "id": "u2"},
    ]


def test_a_nested_key_sends_the_nested_selection(fed: Federation) -> None:
    response = fed.query(
        """
        {
          product(upc: "1") {
            reviews { author { membership { role badge organization { name } } } }
          }
        }
        """
    )

    assert_response(
        response,
        {
            "data": {
                "product": {
                    "reviews": [
                        {
                            "author": {
                                "membership": {
                                    "role": "chair",
                                    "badge": "gold",
                                    "organization": {"name": "Visby"},
                                }
                            }
                        },
                        {
                            "author": {
                                "membership": {
                                    "role": "member",
                                    "badge": "silver",
                                    "organization": {"name": "Kibaha"},
                                }
                            }
                        },
                    ]
                }
            }
        },
    )
    assert fed.fetches("badges")[0].representations == [
        {"__typename": "Membership", "id": "m1", "organization": {"id": "o1"}},
        {"__typename": "Membership", "id": "m1", "organization": {"id": "o2"}},
    ]


def test_a_query_crossing_every_subgraph_keeps_the_requested_field_order(fed: Federation) -> None:
    response = fed.query(
        """
        {
          products {
            reviews { author { membership { badge role } name } body }
            inStock
            name
            upc
          }
        }
        """
    )

    assert_response(
        response,
        {
            "data": {
                "products": [
                    {
                        "reviews": [
                            {
                                "author": {
                                    "membership": {"badge": "gold", "role": "chair"},
                                    "name": "Ada",
                                },
                                "body": "Sturdy",
                            },
                            {
                                "author": {
                                    "membership": {"badge": "silver", "role": "member"},
                                    "name": "Ben",
                                },
                                "body": "Wobbly",
                            },
                        ],
                        "inStock": 5,
                        "name": "Table",
                        "upc": "1",
                    },
                    {
                        "reviews": [
                            {
                                "author": {
                                    "membership": {"badge": "gold", "role": "chair"},
                                    "name": "Ada",
                                },
                                "body": "Comfy",
                            }
                        ],
                        "inStock": 0,
                        "name": "Chair",
                        "upc": "2",
                    },
                ]
            }
        },
    )


@differs_from_apollo("sends a representation once per occurrence in the response")
def test_repeated_representations_are_sent_once_per_fetch(fed: Federation) -> None:
    response = fed.query("{ products { reviews { author { name } } } }")

    assert_response(
        response,
        {
            "data": {
                "products": [
                    {"reviews": [{"author": {"name": "Ada"}}, {"author": {"name": "Ben"}}]},
                    {"reviews": [{"author": {"name": "Ada"}}]},
                ]
            }
        },
    )
    assert [r.representations for r in fed.fetches("accounts")] == [
        [{"__typename": "User", "id": "u1"}, {"__typename": "User", "id": "u2"}]
    ]


PRODUCT_BY_UPC = """query Product($upc: String!) {
  product(upc: $upc) { name inStock reviews { body author { name } } }
}"""


def _wait_for_requests(subgraph: Subgraph, count: int) -> None:
    while True:
        subgraph.arrived.clear()
        if len(subgraph.received) >= count:
            return
        assert subgraph.arrived.wait(10), f"{subgraph.name} got {len(subgraph.received)} requests"


def test_one_cached_plan_run_for_two_requests_at_once_answers_each_its_own(
    fed: Federation,
) -> None:
    fed.query(PRODUCT_BY_UPC, {"upc": "2"})  # plans and caches the operation
    fed.reset()
    reviews = fed.subgraphs["reviews"]
    both = threading.Event()
    # Each request's reviews fetch waits until both have reached it: the two executions of the
    # plan are in flight together, each past its first fetch and before its last.
    with reviews.failing(Stall(until=both)), ThreadPoolExecutor(2) as pool:
        table = pool.submit(fed.query, PRODUCT_BY_UPC, {"upc": "1"})
        chair = pool.submit(fed.query, PRODUCT_BY_UPC, {"upc": "2"})
        _wait_for_requests(reviews, 2)
        both.set()
        responses = (table.result(), chair.result())

    assert_response(
        responses[0],
        {
            "data": {
                "product": {
                    "name": "Table",
                    "inStock": 5,
                    "reviews": [
                        {"body": "Sturdy", "author": {"name": "Ada"}},
                        {"body": "Wobbly", "author": {"name": "Ben"}},
                    ],
                }
            }
        },
    )
    assert_response(
        responses[1],
        {
            "data": {
                "product": {
                    "name": "Chair",
                    "inStock": 0,
                    "reviews": [{"body": "Comfy", "author": {"name": "Ada"}}],
                }
            }
        },
    )
    assert sorted(r.representations[0]["upc"] for r in fed.fetches("reviews")) == ["1", "2"]
