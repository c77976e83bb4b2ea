"""Runs one service replica: `python -m services.<name>`."""

from __future__ import annotations

import logging
from typing import TypeVar

import uvicorn
from opentelemetry.instrumentation.pymongo import PymongoInstrumentor

from .app import create_app
from .http_limits import AbandonedRequests, HttpLimits
from .logging import configure_logging
from .runtime import ServiceRuntime
from .service import ServiceSpec
from .settings import (
    DEV_JWT_SECRET,
    InsecureSettings,
    Settings,
    refuse_development_subgraph_secret,
    refuse_development_tokens,
)
from .tracing import configure_tracing

R = TypeVar("R")


def serve(spec: ServiceSpec[R]) -> None:
    settings = Settings(service_name=spec.name)
    configure_logging(spec.name, settings.log_level, settings.log_format)
    log = logging.getLogger(__name__)
    try:
        refuse_development_tokens(settings)
        refuse_development_subgraph_secret(
            settings.environment, settings.subgraph_secret, settings.subgraph_secret_previous
        )
    except InsecureSettings as exc:
        log.error("refusing to start", extra={"reason": str(exc)})
        raise SystemExit(f"{spec.name}: refusing to start: {exc}") from None
    if (
        settings.environment == "development"
        and settings.jwt_secret == DEV_JWT_SECRET
        and not settings.jwt_public_key
    ):
        log.warning(
            "JWT_SECRET is the development secret; set ENVIRONMENT=production in production"
        )
    if configure_tracing(
        settings.otel_service_name or spec.name, settings.otel_exporter_otlp_endpoint
    ):
        PymongoInstrumentor().instrument()
    runtime = ServiceRuntime(spec, settings)
    uvicorn.run(
        AbandonedRequests(create_app(runtime)),
        host=settings.host,
        port=settings.port or spec.default_port,
        log_config=None,
        timeout_graceful_shutdown=int(settings.shutdown_grace_s),
        lifespan="on",
        **HttpLimits(
            header_timeout_s=settings.http_header_timeout_s,
            body_timeout_s=settings.http_body_timeout_s,
            max_header_bytes=settings.http_max_header_bytes,
            keep_alive_s=settings.http_keep_alive_s,
            max_connections=settings.http_max_connections,
        ).uvicorn_options(),
    )
