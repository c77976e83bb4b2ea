"""Configuration from environment variables, with defaults that run locally."""

from __future__ import annotations

from functools import cached_property

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_JWT_SECRET = "icld-development-secret-do-not-use-in-production"


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

    log_level: str = "INFO"
    log_format: str = "json"
    shutdown_grace_s: float = 10.0

    @cached_property
    def database_name(self) -> str:
        return self.mongodb_database or f"icld_{self.service_name}"
