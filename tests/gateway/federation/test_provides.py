"""@provides and @external: a subgraph that can return an entity's external field on one path
saves the jump to the entity's owner there, and only there."""

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

SCENARIO = "provides"

REVIEWS: list[Row] = [
    {"id": "r1", "body": "Great", "author": {"id": "u1", "name": "Ada"}, "editor": {"id": "u2"}},
    {"id": "r2", "body": "Fine", "author": {"id": "u2", "name": "Ben"}, "editor": None},
]
USERS: list[Row] = [
    {"id": "u1", "name": "Ada", "email": "ada@visby.se"},
    {"id": "u2", "name": "Ben", "email": "ben@kibaha.tz"},
]


def subgraphs() -> list[Subgraph]:
    return [
        Subgraph(
            "reviews",
            scenario_sdl(SCENARIO, "reviews"),
            resolvers={"Query": {"reviews": lambda _root, _info: REVIEWS}},
        ),
        Subgraph(
            "accounts", scenario_sdl(SCENARIO, "accounts"), entities={"User": by_key(USERS, "id")}
        ),
    ]


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Federation]:
    with federation(SCENARIO, subgraphs(), tmp_path_factory.mktemp(SCENARIO)) as running:
        yield running


def test_a_provided_field_needs_no_jump_to_its_owner(fed: Federation) -> None:
    response = fed.query("{ reviews { body author { id name } } }")

    assert_response(
        response,
        {
            "data": {
                "reviews": [
                    {"body": "Great", "author": {"id": "u1", "name": "Ada"}},
                    {"body": "Fine", "author": {"id": "u2", "name": "Ben"}},
                ]
            }
        },
    )
    assert fed.fetch_counts() == {"reviews": 1, "accounts": 0}


def test_the_same_field_on_a_path_without_provides_comes_from_its_owner(fed: Federation) -> None:
    response = fed.query("{ reviews { editor { name } } }")

    assert_response(
        response, {"data": {"reviews": [{"editor": {"name": "Ben"}}, {"editor": None}]}}
    )
    assert fed.fetch_counts() == {"reviews": 1, "accounts": 1}
    assert fed.fetches("accounts")[0].representations == [{"__typename": "User", "id": "u2"}]


def test_fields_not_provided_are_fetched_from_the_owner_next_to_provided_ones(
    fed: Federation,
) -> None:
    response = fed.query("{ reviews { author { email name } } }")

    assert_response(
        response,
        {
            "data": {
                "reviews": [
                    {"author": {"email": "ada@visby.se", "name": "Ada"}},
                    {"author": {"email": "ben@kibaha.tz", "name": "Ben"}},
                ]
            }
        },
    )
    assert fed.fetch_counts() == {"reviews": 1, "accounts": 1}
    assert fed.fetches("accounts")[0].representations == [
        {"__typename": "User", "id": "u1"},
        {"__typename": "User", "id": "u2"},
    ]
