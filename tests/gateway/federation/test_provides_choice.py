"""@provides chooses the subgraph: where a shareable field is resolved by several subgraphs and
one of them provides the fields selected below it, the planner takes the one that needs no
further fetch (object, list and interface fields); where the selection is only partly provided
it takes the subgraphs that make the fewest fetches overall."""

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

SCENARIO = "provides_choice"

ADA: Row = {"__typename": "User", "id": "u1", "name": "Ada"}
BEN: Row = {"__typename": "User", "id": "u2", "name": "Ben"}
FEED_REVIEW: Row = {
    "id": "r1",
    "body": "Solid",
    "author": {"id": "u1"},
    "coauthors": [{"id": "u2"}],
    "reviewer": {"__typename": "User", "id": "u1"},
}
REVIEW: Row = {"id": "r1", "body": "Solid", "author": ADA, "coauthors": [BEN], "reviewer": ADA}
TOPIC: Row = {"name": "Dune", "review": {"id": "r1"}}
USERS: list[Row] = [
    {"id": "u1", "name": "Ada", "email": "ada@visby.se"},
    {"id": "u2", "name": "Ben", "email": "ben@kibaha.tz"},
]


def subgraphs() -> list[Subgraph]:
    return [
        Subgraph(
            "feed",
            scenario_sdl(SCENARIO, "feed"),
            resolvers={
                "Query": {"latest": lambda _root, _info: FEED_REVIEW, "readers": lambda *_: 7}
            },
            entities={"Review": by_key([FEED_REVIEW], "id")},
        ),
        Subgraph(
            "reviews",
            scenario_sdl(SCENARIO, "reviews"),
            resolvers={"Query": {"latest": lambda _root, _info: REVIEW}},
            entities={"Review": by_key([REVIEW], "id")},
        ),
        Subgraph(
            "accounts", scenario_sdl(SCENARIO, "accounts"), entities={"User": by_key(USERS, "id")}
        ),
        Subgraph(
            "topics",
            scenario_sdl(SCENARIO, "topics"),
            resolvers={"Query": {"topic": lambda _root, _info: TOPIC}},
        ),
    ]


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Federation]:
    with federation(SCENARIO, subgraphs(), tmp_path_factory.mktemp(SCENARIO)) as running:
        yield running


def test_an_object_field_comes_from_the_subgraph_that_provides_its_fields(
    fed: Federation,
) -> None:
    response = fed.query("{ latest { author { id name } } }")

    assert_response(response, {"data": {"latest": {"author": {"id": "u1", "name": "Ada"}}}})
    assert fed.fetch_counts() == {"feed": 0, "reviews": 1, "accounts": 0, "topics": 0}


def test_a_list_field_comes_from_the_subgraph_that_provides_its_fields(fed: Federation) -> None:
    response = fed.query("{ latest { body coauthors { name } } }")

    assert_response(
        response, {"data": {"latest": {"body": "Solid", "coauthors": [{"name": "Ben"}]}}}
    )
    assert fed.fetch_counts() == {"feed": 0, "reviews": 1, "accounts": 0, "topics": 0}


def test_an_interface_field_comes_from_the_subgraph_that_provides_it_on_a_type_condition(
    fed: Federation,
) -> None:
    response = fed.query("{ latest { reviewer { id ... on User { name } } } }")

    assert_response(response, {"data": {"latest": {"reviewer": {"id": "u1", "name": "Ada"}}}})
    assert fed.fetch_counts() == {"feed": 0, "reviews": 1, "accounts": 0, "topics": 0}


def test_a_partly_provided_selection_takes_the_provider_when_that_saves_fetches(
    fed: Federation,
) -> None:
    response = fed.query("{ latest { author { name email } coauthors { name } } }")

    assert_response(
        response,
        {
            "data": {
                "latest": {
                    "author": {"name": "Ada", "email": "ada@visby.se"},
                    "coauthors": [{"name": "Ben"}],
                }
            }
        },
    )
    assert fed.fetch_counts() == {"feed": 0, "reviews": 1, "accounts": 1, "topics": 0}
    assert fed.fetches("accounts")[0].representations == [{"__typename": "User", "id": "u1"}]


def test_a_partly_provided_selection_stays_in_a_subgraph_already_fetched(
    fed: Federation,
) -> None:
    # `readers` needs feed anyway: feed then accounts is two fetches, reviews would add one.
    response = fed.query("{ readers latest { author { name email } } }")

    assert_response(
        response,
        {"data": {"readers": 7, "latest": {"author": {"name": "Ada", "email": "ada@visby.se"}}}},
    )
    assert fed.fetch_counts() == {"feed": 1, "reviews": 0, "accounts": 1, "topics": 0}


def test_an_entity_jump_goes_to_the_subgraph_that_provides_the_fields_below(
    fed: Federation,
) -> None:
    # topics only points at the review: its fields come from feed or reviews.
    response = fed.query("{ topic { name review { author { name } coauthors { id } } } }")

    assert_response(
        response,
        {
            "data": {
                "topic": {
                    "name": "Dune",
                    "review": {"author": {"name": "Ada"}, "coauthors": [{"id": "u2"}]},
                }
            }
        },
    )
    assert fed.fetch_counts() == {"feed": 0, "reviews": 1, "accounts": 0, "topics": 1}
    assert fed.fetches("reviews")[0].representations == [{"__typename": "Review", "id": "r1"}]
