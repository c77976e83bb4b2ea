"""The console server's settings, from environment variables, and the rule that keeps the
development sign-in out of any production configuration."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TypeVar

from services.common.settings import DEV_JWT_SECRET, Settings

from ..config import ROOT

DEFAULT_TOKEN_TTL_S = 8 * 3600.0
DEFAULT_SCOPE = "openid profile"
TRUE = frozenset({"1", "true", "yes", "on"})

N = TypeVar("N", int, float)


class DevSignInRefused(Exception):
    """The development sign-in was asked for in a production configuration."""


class SettingsError(Exception):
    """A variable holds something the console server cannot use."""


@dataclass(frozen=True)
class Oidc:
    issuer: str
    client_id: str
    scope: str = DEFAULT_SCOPE
    resource: str | None = None
    """The resource indicator (RFC 8707) the console asks tokens for: providers that issue
    access tokens per API need it to put the platform's audience in them."""


def oidc_from_env(env: Mapping[str, str]) -> Oidc | None:
    """The identity provider, when OIDC_ISSUER and OIDC_CLIENT_ID are both set."""
    issuer, client_id = env.get("OIDC_ISSUER", ""), env.get("OIDC_CLIENT_ID", "")
    if not (issuer and client_id):
        return None
    scope = env.get("OIDC_SCOPE") or DEFAULT_SCOPE
    return Oidc(issuer, client_id, scope, env.get("OIDC_RESOURCE") or None)


def production_reason(environment: str, tokens: Settings) -> str | None:
    """Why this is a production configuration (where nobody may mint tokens), or None.

    `environment` is ENVIRONMENT's value. Anything but the development secret means real
    users' tokens are signed with that key: a sign-in without a password must never hold it.
    """
    if environment.strip().lower() == "production":
        return "ENVIRONMENT=production"
    if tokens.jwt_public_key:
        return "JWT_PUBLIC_KEY is set (tokens come from an identity provider)"
    if tokens.jwt_secret != DEV_JWT_SECRET:
        return "JWT_SECRET is not the development secret"
    return None


@dataclass(frozen=True)
class ConsoleSettings:
    dist_dir: Path
    """The built console (index.html, assets/ ...)."""
    gateway_url: str
    """The gateway's /graphql as the browser reaches it; the sign-in reads through it too."""
    host: str
    port: int
    oidc: Oidc | None
    dev_sign_in: bool
    """Mount /dev/sign-in: asked for (CONSOLE_DEV_SIGN_IN), no OIDC, not production."""
    token_ttl: timedelta
    tokens: Settings
    """The JWT settings the services verify with; the sign-in mints with them."""
    environment: str = ""
    """ENVIRONMENT: `production` forbids the development sign-in whatever else is set."""

    @property
    def production_reason(self) -> str | None:
        return production_reason(self.environment, self.tokens)

    @property
    def auth(self) -> dict[str, str] | None:
        """The `auth` part of /config.json; None when no sign-in is configured at all."""
        if self.oidc is not None:
            oidc = {
                "mode": "oidc",
                "issuer": self.oidc.issuer,
                "clientId": self.oidc.client_id,
                "scope": self.oidc.scope,
            }
            return oidc | ({"resource": self.oidc.resource} if self.oidc.resource else {})
        if self.dev_sign_in:
            return {"mode": "development"}
        return None

    @classmethod
    def from_env(cls, env: Mapping[str, str], tokens: Settings | None = None) -> ConsoleSettings:
        """DevSignInRefused when CONSOLE_DEV_SIGN_IN asks for the development sign-in in a
        production configuration: the server must not start rather than start without it."""
        tokens = tokens or Settings()
        oidc = oidc_from_env(env)
        environment = env.get("ENVIRONMENT", "")
        wanted = env.get("CONSOLE_DEV_SIGN_IN", "").strip().lower() in TRUE
        if wanted and (reason := production_reason(environment, tokens)):
            raise DevSignInRefused(
                f"the development sign-in cannot be enabled in a production configuration"
                f" ({reason}); unset CONSOLE_DEV_SIGN_IN and configure OIDC_ISSUER and"
                " OIDC_CLIENT_ID"
            )
        return cls(
            dist_dir=ROOT / (env.get("CONSOLE_DIST_DIR") or "web/dist"),
            gateway_url=env.get("CONSOLE_GATEWAY_URL") or "http://127.0.0.1:4000/graphql",
            host=env.get("CONSOLE_HOST") or "127.0.0.1",
            port=_positive(env, "CONSOLE_PORT", 4005, int),
            oidc=oidc,
            dev_sign_in=wanted and oidc is None,
            token_ttl=timedelta(
                seconds=_positive(env, "DEVSTACK_TOKEN_TTL_S", DEFAULT_TOKEN_TTL_S, float)
            ),
            tokens=tokens,
            environment=environment,
        )


def _positive(env: Mapping[str, str], name: str, default: N, kind: type[N]) -> N:
    raw = env.get(name)
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a number, not {raw!r}") from None
    if value <= 0:
        raise SettingsError(f"{name} must be positive, not {raw!r}")
    return value
