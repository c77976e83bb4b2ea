"""Bearer JWT verification (the platform's own tokens and an OpenID Connect provider's) and
the role rules of docs/architecture.md, Security."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import jwt

from .errors import Forbidden, Unauthenticated
from .jwks import KeysUnavailable, RemoteKeySet
from .settings import DEV_JWT_SECRET, Settings, refuse_development_tokens


class Role(StrEnum):
    ADMIN = "admin"
    OFFICER = "officer"
    COORDINATOR = "coordinator"
    VIEWER = "viewer"
    RESEARCHER = "researcher"
    """Drafts and submits research applications for their organisation (a university)."""
    ADVISOR = "advisor"
    """A member of the research advisory group: reads and writes research reviews."""


STAFF = frozenset({Role.ADMIN, Role.OFFICER})


@dataclass(frozen=True)
class Principal:
    """Who is calling: subject, roles and, for a coordinator, their organisation."""

    sub: str
    roles: frozenset[Role] = field(default_factory=frozenset)
    org: str | None = None

    @property
    def is_staff(self) -> bool:
        return bool(self.roles & STAFF)

    def has_any(self, *roles: Role) -> bool:
        return bool(self.roles & set(roles))

    def require(self, *roles: Role) -> None:
        if not self.has_any(*roles):
            allowed = ", ".join(sorted(r.value for r in roles))
            raise Forbidden(f"this operation needs one of the roles: {allowed}")

    def acts_for(self, *organisation_ids: str) -> bool:
        """Staff act for everyone; a coordinator only for their own organisation."""
        if self.is_staff:
            return True
        return (
            Role.COORDINATOR in self.roles and self.org is not None and self.org in organisation_ids
        )

    def require_acts_for(self, *organisation_ids: str) -> None:
        if not self.acts_for(*organisation_ids):
            raise Forbidden("you may act only for your own organisation and its partnerships")


KNOWN_ROLES = ", ".join(r.value for r in Role)


class TokenVerifier:
    """Verifies bearer tokens of two kinds, told apart by their `iss`:

    - the platform's own (`JWT_ISSUER`): HS256 with `JWT_SECRET` (development tokens,
      `services.common.tokens`) or a `JWT_PUBLIC_KEY`;
    - an OpenID Connect provider's access tokens (`OIDC_ISSUER`), verified with its published
      keys (see jwks.py), public-key algorithms only.

    In production the built-in development secret verifies nothing. Claims are checked
    strictly: a token whose roles or organisation are malformed is refused, not trimmed.
    """

    def __init__(self, settings: Settings, *, oidc_keys: RemoteKeySet | None = None) -> None:
        """`oidc_keys` replaces the key set made from the settings (tests count its fetches)."""
        refuse_development_tokens(settings)
        self._local_key = _local_key(settings)
        self._algorithms = settings.jwt_algorithms
        self._issuer = settings.jwt_issuer
        self._audience = settings.jwt_audience
        self._oidc: OidcTokens | None = None
        if settings.oidc_issuer:
            self._oidc = OidcTokens(settings, oidc_keys)

    async def principal(self, authorization: str | None) -> Principal | None:
        """The caller from an `Authorization: Bearer` header; None when there is none."""
        if not authorization:
            return None
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise Unauthenticated("expected 'Authorization: Bearer <token>'")
        try:
            header = jwt.get_unverified_header(token)
            issuer = jwt.decode(token, options={"verify_signature": False}).get("iss")
            if self._oidc is not None and issuer == self._oidc.issuer:
                return await self._oidc.principal(token, header)
            if self._local_key is not None and issuer in (self._issuer, None):
                claims = jwt.decode(
                    token,
                    self._local_key,
                    algorithms=self._algorithms,
                    issuer=self._issuer,
                    audience=self._audience,
                    options={"require": ["sub", "exp"]},
                )
                return _principal(claims, "roles", "org")
        except jwt.PyJWTError as exc:
            raise Unauthenticated(f"invalid token: {exc}") from exc
        raise Unauthenticated("invalid token: tokens of this issuer are not accepted")


class OidcTokens:
    """Access tokens of the OpenID Connect provider `OIDC_ISSUER` (JWTs, RFC 9068)."""

    def __init__(self, settings: Settings, keys: RemoteKeySet | None = None) -> None:
        self.issuer = settings.oidc_issuer
        self.keys = keys or RemoteKeySet(
            settings.oidc_issuer,
            max_age_s=settings.oidc_jwks_max_age_s,
            refetch_interval_s=settings.oidc_jwks_refetch_interval_s,
            timeout_s=settings.oidc_http_timeout_s,
        )
        self._audience = settings.oidc_expected_audience
        self._algorithms = frozenset(settings.oidc_algorithms)
        self._roles_claim = settings.oidc_roles_claim
        self._org_claim = settings.oidc_org_claim

    async def principal(self, token: str, header: dict[str, Any]) -> Principal:
        """Raises jwt.PyJWTError or Unauthenticated."""
        algorithm = header.get("alg")
        if not isinstance(algorithm, str) or algorithm not in self._algorithms:
            raise Unauthenticated(
                f"invalid token: tokens of {self.issuer} must be signed with one of "
                f"{', '.join(sorted(self._algorithms))}"
            )
        try:
            key = await self.keys.key(header.get("kid"), algorithm)
        except KeysUnavailable as exc:
            raise Unauthenticated(f"invalid token: {exc}") from exc
        claims = jwt.decode(
            token,
            key,
            algorithms=[algorithm],
            issuer=self.issuer,
            audience=self._audience,
            options={"require": ["sub", "exp", "iss", "aud"]},
        )
        return _principal(claims, self._roles_claim, self._org_claim)


def _local_key(settings: Settings) -> str | None:
    """The key of the platform's own tokens, if any: never the development secret in
    production."""
    if settings.jwt_public_key:
        return settings.jwt_public_key
    if not settings.jwt_secret:
        return None
    if settings.environment == "production" and settings.jwt_secret == DEV_JWT_SECRET:
        return None
    return settings.jwt_secret


def _principal(claims: dict[str, Any], roles_claim: str, org_claim: str) -> Principal:
    """Fails closed: a claim that is there must have exactly the expected shape."""
    roles = claims.get(roles_claim, [])
    if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
        raise Unauthenticated(
            f"invalid token: the {roles_claim!r} claim must be a list of role names ({KNOWN_ROLES})"
        )
    unknown = sorted({r for r in roles if r not in Role._value2member_map_})
    if unknown:
        raise Unauthenticated(
            f"invalid token: unknown role in the {roles_claim!r} claim: "
            f"{', '.join(repr(r[:40]) for r in unknown[:5])} (known roles: {KNOWN_ROLES})"
        )
    org = claims.get(org_claim)
    if org is not None and (not isinstance(org, str) or not org):
        raise Unauthenticated(
            f"invalid token: the {org_claim!r} claim must be an organisation id (a string)"
        )
    return Principal(sub=str(claims["sub"]), roles=frozenset(Role(r) for r in roles), org=org)


def require_principal(principal: Principal | None) -> Principal:
    if principal is None:
        raise Unauthenticated("sign in: this operation needs a bearer token")
    return principal
