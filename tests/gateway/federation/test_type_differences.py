"""A field whose type differs between a subgraph and the supergraph (a shareable field declared
non-null in one subgraph, a key field the gateway adds): selections of one response key with
different types in the subgraph are aliased there, so the subgraph accepts the query
(FieldsInSetCanMerge), and the client still gets its own keys."""

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

SCENARIO = "type_differences"

DUNE: Row = {"__typename": "Book", "id": "b1", "code": "D-1", "details": {"rating": 5}}
ALIEN: Row = {"__typename": "Movie", "id": None, "code": None, "details": {"rating": None}}
WITHHELD: list[Row] = [
    {"__typename": "Book", "id": "b1", "code": "D-1", "details": {"rating": 5}},
    {"__typename": "Movie", "id": "m2", "code": "H-2", "details": {"rating": -1}},
]
SHELVES: list[Row] = [{"id": "b1", "code": "D-1", "details": {"rating": 5}, "shelf": "A3"}]


def _movie_rating(details: Row, _info: object) -> int | None:
    rating: int | None = details["rating"]
    if rating is not None and rating < 0:
        raise ValueError("rating withheld")
    return rating


def subgraphs() -> list[Subgraph]:
    return [
        Subgraph(
            "catalog",
            scenario_sdl(SCENARIO, "catalog"),
            resolvers={
                "Query": {
                    "media": lambda _root, _info: [DUNE, ALIEN],
                    "withheld": lambda _root, _info: WITHHELD,
                    "featured": lambda _root, _info: DUNE,
                },
                "MovieDetails": {"rating": _movie_rating},
            },
            entities={"Book": by_key([DUNE], "id")},
        ),
        Subgraph(
            "archive",
            scenario_sdl(SCENARIO, "archive"),
            resolvers={
                "Query": {"featured": lambda _root, _info: {"__typename": "Book", **SHELVES[0]}}
            },
            entities={"Book": by_key(SHELVES, "id")},
        ),
    ]


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Federation]:
    with federation(SCENARIO, subgraphs(), tmp_path_factory.mktemp(SCENARIO)) as running:
        yield running


def test_a_leaf_non_null_in_one_fragment_and_nullable_in_another_is_aliased(
    fed: Federation,
) -> None:
    response = fed.query("{ media { ... on Book { code } ... on Movie { code } } }")

    assert_response(response, {"data": {"media": [{"code": "D-1"}, {"code": None}]}})
    assert fed.fetch_counts() == {"catalog": 1, "archive": 0}


def test_a_deeper_type_difference_aliases_the_enclosing_field(fed: Federation) -> None:
    response = fed.query(
        "{ media { ... on Book { details { rating } } ... on Movie { details { rating } } } }"
    )

    assert_response(
        response,
        {"data": {"media": [{"details": {"rating": 5}}, {"details": {"rating": None}}]}},
    )


def test_a_key_field_the_gateway_adds_is_aliased_beside_a_nullable_client_field(
    fed: Federation,
) -> None:
    response = fed.query("{ media { ... on Book { shelf } ... on Movie { id code } } }")

    assert_response(response, {"data": {"media": [{"shelf": "A3"}, {"id": None, "code": None}]}})
    assert fed.fetch_counts() == {"catalog": 1, "archive": 1}
    assert fed.fetches("archive")[0].representations == [{"__typename": "Book", "id": "b1"}]


def test_the_same_types_in_every_fragment_are_sent_without_aliases(fed: Federation) -> None:
    response = fed.query("{ media { ... on Book { id } ... on Movie { details { rating } } } }")

    assert_response(response, {"data": {"media": [{"id": "b1"}, {"details": {"rating": None}}]}})
    assert "__gw" not in fed.fetches("catalog")[0].query


@differs_from_apollo("the error path keeps its subgraph alias (rating__alias_0)")
def test_an_error_below_an_aliased_field_has_the_client_path(fed: Federation) -> None:
    response = fed.query(
        "{ withheld { ... on Book { details { rating } } ... on Movie { details { rating } } } }"
    )

    assert_response(
        response,
        {
            "errors": [
                {
                    "message": "rating withheld",
                    "path": ["withheld", 1, "details", "rating"],
                    "extensions": {"code": "DOWNSTREAM_SERVICE_ERROR", "serviceName": "catalog"},
                }
            ],
            "data": {"withheld": [{"details": {"rating": 5}}, {"details": {"rating": None}}]},
        },
    )


def test_a_subgraph_returning_a_concrete_type_gets_no_fragment_on_another_type(
    fed: Federation,
) -> None:
    # `media` makes catalog the cheaper subgraph for the shareable `featured` too.
    response = fed.query(
        "{ media { ... on Movie { id } }"
        " featured { ... on Book { code details { rating } } ... on Movie { code } } }"
    )

    assert_response(
        response,
        {
            "data": {
                "media": [{}, {"id": None}],
                "featured": {"code": "D-1", "details": {"rating": 5}},
            }
        },
    )
    assert fed.fetch_counts() == {"catalog": 1, "archive": 0}
