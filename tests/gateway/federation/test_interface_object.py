"""@interfaceObject: a subgraph that sees an entity interface as one object type adds a field to
every implementation, and can return the interface without knowing the concrete types."""

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

SCENARIO = "interface_object"

DUNE: Row = {"__typename": "Book", "id": "b1", "title": "Dune", "author": "Herbert"}
ALIEN: Row = {"__typename": "Movie", "id": "m1", "title": "Alien", "director": "Scott"}
RATINGS: list[Row] = [{"id": "m1", "rating": 5}, {"id": "b1", "rating": 4}]


def subgraphs() -> list[Subgraph]:
    return [
        Subgraph(
            "catalog",
            scenario_sdl(SCENARIO, "catalog"),
            resolvers={"Query": {"media": lambda _root, _info: [DUNE, ALIEN]}},
            entities={
                # The interface's own resolver answers with the concrete type.
                "Media": by_key([DUNE, ALIEN], "id"),
                "Book": by_key([DUNE], "id"),
                "Movie": by_key([ALIEN], "id"),
            },
        ),
        Subgraph(
            "reviews",
            scenario_sdl(SCENARIO, "reviews"),
            resolvers={"Query": {"topRated": lambda _root, _info: RATINGS}},
            entities={"Media": by_key(RATINGS, "id")},
        ),
    ]


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Federation]:
    with federation(SCENARIO, subgraphs(), tmp_path_factory.mktemp(SCENARIO)) as running:
        yield running


def test_the_interface_object_field_is_added_to_every_implementation(fed: Federation) -> None:
    response = fed.query("{ media { title rating } }")

    assert_response(
        response,
        {"data": {"media": [{"title": "Dune", "rating": 4}, {"title": "Alien", "rating": 5}]}},
    )
    assert fed.fetch_counts() == {"catalog": 1, "reviews": 1}
    # The interface object's subgraph knows the entities by the interface's name only.
    assert fed.fetches("reviews")[0].representations == [
        {"__typename": "Media", "id": "b1"},
        {"__typename": "Media", "id": "m1"},
    ]


def test_the_field_is_reachable_through_a_concrete_type_fragment(fed: Federation) -> None:
    response = fed.query("{ media { ... on Movie { director rating } ... on Book { author } } }")

    assert_response(
        response,
        {"data": {"media": [{"author": "Herbert"}, {"director": "Scott", "rating": 5}]}},
    )


def test_interface_fields_of_an_interface_object_are_fetched_from_the_interface_owner(
    fed: Federation,
) -> None:
    response = fed.query("{ topRated { id rating title } }")

    assert_response(
        response,
        {
            "data": {
                "topRated": [
                    {"id": "m1", "rating": 5, "title": "Alien"},
                    {"id": "b1", "rating": 4, "title": "Dune"},
                ]
            }
        },
    )
    assert fed.fetch_counts() == {"catalog": 1, "reviews": 1}


def test_the_concrete_type_of_an_interface_object_comes_from_the_interface_owner(
    fed: Federation,
) -> None:
    response = fed.query(
        """
        {
          topRated {
            __typename
            rating
            ... on Book { author }
            ... on Movie { director }
          }
        }
        """
    )

    assert_response(
        response,
        {
            "data": {
                "topRated": [
                    {"__typename": "Movie", "rating": 5, "director": "Scott"},
                    {"__typename": "Book", "rating": 4, "author": "Herbert"},
                ]
            }
        },
    )
    assert fed.fetches("catalog")[0].representations == [
        {"__typename": "Media", "id": "m1"},
        {"__typename": "Media", "id": "b1"},
    ]
