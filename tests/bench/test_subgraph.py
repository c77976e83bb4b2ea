"""The benchmark's subgraphs over real sockets: federation fields, entities, response cache."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import orjson
import pytest

from bench.gateway.schemas import SDL
from bench.gateway.subgraph import app
from tests.gateway.support.serving import ServedApp


@pytest.fixture(scope="module")
def served() -> Iterator[dict[str, ServedApp]]:
    apps = {name: ServedApp(app(name)) for name in SDL}
    try:
        yield apps
    finally:
        for served_app in apps.values():
            served_app.stop()


def post(served_app: ServedApp, query: str, variables: dict[str, Any] | None = None) -> Any:
    body = orjson.dumps({"query": query, "variables": variables})
    response = httpx.post(served_app.url, content=body, timeout=10)
    assert response.status_code == 200
    return response.json()


def stats(served_app: ServedApp) -> Any:
    return httpx.get(served_app.url.replace("/graphql", "/stats"), timeout=10).json()


def test_service_sdl_is_the_federation_sdl(served: dict[str, ServedApp]) -> None:
    for name, served_app in served.items():
        assert post(served_app, "{ _service { sdl } }") == {
            "data": {"_service": {"sdl": SDL[name]}}
        }


def test_inventory_estimates_shipping_from_the_required_fields(
    served: dict[str, ServedApp],
) -> None:
    query = (
        "query($r: [_Any!]!) { _entities(representations: $r) "
        "{ ... on Product { upc inStock stock shippingEstimate } } }"
    )
    representations = [
        {"__typename": "Product", "upc": "p0001", "price": 60_000, "weight": 9_000},
        {"__typename": "Product", "upc": "p0001", "price": 100, "weight": 9_000},
        {"__typename": "Product", "upc": "nope", "price": 100, "weight": 9_000},
    ]

    answer = post(served["inventory"], query, {"r": representations})

    assert answer == {
        "data": {
            "_entities": [
                {"upc": "p0001", "inStock": True, "stock": 151, "shippingEstimate": 1},
                {"upc": "p0001", "inStock": True, "stock": 151, "shippingEstimate": 4},
                None,
            ]
        }
    }


def test_reviews_provide_the_author_username(served: dict[str, ServedApp]) -> None:
    query = (
        "query($r: [_Any!]!) { _entities(representations: $r) "
        "{ ... on User { reviews(first: 2) { id author { id username } product { upc } } } } }"
    )

    answer = post(served["reviews"], query, {"r": [{"__typename": "User", "id": "u1"}]})

    assert answer == {
        "data": {
            "_entities": [
                {
                    "reviews": [
                        {
                            "id": "r1037",
                            "author": {"id": "u1", "username": "farah1"},
                            "product": {"upc": "p0337"},
                        },
                        {
                            "id": "r1779",
                            "author": {"id": "u1", "username": "farah1"},
                            "product": {"upc": "p0375"},
                        },
                    ]
                }
            ]
        }
    }


def test_an_unknown_entity_type_is_a_graphql_error(served: dict[str, ServedApp]) -> None:
    query = "query($r: [_Any!]!) { _entities(representations: $r) { __typename } }"

    answer = post(served["accounts"], query, {"r": [{"__typename": "Review", "id": "r1"}]})

    assert answer["data"] is None
    assert [e["message"] for e in answer["errors"]] == ["no entity type 'Review' in this subgraph"]


def test_a_repeated_body_is_answered_from_the_cache(served: dict[str, ServedApp]) -> None:
    accounts = served["accounts"]
    before = stats(accounts)
    query = "{ users(first: 2) { id name } }"

    answers = [post(accounts, query) for _ in range(3)]

    after = stats(accounts)
    assert (
        answers
        == [
            {
                "data": {
                    "users": [
                        {"id": "u1", "name": "Farah Mwangi"},
                        {"id": "u2", "name": "Amina Lindqvist"},
                    ]
                }
            }
        ]
        * 3
    )
    assert after["requests"] - before["requests"] == 3
    assert after["misses"] - before["misses"] == 1


def test_get_on_the_graphql_path_is_refused(served: dict[str, ServedApp]) -> None:
    response = httpx.get(served["products"].url, timeout=10)

    assert response.status_code == 405
