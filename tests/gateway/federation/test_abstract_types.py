"""Interfaces and unions whose members live in different subgraphs, queried through inline and
named fragments (nested too) and `__typename` in abstract positions."""

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

SCENARIO = "abstract"

DUNE: Row = {"__typename": "Book", "id": "b1", "title": "Dune"}
EMMA: Row = {"__typename": "Book", "id": "b2", "title": "Emma"}
ALIEN: Row = {"__typename": "Movie", "id": "m1", "title": "Alien"}
TALKS: Row = {"__typename": "Podcast", "id": "p1", "title": "Kibaha Talks", "episodes": 12}
CATALOG: list[Row] = [DUNE, ALIEN, EMMA]
PAGES: list[Row] = [{"id": "b1", "pages": 412}, {"id": "b2", "pages": 474}]
MINUTES: list[Row] = [{"id": "m1", "minutes": 117}]


def _search(_root: object, _info: object, term: str) -> list[Row]:
    return [item for item in CATALOG if term.lower() in item["title"].lower()]


def subgraphs() -> list[Subgraph]:
    return [
        Subgraph(
            "catalog",
            scenario_sdl(SCENARIO, "catalog"),
            resolvers={"Query": {"media": lambda _root, _info: CATALOG, "search": _search}},
            entities={
                "Book": by_key([DUNE, EMMA], "id"),
                "Movie": by_key([ALIEN], "id"),
            },
        ),
        Subgraph("books", scenario_sdl(SCENARIO, "books"), entities={"Book": by_key(PAGES, "id")}),
        Subgraph(
            "movies", scenario_sdl(SCENARIO, "movies"), entities={"Movie": by_key(MINUTES, "id")}
        ),
        Subgraph(
            "podcasts",
            scenario_sdl(SCENARIO, "podcasts"),
            resolvers={
                "Query": {
                    "podcasts": lambda _root, _info: [TALKS],
                    "discover": lambda _root, _info: [TALKS, {"__typename": "Book", "id": "b2"}],
                }
            },
            entities={"Podcast": by_key([TALKS], "id")},
        ),
    ]


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Federation]:
    with federation(SCENARIO, subgraphs(), tmp_path_factory.mktemp(SCENARIO)) as running:
        yield running


def test_interface_members_get_their_fields_from_the_subgraphs_that_own_them(
    fed: Federation,
) -> None:
    response = fed.query(
        "{ media { __typename title ... on Book { pages } ... on Movie { minutes } } }"
    )

    assert_response(
        response,
        {
            "data": {
                "media": [
                    {"__typename": "Book", "title": "Dune", "pages": 412},
                    {"__typename": "Movie", "title": "Alien", "minutes": 117},
                    {"__typename": "Book", "title": "Emma", "pages": 474},
                ]
            }
        },
    )
    assert fed.fetch_counts() == {"catalog": 1, "books": 1, "movies": 1, "podcasts": 0}
    assert fed.fetches("books")[0].representations == [
        {"__typename": "Book", "id": "b1"},
        {"__typename": "Book", "id": "b2"},
    ]
    assert fed.fetches("movies")[0].representations == [{"__typename": "Movie", "id": "m1"}]


def test_fragments_on_members_the_field_cannot_return_fetch_nothing(fed: Federation) -> None:
    response = fed.query("{ podcasts { title ... on Podcast { episodes } ... on Book { pages } } }")

    assert_response(response, {"data": {"podcasts": [{"title": "Kibaha Talks", "episodes": 12}]}})
    assert fed.fetch_counts() == {"catalog": 0, "books": 0, "movies": 0, "podcasts": 1}


def test_union_members_of_another_subgraph_are_completed_where_they_live(
    fed: Federation,
) -> None:
    response = fed.query(
        """
        {
          discover {
            __typename
            ... on Podcast { title episodes }
            ... on Book { title pages }
          }
        }
        """
    )

    assert_response(
        response,
        {
            "data": {
                "discover": [
                    {"__typename": "Podcast", "title": "Kibaha Talks", "episodes": 12},
                    {"__typename": "Book", "title": "Emma", "pages": 474},
                ]
            }
        },
    )
    assert fed.fetch_counts() == {"catalog": 1, "books": 1, "movies": 0, "podcasts": 1}
    assert fed.fetches("catalog")[0].representations == [{"__typename": "Book", "id": "b2"}]


def test_an_interface_fragment_inside_a_union_applies_to_every_implementation(
    fed: Federation,
) -> None:
    response = fed.query("{ discover { ... on Media { id title } } }")

    assert_response(
        response,
        {
            "data": {
                "discover": [
                    {"id": "p1", "title": "Kibaha Talks"},
                    {"id": "b2", "title": "Emma"},
                ]
            }
        },
    )


def test_a_union_field_with_arguments(fed: Federation) -> None:
    response = fed.query(
        """
        query {
          search(term: "E") {
            ... on Book { title }
            ... on Movie { title minutes }
          }
        }
        """
    )

    assert_response(
        response,
        {
            "data": {
                "search": [
                    {"title": "Dune"},
                    {"title": "Alien", "minutes": 117},
                    {"title": "Emma"},
                ]
            }
        },
    )
    assert fed.fetch_counts() == {"catalog": 1, "books": 0, "movies": 1, "podcasts": 0}


def test_named_and_nested_fragments_on_abstract_types(fed: Federation) -> None:
    response = fed.query(
        """
        query Shelf {
          media { ...MediaFields }
          discover { ...ResultFields }
        }

        fragment MediaFields on Media {
          id
          ...Titled
          ... on Book { ...BookFields }
        }

        fragment Titled on Media { title }

        fragment BookFields on Book { pages }

        fragment ResultFields on Result {
          ... on Podcast { episodes }
          ... on Media { ...Titled }
          ... on Book { ...BookFields id }
        }
        """
    )

    assert_response(
        response,
        {
            "data": {
                "media": [
                    {"id": "b1", "title": "Dune", "pages": 412},
                    {"id": "m1", "title": "Alien"},
                    {"id": "b2", "title": "Emma", "pages": 474},
                ],
                "discover": [
                    {"episodes": 12, "title": "Kibaha Talks"},
                    {"title": "Emma", "pages": 474, "id": "b2"},
                ],
            }
        },
    )


def test_typename_in_abstract_positions_needs_no_entity_fetch(fed: Federation) -> None:
    response = fed.query("{ media { __typename } discover { kind: __typename } }")

    assert_response(
        response,
        {
            "data": {
                "media": [{"__typename": "Book"}, {"__typename": "Movie"}, {"__typename": "Book"}],
                "discover": [{"kind": "Podcast"}, {"kind": "Book"}],
            }
        },
    )
    assert fed.fetch_counts() == {"catalog": 1, "books": 0, "movies": 0, "podcasts": 1}
