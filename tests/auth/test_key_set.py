"""The provider's keys: cached, fetched again for an unknown key id at most once an interval,
and once they are old. Against the real provider, with a clock the test moves."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from services.common.auth import Principal, Role, TokenVerifier
from services.common.errors import Unauthenticated
from services.common.jwks import RemoteKeySet
from services.common.settings import Settings
from tests.support.oidc import OidcProvider
from tests.support.servers import free_port

INTERVAL_S = 30.0
MAX_AGE_S = 3600.0


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def claims(provider: OidcProvider, **changes: Any) -> dict[str, Any]:
    now = int(time.time())
    base = {
        "iss": provider.issuer,
        "aud": provider.audience,
        "sub": "officer",
        "roles": ["officer"],
        "exp": now + 3600,
    }
    return {**base, **changes}


def verifier(provider: OidcProvider, clock: Clock) -> tuple[TokenVerifier, RemoteKeySet]:
    keys = RemoteKeySet(
        provider.issuer, max_age_s=MAX_AGE_S, refetch_interval_s=INTERVAL_S, clock=clock
    )
    return TokenVerifier(Settings(oidc_issuer=provider.issuer), oidc_keys=keys), keys


async def principal(verifier: TokenVerifier, token: str) -> Principal | None:
    return await verifier.principal(f"Bearer {token}")


async def refused(verifier: TokenVerifier, token: str) -> str:
    with pytest.raises(Unauthenticated) as error:
        await verifier.principal(f"Bearer {token}")
    return error.value.message


async def test_unknown_key_ids_refetch_at_most_once_an_interval(oidc: OidcProvider) -> None:
    clock = Clock()
    verify, keys = verifier(oidc, clock)
    officer = Principal("officer", frozenset({Role.OFFICER}))
    assert await principal(verify, oidc.sign(claims(oidc))) == officer
    assert keys.fetches == 1

    unknown = f"invalid token: no signing key of {oidc.issuer} matches the token's kid"
    forged = [oidc.sign(claims(oidc), kid=f"forged-{i}") for i in range(5)]
    assert [await refused(verify, token) for token in forged] == [unknown] * 5
    assert keys.fetches == 1  # within the interval the provider is not asked again

    clock.now += INTERVAL_S
    assert [await refused(verify, token) for token in forged] == [unknown] * 5
    assert keys.fetches == 2  # one fetch for the first of them, none for the rest

    # Known keys are served from the cache until they are old.
    assert await principal(verify, oidc.sign(claims(oidc))) == officer
    assert keys.fetches == 2
    clock.now += MAX_AGE_S
    assert await principal(verify, oidc.sign(claims(oidc))) == officer
    assert keys.fetches == 3


async def test_a_rotated_key_waits_for_the_interval_since_the_last_fetch(
    oidc: OidcProvider,
) -> None:
    clock = Clock()
    verify, keys = verifier(oidc, clock)
    before = await asyncio.to_thread(oidc.token, "viewer")
    assert await principal(verify, before) is not None

    await asyncio.to_thread(oidc.rotate_keys)
    after = await asyncio.to_thread(oidc.token, "viewer")

    unknown = f"invalid token: no signing key of {oidc.issuer} matches the token's kid"
    assert await refused(verify, after) == unknown
    assert keys.fetches == 1
    clock.now += INTERVAL_S
    assert await principal(verify, after) == Principal("viewer", frozenset({Role.VIEWER}))
    assert keys.fetches == 2


async def test_concurrent_requests_with_a_new_key_fetch_once(oidc: OidcProvider) -> None:
    clock = Clock()
    verify, keys = verifier(oidc, clock)
    tokens = [oidc.sign(claims(oidc, sub=f"user-{i}")) for i in range(20)]

    principals = await asyncio.gather(*(principal(verify, token) for token in tokens))

    assert [p.sub if p else None for p in principals] == [f"user-{i}" for i in range(20)]
    assert keys.fetches == 1


async def test_an_unreachable_provider_refuses_its_tokens(oidc: OidcProvider) -> None:
    issuer = f"http://127.0.0.1:{free_port()}"  # nobody listens: connections are refused
    verify = TokenVerifier(Settings(oidc_issuer=issuer))

    message = await refused(verify, oidc.sign(claims(oidc, iss=issuer)))

    assert message == f"invalid token: the signing keys of {issuer} could not be fetched"


async def test_a_discovery_document_of_another_issuer_is_not_trusted(oidc: OidcProvider) -> None:
    # The same provider under a name it does not use for itself (OpenID Discovery §4.3).
    alias = oidc.issuer.replace("127.0.0.1", "localhost")
    verify = TokenVerifier(Settings(oidc_issuer=alias))

    message = await refused(verify, oidc.sign(claims(oidc, iss=alias)))

    assert message == f"invalid token: the signing keys of {alias} could not be fetched"
