"""Subgraphs trust nobody: `/graphql` answers only the gateway (its credential), `_entities`
needs a valid token as every root field does, and a representation the service cannot
resolve is a client error with a code, in every service."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import jwt
import pytest

from gateway.composition import SubgraphSdlUnavailable, fetch_subgraph_sdl
from gateway.settings import GatewaySettings
from services.common.app import create_app
from services.common.auth import Role
from services.common.gateway_credential import HEADER, GatewayOnly
from services.common.service import ServiceSpec
from services.common.settings import DEV_SUBGRAPH_SECRET, InsecureSettings, Settings
from services.finance.service import SPEC as FINANCE
from services.networks.service import SPEC as NETWORKS
from services.partnerships.service import SPEC as PARTNERSHIPS
from services.training.service import SPEC as TRAINING

from ..gateway.end_to_end.stack import served
from ..support.services import RunningService, error_codes, running_service

ENTITIES = "query($r: [_Any!]!) { _entities(representations: $r) { __typename } }"
# A type each service defines as an entity (an extension of another's or its own).
ENTITY_OF = {"partnerships": "Organisation", "networks": "Partnership", "training": "Person"}
ENTITY_OF["finance"] = "Partnership"
SPECS = [PARTNERSHIPS, NETWORKS, TRAINING, FINANCE]
OLD_SECRET = "the-gateway-credential-being-rotated-out-0123"
NEW_SECRET = "the-gateway-credential-being-rotated-in-45678"


@pytest.fixture(params=SPECS, ids=lambda spec: spec.name)
async def service(
    request: pytest.FixtureRequest, mongo_url: str, broker_url: str, unique: str
) -> AsyncIterator[RunningService]:
    spec: ServiceSpec[Any] = request.param
    async with running_service(spec, mongo_url, broker_url, f"test-{unique}") as running:
        yield running


def bad_tokens(settings: Settings) -> dict[str, str]:
    """Tokens every root field refuses: forged, expired, unsigned (`alg: none`)."""
    now = datetime.now(UTC)
    claims = {
        "sub": "mallory",
        "roles": ["admin"],
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "exp": now + timedelta(hours=1),
    }
    return {
        "forged": jwt.encode(claims, "a-secret-the-services-never-had-0123456789"),
        "expired": jwt.encode({**claims, "exp": now - timedelta(minutes=5)}, settings.jwt_secret),
        "alg=none": jwt.encode(claims, "", algorithm="none"),
    }


async def test_entities_need_a_valid_token_as_root_fields_do(service: RunningService) -> None:
    typename = ENTITY_OF[service.runtime.spec.name]
    representations = [{"__typename": typename, "id": "some-id"}]
    anonymous = await service.graphql(ENTITIES, {"r": representations}, role=None)
    assert anonymous["data"] is None
    assert error_codes(anonymous) == ["UNAUTHENTICATED"]
    for kind, token in bad_tokens(service.settings).items():
        body = await service.graphql(ENTITIES, {"r": representations}, token=token)
        assert body["data"] is None, kind
        assert error_codes(body) == ["UNAUTHENTICATED"], kind

    signed_in = await service.data(ENTITIES, {"r": representations}, role=Role.VIEWER)
    assert len(signed_in["_entities"]) == 1


async def test_partnerships_entities_leak_nothing_without_a_valid_token(
    mongo_url: str, broker_url: str, unique: str
) -> None:
    async with running_service(PARTNERSHIPS, mongo_url, broker_url, f"test-{unique}") as service:
        created = await service.data(
            """mutation { createOrganisation(input: {name: "Kibaha", kind: MUNICIPALITY,
                 country: "TZ"}) { organisation { id } } }"""
        )
        org_id = created["createOrganisation"]["organisation"]["id"]
        query = """query($r: [_Any!]!) {
          _entities(representations: $r) { ... on Organisation { id name } } }"""
        representations = [{"__typename": "Organisation", "id": org_id}]
        root = "query($id: ID!) { organisation(id: $id) { name } }"
        for token in [None, *bad_tokens(service.settings).values()]:
            by_root = await service.graphql(root, {"id": org_id}, role=None, token=token)
            by_entities = await service.graphql(
                query, {"r": representations}, role=None, token=token
            )
            assert error_codes(by_root) == error_codes(by_entities) == ["UNAUTHENTICATED"]
            assert "Kibaha" not in str(by_entities)

        allowed = await service.data(query, {"r": representations}, role=Role.VIEWER)
        assert allowed["_entities"] == [{"id": org_id, "name": "Kibaha"}]


async def test_unknown_or_malformed_representations_are_bad_user_input(
    service: RunningService,
) -> None:
    typename = ENTITY_OF[service.runtime.spec.name]
    representations: list[Any] = [
        {"__typename": typename, "id": "x"},
        {"__typename": "NoSuchType", "id": "x"},
        {"__typename": "Query", "id": "x"},
        {"id": "x"},
        "Organisation:x",
        {"__typename": typename},
        {"__typename": typename, "id": "x", "extra": 1},
        {"__typename": typename, "id": {"$ne": None}},
    ]
    body = await service.graphql(ENTITIES, {"r": representations}, role=Role.VIEWER)

    # The first resolves (to its entity, or to null where the service owns the type and
    # has no such object); each of the others is an error in its place.
    assert body["data"]["_entities"][1:] == [None] * 7
    errors = sorted(body["errors"], key=lambda e: e["path"][1])
    assert [e["path"] for e in errors] == [["_entities", i] for i in range(1, 8)]
    assert {e["extensions"]["code"] for e in errors} == {"BAD_USER_INPUT"}
    assert errors[0]["message"].startswith("unknown entity type 'NoSuchType': this service")
    assert typename in errors[0]["message"]


async def test_graphql_answers_only_the_gateway(service: RunningService) -> None:
    bare = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_app(service.runtime)), base_url="http://test"
    )
    async with bare:
        query = {"query": "{ _service { sdl } }"}
        for headers in ({}, {HEADER: "wrong"}, {HEADER: ""}):
            refused = await bare.post("/graphql", json=query, headers=headers)
            assert refused.status_code == 401, headers
            error = refused.json()["errors"][0]
            assert error["extensions"] == {"code": "UNAUTHENTICATED"}
            assert "answers only the gateway" in error["message"]
            assert "sdl" not in refused.text
        assert (await bare.get("/graphql?query={__typename}")).status_code == 401

        for open_path in ("/health/live", "/health/ready", "/metrics"):
            assert (await bare.get(open_path)).status_code == 200, open_path

    # The harness calls as the gateway does (tests/support/services.py: as_gateway).
    sdl = await service.data("{ _service { sdl } }", role=None)
    assert "@key" in sdl["_service"]["sdl"]


async def test_the_gateway_fetches_the_sdl_with_its_credential(
    mongo_url: str, broker_url: str, unique: str
) -> None:
    async with (
        running_service(NETWORKS, mongo_url, broker_url, f"test-{unique}") as service,
        served(service) as url,
    ):
        with pytest.raises(SubgraphSdlUnavailable, match="HTTP status 401: This service answers"):
            await fetch_subgraph_sdl("networks", url)
        headers = GatewaySettings().subgraph_headers
        assert (
            '@key(fields: "id")' in (await fetch_subgraph_sdl("networks", url, headers=headers)).sdl
        )


async def test_during_a_rotation_a_service_admits_the_current_and_the_previous_credential(
    mongo_url: str, broker_url: str, unique: str
) -> None:
    """SUBGRAPH_SECRET rotated: the service has the new value and the previous one, so the
    gateways with either are answered while they are given the new one; nothing else is."""
    rotation = {"subgraph_secret": NEW_SECRET, "subgraph_secret_previous": OLD_SECRET}
    async with (
        running_service(NETWORKS, mongo_url, broker_url, f"test-{unique}", **rotation) as service,
        served(service) as url,
    ):
        for secret in (NEW_SECRET, OLD_SECRET):
            sdl = (await fetch_subgraph_sdl("networks", url, headers={HEADER: secret})).sdl
            assert '@key(fields: "id")' in sdl
        for refused in (
            "a-third-secret-nobody-was-given-0123456789",
            DEV_SUBGRAPH_SECRET,
            NEW_SECRET + OLD_SECRET,
            NEW_SECRET[:-1],
            "",
        ):
            with pytest.raises(SubgraphSdlUnavailable, match="HTTP status 401"):
                await fetch_subgraph_sdl("networks", url, headers={HEADER: refused})
        async with httpx.AsyncClient() as client:
            both = await client.post(
                url,
                json={"query": "{ _service { sdl } }"},
                headers=[(HEADER, NEW_SECRET), (HEADER, OLD_SECRET)],
            )
        assert both.status_code == 401


def test_production_refuses_the_development_gateway_credential() -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        raise AssertionError("never reached")

    def settings(secret: str, previous: str = "") -> Settings:
        return Settings(
            environment="production", subgraph_secret=secret, subgraph_secret_previous=previous
        )

    with pytest.raises(InsecureSettings, match="SUBGRAPH_SECRET is the built-in"):
        GatewayOnly(app, settings(DEV_SUBGRAPH_SECRET))
    with pytest.raises(InsecureSettings, match="SUBGRAPH_SECRET_PREVIOUS is the built-in"):
        GatewayOnly(app, settings(NEW_SECRET, DEV_SUBGRAPH_SECRET))
    GatewayOnly(app, settings(NEW_SECRET, OLD_SECRET))
    GatewayOnly(app, Settings(environment="development"))
