"""CSRF prevention: only requests a browser must have preflighted are executed."""

from __future__ import annotations

import httpx
import pytest

from tests.gateway.support.subgraph import Subgraph

from .conftest import errors, gateway_with

BLOCKED = (
    "This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). "
    "Please either specify a 'content-type' header (with a type that is not one of "
    "application/x-www-form-urlencoded, multipart/form-data, text/plain) or provide a "
    "non-empty value for one of the following headers: x-apollo-operation-name, "
    "apollo-require-preflight"
)
QUERY = {"query": "{ things(first: 1) { id } }"}


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "text/plain;charset=utf-8",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
    ],
)
def test_simple_post_is_blocked(client: httpx.Client, things: Subgraph, content_type: str) -> None:
    response = client.post("/graphql", json=QUERY, headers={"content-type": content_type})
    assert response.status_code == 400
    assert errors(response) == [{"message": BLOCKED, "extensions": {"code": "BAD_REQUEST"}}]
    assert things.received == []


def test_get_without_preflight_header_is_blocked(client: httpx.Client, things: Subgraph) -> None:
    response = client.get("/graphql", params=QUERY)
    assert response.status_code == 400
    assert errors(response) == [{"message": BLOCKED, "extensions": {"code": "BAD_REQUEST"}}]
    assert things.received == []


@pytest.mark.parametrize(
    "headers",
    [
        {"x-apollo-operation-name": "Things"},
        {"apollo-require-preflight": "true"},
        {"content-type": "application/json"},
    ],
)
def test_get_with_a_preflighted_header_runs(client: httpx.Client, headers: dict[str, str]) -> None:
    response = client.get("/graphql", params=QUERY, headers={**headers})
    assert response.json() == {"data": {"things": [{"id": "0"}]}}


def test_empty_preflight_header_does_not_count(client: httpx.Client) -> None:
    response = client.get("/graphql", params=QUERY, headers={"apollo-require-preflight": ""})
    assert response.status_code == 400


def test_can_be_switched_off(things_url: str) -> None:
    with gateway_with(things_url, csrf_prevention=False) as http:
        response = http.get("/graphql", params=QUERY)
    assert response.json() == {"data": {"things": [{"id": "0"}]}}
