"""GraphQL over HTTP at /graphql: methods, media types, request ids, parse and operation
errors, forwarding to the subgraph."""

from __future__ import annotations

import logging
import re

import httpx
import pytest

from gateway.server.sources import StaticSupergraph
from services.common.auth import Role
from services.common.settings import Settings
from services.common.tokens import mint
from tests.gateway.support.serving import unreachable_url
from tests.gateway.support.subgraph import Subgraph

from .conftest import JWT_SECRET, SlowGate, errors, gateway, gateway_with, settings, supergraph

JSON = {"content-type": "application/json"}
TWO_THINGS = {"data": {"things": [{"id": "0", "name": "thing 0"}, {"id": "1", "name": "thing 1"}]}}


def test_post_query(client: httpx.Client, things: Subgraph) -> None:
    response = client.post("/graphql", json={"query": "{ things(first: 2) { id name } }"})
    assert response.status_code == 200
    assert response.json() == TWO_THINGS
    assert response.headers["content-type"] == "application/json"
    assert re.fullmatch(r"[0-9a-f]{32}", response.headers["x-request-id"])
    (fetch,) = things.received
    assert fetch.headers["x-request-id"] == response.headers["x-request-id"]
    assert "authorization" not in fetch.headers


def test_graphql_response_json_when_accepted(client: httpx.Client) -> None:
    response = client.post(
        "/graphql",
        json={"query": "{ things(first: 2) { id name } }"},
        headers={"accept": "application/graphql-response+json, application/json;q=0.9"},
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/graphql-response+json"
    assert response.json() == TWO_THINGS


def test_variables_and_named_operation(client: httpx.Client) -> None:
    response = client.post(
        "/graphql",
        json={
            "query": "query A { things(first: 1) { id } } "
            "query B($id: ID!) { thing(id: $id) { name } }",
            "operationName": "B",
            "variables": {"id": "7"},
        },
    )
    assert response.json() == {"data": {"thing": {"name": "thing 7"}}}


def test_mutation_over_post(client: httpx.Client, things: Subgraph) -> None:
    response = client.post(
        "/graphql", json={"query": 'mutation { rename(id: "3", name: "new") { id name } }'}
    )
    assert response.json() == {"data": {"rename": {"id": "3", "name": "new"}}}
    assert len(things.received) == 1


def test_request_id_and_authorization_are_forwarded(client: httpx.Client, things: Subgraph) -> None:
    token = mint(Settings(jwt_secret=JWT_SECRET), Role.OFFICER)
    response = client.post(
        "/graphql",
        json={"query": "{ things(first: 2) { id name } }"},
        headers={"x-request-id": "req-42", "authorization": f"Bearer {token}"},
    )
    assert response.json() == TWO_THINGS
    assert response.headers["x-request-id"] == "req-42"
    (fetch,) = things.received
    assert fetch.headers["x-request-id"] == "req-42"
    assert fetch.headers["authorization"] == f"Bearer {token}"


def test_unusable_request_id_is_replaced(client: httpx.Client, things: Subgraph) -> None:
    response = client.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"x-request-id": "a b"}
    )
    assert response.json() == {"data": {"__typename": "Query"}}
    assert re.fullmatch(r"[0-9a-f]{32}", response.headers["x-request-id"])


def test_get_query(client: httpx.Client) -> None:
    response = client.get(
        "/graphql",
        params={
            "query": "query($n: Int) { things(first: $n) { id name } }",
            "variables": '{"n":2}',
        },
        headers={"apollo-require-preflight": "true"},
    )
    assert response.status_code == 200
    assert response.json() == TWO_THINGS


def test_get_mutation_is_refused(client: httpx.Client, things: Subgraph) -> None:
    response = client.get(
        "/graphql",
        params={"query": 'mutation { rename(id: "1", name: "x") { id } }'},
        headers={"apollo-require-preflight": "true"},
    )
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert errors(response) == [
        {
            "message": "GET requests only support query operations, not mutation operations",
            "extensions": {"code": "BAD_REQUEST"},
        }
    ]
    assert things.received == []


def test_syntax_error(client: httpx.Client, things: Subgraph) -> None:
    response = client.post("/graphql", json={"query": "{ things { id }"})
    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "message": "Syntax Error: Expected Name, found <EOF>.",
                "locations": [{"line": 1, "column": 16}],
                "extensions": {"code": "GRAPHQL_PARSE_FAILED"},
            }
        ]
    }
    assert things.received == []


def test_validation_error_is_a_400_without_data(client: httpx.Client, things: Subgraph) -> None:
    response = client.post("/graphql", json={"query": "{ things { nam } }"})
    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "message": "Cannot query field 'nam' on type 'Thing'. Did you mean 'name'?",
                "locations": [{"line": 1, "column": 12}],
                "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"},
            }
        ]
    }
    assert things.received == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            {"query": "query A { __typename } query B { __typename }"},
            "Must provide operation name if query contains multiple operations.",
        ),
        (
            {"query": "query A { __typename }", "operationName": "C"},
            'Unknown operation named "C".',
        ),
        ({"query": "fragment F on Query { __typename }"}, "Must provide an operation."),
    ],
)
def test_operation_that_cannot_be_picked(
    client: httpx.Client, body: dict[str, str], message: str
) -> None:
    response = client.post("/graphql", json=body)
    assert response.status_code == 400
    assert errors(response) == [
        {"message": message, "extensions": {"code": "OPERATION_RESOLUTION_FAILURE"}}
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{nope", "the request body is not valid JSON: "),
        (b'[{"query": "{ __typename }"}]', "batched operations are not supported"),
        (b'"text"', "the request body must be a JSON object"),
        (b'{"query": 5}', "`query` must be a string"),
        (b'{"query": "{ __typename }", "variables": [1]}', "`variables` must be a JSON object"),
        (
            b'{"variables": {}}',
            "GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension.",
        ),
    ],
)
def test_malformed_requests(
    client: httpx.Client, things: Subgraph, content: bytes, message: str
) -> None:
    response = client.post("/graphql", content=content, headers=JSON)
    assert response.status_code == 400
    (error,) = errors(response)
    assert error["message"].startswith(message)
    assert error["extensions"] == {"code": "BAD_REQUEST"}
    assert things.received == []


def test_post_must_be_json(client: httpx.Client) -> None:
    response = client.post(
        "/graphql",
        content=b"{ __typename }",
        headers={"content-type": "text/plain", "apollo-require-preflight": "1"},
    )
    assert response.status_code == 415
    assert errors(response) == [
        {
            "message": "POST requests must have Content-Type: application/json",
            "extensions": {"code": "BAD_REQUEST"},
        }
    ]


def test_unreachable_subgraph_gives_partial_data() -> None:
    with gateway(StaticSupergraph(supergraph(unreachable_url())), settings()) as http:
        response = http.post("/graphql", json={"query": '{ thing(id: "1") { name } }'})
    assert response.status_code == 200
    body = response.json()
    assert body["data"] == {"thing": None}
    assert [(e["path"], e["extensions"]["code"]) for e in body["errors"]] == [
        (["thing"], "SUBGRAPH_UNAVAILABLE")
    ]


def test_one_log_line_per_request_without_the_query(
    client: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="gateway.server.graphql_endpoint"):
        client.post(
            "/graphql",
            json={"query": "query Named { things(first: 2) { id name } }"},
            headers={"x-request-id": "logged-1"},
        )
    (record,) = [r for r in caplog.records if r.name == "gateway.server.graphql_endpoint"]
    assert record.getMessage() == "graphql request"
    assert (record.method, record.operation_name, record.status) == ("POST", "Named", 200)  # type: ignore[attr-defined]
    assert isinstance(record.duration_ms, float)  # type: ignore[attr-defined]
    assert "things" not in str(vars(record))


def test_operation_timeout(things_url: str, slow_gate: SlowGate) -> None:
    try:
        with gateway_with(things_url, request_timeout_s=0.3) as http:
            response = http.post("/graphql", json={"query": "{ slow(ms: 1) }"})
    finally:
        slow_gate.gate.set()
    assert response.status_code == 504
    assert errors(response) == [
        {
            "message": "The operation did not complete within 0.3 s.",
            "extensions": {"code": "GATEWAY_TIMEOUT"},
        }
    ]
