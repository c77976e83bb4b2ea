"""Token verification: what is accepted and what is refused."""

from __future__ import annotations

from datetime import timedelta

import jwt
import pytest

from services.common.auth import Principal, Role, TokenVerifier
from services.common.errors import Forbidden, Unauthenticated
from services.common.settings import Settings
from services.common.tokens import mint

SETTINGS = Settings(jwt_secret="test-secret-of-sufficient-length-0123456789")


def test_minted_token_yields_the_principal() -> None:
    token = mint(SETTINGS, Role.COORDINATOR, sub="anna", org="org-1")
    principal = TokenVerifier(SETTINGS).principal(f"Bearer {token}")
    assert principal == Principal(sub="anna", roles=frozenset({Role.COORDINATOR}), org="org-1")


def test_no_header_is_anonymous() -> None:
    assert TokenVerifier(SETTINGS).principal(None) is None


@pytest.mark.parametrize(
    "header",
    [
        "Basic dXNlcjpwYXNz",
        "Bearer",
        f"Bearer {mint(SETTINGS, Role.ADMIN, ttl=timedelta(seconds=-1))}",
        f"Bearer {mint(Settings(jwt_secret='another-secret-of-sufficient-length-99'), Role.ADMIN)}",
        f"Bearer {mint(SETTINGS.model_copy(update={'jwt_audience': 'other'}), Role.ADMIN)}",
        "Bearer " + jwt.encode({"sub": "x", "roles": ["admin"]}, SETTINGS.jwt_secret),
    ],
    ids=["basic", "empty", "expired", "wrong-key", "wrong-audience", "no-expiry"],
)
def test_bad_tokens_are_unauthenticated(header: str) -> None:
    with pytest.raises(Unauthenticated):
        TokenVerifier(SETTINGS).principal(header)


def test_unknown_roles_grant_nothing() -> None:
    token = jwt.encode(
        {
            "sub": "x",
            "roles": ["root"],
            "exp": 4102444800,
            "iss": "icld-dev",
            "aud": "icld-platform",
        },
        SETTINGS.jwt_secret,
    )
    principal = TokenVerifier(SETTINGS).principal(f"Bearer {token}")
    assert principal is not None
    assert principal.roles == frozenset()
    with pytest.raises(Forbidden):
        principal.require(Role.ADMIN, Role.OFFICER)


def test_coordinator_acts_only_for_own_organisation() -> None:
    coordinator = Principal("c", frozenset({Role.COORDINATOR}), org="own")
    viewer = Principal("v", frozenset({Role.VIEWER}), org="own")
    officer = Principal("o", frozenset({Role.OFFICER}))
    assert coordinator.acts_for("own", "x")
    assert not coordinator.acts_for("other")
    assert not viewer.acts_for("own")
    assert officer.acts_for("anything")
