"""The gateway's configuration: `GATEWAY_*` environment variables (JWT ones shared with the
services), with defaults that run locally; command-line flags override them."""

from __future__ import annotations

import json
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from services.common.gateway_credential import credential_headers
from services.common.settings import (
    ASYMMETRIC_ALGORITHMS,
    DEV_JWT_SECRET,
    DEV_SUBGRAPH_SECRET,
    TOKEN_SETTINGS,
    Environment,
    Settings,
    asymmetric_only,
)


def _shared(name: str) -> AliasChoices:
    """A variable the services read under the same name (JWT_SECRET …)."""
    return AliasChoices(name, f"GATEWAY_{name}")


class GatewaySettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore", frozen=True)

    host: str = "127.0.0.1"
    port: int = 4000

    subgraph_timeout_s: float = Field(5.0, gt=0)
    """Per fetch attempt on one replica."""
    subgraph_timeouts: dict[str, float] = Field(default_factory=dict)
    """Per-subgraph overrides, as JSON: {"reviews": 2.5}."""
    pool_size: int = Field(64, ge=1)
    """Connections per subgraph replica."""
    pool_idle_s: float = Field(4.0, gt=0)
    """Idle connections older than this are not reused (below the usual 5 s server keep-alive)."""
    dns_refresh_s: float = Field(10.0, gt=0)
    """How often a subgraph host name is resolved again: each of its addresses is a replica
    (Docker's --scale, a Kubernetes headless Service), so replicas added or gone are seen."""
    request_timeout_s: float = Field(30.0, gt=0)
    """Bound on one whole operation."""
    dedupe_subgraph_requests: bool = True
    """Identical subgraph queries in flight at the same time (same subgraph, document,
    variables and forwarded credentials) share one HTTP exchange."""
    dedupe_operations: bool = True
    """Identical query operations in flight at the same time (same document, operation name,
    variables and caller) share one execution."""

    max_body_bytes: int = Field(1024 * 1024, ge=1)
    max_depth: int = Field(15, ge=1)
    max_aliases: int = Field(30, ge=0)
    max_root_fields: int = Field(20, ge=1)
    max_cost: int = Field(50_000, ge=1)
    """Five times the costliest operation of the web console (tests/web/test_operation_costs.py):
    an operator who knows the clients' operations tightens it to what they need."""
    default_list_size: int = Field(10, ge=1)
    """Assumed length of a list the schema does not size (@listSize) and the operation does not
    slice (first/last/limit), for the cost."""

    introspection: bool = True
    csrf_prevention: bool = True
    apq_enabled: bool = True
    apq_cache_size: int = Field(10_000, ge=1)
    parse_cache_size: int = Field(1_000, ge=1)

    override_labels: list[str] = Field(default_factory=list)
    """Progressive @override labels switched on, as JSON: ["use-new-billing"]. Labels
    `percent(N)` need no switch: they are drawn per request."""

    poll_interval_s: float = Field(10.0, gt=0)
    """Between polls of the subgraphs' SDL; also the longest wait between attempts to
    compose the first supergraph."""
    shutdown_grace_s: float = Field(10.0, ge=0)

    header_timeout_s: float = Field(10.0, gt=0)
    """A request's headers must be complete this long after the connection can take it."""
    body_timeout_s: float = Field(30.0, gt=0)
    """A request's body must be complete this long after its headers (else 408, closed)."""
    max_header_bytes: int = Field(65_536, ge=1_024)
    keep_alive_s: int = Field(5, ge=1)
    """Idle connections are closed after this long (keep it below the header timeout)."""
    max_connections: int = Field(1_000, ge=1)
    """Open connections (or requests in flight) beyond which requests are answered 503."""

    jwt_secret: str = Field(DEV_JWT_SECRET, validation_alias=_shared("JWT_SECRET"))
    """Empty (and no public key) switches token verification at the gateway off."""
    jwt_public_key: str = Field("", validation_alias=_shared("JWT_PUBLIC_KEY"))
    jwt_algorithms: list[str] = Field(
        default_factory=lambda: ["HS256"], validation_alias=_shared("JWT_ALGORITHMS")
    )
    jwt_issuer: str = Field("icld-dev", validation_alias=_shared("JWT_ISSUER"))
    jwt_audience: str = Field("icld-platform", validation_alias=_shared("JWT_AUDIENCE"))
    environment: Environment = Field("development", validation_alias=_shared("ENVIRONMENT"))
    oidc_issuer: str = Field("", validation_alias=_shared("OIDC_ISSUER"))
    oidc_audience: str = Field("", validation_alias=_shared("OIDC_AUDIENCE"))
    oidc_roles_claim: str = Field("roles", validation_alias=_shared("OIDC_ROLES_CLAIM"))
    oidc_org_claim: str = Field("org", validation_alias=_shared("OIDC_ORG_CLAIM"))
    oidc_algorithms: list[str] = Field(
        default_factory=lambda: list(ASYMMETRIC_ALGORITHMS),
        validation_alias=_shared("OIDC_ALGORITHMS"),
    )
    oidc_jwks_max_age_s: float = Field(
        3600.0, gt=0, validation_alias=_shared("OIDC_JWKS_MAX_AGE_S")
    )
    oidc_jwks_refetch_interval_s: float = Field(
        30.0, ge=0, validation_alias=_shared("OIDC_JWKS_REFETCH_INTERVAL_S")
    )
    oidc_http_timeout_s: float = Field(5.0, gt=0, validation_alias=_shared("OIDC_HTTP_TIMEOUT_S"))

    subgraph_secret: str = Field(
        DEV_SUBGRAPH_SECRET, min_length=1, validation_alias=_shared("SUBGRAPH_SECRET")
    )
    """The gateway's credential, sent with every subgraph request (the services require it)."""

    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    """Browser origins (scheme://host[:port]) allowed to call /graphql, as a JSON list or
    comma-separated; empty: no CORS headers at all."""
    cors_allow_credentials: bool = False
    cors_max_age_s: int = Field(600, ge=0)
    """How long a browser may cache a preflight's answer."""

    log_level: str = "INFO"
    log_format: str = "json"

    otel_exporter_otlp_endpoint: str = Field("", validation_alias="OTEL_EXPORTER_OTLP_ENDPOINT")
    """OTLP/HTTP collector traces are exported to (the services read the same variable);
    empty: no traces."""
    otel_service_name: str = Field("gateway", validation_alias="OTEL_SERVICE_NAME")
    metrics_max_operations: int = Field(200, ge=0)
    """Operation names with a label of their own in /metrics (the first seen that ran);
    others count as `(other)`, so clients cannot grow the metrics without bound."""

    @field_validator("oidc_algorithms")
    @classmethod
    def _asymmetric_only(cls, algorithms: list[str]) -> list[str]:
        return asymmetric_only(algorithms)

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _origins(cls, value: Any) -> Any:
        if isinstance(value, str):
            text = value.strip()
            value = json.loads(text) if text.startswith("[") else text.split(",")
        if not isinstance(value, list):
            return value  # pydantic reports the type error
        return [_origin(str(origin)) for origin in value if str(origin).strip()]

    @property
    def verifies_tokens(self) -> bool:
        return bool(self.jwt_secret or self.jwt_public_key or self.oidc_issuer)

    @property
    def subgraph_headers(self) -> dict[str, str]:
        """Headers every request to a subgraph carries: the gateway's credential."""
        return credential_headers(self.subgraph_secret)

    def token_settings(self) -> Settings:
        """The services' settings of token verification, with the gateway's values."""
        return Settings(**{name: getattr(self, name) for name in TOKEN_SETTINGS})


def _origin(text: str) -> str:
    """A browser origin as browsers send it (lower-case, no path); a trailing slash is
    forgiven."""
    origin = text.strip().lower().removesuffix("/")
    parts = urlsplit(origin)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.path
        or parts.query
        or parts.fragment
        or "@" in parts.netloc
    ):
        raise ValueError(f"not a browser origin (scheme://host[:port]): {text!r}")
    return origin
