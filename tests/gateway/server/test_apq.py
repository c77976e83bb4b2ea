"""Automatic persisted queries, Apollo's protocol, over POST and GET."""

from __future__ import annotations

import hashlib
import json

import httpx

from tests.gateway.support.subgraph import Subgraph

from .conftest import errors, gateway_with

QUERY = "query Things { things(first: 2) { id } }"
SHA = hashlib.sha256(QUERY.encode()).hexdigest()
PERSISTED = {"persistedQuery": {"version": 1, "sha256Hash": SHA}}
DATA = {"data": {"things": [{"id": "0"}, {"id": "1"}]}}
PREFLIGHT = {"apollo-require-preflight": "true"}


def test_round_trip(client: httpx.Client, things: Subgraph) -> None:
    unknown = client.post("/graphql", json={"extensions": PERSISTED})
    assert unknown.status_code == 200
    assert unknown.headers["cache-control"] == "private, no-cache, must-revalidate"
    assert unknown.json() == {
        "errors": [
            {
                "message": "PersistedQueryNotFound",
                "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"},
            }
        ]
    }
    assert things.received == []
    registered = client.post("/graphql", json={"query": QUERY, "extensions": PERSISTED})
    assert registered.json() == DATA
    by_hash = client.get(
        "/graphql", params={"extensions": json.dumps(PERSISTED)}, headers=PREFLIGHT
    )
    assert by_hash.json() == DATA
    by_hash_post = client.post("/graphql", json={"extensions": PERSISTED})
    assert by_hash_post.json() == DATA
    assert len(things.received) == 3


def test_registration_over_get(client: httpx.Client) -> None:
    params = {"query": QUERY, "extensions": json.dumps(PERSISTED)}
    assert client.get("/graphql", params=params, headers=PREFLIGHT).json() == DATA
    params = {"extensions": json.dumps(PERSISTED)}
    assert client.get("/graphql", params=params, headers=PREFLIGHT).json() == DATA


def test_hash_mismatch(client: httpx.Client, things: Subgraph) -> None:
    wrong = {"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}}
    response = client.post("/graphql", json={"query": QUERY, "extensions": wrong})
    assert response.status_code == 400
    assert errors(response) == [
        {
            "message": "provided sha does not match query",
            "extensions": {"code": "PERSISTED_QUERY_HASH_MISMATCH"},
        }
    ]
    assert client.post("/graphql", json={"extensions": wrong}).status_code == 200
    assert things.received == []


def test_unsupported_version(client: httpx.Client) -> None:
    response = client.post(
        "/graphql", json={"extensions": {"persistedQuery": {"version": 2, "sha256Hash": SHA}}}
    )
    assert response.status_code == 400
    assert errors(response) == [
        {"message": "Unsupported persisted query version", "extensions": {"code": "BAD_REQUEST"}}
    ]


def test_cache_is_bounded(things_url: str) -> None:
    other = "{ things(first: 1) { id } }"
    other_ext = {
        "persistedQuery": {"version": 1, "sha256Hash": hashlib.sha256(other.encode()).hexdigest()}
    }
    with gateway_with(things_url, apq_cache_size=1) as http:
        http.post("/graphql", json={"query": QUERY, "extensions": PERSISTED})
        http.post("/graphql", json={"query": other, "extensions": other_ext})
        evicted = http.post("/graphql", json={"extensions": PERSISTED})
        kept = http.post("/graphql", json={"extensions": other_ext})
    assert errors(evicted)[0]["extensions"] == {"code": "PERSISTED_QUERY_NOT_FOUND"}
    assert kept.json() == {"data": {"things": [{"id": "0"}]}}


def test_can_be_switched_off(things_url: str) -> None:
    with gateway_with(things_url, apq_enabled=False) as http:
        response = http.post("/graphql", json={"query": QUERY, "extensions": PERSISTED})
    assert response.status_code == 200
    assert errors(response) == [
        {
            "message": "PersistedQueryNotSupported",
            "extensions": {"code": "PERSISTED_QUERY_NOT_SUPPORTED"},
        }
    ]
