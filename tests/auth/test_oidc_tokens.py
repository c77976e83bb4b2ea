"""Access tokens of a real OpenID Connect provider, signed in through Authorization Code +
PKCE, at a real service (partnerships, on a socket) and at `python -m gateway` in front of it.

Both are configured as production would be (`OIDC_ISSUER`), except that a token with an
unknown key id may refetch the provider's keys at any time (`OIDC_JWKS_REFETCH_INTERVAL_S=0`),
so that the rotation test does not wait out the interval; the interval itself is tested with
a clock the test controls (test_key_set.py).
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from services.partnerships.service import SPEC as PARTNERSHIPS
from tests.gateway.end_to_end.stack import gateway_process, served
from tests.support.oidc import OidcProvider
from tests.support.services import RunningService, running_service

ROLE_NAMES = "(admin, officer, coordinator, viewer, researcher, advisor)"
CREATE = """
mutation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { organisation { id name version auditTrail { actor } } }
}"""
UPDATE = """
mutation($input: UpdateOrganisationInput!) {
  updateOrganisation(input: $input) { organisation { name version } }
}"""
COUNT = "{ organisations { totalCount } }"


@dataclass
class Edge:
    service: RunningService
    gateway: httpx.AsyncClient

    async def via_gateway(
        self, query: str, variables: dict[str, Any], token: str
    ) -> tuple[int, Any]:
        response = await self.gateway.post(
            "/graphql",
            json={"query": query, "variables": variables},
            headers={"authorization": f"Bearer {token}"},
        )
        return response.status_code, response.json()

    async def via_service(self, query: str, variables: dict[str, Any], token: str) -> Any:
        return await self.service.graphql(query, variables, token=token)


@pytest.fixture(scope="module")
async def edge(
    oidc: OidcProvider, mongo_url: str, broker_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Edge]:
    log = tmp_path_factory.mktemp("oidc-edge") / "gateway.log"
    prefix = f"test-{uuid.uuid4().hex[:10]}"
    async with AsyncExitStack() as exits:
        service = await exits.enter_async_context(
            running_service(
                PARTNERSHIPS,
                mongo_url,
                broker_url,
                prefix,
                oidc_issuer=oidc.issuer,
                oidc_jwks_refetch_interval_s=0,
            )
        )
        url = await exits.enter_async_context(served(service))
        env = {"OIDC_ISSUER": oidc.issuer, "OIDC_JWKS_REFETCH_INTERVAL_S": "0"}
        gateway = await exits.enter_async_context(gateway_process({"partnerships": url}, log, env))
        yield Edge(service, gateway)


async def sign_in(provider: OidcProvider, login: str) -> str:
    """The provider's access token for `login` (the flow's HTTP is blocking: off the loop)."""
    return await asyncio.to_thread(provider.token, login)


def organisation(name: str) -> dict[str, Any]:
    return {"input": {"name": name, "kind": "MUNICIPALITY", "country": "SE"}}


async def test_an_officer_signed_in_at_the_provider_works_through_gateway_and_service(
    edge: Edge, oidc: OidcProvider
) -> None:
    token = await sign_in(oidc, "officer")
    assert jwt.decode(token, options={"verify_signature": False})["roles"] == ["officer"]

    status, body = await edge.via_gateway(CREATE, organisation("Region Gotland"), token)
    direct = await edge.via_service(CREATE, organisation("Kibaha"), token)

    assert status == 200
    created = body["data"]["createOrganisation"]["organisation"]
    assert (created["name"], created["auditTrail"]) == ("Region Gotland", [{"actor": "officer"}])
    created = direct["data"]["createOrganisation"]["organisation"]
    assert (created["name"], created["auditTrail"]) == ("Kibaha", [{"actor": "officer"}])


async def test_a_coordinator_acts_only_for_its_own_organisation(
    edge: Edge, oidc: OidcProvider
) -> None:
    officer = await sign_in(oidc, "officer")
    own = (await edge.via_service(CREATE, organisation("Machakos"), officer))["data"]
    other = (await edge.via_service(CREATE, organisation("Robertsfors"), officer))["data"]
    own, other = (
        own["createOrganisation"]["organisation"],
        other["createOrganisation"]["organisation"],
    )
    coordinator = await sign_in(oidc, f"coordinator:{own['id']}")

    rename_own = {"input": {"id": own["id"], "version": own["version"], "name": "Machakos County"}}
    status, renamed = await edge.via_gateway(UPDATE, rename_own, coordinator)
    assert (status, renamed) == (
        200,
        {
            "data": {
                "updateOrganisation": {"organisation": {"name": "Machakos County", "version": 2}}
            }
        },
    )

    rename_other = {"input": {"id": other["id"], "version": other["version"], "name": "Mine"}}
    status, refused = await edge.via_gateway(UPDATE, rename_other, coordinator)
    assert status == 200
    assert refused["data"] is None
    assert [e["extensions"]["code"] for e in refused["errors"]] == ["FORBIDDEN"]
    direct = await edge.via_service(UPDATE, rename_other, coordinator)
    assert direct["errors"][0]["message"] == (
        "you may act only for your own organisation and its partnerships"
    )

    viewer = await sign_in(oidc, "viewer")
    status, body = await edge.via_gateway(CREATE, organisation("Stellenbosch"), viewer)
    assert [e["extensions"]["code"] for e in body["errors"]] == ["FORBIDDEN"]
    assert (await edge.via_gateway(COUNT, {}, viewer))[0] == 200


async def test_a_rotated_signing_key_is_picked_up_without_a_restart(
    edge: Edge, oidc: OidcProvider
) -> None:
    before = await sign_in(oidc, "officer")
    assert (await edge.via_gateway(COUNT, {}, before))[0] == 200
    assert "errors" not in await edge.via_service(COUNT, {}, before)

    new_kid = await asyncio.to_thread(oidc.rotate_keys)
    after = await sign_in(oidc, "officer")

    assert jwt.get_unverified_header(after)["kid"] == new_kid
    assert jwt.get_unverified_header(before)["kid"] != new_kid
    status, body = await edge.via_gateway(COUNT, {}, after)
    assert (status, "errors" in body) == (200, False), body
    assert "errors" not in await edge.via_service(COUNT, {}, after)
    # Tokens signed before the rotation stay valid while the old key is published.
    assert (await edge.via_gateway(COUNT, {}, before))[0] == 200


def valid_claims(provider: OidcProvider, **changes: Any) -> dict[str, Any]:
    now = int(time.time())
    claims = {
        "iss": provider.issuer,
        "aud": provider.audience,
        "sub": "officer",
        "roles": ["officer"],
        "iat": now,
        "exp": now + 3600,
    }
    return {**claims, **changes}


async def test_a_token_forged_with_the_providers_key_is_accepted(
    edge: Edge, oidc: OidcProvider
) -> None:
    """The control for the refusals below: each forged token differs in one respect."""
    token = oidc.sign(valid_claims(oidc))
    assert (await edge.via_gateway(COUNT, {}, token))[0] == 200
    assert "errors" not in await edge.via_service(COUNT, {}, token)


def not_accepted_algorithms(issuer: str) -> str:
    return (
        f"invalid token: tokens of {issuer} must be signed with one of "
        "ES256, ES384, ES512, EdDSA, PS256, PS384, PS512, RS256, RS384, RS512"
    )


REFUSED: list[tuple[str, str]] = [
    ("another-issuer", "invalid token: tokens of this issuer are not accepted"),
    ("expired", "invalid token: Signature has expired"),
    ("wrong-audience", "invalid token: Audience doesn't match"),
    ("alg-none", "<algorithms>"),
    ("hs256-with-the-platform-secret", "<algorithms>"),
    ("another-key-under-a-known-kid", "invalid token: Signature verification failed"),
    ("unknown-kid", "invalid token: no signing key of <issuer> matches the token's kid"),
    (
        "roles-a-string",
        f"invalid token: the 'roles' claim must be a list of role names {ROLE_NAMES}",
    ),
    (
        "roles-an-object",
        f"invalid token: the 'roles' claim must be a list of role names {ROLE_NAMES}",
    ),
    (
        "unknown-role",
        "invalid token: unknown role in the 'roles' claim: 'superuser' "
        "(known roles: admin, officer, coordinator, viewer, researcher, advisor)",
    ),
    ("org-a-number", "invalid token: the 'org' claim must be an organisation id (a string)"),
]


async def refused_token(case: str, oidc: OidcProvider, other_oidc: OidcProvider) -> str:
    """Tokens the provider itself signs where it can (the bad claims come from its accounts),
    forged with its key only for what it would never issue."""
    match case:
        case "another-issuer":
            return await sign_in(other_oidc, "admin")
        case "expired":
            past = int(time.time()) - 7200
            return oidc.sign(valid_claims(oidc, iat=past, exp=past + 60))
        case "wrong-audience":
            return oidc.sign(valid_claims(oidc, aud="another-api"))
        case "alg-none":
            kid, _ = oidc.signing_key()
            return jwt.encode(valid_claims(oidc), "", algorithm="none", headers={"kid": kid})
        case "hs256-with-the-platform-secret":
            return jwt.encode(
                valid_claims(oidc), "icld-development-secret-do-not-use-in-production"
            )
        case "another-key-under-a-known-kid":
            kid, _ = oidc.signing_key()
            stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            return jwt.encode(valid_claims(oidc), stranger, "RS256", headers={"kid": kid})
        case "unknown-kid":
            return oidc.sign(valid_claims(oidc), kid="made-up")
        case "roles-a-string":
            return await sign_in(oidc, 'claims:{"roles": "admin"}')
        case "roles-an-object":
            return await sign_in(oidc, 'claims:{"roles": {"admin": true}}')
        case "unknown-role":
            return await sign_in(oidc, 'claims:{"roles": ["officer", "superuser"]}')
        case "org-a-number":
            return await sign_in(oidc, 'claims:{"roles": ["coordinator"], "org": 7}')
    raise AssertionError(case)


@pytest.mark.parametrize(("case", "message"), REFUSED, ids=[case for case, _ in REFUSED])
async def test_refused_tokens_are_unauthenticated_at_the_gateway_and_the_service(
    edge: Edge, oidc: OidcProvider, other_oidc: OidcProvider, case: str, message: str
) -> None:
    token = await refused_token(case, oidc, other_oidc)
    expected = message.replace("<issuer>", oidc.issuer)
    if message == "<algorithms>":
        expected = not_accepted_algorithms(oidc.issuer)

    status, at_gateway = await edge.via_gateway(COUNT, {}, token)
    at_service = await edge.via_service(COUNT, {}, token)

    assert (status, at_gateway) == (
        401,
        {"errors": [{"message": expected, "extensions": {"code": "UNAUTHENTICATED"}}]},
    )
    assert at_service["data"] is None
    assert [(e["message"], e["extensions"]["code"]) for e in at_service["errors"]] == [
        (expected, "UNAUTHENTICATED")
    ]
