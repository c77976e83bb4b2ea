"""The signing keys of an OpenID Connect provider, fetched without blocking the event loop.

PyJWT's `PyJWKClient` has the right policy (a cached key set, one forced refetch for an
unknown `kid` after a cooldown) but fetches with blocking urllib under a thread lock, so every
caller would have to hop to a thread. This keeps that policy, fetches with httpx's async
client, and leaves parsing keys and verifying signatures to PyJWT (`PyJWK`).

Keys are found through `<issuer>/.well-known/openid-configuration` → `jwks_uri`, whose
`issuer` must be the configured one. The key set is fetched again when it is older than
`max_age_s`, or when a token names a `kid` it does not hold and the last fetch (successful or
not) is at least `refetch_interval_s` old: a rotated key is picked up at once, while tokens
with made-up key ids cannot make the provider be asked more than once an interval. A failed
fetch keeps the keys held so far.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any

import httpx
from jwt import PyJWK, PyJWTError

from .settings import ASYMMETRIC_ALGORITHMS

log = logging.getLogger(__name__)

DISCOVERY_PATH = "/.well-known/openid-configuration"


class KeysUnavailable(Exception):
    """No key of the provider can verify the token (the message says why)."""


class RemoteKeySet:
    def __init__(
        self,
        issuer: str,
        *,
        max_age_s: float = 3600.0,
        refetch_interval_s: float = 30.0,
        timeout_s: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.issuer = issuer
        self._discovery_url = issuer.rstrip("/") + DISCOVERY_PATH
        self._max_age_s = max_age_s
        self._refetch_interval_s = refetch_interval_s
        self._timeout_s = timeout_s
        self._clock = clock
        self._transport = transport
        self._jwks: dict[str, dict[str, Any]] = {}
        """Signing keys by kid (a key without a kid under "")."""
        self._parsed: dict[tuple[str, str], PyJWK] = {}
        self._fetched_at: float | None = None
        self._attempted_at: float | None = None
        self._generation = 0
        self._lock = asyncio.Lock()
        self.fetches = 0
        """Key set fetches attempted so far."""

    async def key(self, kid: object, algorithm: str) -> PyJWK:
        """The provider's key for a token with this `kid` and `alg` header."""
        if self._stale():
            await self._refresh(self._generation)
        key = self._find(kid, algorithm)
        # Unknown: fetch again if allowed, or wait for the fetch in flight (another request's).
        if key is None and (self._may_refetch() or self._lock.locked()):
            await self._refresh(self._generation)
            key = self._find(kid, algorithm)
        if key is None:
            if not self._jwks:
                raise KeysUnavailable(f"the signing keys of {self.issuer} could not be fetched")
            raise KeysUnavailable(f"no signing key of {self.issuer} matches the token's kid")
        return key

    def _stale(self) -> bool:
        if self._fetched_at is None:
            return self._may_refetch()
        return self._clock() - self._fetched_at >= self._max_age_s and self._may_refetch()

    def _may_refetch(self) -> bool:
        return (
            self._attempted_at is None
            or self._clock() - self._attempted_at >= self._refetch_interval_s
        )

    async def _refresh(self, seen_generation: int) -> None:
        async with self._lock:
            # Another request fetched (or tried) while this one waited: use what it got.
            if self._generation != seen_generation or not self._may_refetch():
                return
            self._attempted_at = self._clock()
            self.fetches += 1
            try:
                jwks = await self._fetch()
            except (httpx.HTTPError, ValueError, KeysUnavailable) as exc:
                # Keep the keys held so far; tried again after the interval.
                log.warning(
                    "could not fetch the OpenID provider's keys",
                    extra={"issuer": self.issuer, "reason": f"{type(exc).__name__}: {exc}"},
                )
                return
            self._jwks = jwks
            self._parsed = {}
            self._fetched_at = self._clock()
            self._generation += 1

    async def _fetch(self) -> dict[str, dict[str, Any]]:
        async with httpx.AsyncClient(
            timeout=self._timeout_s, transport=self._transport, follow_redirects=False
        ) as http:
            discovery = _json_object(await http.get(self._discovery_url))
            if discovery.get("issuer") != self.issuer:
                raise KeysUnavailable("the discovery document names another issuer")
            jwks_uri = discovery.get("jwks_uri")
            if not isinstance(jwks_uri, str) or not jwks_uri.startswith(("https://", "http://")):
                raise KeysUnavailable("the discovery document has no http(s) jwks_uri")
            key_set = _json_object(await http.get(jwks_uri))
        keys = key_set.get("keys")
        if not isinstance(keys, list):
            raise KeysUnavailable("the key set has no keys")
        signing: dict[str, dict[str, Any]] = {}
        for jwk in keys:
            # Public signing keys only: a symmetric ("oct") key is never taken from a URL.
            if (
                isinstance(jwk, dict)
                and jwk.get("use", "sig") == "sig"
                and jwk.get("kty") in ("RSA", "EC", "OKP")
                and isinstance(jwk.get("kid", ""), str)
            ):
                signing.setdefault(jwk.get("kid", ""), jwk)
        if not signing:
            raise KeysUnavailable("the key set has no public signing keys")
        return signing

    def _find(self, kid: object, algorithm: str) -> PyJWK | None:
        if kid is not None and not isinstance(kid, str):
            return None
        if kid is None:
            # Without a kid, only a provider with a single key is unambiguous.
            if len(self._jwks) != 1:
                return None
            kid = next(iter(self._jwks))
        cached = self._parsed.get((kid, algorithm))
        if cached is not None:
            return cached
        jwk = self._jwks.get(kid)
        if jwk is None or algorithm not in ASYMMETRIC_ALGORITHMS:
            return None
        if jwk.get("alg", algorithm) != algorithm:
            return None
        try:
            key = PyJWK(jwk, algorithm)
        except PyJWTError:
            return None  # the key cannot be used with this algorithm
        self._parsed[kid, algorithm] = key
        return key


def _json_object(response: httpx.Response) -> dict[str, Any]:
    response.raise_for_status()
    body = response.json()
    if not isinstance(body, dict):
        raise KeysUnavailable(f"{response.url} did not answer a JSON object")
    return body
