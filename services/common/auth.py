"""Bearer JWT verification and the role rules of DESIGN.md §6."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import jwt

from .errors import Forbidden, Unauthenticated
from .settings import Settings


class Role(StrEnum):
    ADMIN = "admin"
    OFFICER = "officer"
    COORDINATOR = "coordinator"
    VIEWER = "viewer"


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


class TokenVerifier:
    def __init__(self, settings: Settings) -> None:
        self._key = settings.jwt_public_key or settings.jwt_secret
        self._algorithms = settings.jwt_algorithms
        self._issuer = settings.jwt_issuer
        self._audience = settings.jwt_audience

    def principal(self, authorization: str | None) -> Principal | None:
        """The caller from an `Authorization: Bearer` header; None when there is none."""
        if not authorization:
            return None
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise Unauthenticated("expected 'Authorization: Bearer <token>'")
        try:
            claims = jwt.decode(
                token,
                self._key,
                algorithms=self._algorithms,
                issuer=self._issuer,
                audience=self._audience,
                options={"require": ["sub", "exp"]},
            )
        except jwt.PyJWTError as exc:
            raise Unauthenticated(f"invalid token: {exc}") from exc
        roles = frozenset(Role(r) for r in claims.get("roles", []) if r in Role._value2member_map_)
        return Principal(sub=str(claims["sub"]), roles=roles, org=claims.get("org"))


def require_principal(principal: Principal | None) -> Principal:
    if principal is None:
        raise Unauthenticated("sign in: this operation needs a bearer token")
    return principal
