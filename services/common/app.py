"""The Starlette app of a service replica: /graphql (for the gateway only), health, metrics,
request ids."""

from __future__ import annotations

import contextlib
import logging
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any, Generic, TypeVar

from opentelemetry.instrumentation.asgi import OpenTelemetryMiddleware
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.applications import Starlette
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from .auth import Principal, TokenVerifier
from .errors import Unauthenticated
from .gateway_credential import GatewayOnly
from .graphql import Context
from .limits import OperationLimits
from .logging import request_id
from .metrics import HTTP_REQUESTS
from .runtime import ServiceRuntime

log = logging.getLogger(__name__)

R = TypeVar("R")


class RequestIdMiddleware(BaseHTTPMiddleware):
    """Takes `X-Request-ID` from the caller (the gateway) or makes one; logs and measures."""

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        rid = request.headers.get("x-request-id") or uuid.uuid4().hex
        token = request_id.set(rid)
        started = time.perf_counter()
        try:
            response = await call_next(request)
        finally:
            request_id.reset(token)
        response.headers["x-request-id"] = rid
        HTTP_REQUESTS.labels(
            _method_label(request.method), _route_label(request), response.status_code
        ).observe(time.perf_counter() - started)
        return response


_METHODS = frozenset(("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"))
UNMATCHED = "unmatched"
"""The path label of every request no route takes: a label per unknown URL or method would
let any client create Prometheus series without bound."""


def _method_label(method: str) -> str:
    return method if method in _METHODS else "other"


def _route_label(request: Request) -> str:
    """The template of the route that handled the request (Starlette records it in the scope
    while routing), never the raw path."""
    route = request.scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else UNMATCHED


class SubgraphGraphQL(GraphQL[Context[Any], None], Generic[R]):
    def __init__(self, runtime: ServiceRuntime[R]) -> None:
        super().__init__(runtime.spec.schema, graphql_ide=None, allow_queries_via_get=False)
        self._runtime = runtime
        self._verifier = TokenVerifier(runtime.settings)
        self._limits = OperationLimits.of(runtime.settings)

    async def get_context(self, request: Request | WebSocket, response: Any) -> Context[Any]:
        principal: Principal | Unauthenticated | None
        try:
            principal = await self._verifier.principal(request.headers.get("authorization"))
        except Unauthenticated as exc:
            principal = exc  # reported by the first resolver that needs the caller
        http_request = request if isinstance(request, Request) else None
        return Context(
            request=http_request,
            repos=self._runtime.repos,
            principal_or_error=principal,
            limits=self._limits,
        )


def create_app(runtime: ServiceRuntime[R]) -> Starlette:
    async def live(_: Request) -> Response:
        return JSONResponse({"status": "live", "service": runtime.spec.name})

    async def ready(_: Request) -> Response:
        checks = await runtime.readiness()
        ok = checks.get("mongodb") is True and checks.get("rabbitmq") is True
        return JSONResponse(
            {"status": "ready" if ok else "unready", **checks}, status_code=200 if ok else 503
        )

    async def metrics(_: Request) -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        await runtime.start()
        try:
            yield
        finally:
            await runtime.stop()

    app = Starlette(
        routes=[
            Route("/health/live", live),
            Route("/health/ready", ready),
            Route("/metrics", metrics),
            Route(
                "/graphql",
                GatewayOnly(SubgraphGraphQL(runtime), runtime.settings),
                methods=["GET", "POST"],
            ),
        ],
        lifespan=lifespan,
    )
    app.add_middleware(RequestIdMiddleware)
    if runtime.settings.otel_exporter_otlp_endpoint:
        # Outermost: the request's span (continuing the gateway's `traceparent`) covers
        # everything the request does. Probes and scrapes are not traced.
        app.add_middleware(
            OpenTelemetryMiddleware,
            excluded_urls="/health/,/metrics",
            exclude_spans=["receive", "send"],
        )
    return app
