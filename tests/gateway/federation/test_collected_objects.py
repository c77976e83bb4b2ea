"""The objects an entity fetch enriches are collected while the answers that put them in the
response tree are merged; where no single merge put them there, or a merge replaced part of
the tree, the fetch finds them by walking the tree instead. Either way it sends the
representations a walk of the tree would find, in the tree's order.

The plan is built by hand (two subgraphs each bring `part` for one of two types in one list,
then a third enriches every part) and the subgraphs' answers are fixed, so each answer is known
when the fetch reading the parts starts."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

import orjson

from gateway.engine.fetching import CompiledPlan, PlanExecution
from gateway.planner import Fetch, QueryPlan, RepField
from gateway.planner.plan import (
    LIST,
    EntityCall,
    EntityPlace,
    FetchField,
    FetchSelection,
    Representation,
)

ID = FetchField("id", "id", "", "ID!", "id", None)
TYPENAME = FetchField("__typename", "__typename", "", "String!", "__typename", None)
PART = FetchField("part", "part", "", "Part", "part", FetchSelection({"id": ID}, {}))
ITEMS = FetchField(
    "items",
    "items",
    "",
    "[Item!]!",
    "items",
    FetchSelection({"__typename": TYPENAME, "id": ID}, {}),
)
BY_ID = (RepField("id", "id"),)


def _entity_fetch(
    number: int,
    graph: str,
    path: tuple[str, ...],
    typename: str,
    brings: FetchField | None,
    depends_on: frozenset[int],
) -> Fetch:
    fields = {} if brings is None else {brings.response_key: brings}
    return Fetch(
        id=number,
        graph=graph,
        operation_kind="query",
        selection=FetchSelection({}, {}),
        calls=(
            EntityCall(
                key="_entities",
                variable="representations",
                places=(EntityPlace(path, {typename: Representation(typename, BY_ID)}),),
                selection=FetchSelection({}, {typename: FetchSelection(fields, {})}),
                renaming=None,
            ),
        ),
        depends_on=depends_on,
        variables=frozenset(),
        document=f"query {graph}",
        renaming=None,
    )


def _plan(second_type: str) -> QueryPlan:
    """Items; books' parts and then `second_type`'s parts (from films); then every part."""
    return QueryPlan(
        fetches=(
            Fetch(
                id=0,
                graph="items",
                operation_kind="query",
                selection=FetchSelection({"items": ITEMS}, {}),
                calls=(),
                depends_on=frozenset(),
                variables=frozenset(),
                document="query items",
                renaming=None,
            ),
            _entity_fetch(1, "books", ("items", LIST), "Book", PART, frozenset({0})),
            _entity_fetch(2, "films", ("items", LIST), second_type, PART, frozenset({0, 1})),
            _entity_fetch(3, "parts", ("items", LIST, "part"), "Part", None, frozenset({1, 2})),
        ),
        operation_kind="query",
        root_type="Query",
        selections=(),
    )


class Answers:
    """Answers each subgraph's request with its fixed answer and keeps what was sent."""

    def __init__(self, answers: Mapping[str, Any]) -> None:
        self.answers = answers
        self.sent: dict[str, list[dict[str, Any]]] = {}

    async def fetch(
        self, subgraph: str, body: bytes, headers: Mapping[str, str], *, idempotent: bool
    ) -> bytes:
        self.sent[subgraph] = orjson.loads(body)["variables"].get("representations", [])
        return orjson.dumps(self.answers[subgraph])


def _run(
    answers: Mapping[str, Any], second_type: str = "Film"
) -> tuple[list[Any], list[dict[str, Any]]]:
    """Each item's part as merged, and the representations sent to `parts`."""
    transport = Answers(answers)
    execution = PlanExecution(CompiledPlan(_plan(second_type)), transport, {}, {})
    asyncio.run(execution.run())
    assert execution.errors == []
    return [item.get("part") for item in execution.data["items"]], transport.sent["parts"]


ITEMS_ANSWER = {
    "data": {
        "items": [
            {"__typename": "Book", "id": "b1"},
            {"__typename": "Film", "id": "f1"},
            {"__typename": "Book", "id": "b2"},
            {"__typename": "Film", "id": "f2"},
        ]
    }
}


def _entities(*parts: Any) -> dict[str, Any]:
    return {"data": {"_entities": [{"part": part} for part in parts]}}


def _unknown(count: int) -> dict[str, Any]:
    """The answer of a subgraph that resolves none of `count` entities."""
    return {"data": {"_entities": [None] * count}}


def _part(part_id: str) -> dict[str, Any]:
    return {"__typename": "Part", "id": part_id}


def test_objects_one_merge_put_are_sent_in_the_order_of_the_tree_and_once_each() -> None:
    parts, representations = _run(
        {
            "items": ITEMS_ANSWER,
            "books": _entities(_part("p2"), _part("p2")),
            "films": _entities(None, None),
            "parts": _unknown(1),
        }
    )

    assert parts == [_part("p2"), None, _part("p2"), None]
    assert representations == [_part("p2")]


def test_objects_two_merges_put_at_one_place_are_sent_in_the_order_of_the_tree() -> None:
    parts, representations = _run(
        {
            "items": ITEMS_ANSWER,
            "books": _entities(_part("p1"), _part("p3")),
            "films": _entities(_part("p2"), None),
            "parts": _unknown(3),
        }
    )

    assert parts == [_part("p1"), _part("p2"), _part("p3"), None]
    assert representations == [_part("p1"), _part("p2"), _part("p3")]


def test_an_object_a_later_answer_replaces_is_not_sent() -> None:
    # The second fetch asks for the books' parts again and answers null for b2's: a subgraph
    # disagreeing with another about a shared field. The part books put there is gone.
    parts, representations = _run(
        {
            "items": ITEMS_ANSWER,
            "books": _entities(_part("p1"), _part("p2")),
            "films": _entities(_part("p1"), None),
            "parts": _unknown(1),
        },
        second_type="Book",
    )

    assert parts == [_part("p1"), None, None, None]
    assert representations == [_part("p1")]
