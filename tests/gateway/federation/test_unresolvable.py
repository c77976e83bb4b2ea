"""What a subgraph declares but cannot resolve. Keys it cannot be called through
(`@key(resolvable: false)`): the gateway never sends it an `_entities` fetch, reaches the field
through a subgraph that can answer, and refuses an operation nothing can answer before any
fetch. Key fields it has as @external: their values come from a subgraph that owns them."""

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

SCENARIO = "interface_object_unresolvable"
UNPLANNABLE = "interface_object_unplannable"
EXTERNAL_KEY = "external_key"
EXTERNAL_KEY_UNPLANNABLE = "external_key_unplannable"

DUNE: Row = {"__typename": "Book", "id": "b1", "title": "Dune", "author": "Herbert"}
ALIEN: Row = {"__typename": "Movie", "id": "m1", "title": "Alien", "director": "Scott"}
RATINGS: list[Row] = [{"id": "m1", "rating": 5}, {"id": "b1", "rating": 4}]
# Analytics rates by its own measure: a value from it would be a wrong answer to media.
TRENDING: list[Row] = [{"id": "b1", "rating": 9}]


def subgraphs(scenario: str) -> list[Subgraph]:
    return [
        Subgraph(
            "catalog",
            scenario_sdl(scenario, "catalog"),
            resolvers={"Query": {"media": lambda _root, _info: [DUNE, ALIEN]}},
            entities={
                "Media": by_key([DUNE, ALIEN], "id"),
                "Book": by_key([DUNE], "id"),
                "Movie": by_key([ALIEN], "id"),
            },
        ),
        Subgraph(
            "analytics",
            scenario_sdl(scenario, "analytics"),
            resolvers={"Query": {"trending": lambda _root, _info: TRENDING}},
        ),
        Subgraph(
            "reviews",
            scenario_sdl(scenario, "reviews"),
            entities={"Media": by_key(RATINGS, "id")},
        ),
    ]


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Federation]:
    with federation(SCENARIO, subgraphs(SCENARIO), tmp_path_factory.mktemp(SCENARIO)) as running:
        yield running


@pytest.fixture(scope="module")
def unplannable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Federation]:
    with federation(
        UNPLANNABLE, subgraphs(UNPLANNABLE), tmp_path_factory.mktemp(UNPLANNABLE)
    ) as running:
        yield running


def test_a_field_of_an_unresolvable_interface_object_comes_from_a_resolvable_one(
    fed: Federation,
) -> None:
    response = fed.query("{ media { title rating } }")

    assert_response(
        response,
        {"data": {"media": [{"title": "Dune", "rating": 4}, {"title": "Alien", "rating": 5}]}},
    )
    assert fed.fetch_counts() == {"catalog": 1, "analytics": 0, "reviews": 1}
    assert fed.fetches("reviews")[0].representations == [
        {"__typename": "Media", "id": "b1"},
        {"__typename": "Media", "id": "m1"},
    ]


def test_a_concrete_type_fragment_is_planned_through_the_resolvable_interface_object(
    fed: Federation,
) -> None:
    response = fed.query("{ media { ... on Movie { director rating } ... on Book { author } } }")

    assert_response(
        response,
        {"data": {"media": [{"author": "Herbert"}, {"director": "Scott", "rating": 5}]}},
    )
    assert fed.fetch_counts() == {"catalog": 1, "analytics": 0, "reviews": 1}


def test_the_unresolvable_subgraph_still_answers_its_own_root_field(fed: Federation) -> None:
    response = fed.query("{ trending { rating title ... on Book { author } } }")

    assert_response(
        response, {"data": {"trending": [{"rating": 9, "title": "Dune", "author": "Herbert"}]}}
    )
    assert fed.fetch_counts() == {"catalog": 1, "analytics": 1, "reviews": 0}


@differs_from_apollo("an internal error ('This shouldn't have happened') and no data entry")
def test_an_operation_no_subgraph_can_answer_fails_before_any_fetch(
    unplannable: Federation,
) -> None:
    unplannable.reset()

    response = unplannable.query("{ media { title rating } }")

    assert response["data"] is None
    assert [error["extensions"]["code"] for error in response["errors"]] == [
        "QUERY_PLANNING_FAILED"
    ]
    assert response["errors"][0]["message"] == "no subgraph can resolve Book.rating"
    assert unplannable.fetch_counts() == {"catalog": 0, "analytics": 0, "reviews": 0}


PRODUCTS: list[Row] = [{"id": "p1", "upc": "u1", "name": "Table"}]
# Reviews still holds the upc the table had before it was renumbered: it is @external there.
REVIEWS: list[Row] = [{"body": "Sturdy", "product": {"id": "p1", "upc": "u0"}}]
STOCK: list[Row] = [{"upc": "u1", "stock": 7}, {"upc": "u0", "stock": 0}]


def external_key_subgraphs(scenario: str) -> list[Subgraph]:
    return [
        Subgraph(
            "products",
            scenario_sdl(scenario, "products"),
            resolvers={"Query": {"products": lambda _root, _info: PRODUCTS}},
            entities={"Product": by_key(PRODUCTS, "id")},
        ),
        Subgraph(
            "reviews",
            scenario_sdl(scenario, "reviews"),
            resolvers={"Query": {"topReviews": lambda _root, _info: REVIEWS}},
        ),
        Subgraph(
            "inventory",
            scenario_sdl(scenario, "inventory"),
            entities={"Product": by_key(STOCK, "upc")},
        ),
    ]


@pytest.fixture(scope="module")
def external_key(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Federation]:
    with federation(
        EXTERNAL_KEY, external_key_subgraphs(EXTERNAL_KEY), tmp_path_factory.mktemp(EXTERNAL_KEY)
    ) as running:
        yield running


@pytest.fixture(scope="module")
def external_key_unplannable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Federation]:
    scenario = EXTERNAL_KEY_UNPLANNABLE
    with federation(
        scenario, external_key_subgraphs(scenario), tmp_path_factory.mktemp(scenario)
    ) as running:
        yield running


def test_a_key_field_external_in_a_subgraph_is_taken_from_its_owner(
    external_key: Federation,
) -> None:
    external_key.reset()

    response = external_key.query("{ topReviews { body product { name stock } } }")

    assert_response(
        response,
        {"data": {"topReviews": [{"body": "Sturdy", "product": {"name": "Table", "stock": 7}}]}},
    )
    assert external_key.fetch_counts() == {"products": 1, "reviews": 1, "inventory": 1}
    assert external_key.fetches("products")[0].representations == [
        {"__typename": "Product", "id": "p1"}
    ]
    assert external_key.fetches("inventory")[0].representations == [
        {"__typename": "Product", "upc": "u1"}
    ]


def test_a_selected_external_key_field_comes_from_its_owner(external_key: Federation) -> None:
    external_key.reset()

    response = external_key.query("{ topReviews { product { upc } } }")

    assert_response(response, {"data": {"topReviews": [{"product": {"upc": "u1"}}]}})
    assert external_key.fetch_counts() == {"products": 1, "reviews": 1, "inventory": 0}


@differs_from_apollo("an internal error ('Was not able to find any options') and no data entry")
def test_a_key_only_its_own_subgraph_resolves_fails_to_plan_before_any_fetch(
    external_key_unplannable: Federation,
) -> None:
    fed = external_key_unplannable
    fed.reset()

    response = fed.query("{ topReviews { body product { name stock } } }")

    assert_response(
        response,
        {
            "data": None,
            "errors": [
                {
                    "message": "no subgraph can give Product.upc without being sent it"
                    " (at topReviews.@.product)",
                    "extensions": {"code": "QUERY_PLANNING_FAILED"},
                }
            ],
        },
    )
    assert fed.fetch_counts() == {"products": 0, "reviews": 0, "inventory": 0}
