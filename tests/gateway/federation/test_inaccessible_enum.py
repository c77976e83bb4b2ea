"""An @inaccessible enum value never reaches a client: a subgraph's value the API schema does not
have is null with an error at its path (a field error, as a value failing serialization is in
GraphQL execution), and a null in a non-null position propagates to the nearest nullable parent;
from a root fetch or an entity fetch, in a field or a list."""

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

SCENARIO = "inaccessible_enum"

AGENTS: list[Row] = [
    {
        "id": "a1",
        "name": "Ada",
        "role": "ADMIN",
        "formerRole": "MEMBER",
        "roles": ["ADMIN", "MEMBER"],
        "clearances": ["ADMIN"],
    },
    {
        "id": "a2",
        "name": "Bond",
        "role": "SECRET_AGENT",
        "formerRole": "SECRET_AGENT",
        "roles": ["MEMBER", "SECRET_AGENT", "ADMIN"],
        "clearances": ["MEMBER", "SECRET_AGENT"],
    },
]
COVERS: list[Row] = [
    {"id": "a1", "cover": "MEMBER", "coverRoles": ["MEMBER"]},
    {"id": "a2", "cover": "SECRET_AGENT", "coverRoles": ["MEMBER", "SECRET_AGENT"]},
]

hides_the_error = differs_from_apollo(
    "reports an invalid value only in extensions.valueCompletion, not as an error"
)


def subgraphs() -> list[Subgraph]:
    return [
        Subgraph(
            "agents",
            scenario_sdl(SCENARIO, "agents"),
            resolvers={
                "Query": {
                    "agent": lambda _root, _info, id: next(
                        (agent for agent in AGENTS if agent["id"] == id), None
                    ),
                    "agents": lambda _root, _info: AGENTS,
                }
            },
            entities={"Agent": by_key(AGENTS, "id")},
        ),
        Subgraph(
            "missions",
            scenario_sdl(SCENARIO, "missions"),
            entities={"Agent": by_key(COVERS, "id")},
        ),
    ]


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Federation]:
    with federation(SCENARIO, subgraphs(), tmp_path_factory.mktemp(SCENARIO)) as running:
        yield running


def invalid(path: list[str | int], field: str | None = None) -> dict[str, Any]:
    """The error of an invalid value: at a field (`field`, its coordinate) or a list item."""
    last = path[-1]
    where = (
        f"field {field}" if isinstance(last, str) else f"array element of type Role at index {last}"
    )
    return {
        "message": f"Invalid value found for {where}.",
        "path": path,
        "extensions": {"code": "DOWNSTREAM_SERVICE_ERROR"},
    }


def test_accessible_values_are_served(fed: Federation) -> None:
    response = fed.query(
        '{ agent(id: "a1") { role formerRole roles clearances cover coverRoles } }'
    )

    assert_response(
        response,
        {
            "data": {
                "agent": {
                    "role": "ADMIN",
                    "formerRole": "MEMBER",
                    "roles": ["ADMIN", "MEMBER"],
                    "clearances": ["ADMIN"],
                    "cover": "MEMBER",
                    "coverRoles": ["MEMBER"],
                }
            }
        },
    )


@hides_the_error
def test_a_nullable_field_is_null_with_an_error(fed: Federation) -> None:
    response = fed.query('{ agent(id: "a2") { name formerRole } }')

    assert_response(
        response,
        {
            "data": {"agent": {"name": "Bond", "formerRole": None}},
            "errors": [invalid(["agent", "formerRole"], "Agent.formerRole")],
        },
    )


@hides_the_error
def test_a_non_null_field_nulls_its_nullable_parent(fed: Federation) -> None:
    response = fed.query('{ agent(id: "a2") { name role } }')

    assert_response(
        response,
        {"data": {"agent": None}, "errors": [invalid(["agent", "role"], "Agent.role")]},
    )


@hides_the_error
def test_an_aliased_field_in_a_list_propagates_up_to_data(fed: Federation) -> None:
    response = fed.query("{ agents { name job: role } }")

    assert_response(
        response, {"data": None, "errors": [invalid(["agents", 1, "job"], "Agent.role")]}
    )


@hides_the_error
def test_a_nullable_list_item_is_null_with_an_error(fed: Federation) -> None:
    response = fed.query("{ agents { roles } }")

    assert_response(
        response,
        {
            "data": {
                "agents": [
                    {"roles": ["ADMIN", "MEMBER"]},
                    {"roles": ["MEMBER", None, "ADMIN"]},
                ]
            },
            "errors": [invalid(["agents", 1, "roles", 1])],
        },
    )


@hides_the_error
def test_a_non_null_list_item_nulls_its_nullable_list(fed: Federation) -> None:
    response = fed.query("{ agents { name clearances } }")

    assert_response(
        response,
        {
            "data": {
                "agents": [
                    {"name": "Ada", "clearances": ["ADMIN"]},
                    {"name": "Bond", "clearances": None},
                ]
            },
            "errors": [invalid(["agents", 1, "clearances", 1])],
        },
    )


@hides_the_error
def test_values_from_an_entity_fetch_are_checked_too(fed: Federation) -> None:
    response = fed.query("{ agents { name cover } }")

    assert_response(
        response,
        {
            "data": {
                "agents": [{"name": "Ada", "cover": "MEMBER"}, {"name": "Bond", "cover": None}]
            },
            "errors": [invalid(["agents", 1, "cover"], "Agent.cover")],
        },
    )
    assert fed.fetch_counts() == {"agents": 1, "missions": 1}


@hides_the_error
def test_a_non_null_list_item_from_an_entity_fetch_nulls_its_parent(fed: Federation) -> None:
    response = fed.query('{ agent(id: "a2") { name coverRoles } }')

    assert_response(
        response,
        {"data": {"agent": None}, "errors": [invalid(["agent", "coverRoles", 1])]},
    )
