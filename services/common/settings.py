"""Configuration from environment variables, with defaults that run locally."""

from __future__ import annotations

from functools import cached_property
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from .events.queue_arguments import DEFAULT_DELIVERY_LIMIT, QueueType

DEV_JWT_SECRET = "icld-development-secret-do-not-use-in-production"
DEV_SUBGRAPH_SECRET = "icld-development-subgraph-secret-do-not-use-in-production"

ASYMMETRIC_ALGORITHMS = (
    "RS256",
    "RS384",
    "RS512",
    "PS256",
    "PS384",
    "PS512",
    "ES256",
    "ES384",
    "ES512",
    "EdDSA",
)
"""What an OpenID provider may sign access tokens with: public-key algorithms only."""

TOKEN_SETTINGS = (
    "environment",
    "jwt_secret",
    "jwt_public_key",
    "jwt_algorithms",
    "jwt_issuer",
    "jwt_audience",
    "oidc_issuer",
    "oidc_audience",
    "oidc_roles_claim",
    "oidc_org_claim",
    "oidc_algorithms",
    "oidc_jwks_max_age_s",
    "oidc_jwks_refetch_interval_s",
    "oidc_http_timeout_s",
)
"""The settings of token verification, read under the same names by the gateway."""

Environment = Literal["development", "production"]


class InsecureSettings(ValueError):
    """A configuration that must not run in production."""


class Settings(BaseSettings):
    """Settings of one service replica; every field maps to an upper-case env variable."""

    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    service_name: str = "service"
    host: str = "127.0.0.1"
    port: int | None = None
    """HTTP port; unset means the service's own default (partnerships 4001 … finance 4004)."""

    mongodb_url: str = "mongodb://127.0.0.1:27017/?directConnection=true"
    mongodb_database: str = ""
    """Database of this service; empty means `icld_<service_name>`."""

    amqp_url: str = "amqp://guest:guest@127.0.0.1:5672/"
    events_prefix: str = "icld"
    """Prefix of every exchange and queue name, so several platforms can share one broker."""
    event_retry_delays_ms: list[int] = Field(default_factory=lambda: [1_000, 10_000, 60_000])
    event_queue_type: QueueType = "quorum"
    """`quorum`: the service's queues are replicated across the broker's nodes and stop a
    message that keeps killing its consumer; `classic` for brokers without quorum queues.
    Fixed once a queue exists (docs/operations.md, "Event queues: quorum queues, and moving
    to them")."""
    event_delivery_limit: int = Field(DEFAULT_DELIVERY_LIMIT, ge=1)
    """Quorum queues: deliveries a message may have without being acknowledged (its consumer
    died or lost the connection) before the broker dead-letters it."""
    consumer_prefetch: int = 64
    outbox_lease_ms: int = 30_000
    outbox_poll_ms: int = 500
    outbox_batch: int = 200

    jwt_secret: str = DEV_JWT_SECRET
    jwt_public_key: str = ""
    """PEM public key; when set, tokens are verified with it (RS256/ES256) instead of the secret."""
    jwt_algorithms: list[str] = Field(default_factory=lambda: ["HS256"])
    jwt_issuer: str = "icld-dev"
    jwt_audience: str = "icld-platform"

    environment: Environment = "development"
    """`production` refuses to start with the development secret as the only way to verify
    tokens, and never accepts tokens signed with it."""
    oidc_issuer: str = ""
    """Issuer URL of an OpenID Connect provider whose access tokens are accepted (its keys are
    found through `<issuer>/.well-known/openid-configuration`); empty: none."""
    oidc_audience: str = ""
    """Required `aud` of the provider's access tokens; empty means `jwt_audience`."""
    oidc_roles_claim: str = "roles"
    oidc_org_claim: str = "org"
    oidc_algorithms: list[str] = Field(default_factory=lambda: list(ASYMMETRIC_ALGORITHMS))
    oidc_jwks_max_age_s: float = Field(3600.0, gt=0)
    """The provider's keys are fetched again once they are this old."""
    oidc_jwks_refetch_interval_s: float = Field(30.0, ge=0)
    """A token signed with an unknown key makes the keys be fetched again, at most this often
    (rotated keys are picked up; forged key ids cannot make the provider be hammered)."""
    oidc_http_timeout_s: float = Field(5.0, gt=0)

    idempotency_ttl_s: float = Field(86_400.0, gt=0)
    """How long a mutation's `Idempotency-Key` is remembered (24 h): a retry within it answers
    the first outcome; after it the key is forgotten and the request is a new one."""

    subgraph_secret: str = Field(DEV_SUBGRAPH_SECRET, min_length=1)
    """The gateway's credential: /graphql answers only requests that carry it in the
    `X-Subgraph-Secret` header (the gateway reads the same variable and sends it)."""
    subgraph_secret_previous: str = ""
    """While `SUBGRAPH_SECRET` is rotated: its value before, accepted as well (from gateways
    not yet given the new one, and in paging cursors signed with it); empty otherwise.
    docs/operations.md, "Rotate secrets"."""

    graphql_max_tokens: int = Field(20_000, ge=1)
    graphql_max_depth: int = Field(20, ge=1)
    graphql_max_aliases: int = Field(100, ge=0)
    graphql_max_cost: int = Field(50_000, ge=1)
    graphql_default_list_size: int = Field(10, ge=1)
    """Assumed length of a list field without a size argument, for the cost."""
    graphql_timeout_s: float = Field(15.0, gt=0)
    """Bound on running one operation; past it the caller gets a `TIMEOUT` error."""

    log_level: str = "INFO"
    log_format: str = "json"
    shutdown_grace_s: float = 10.0

    otel_exporter_otlp_endpoint: str = ""
    """OTLP/HTTP collector (`http://collector:4318`) traces are exported to (at `/v1/traces`);
    empty: no traces."""
    otel_service_name: str = ""
    """The traces' `service.name`; empty means the service's own name (`finance`)."""

    http_header_timeout_s: float = Field(10.0, gt=0)
    """A request's headers must be complete this long after the connection can take it."""
    http_body_timeout_s: float = Field(30.0, gt=0)
    """A request's body must be complete this long after its headers (else 408, closed)."""
    http_max_header_bytes: int = Field(65_536, ge=1_024)
    http_keep_alive_s: int = Field(5, ge=1)
    """Idle connections are closed after this long (keep it below the header timeout)."""
    http_max_connections: int = Field(1_000, ge=1)
    """Open connections (or requests in flight) beyond which requests are answered 503."""

    @field_validator("oidc_algorithms")
    @classmethod
    def _asymmetric_only(cls, algorithms: list[str]) -> list[str]:
        return asymmetric_only(algorithms)

    @cached_property
    def database_name(self) -> str:
        return self.mongodb_database or f"icld_{self.service_name}"

    @property
    def oidc_expected_audience(self) -> str:
        return self.oidc_audience or self.jwt_audience

    @property
    def subgraph_secrets(self) -> tuple[str, ...]:
        """The gateway's credentials /graphql accepts: the current one first."""
        previous = (self.subgraph_secret_previous,) if self.subgraph_secret_previous else ()
        return (self.subgraph_secret, *previous)


def asymmetric_only(algorithms: list[str]) -> list[str]:
    refused = [a for a in algorithms if a not in ASYMMETRIC_ALGORITHMS]
    if refused or not algorithms:
        raise ValueError(
            "OIDC tokens are verified with public keys only: choose one or more of "
            f"{', '.join(ASYMMETRIC_ALGORITHMS)}"
            + (f" (not {', '.join(refused)})" if refused else "")
        )
    return algorithms


def refuse_development_tokens(settings: Settings) -> None:
    """Raises InsecureSettings when, in production, the built-in development secret would be
    the only way to verify tokens. (With an OIDC issuer or a public key configured, the
    verifier ignores the development secret in production: see auth.TokenVerifier.)"""
    if (
        settings.environment == "production"
        and settings.jwt_secret == DEV_JWT_SECRET
        and not settings.jwt_public_key
        and not settings.oidc_issuer
    ):
        raise InsecureSettings(
            "ENVIRONMENT=production, but JWT_SECRET is the built-in development secret and "
            "neither OIDC_ISSUER nor JWT_PUBLIC_KEY is set: tokens minted for development "
            "would be accepted. Set OIDC_ISSUER (or JWT_PUBLIC_KEY, or a JWT_SECRET of your own)."
        )


def refuse_development_subgraph_secret(
    environment: Environment, secret: str, previous: str = ""
) -> None:
    """Raises InsecureSettings when, in production, the gateway's credential (or the one being
    rotated out) is the built-in development one: anyone who read this code could call the
    subgraphs directly."""
    if environment != "production":
        return
    if secret == DEV_SUBGRAPH_SECRET:
        raise InsecureSettings(
            "ENVIRONMENT=production, but SUBGRAPH_SECRET is the built-in development secret: "
            "set SUBGRAPH_SECRET to a secret of your own, the same for the gateway and every "
            "service."
        )
    if previous == DEV_SUBGRAPH_SECRET:
        raise InsecureSettings(
            "ENVIRONMENT=production, but SUBGRAPH_SECRET_PREVIOUS is the built-in development "
            "secret: it would still be accepted. Leave SUBGRAPH_SECRET_PREVIOUS empty (it "
            "holds only a secret of your own being rotated out)."
        )
