"""The gateway's configuration: `GATEWAY_*` environment variables (JWT ones shared with the
services), with defaults that run locally; command-line flags override them."""

from __future__ import annotations

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from services.common.settings import DEV_JWT_SECRET


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
    request_timeout_s: float = Field(30.0, gt=0)
    """Bound on one whole operation."""

    max_body_bytes: int = Field(1024 * 1024, ge=1)
    max_depth: int = Field(15, ge=1)
    max_aliases: int = Field(30, ge=0)
    max_root_fields: int = Field(20, ge=1)
    max_cost: int = Field(10_000, ge=1)
    default_list_size: int = Field(10, ge=1)
    """Assumed length of a list field without a first/last/limit argument, for the cost."""

    introspection: bool = True
    csrf_prevention: bool = True
    apq_enabled: bool = True
    apq_cache_size: int = Field(10_000, ge=1)
    parse_cache_size: int = Field(1_000, ge=1)

    override_labels: list[str] = Field(default_factory=list)
    """Progressive @override labels switched on, as JSON: ["use-new-billing"]. Labels
    `percent(N)` need no switch: they are drawn per request."""

    poll_interval_s: float = Field(10.0, gt=0)
    shutdown_grace_s: float = Field(10.0, ge=0)

    jwt_secret: str = Field(DEV_JWT_SECRET, validation_alias=_shared("JWT_SECRET"))
    """Empty (and no public key) switches token verification at the gateway off."""
    jwt_public_key: str = Field("", validation_alias=_shared("JWT_PUBLIC_KEY"))
    jwt_algorithms: list[str] = Field(
        default_factory=lambda: ["HS256"], validation_alias=_shared("JWT_ALGORITHMS")
    )
    jwt_issuer: str = Field("icld-dev", validation_alias=_shared("JWT_ISSUER"))
    jwt_audience: str = Field("icld-platform", validation_alias=_shared("JWT_AUDIENCE"))

    log_level: str = "INFO"
    log_format: str = "json"

    @property
    def verifies_tokens(self) -> bool:
        return bool(self.jwt_secret or self.jwt_public_key)
