"""The same @shareable root field in two subgraphs, each adding its own fields to a value type
(no @key): listings knows a shop's name and street, hours its opening time and time zone. The
gateway asks each subgraph's root field (with the same arguments) for the fields only it has
and merges the answers into one object (lists by position); one subgraph with every selected
field is asked alone."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.gateway.support.federation import (
    Federation,
    assert_response,
    federation,
    scenario_sdl,
)
from tests.gateway.support.subgraph import FieldResolver, Row, Subgraph

SCENARIO = "shared_root"

LISTINGS: list[Row] = [
    {"id": "s1", "name": "Corner", "address": {"street": "1 Main St", "city": "Oslo"}},
    {"id": "s2", "name": "Harbour", "address": {"street": "9 Pier", "city": "Bergen"}},
]
HOURS: list[Row] = [
    {"id": "s1", "name": "Corner", "opensAt": "08:00", "address": {"city": "Oslo"}},
    {"id": "s2", "name": "Harbour", "opensAt": "10:00", "address": {"city": "Bergen"}},
]


def _finder(rows: list[Row]) -> FieldResolver:
    def shop(_root: object, _info: object, id: str) -> Row | None:
        return next((row for row in rows if row["id"] == id), None)

    return shop


def subgraphs() -> list[Subgraph]:
    return [
        Subgraph(
            "listings",
            scenario_sdl(SCENARIO, "listings"),
            resolvers={
                "Query": {"shop": _finder(LISTINGS), "shops": lambda _root, _info: LISTINGS}
            },
        ),
        Subgraph(
            "hours",
            scenario_sdl(SCENARIO, "hours"),
            resolvers={
                "Query": {"shop": _finder(HOURS), "shops": lambda _root, _info: HOURS},
                "Address": {"timezone": lambda address, _info: f"Europe/{address['city']}"},
            },
        ),
    ]


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Federation]:
    with federation(SCENARIO, subgraphs(), tmp_path_factory.mktemp(SCENARIO)) as running:
        yield running


def test_each_subgraph_root_field_gives_its_own_fields_with_the_same_arguments(
    fed: Federation,
) -> None:
    response = fed.query(
        "query Shop($id: ID!) { shop(id: $id) { name opensAt address { street timezone } } }",
        {"id": "s2"},
    )

    assert_response(
        response,
        {
            "data": {
                "shop": {
                    "name": "Harbour",
                    "opensAt": "10:00",
                    "address": {"street": "9 Pier", "timezone": "Europe/Bergen"},
                }
            }
        },
    )
    assert fed.fetch_counts() == {"listings": 1, "hours": 1}
    assert [fetch.variables for fetch in fed.fetches("listings") + fed.fetches("hours")] == [
        {"id": "s2"},
        {"id": "s2"},
    ]


@pytest.mark.parametrize(
    ("query", "expected", "counts"),
    [
        (
            '{ shop(id: "s1") { name opensAt address { city timezone } } }',
            {
                "name": "Corner",
                "opensAt": "08:00",
                "address": {"city": "Oslo", "timezone": "Europe/Oslo"},
            },
            {"listings": 0, "hours": 1},
        ),
        (
            '{ shop(id: "s1") { id address { street city } name } }',
            {"id": "s1", "address": {"street": "1 Main St", "city": "Oslo"}, "name": "Corner"},
            {"listings": 1, "hours": 0},
        ),
    ],
    ids=["hours", "listings"],
)
def test_one_subgraph_with_every_selected_field_is_asked_alone(
    fed: Federation, query: str, expected: Row, counts: dict[str, int]
) -> None:
    response = fed.query(query)

    assert_response(response, {"data": {"shop": expected}})
    assert fed.fetch_counts() == counts


def test_lists_from_both_subgraphs_merge_by_position(fed: Federation) -> None:
    response = fed.query("{ shops { id opensAt address { street city } } }")

    assert_response(
        response,
        {
            "data": {
                "shops": [
                    {
                        "id": "s1",
                        "opensAt": "08:00",
                        "address": {"street": "1 Main St", "city": "Oslo"},
                    },
                    {
                        "id": "s2",
                        "opensAt": "10:00",
                        "address": {"street": "9 Pier", "city": "Bergen"},
                    },
                ]
            }
        },
    )
    assert fed.fetch_counts() == {"listings": 1, "hours": 1}


def test_aliased_root_fields_each_get_their_fields(fed: Federation) -> None:
    response = fed.query(
        '{ corner: shop(id: "s1") { opensAt address { street } }'
        ' harbour: shop(id: "s2") { name opensAt } }'
    )

    assert_response(
        response,
        {
            "data": {
                "corner": {"opensAt": "08:00", "address": {"street": "1 Main St"}},
                "harbour": {"name": "Harbour", "opensAt": "10:00"},
            }
        },
    )
    # Each subgraph once: its root fetch carries both aliases it has fields for.
    assert fed.fetch_counts() == {"listings": 1, "hours": 1}


def test_a_shop_one_subgraph_does_not_know_is_null(fed: Federation) -> None:
    response = fed.query('{ shop(id: "s9") { name opensAt address { street } } }')

    assert_response(response, {"data": {"shop": None}})
    assert fed.fetch_counts() == {"listings": 1, "hours": 1}
