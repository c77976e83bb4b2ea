"""@interfaceObject with @requires: reviews sees Media as one object type and has fields that
require the title (only catalog, with the concrete types, knows it) or the popularity (another
interface object subgraph, trends, gives it); shop's Book requires the rating, which only the
interface object subgraph (reviews) gives."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.gateway.support.federation import (
    Federation,
    assert_response,
    federation,
    scenario_sdl,
)
from tests.gateway.support.subgraph import Row, Subgraph, by_key

SCENARIO = "interface_object_requires"

DUNE: Row = {"__typename": "Book", "id": "b1", "title": "Dune", "author": "Herbert"}
ALIEN: Row = {"__typename": "Movie", "id": "m1", "title": "Alien", "director": "Scott"}
RATINGS: list[Row] = [{"id": "m1", "rating": 5}, {"id": "b1", "rating": 4}]
POPULARITY: list[Row] = [{"id": "b1", "popularity": 80}, {"id": "m1", "popularity": 30}]


def subgraphs() -> list[Subgraph]:
    return [
        Subgraph(
            "catalog",
            scenario_sdl(SCENARIO, "catalog"),
            resolvers={"Query": {"media": lambda _root, _info: [DUNE, ALIEN]}},
            entities={
                "Media": by_key([DUNE, ALIEN], "id"),
                "Book": by_key([DUNE], "id"),
                "Movie": by_key([ALIEN], "id"),
            },
        ),
        Subgraph(
            "reviews",
            scenario_sdl(SCENARIO, "reviews"),
            resolvers={
                "Query": {"topRated": lambda _root, _info: RATINGS},
                "Media": {
                    "summary": lambda media, _info: f"{media['title']}: {media['rating']}/5",
                    "verdict": lambda media, _info: "hit" if media["popularity"] > 50 else "niche",
                },
            },
            # The representation brings the required fields; the rating is the subgraph's own.
            entities={
                "Media": lambda reps: [
                    {**rating, **rep}
                    for rep in reps
                    for rating in RATINGS
                    if rating["id"] == rep["id"]
                ]
            },
        ),
        Subgraph(
            "trends",
            scenario_sdl(SCENARIO, "trends"),
            entities={"Media": by_key(POPULARITY, "id")},
        ),
        # No entity resolver: shop prices a book from its representation alone.
        Subgraph(
            "shop",
            scenario_sdl(SCENARIO, "shop"),
            resolvers={"Book": {"price": lambda book, _info: book["rating"] * 5}},
        ),
    ]


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Federation]:
    with federation(SCENARIO, subgraphs(), tmp_path_factory.mktemp(SCENARIO)) as running:
        yield running


@pytest.fixture
def fed(running: Federation) -> Federation:
    running.reset()
    return running


def test_a_requirement_of_the_interface_object_comes_from_the_concrete_types_subgraph(
    fed: Federation,
) -> None:
    response = fed.query("{ topRated { id summary } }")

    assert_response(
        response,
        {
            "data": {
                "topRated": [
                    {"id": "m1", "summary": "Alien: 5/5"},
                    {"id": "b1", "summary": "Dune: 4/5"},
                ]
            }
        },
    )
    assert fed.fetch_counts() == {"catalog": 1, "reviews": 2, "trends": 0, "shop": 0}
    # Catalog's answer made the objects a Movie and a Book: reviews still gets them as Media.
    assert fed.fetches("reviews")[1].representations == [
        {"__typename": "Media", "id": "m1", "title": "Alien"},
        {"__typename": "Media", "id": "b1", "title": "Dune"},
    ]


def test_requirements_from_the_concrete_types_and_another_interface_object_subgraph(
    fed: Federation,
) -> None:
    response = fed.query("{ topRated { __typename summary verdict rating } }")

    assert_response(
        response,
        {
            "data": {
                "topRated": [
                    {
                        "__typename": "Movie",
                        "summary": "Alien: 5/5",
                        "verdict": "niche",
                        "rating": 5,
                    },
                    {"__typename": "Book", "summary": "Dune: 4/5", "verdict": "hit", "rating": 4},
                ]
            }
        },
    )
    assert fed.fetch_counts() == {"catalog": 1, "reviews": 3, "trends": 1, "shop": 0}
    sent = [rep for fetch in fed.fetches("reviews")[1:] for rep in fetch.representations]
    assert sorted(sent, key=lambda rep: (rep["id"], sorted(rep))) == [
        {"__typename": "Media", "id": "b1", "popularity": 80},
        {"__typename": "Media", "id": "b1", "title": "Dune"},
        {"__typename": "Media", "id": "m1", "popularity": 30},
        {"__typename": "Media", "id": "m1", "title": "Alien"},
    ]


def test_a_requirement_of_the_interface_object_reached_from_the_concrete_types(
    fed: Federation,
) -> None:
    response = fed.query("{ media { title summary ... on Movie { director } } }")

    assert_response(
        response,
        {
            "data": {
                "media": [
                    {"title": "Dune", "summary": "Dune: 4/5"},
                    {"title": "Alien", "summary": "Alien: 5/5", "director": "Scott"},
                ]
            }
        },
    )
    assert fed.fetch_counts() == {"catalog": 1, "reviews": 1, "trends": 0, "shop": 0}
    assert fed.fetches("reviews")[0].representations == [
        {"__typename": "Media", "id": "b1", "title": "Dune"},
        {"__typename": "Media", "id": "m1", "title": "Alien"},
    ]


def test_a_concrete_type_requiring_a_field_only_the_interface_object_gives(
    fed: Federation,
) -> None:
    response = fed.query("{ media { title ... on Book { price } } }")

    assert_response(
        response,
        {"data": {"media": [{"title": "Dune", "price": 20}, {"title": "Alien"}]}},
    )
    assert fed.fetch_counts() == {"catalog": 1, "reviews": 1, "trends": 0, "shop": 1}
    assert fed.fetches("reviews")[0].representations == [{"__typename": "Media", "id": "b1"}]
    assert fed.fetches("shop")[0].representations == [
        {"__typename": "Book", "id": "b1", "rating": 4}
    ]


def test_a_concrete_type_requirement_below_the_interface_objects_root_field(
    fed: Federation,
) -> None:
    response = fed.query("{ topRated { rating ... on Book { price } } }")

    assert_response(
        response,
        {"data": {"topRated": [{"rating": 5}, {"rating": 4, "price": 20}]}},
    )
    assert fed.fetch_counts()["shop"] == 1
    assert fed.fetches("shop")[0].representations == [
        {"__typename": "Book", "id": "b1", "rating": 4}
    ]
