"""Unions and interfaces whose members differ between subgraphs: each subgraph is asked only
for the members it has at that field (`join__unionMember`, `join__implements`, and the type it
declares the field with), and a member another subgraph knows is completed through its entity.

In `shelf` Book and Pen are Items and Found; in `store` only Lamp is, Book is an entity that is
neither, and `pick` is declared `Book` where the supergraph has `Item`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from graphql import InlineFragmentNode, Visitor, parse, visit

from tests.gateway.support.federation import (
    Federation,
    assert_response,
    federation,
    scenario_sdl,
)
from tests.gateway.support.subgraph import Row, Subgraph, by_key

SCENARIO = "members_by_subgraph"

DUNE: Row = {"__typename": "Book", "id": "b1", "label": "Dune", "title": "Dune"}
QUILL: Row = {"__typename": "Pen", "id": "p1", "label": "Quill", "color": "blue"}
ARC: Row = {"__typename": "Lamp", "id": "l1", "label": "Arc", "watts": 40}
PRICED: Row = {"id": "b1", "label": "Dune", "price": 12}


def subgraphs() -> list[Subgraph]:
    return [
        Subgraph(
            "shelf",
            scenario_sdl(SCENARIO, "shelf"),
            resolvers={
                "Query": {
                    "items": lambda _root, _info: [DUNE, QUILL],
                    "found": lambda _root, _info: [DUNE, QUILL],
                    "pick": lambda _root, _info: DUNE,
                }
            },
            entities={"Book": by_key([DUNE], "id"), "Pen": by_key([QUILL], "id")},
        ),
        Subgraph(
            "store",
            scenario_sdl(SCENARIO, "store"),
            resolvers={
                "Query": {
                    "deals": lambda _root, _info: [ARC],
                    "bargains": lambda _root, _info: [ARC],
                    "pick": lambda _root, _info: PRICED,
                }
            },
            entities={"Book": by_key([PRICED], "id"), "Lamp": by_key([ARC], "id")},
        ),
    ]


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Federation]:
    with federation(SCENARIO, subgraphs(), tmp_path_factory.mktemp(SCENARIO)) as running:
        yield running


class _TypeConditions(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.found: set[str] = set()

    def enter_inline_fragment(self, node: InlineFragmentNode, *_: object) -> None:
        if node.type_condition is not None:
            self.found.add(node.type_condition.name.value)


def _type_conditions(fed: Federation, subgraph: str) -> set[str]:
    """Every type condition in the operations `subgraph` received (a subgraph refuses one it
    does not have at that place: the exact responses check that, these name the members)."""
    conditions = _TypeConditions()
    for received in fed.fetches(subgraph):
        visit(parse(received.query), conditions)
    return conditions.found


def test_an_interface_field_is_asked_only_for_its_subgraphs_implementations(
    fed: Federation,
) -> None:
    response = fed.query(
        "{ deals { id ... on Book { title price } ... on Lamp { watts } ... on Pen { color } } }"
    )

    assert_response(response, {"data": {"deals": [{"id": "l1", "watts": 40}]}})
    assert fed.fetch_counts() == {"shelf": 0, "store": 1}
    assert _type_conditions(fed, "store") <= {"Lamp"}


def test_a_type_that_implements_the_interface_in_one_subgraph_is_completed_through_its_entity(
    fed: Federation,
) -> None:
    response = fed.query("{ items { label ... on Book { title price } ... on Lamp { watts } } }")

    assert_response(
        response,
        {"data": {"items": [{"label": "Dune", "title": "Dune", "price": 12}, {"label": "Quill"}]}},
    )
    assert fed.fetch_counts() == {"shelf": 1, "store": 1}
    assert fed.fetches("store")[0].representations == [{"__typename": "Book", "id": "b1"}]
    assert _type_conditions(fed, "shelf") <= {"Book", "Pen"}
    assert _type_conditions(fed, "store") <= {"Book"}


def test_a_union_member_of_one_subgraph_is_completed_through_its_entity(
    fed: Federation,
) -> None:
    response = fed.query(
        "{ found { ... on Book { title price } ... on Pen { color } ... on Lamp { watts } } }"
    )

    assert_response(
        response, {"data": {"found": [{"title": "Dune", "price": 12}, {"color": "blue"}]}}
    )
    assert fed.fetch_counts() == {"shelf": 1, "store": 1}
    assert _type_conditions(fed, "shelf") <= {"Book", "Pen"}
    assert _type_conditions(fed, "store") <= {"Book"}


def test_a_union_is_asked_only_for_its_subgraphs_members(fed: Federation) -> None:
    response = fed.query(
        "{ bargains { ... on Lamp { watts label } ... on Book { title } ... on Item { id } } }"
    )

    assert_response(response, {"data": {"bargains": [{"watts": 40, "label": "Arc", "id": "l1"}]}})
    assert fed.fetch_counts() == {"shelf": 0, "store": 1}
    assert _type_conditions(fed, "store") <= {"Lamp"}


def test_a_field_declared_with_a_member_type_gets_that_members_fields(fed: Federation) -> None:
    # `deals` makes store the cheaper subgraph for the shareable `pick`, a Book there.
    response = fed.query(
        "{ deals { id } pick { id label ... on Book { price } ... on Pen { color } } }"
    )

    assert_response(
        response,
        {"data": {"deals": [{"id": "l1"}], "pick": {"id": "b1", "label": "Dune", "price": 12}}},
    )
    assert fed.fetch_counts() == {"shelf": 0, "store": 1}
    assert _type_conditions(fed, "store") <= {"Lamp", "Book"}
