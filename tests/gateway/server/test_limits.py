"""Limits are enforced before planning: an operation over one is refused with its code and
nothing reaches the subgraph."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.gateway.support.subgraph import Subgraph

from .conftest import errors, gateway_with


def refused(response: httpx.Response, things: Subgraph) -> dict[str, Any]:
    assert things.received == []
    (error,) = errors(response)
    return error


def test_body_size(things: Subgraph, things_url: str) -> None:
    with gateway_with(things_url, max_body_bytes=100) as http:
        small = http.post("/graphql", json={"query": "{ __typename }"})
        large = http.post("/graphql", json={"query": "{ __typename }" + " " * 100})
        chunked = http.post(
            "/graphql",
            content=iter([b'{"query": "{ __typename }', b" " * 100, b'"}']),
            headers={"content-type": "application/json"},
        )
    assert small.json() == {"data": {"__typename": "Query"}}
    for response in (large, chunked):
        assert response.status_code == 413
        assert refused(response, things) == {
            "message": "The request body is larger than 100 bytes.",
            "extensions": {"code": "PAYLOAD_TOO_LARGE"},
        }


def test_depth(things: Subgraph, things_url: str) -> None:
    at_limit = "{ things(first: 1) { parts(limit: 1) { parts(limit: 1) { id } } } }"
    too_deep = "{ things(first: 1) { parts(limit: 1) { parts(limit: 1) { parts { id } } } } }"
    with gateway_with(things_url, max_depth=4) as http:
        ok = http.post("/graphql", json={"query": at_limit})
        things.reset()
        response = http.post("/graphql", json={"query": too_deep})
    assert ok.json() == {"data": {"things": [{"parts": [{"parts": [{"id": "0"}]}]}]}}
    assert response.status_code == 400
    assert refused(response, things) == {
        "message": "The operation is 5 levels deep; the limit is 4.",
        "extensions": {"code": "MAX_DEPTH_LIMIT", "measured": 5, "limit": 4},
    }


def test_depth_counts_through_fragments(things: Subgraph, things_url: str) -> None:
    query = """
      query { things(first: 1) { ...Deep } }
      fragment Deep on Thing { parts { ... on Thing { parts { id } } } }
    """
    with gateway_with(things_url, max_depth=3) as http:
        response = http.post("/graphql", json={"query": query})
    assert refused(response, things)["extensions"] == {
        "code": "MAX_DEPTH_LIMIT",
        "measured": 4,
        "limit": 3,
    }


def test_aliases(things: Subgraph, things_url: str) -> None:
    query = '{ a: thing(id: "1") { id } b: thing(id: "2") { n: name } c: thing(id: "3") { id } }'
    with gateway_with(things_url, max_aliases=3) as http:
        response = http.post("/graphql", json={"query": query})
    assert response.status_code == 400
    assert refused(response, things) == {
        "message": "The operation uses 4 aliases; the limit is 3.",
        "extensions": {"code": "MAX_ALIASES_LIMIT", "measured": 4, "limit": 3},
    }


def test_root_fields(things: Subgraph, things_url: str) -> None:
    query = "{ a: things(first: 1) { id } b: things(first: 1) { id } __typename }"
    with gateway_with(things_url, max_root_fields=2) as http:
        response = http.post("/graphql", json={"query": query})
    assert refused(response, things) == {
        "message": "The operation selects 3 root fields; the limit is 2.",
        "extensions": {"code": "MAX_ROOT_FIELDS_LIMIT", "measured": 3, "limit": 2},
    }


@pytest.mark.parametrize(
    ("query", "variables", "cost"),
    [
        # things: 20 x (1 + id 1 + parts 10 x (1 + id 1)) = 20 x 22
        ("{ things(first: 20) { id parts { id } } }", {}, 440),
        # the default list size (10) for `things`, parts sized 3: 10 x (1 + 3 x 2)
        ("{ things { parts(limit: 3) { id } } }", {}, 70),
        # sizes from variables, and from a variable's default
        (
            "query($n: Int, $m: Int = 4) { things(first: $n) { parts(limit: $m) { id } } }",
            {"n": 5},
            45,
        ),
    ],
)
def test_cost(
    things: Subgraph, things_url: str, query: str, variables: dict[str, int], cost: int
) -> None:
    with gateway_with(things_url, max_cost=cost - 1) as http:
        response = http.post("/graphql", json={"query": query, "variables": variables})
    assert refused(response, things) == {
        "message": f"The operation has an estimated cost of {cost}; the limit is {cost - 1}.",
        "extensions": {"code": "COST_ESTIMATED_TOO_EXPENSIVE", "measured": cost, "limit": cost - 1},
    }
    with gateway_with(things_url, max_cost=cost) as http:
        accepted = http.post("/graphql", json={"query": query, "variables": variables})
    assert accepted.status_code == 200
    assert "errors" not in accepted.json()


def test_cost_varies_with_variables_of_the_same_document(things: Subgraph, things_url: str) -> None:
    query = "query($n: Int) { things(first: $n) { id } }"
    with gateway_with(things_url, max_cost=50) as http:
        small = http.post("/graphql", json={"query": query, "variables": {"n": 2}})
        large = http.post("/graphql", json={"query": query, "variables": {"n": 30}})
    assert small.json() == {"data": {"things": [{"id": "0"}, {"id": "1"}]}}
    assert errors(large)[0]["extensions"] == {
        "code": "COST_ESTIMATED_TOO_EXPENSIVE",
        "measured": 60,
        "limit": 50,
    }


def test_fragment_bomb_is_stopped_without_expanding_it(things: Subgraph, things_url: str) -> None:
    fragments = ["fragment F0 on Thing { id name }"] + [
        f"fragment F{i} on Thing {{ ...F{i - 1} parts {{ ...F{i - 1} }} }}" for i in range(1, 40)
    ]
    query = "{ things { ...F39 } }\n" + "\n".join(fragments)
    with gateway_with(things_url, max_depth=100, max_cost=10_000) as http:
        response = http.post("/graphql", json={"query": query})
    assert refused(response, things) == {
        "message": "The operation expands to more than 10000 fields; the limit is 10000.",
        "extensions": {"code": "COST_ESTIMATED_TOO_EXPENSIVE", "measured": 10001, "limit": 10000},
    }


def test_introspection_lists_are_not_multiplied(things_url: str) -> None:
    query = "{ __schema { types { name fields { name args { type { name ofType { name } } } } } } }"
    with gateway_with(things_url, max_cost=20) as http:
        response = http.post("/graphql", json={"query": query})
    assert response.status_code == 200
    assert "Thing" in [t["name"] for t in response.json()["data"]["__schema"]["types"]]
