"""The introspection switch, and bearer tokens checked at the edge."""

from __future__ import annotations

import httpx
import jwt
import pytest
from graphql import get_introspection_query

from services.common.auth import Role
from services.common.settings import Settings
from services.common.tokens import mint
from tests.gateway.support.subgraph import Subgraph

from .conftest import JWT_SECRET, errors, gateway_with

DISABLED = {
    "message": "GraphQL introspection is disabled on this gateway, "
    "but the operation selects __schema or __type.",
    "extensions": {"code": "INTROSPECTION_DISABLED"},
}


@pytest.mark.parametrize(
    "query",
    [
        "{ __schema { queryType { name } } }",
        '{ __type(name: "Thing") { name } }',
        "query { ...Q } fragment Q on Query { __schema { types { name } } }",
    ],
)
def test_introspection_off(things_url: str, query: str) -> None:
    with gateway_with(things_url, introspection=False) as http:
        response = http.post("/graphql", json={"query": query})
    assert response.status_code == 400
    assert errors(response) == [DISABLED]


def test_typename_is_always_allowed(things_url: str, things: Subgraph) -> None:
    with gateway_with(things_url, introspection=False) as http:
        response = http.post(
            "/graphql", json={"query": "{ __typename things(first: 1) { __typename id } }"}
        )
    assert response.json() == {
        "data": {"__typename": "Query", "things": [{"__typename": "Thing", "id": "0"}]}
    }


def test_introspection_on_by_default(client: httpx.Client) -> None:
    response = client.post("/graphql", json={"query": '{ __type(name: "Thing") { name } }'})
    assert response.json() == {"data": {"__type": {"name": "Thing"}}}


def bearer(secret: str) -> dict[str, str]:
    return {"authorization": f"Bearer {mint(Settings(jwt_secret=secret), Role.VIEWER)}"}


def with_roles(roles: object) -> dict[str, str]:
    """A token correctly signed for this gateway whose `roles` claim is `roles`."""
    claims = {
        "sub": "x",
        "exp": 4102444800,
        "iss": "icld-dev",
        "aud": "icld-platform",
        "roles": roles,
    }
    return {"authorization": f"Bearer {jwt.encode(claims, JWT_SECRET)}"}


MALFORMED_ROLES = (
    "invalid token: the 'roles' claim must be a list of role names "
    "(admin, officer, coordinator, viewer, researcher, advisor)"
)


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        (
            bearer("another-secret-of-at-least-32-bytes!!"),
            "invalid token: Signature verification failed",
        ),
        ({"authorization": "Bearer not-a-jwt"}, "invalid token: Not enough segments"),
        ({"authorization": "Basic dXNlcjpwdw=="}, "expected 'Authorization: Bearer <token>'"),
        (with_roles(5), MALFORMED_ROLES),
        (with_roles([["admin"]]), MALFORMED_ROLES),
        (with_roles({"admin": True}), MALFORMED_ROLES),
        (with_roles("admin"), MALFORMED_ROLES),
    ],
)
def test_invalid_token_is_refused(
    client: httpx.Client, things: Subgraph, headers: dict[str, str], message: str
) -> None:
    response = client.post("/graphql", json={"query": "{ __typename }"}, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert errors(response) == [{"message": message, "extensions": {"code": "UNAUTHENTICATED"}}]
    assert things.received == []


def test_valid_and_missing_tokens_pass(client: httpx.Client, things: Subgraph) -> None:
    query = {"query": "{ things(first: 1) { id } }"}
    assert client.post("/graphql", json=query, headers=bearer(JWT_SECRET)).status_code == 200
    assert client.post("/graphql", json=query).status_code == 200
    assert len(things.received) == 2


def test_without_a_secret_tokens_are_left_to_the_subgraphs(
    things_url: str, things: Subgraph
) -> None:
    with gateway_with(things_url, jwt_secret="") as http:
        response = http.post(
            "/graphql",
            json={"query": "{ things(first: 1) { id } }"},
            headers={"authorization": "Bearer not-a-jwt"},
        )
    assert response.status_code == 200
    assert things.received[0].headers["authorization"] == "Bearer not-a-jwt"


def test_graphiql_introspection_query_is_within_the_default_limits(client: httpx.Client) -> None:
    query = get_introspection_query(
        descriptions=True,
        specified_by_url=True,
        directive_is_repeatable=True,
        schema_description=True,
        input_value_deprecation=True,
    )
    response = client.post("/graphql", json={"query": query, "operationName": "IntrospectionQuery"})
    assert response.status_code == 200
    body = response.json()
    assert "errors" not in body
    assert body["data"]["__schema"]["queryType"] == {"name": "Query", "kind": "OBJECT"}
