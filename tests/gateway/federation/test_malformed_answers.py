"""A subgraph answer that does not have the shape the fetch asked for (entities not a list or
not one per representation, `data` not an object) is an error at every field the fetch was to
bring, never silently null data."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from starlette.requests import Request
from starlette.responses import Response

from tests.gateway.federation.shop import SCENARIO, Shop
from tests.gateway.support.federation import Federation, assert_response, federation
from tests.gateway.support.gateway import differs_from_apollo
from tests.gateway.support.subgraph import Received, Subgraph


class Crafted(Subgraph):
    """One of the scenario's subgraphs that can be told to answer a crafted JSON body."""

    def __init__(self, base: Subgraph) -> None:
        super().__init__(base.name, base.sdl)
        # The base's schema carries its resolvers.
        self.schema = base.schema
        self._answer: Any = None

    @contextmanager
    def answering(self, answer: Any) -> Iterator[None]:
        self._answer = answer
        try:
            yield
        finally:
            self._answer = None

    async def _respond(self, request: Request) -> Response:
        if self._answer is None:
            return await super()._respond(request)
        body = await request.json()
        self.received.append(
            Received(body["query"], body.get("variables") or {}, None, dict(request.headers))
        )
        return Response(json.dumps(self._answer), media_type="application/json")


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Federation]:
    subgraphs = [Crafted(s) for s in Shop().subgraphs()]
    with federation(SCENARIO, subgraphs, tmp_path_factory.mktemp("malformed")) as running:
        yield running


def crafted(fed: Federation, name: str) -> Crafted:
    subgraph = fed.subgraphs[name]
    assert isinstance(subgraph, Crafted)
    return subgraph


def malformed(subgraph: str, what: str, path: list[str | int]) -> dict[str, Any]:
    return {
        "message": f"Subgraph '{subgraph}' {what}.",
        "path": path,
        "extensions": {"code": "DOWNSTREAM_SERVICE_ERROR", "serviceName": subgraph},
    }


RATED = {"__typename": "Order", "rating": 5}

apollo_reports_less = differs_from_apollo(
    "reports one error without a path (INTERNAL_SERVER_ERROR) for a wrong _entities, and none "
    "for data that is null without errors or not an object"
)


@apollo_reports_less
@pytest.mark.parametrize(
    ("answer", "what"),
    [
        ({"data": {"_entities": [RATED]}}, "answered 1 entities for 2 representations"),
        (
            {"data": {"_entities": [RATED, RATED, RATED]}},
            "answered 3 entities for 2 representations",
        ),
        ({"data": {"_entities": RATED}}, "answered _entities that is not a list"),
        ({"data": {}}, "answered _entities that is not a list"),
        ({"data": {"_entities": [RATED, 5]}}, "answered an entity that is not an object"),
        ({"data": None}, "answered no data and no errors"),
        ({"data": [RATED, RATED]}, "answered data that is not an object"),
    ],
)
def test_a_malformed_entities_answer_is_an_error_at_each_field(
    fed: Federation, answer: Any, what: str
) -> None:
    with crafted(fed, "ratings").answering(answer):
        response = fed.query("{ orders { id rating } }")

    assert_response(
        response,
        {
            "data": {"orders": [{"id": "o1", "rating": None}, {"id": "o2", "rating": None}]},
            "errors": [
                malformed("ratings", what, ["orders", 0, "rating"]),
                malformed("ratings", what, ["orders", 1, "rating"]),
            ],
        },
    )


@apollo_reports_less
def test_a_malformed_entity_answer_nulls_a_non_null_field_with_one_error(fed: Federation) -> None:
    with crafted(fed, "ratings").answering({"data": {"_entities": []}}):
        response = fed.query('{ order(id: "o1") { id stars } }')

    assert_response(
        response,
        {
            "data": {"order": None},
            "errors": [
                malformed(
                    "ratings", "answered 0 entities for 1 representations", ["order", "stars"]
                )
            ],
        },
    )


@apollo_reports_less
@pytest.mark.parametrize(
    ("answer", "what"),
    [
        ({"data": "me"}, "answered data that is not an object"),
        ({"data": [{"me": {"name": "Ada"}}]}, "answered data that is not an object"),
        ({}, "answered no data and no errors"),
    ],
)
def test_a_root_answer_whose_data_is_not_an_object_is_an_error(
    fed: Federation, answer: Any, what: str
) -> None:
    with crafted(fed, "accounts").answering(answer):
        response = fed.query('{ me { name } order(id: "o2") { item } }')

    assert_response(
        response,
        {
            "data": {"me": None, "order": {"item": "Desk"}},
            "errors": [malformed("accounts", what, ["me"])],
        },
    )


def test_a_well_formed_answer_is_unchanged(fed: Federation) -> None:
    response = fed.query("{ orders { id rating } }")

    assert_response(
        response,
        {"data": {"orders": [{"id": "o1", "rating": 5}, {"id": "o2", "rating": 3}]}},
    )
