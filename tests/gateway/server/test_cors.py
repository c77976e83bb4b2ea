"""CORS at /graphql, over HTTP against a served gateway: preflights and the headers of actual
requests, for an allowed and for any other origin; nothing at all when no origin is set."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.gateway.support.subgraph import Subgraph

from .conftest import gateway_with

CONSOLE = "https://console.icld.example"
STRANGER = "https://evil.example"
QUERY = {"query": "{ things(first: 1) { id } }"}
ALLOW_HEADERS = (
    "accept, authorization, content-type, x-request-id, idempotency-key, "
    "x-apollo-operation-name, apollo-require-preflight"
)


@pytest.fixture
def cors(things_url: str, things: Subgraph) -> Iterator[httpx.Client]:
    with gateway_with(
        things_url,
        cors_origins=[CONSOLE, "http://127.0.0.1:5173"],
        cors_allow_credentials=True,
        cors_max_age_s=300,
    ) as http:
        yield http


def cors_headers(response: httpx.Response) -> dict[str, str]:
    return {
        name: value
        for name, value in response.headers.items()
        if name.startswith("access-control-") or name == "vary"
    }


def preflight(origin: str, method: str = "POST", headers: str = "") -> dict[str, str]:
    request = {"origin": origin, "access-control-request-method": method}
    if headers:
        request["access-control-request-headers"] = headers
    return request


def test_preflight_from_an_allowed_origin(cors: httpx.Client) -> None:
    requested = "content-type, authorization, x-request-id, apollo-require-preflight"

    response = cors.options("/graphql", headers=preflight(CONSOLE, "POST", requested))

    assert response.status_code == 204
    assert cors_headers(response) == {
        "access-control-allow-origin": CONSOLE,
        "vary": "Origin",
        "access-control-allow-credentials": "true",
        "access-control-allow-methods": "GET, POST",
        "access-control-allow-headers": ALLOW_HEADERS,
        "access-control-max-age": "300",
    }
    get = cors.options("/graphql", headers=preflight("http://127.0.0.1:5173", "GET"))
    assert get.status_code == 204
    assert get.headers["access-control-allow-origin"] == "http://127.0.0.1:5173"


@pytest.mark.parametrize(
    ("request_headers", "reason"),
    [
        (preflight(STRANGER, "POST", "content-type"), "Disallowed CORS origin"),
        (preflight(CONSOLE.replace("https", "http"), "POST"), "Disallowed CORS origin"),
        (preflight(CONSOLE, "PUT"), "Disallowed CORS method"),
        (preflight(CONSOLE, "POST", "content-type, x-secret"), "Disallowed CORS headers"),
    ],
    ids=["other-origin", "other-scheme", "method", "header"],
)
def test_refused_preflights_carry_no_cors_headers(
    cors: httpx.Client, request_headers: dict[str, str], reason: str
) -> None:
    response = cors.options("/graphql", headers=request_headers)

    assert (response.status_code, response.text) == (400, reason)
    assert cors_headers(response) == {"vary": "Origin"}


def test_an_allowed_origins_request_may_read_the_response(
    cors: httpx.Client, things: Subgraph
) -> None:
    response = cors.post("/graphql", json=QUERY, headers={"origin": CONSOLE})

    assert response.json() == {"data": {"things": [{"id": "0"}]}}
    assert cors_headers(response) == {
        "access-control-allow-origin": CONSOLE,
        "vary": "Origin",
        "access-control-allow-credentials": "true",
        "access-control-expose-headers": "x-request-id, www-authenticate",
    }


def test_an_allowed_origin_may_read_errors_too(cors: httpx.Client) -> None:
    response = cors.post(
        "/graphql", json=QUERY, headers={"origin": CONSOLE, "authorization": "Bearer not-a-jwt"}
    )

    assert response.status_code == 401
    assert response.headers["access-control-allow-origin"] == CONSOLE


def test_other_origins_get_no_cors_headers(cors: httpx.Client, things: Subgraph) -> None:
    response = cors.post("/graphql", json=QUERY, headers={"origin": STRANGER})
    without_origin = cors.post("/graphql", json=QUERY)

    # Served (CORS is not access control: the browser withholds it from the page) …
    assert response.json() == {"data": {"things": [{"id": "0"}]}}
    # … with nothing that lets the page read it.
    assert cors_headers(response) == {"vary": "Origin"}
    assert cors_headers(without_origin) == {"vary": "Origin"}


def test_a_plain_options_request_lists_the_methods(cors: httpx.Client) -> None:
    response = cors.options("/graphql")

    assert response.status_code == 204
    assert response.headers["allow"] == "GET, POST, OPTIONS"


def test_without_origins_there_is_no_cors(client: httpx.Client, things: Subgraph) -> None:
    response = client.post("/graphql", json=QUERY, headers={"origin": CONSOLE})
    refused = client.options("/graphql", headers=preflight(CONSOLE))

    assert response.status_code == 200
    assert cors_headers(response) == {}
    assert refused.status_code == 405
    assert cors_headers(refused) == {}
