"""Token verification: what is accepted and what is refused (OpenID Connect tokens against a
real provider: tests/auth)."""

from __future__ import annotations

from datetime import timedelta

import jwt
import pytest

from services.common.auth import Principal, Role, TokenVerifier
from services.common.errors import Forbidden, Unauthenticated
from services.common.settings import DEV_JWT_SECRET, InsecureSettings, Settings
from services.common.tokens import mint

SETTINGS = Settings(jwt_secret="test-secret-of-sufficient-length-0123456789")
OTHER_SECRET = "another-secret-of-sufficient-length-99"
FAR_FUTURE = 4102444800


def signed(claims: dict[str, object], secret: str = SETTINGS.jwt_secret) -> str:
    base = {"sub": "x", "exp": FAR_FUTURE, "iss": "icld-dev", "aud": "icld-platform"}
    return "Bearer " + jwt.encode({**base, **claims}, secret)


async def test_minted_token_yields_the_principal() -> None:
    token = mint(SETTINGS, Role.COORDINATOR, sub="anna", org="org-1")
    principal = await TokenVerifier(SETTINGS).principal(f"Bearer {token}")
    assert principal == Principal(sub="anna", roles=frozenset({Role.COORDINATOR}), org="org-1")


async def test_no_header_is_anonymous() -> None:
    assert await TokenVerifier(SETTINGS).principal(None) is None


async def test_a_token_without_roles_has_none() -> None:
    principal = await TokenVerifier(SETTINGS).principal(signed({}))
    assert principal == Principal(sub="x", roles=frozenset(), org=None)


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("Basic dXNlcjpwYXNz", "expected 'Authorization: Bearer <token>'"),
        ("Bearer", "expected 'Authorization: Bearer <token>'"),
        (
            f"Bearer {mint(SETTINGS, Role.ADMIN, ttl=timedelta(seconds=-1))}",
            "invalid token: Signature has expired",
        ),
        (
            f"Bearer {mint(Settings(jwt_secret=OTHER_SECRET), Role.ADMIN)}",
            "invalid token: Signature verification failed",
        ),
        (
            f"Bearer {mint(SETTINGS.model_copy(update={'jwt_audience': 'other'}), Role.ADMIN)}",
            "invalid token: Audience doesn't match",
        ),
        (
            "Bearer " + jwt.encode({"sub": "x", "roles": ["admin"]}, SETTINGS.jwt_secret),
            'invalid token: Token is missing the "exp" claim',
        ),
        (
            signed({"iss": "https://elsewhere.example"}),
            "invalid token: tokens of this issuer are not accepted",
        ),
        (
            signed({"roles": "admin"}),
            "invalid token: the 'roles' claim must be a list of role names "
            "(admin, officer, coordinator, viewer, researcher, advisor)",
        ),
        (
            signed({"roles": {"admin": True}}),
            "invalid token: the 'roles' claim must be a list of role names "
            "(admin, officer, coordinator, viewer, researcher, advisor)",
        ),
        (
            signed({"roles": None}),
            "invalid token: the 'roles' claim must be a list of role names "
            "(admin, officer, coordinator, viewer, researcher, advisor)",
        ),
        (
            signed({"roles": ["officer", "root"]}),
            "invalid token: unknown role in the 'roles' claim: 'root' "
            "(known roles: admin, officer, coordinator, viewer, researcher, advisor)",
        ),
        (
            signed({"roles": ["coordinator"], "org": 42}),
            "invalid token: the 'org' claim must be an organisation id (a string)",
        ),
        (
            signed({"roles": ["coordinator"], "org": ""}),
            "invalid token: the 'org' claim must be an organisation id (a string)",
        ),
    ],
    ids=[
        "basic",
        "empty",
        "expired",
        "wrong-key",
        "wrong-audience",
        "no-expiry",
        "other-issuer",
        "roles-string",
        "roles-object",
        "roles-null",
        "unknown-role",
        "org-number",
        "org-empty",
    ],
)
async def test_bad_tokens_are_unauthenticated(header: str, message: str) -> None:
    with pytest.raises(Unauthenticated) as refused:
        await TokenVerifier(SETTINGS).principal(header)
    assert refused.value.message == message


async def test_roles_grant_only_what_they_name() -> None:
    principal = await TokenVerifier(SETTINGS).principal(signed({"roles": ["viewer"]}))
    assert principal is not None
    with pytest.raises(Forbidden):
        principal.require(Role.ADMIN, Role.OFFICER)


def test_production_refuses_the_development_secret_alone() -> None:
    with pytest.raises(InsecureSettings, match="ENVIRONMENT=production"):
        TokenVerifier(Settings(environment="production", jwt_secret=DEV_JWT_SECRET))


async def test_production_never_accepts_development_tokens() -> None:
    development_token = f"Bearer {mint(Settings(jwt_secret=DEV_JWT_SECRET), Role.ADMIN)}"
    production = Settings(
        environment="production", jwt_secret=DEV_JWT_SECRET, oidc_issuer="https://id.example"
    )
    with pytest.raises(Unauthenticated) as refused:
        await TokenVerifier(production).principal(development_token)
    assert refused.value.message == "invalid token: tokens of this issuer are not accepted"
    # The same token in development is what local runs rely on.
    development = Settings(jwt_secret=DEV_JWT_SECRET, oidc_issuer="https://id.example")
    principal = await TokenVerifier(development).principal(development_token)
    assert principal is not None
    assert principal.roles == frozenset({Role.ADMIN})


async def test_production_accepts_tokens_of_its_own_secret() -> None:
    production = SETTINGS.model_copy(update={"environment": "production"})
    token = mint(SETTINGS, Role.OFFICER)
    principal = await TokenVerifier(production).principal(f"Bearer {token}")
    assert principal is not None
    assert principal.roles == frozenset({Role.OFFICER})


async def test_oidc_tokens_must_use_public_key_algorithms() -> None:
    settings = SETTINGS.model_copy(update={"oidc_issuer": "https://id.example"})
    # Signed with the platform's secret, but claiming the provider as issuer.
    forged = signed({"iss": "https://id.example", "roles": ["admin"]})
    with pytest.raises(Unauthenticated) as refused:
        await TokenVerifier(settings).principal(forged)
    assert refused.value.message == (
        "invalid token: tokens of https://id.example must be signed with one of "
        "ES256, ES384, ES512, EdDSA, PS256, PS384, PS512, RS256, RS384, RS512"
    )


def test_symmetric_oidc_algorithms_are_refused_in_the_settings() -> None:
    with pytest.raises(ValueError, match="public keys only"):
        Settings(oidc_algorithms=["RS256", "HS256"])


def test_coordinator_acts_only_for_own_organisation() -> None:
    coordinator = Principal("c", frozenset({Role.COORDINATOR}), org="own")
    viewer = Principal("v", frozenset({Role.VIEWER}), org="own")
    officer = Principal("o", frozenset({Role.OFFICER}))
    assert coordinator.acts_for("own", "x")
    assert not coordinator.acts_for("other")
    assert not viewer.acts_for("own")
    assert officer.acts_for("anything")
