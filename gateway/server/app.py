"""The gateway's Starlette app: /graphql, /health, /metrics, and GraphiQL at /."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Lifespan, Receive, Scope, Send

from ..composition import CompositionFailed
from ..metrics import CONTENT_TYPE as METRICS_CONTENT_TYPE
from ..metrics import GatewayMetrics
from ..settings import GatewaySettings
from ..transport import DeduplicatingTransport, HttpTransport, Transport
from .engines import EngineFactory, EngineSlot, GatewayEngine
from .graphql_endpoint import GraphQLEndpoint
from .measured_transport import MeasuredTransport
from .sources import SupergraphSource

log = logging.getLogger(__name__)

GRAPHIQL_DIR = Path(__file__).parent / "static" / "graphiql"
FIRST_RETRY_S = 0.5
"""Wait after the first failed attempt to compose the first supergraph."""


def engine_from_supergraph(
    sdl: str,
    transport: Transport,
    override_labels: Sequence[str] = (),
    on_plan_lookup: Callable[[bool], None] | None = None,
) -> GatewayEngine:
    """The real engine (imported late: the HTTP layer does not need it to be built)."""
    from ..engine import Engine

    return Engine.from_supergraph(
        sdl, transport, override_labels=override_labels, on_plan_lookup=on_plan_lookup
    )


class GatewayApp(Starlette):
    """The routes below, with GraphQL requests (most of all requests) handed straight to
    their endpoint: Starlette's routing and exception middleware cost about a tenth of the
    gateway's CPU per request on a one-field query, and the endpoint answers every failure of
    its own (an internal one as a 500 without details)."""

    def __init__(
        self,
        graphql: GraphQLEndpoint,
        graphql_methods: Sequence[str],
        routes: Sequence[BaseRoute],
        lifespan: Lifespan[Starlette],
    ) -> None:
        super().__init__(
            routes=[Route("/graphql", graphql, methods=graphql_methods), *routes],
            lifespan=lifespan,
        )
        self._graphql = graphql
        self._graphql_methods = frozenset(graphql_methods)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["path"] == "/graphql"
            and scope["method"] in self._graphql_methods
        ):
            await self._graphql(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


def create_app(
    settings: GatewaySettings,
    supergraph_source: SupergraphSource,
    *,
    engine_factory: EngineFactory | None = None,
    transport: HttpTransport | None = None,
    subgraph_urls: Mapping[str, Sequence[str]] | None = None,
) -> GatewayApp:
    """`subgraph_urls` (name → replica URLs) override the supergraph's URLs of those subgraphs.

    The app owns `transport` (closed on shutdown); by default one is made from `settings`.
    """
    http = transport or HttpTransport(
        timeout_s=settings.subgraph_timeout_s,
        timeouts=settings.subgraph_timeouts,
        pool_size=settings.pool_size,
        max_idle_s=settings.pool_idle_s,
        dns_refresh_s=settings.dns_refresh_s,
    )
    metrics = GatewayMetrics(settings.metrics_max_operations)
    factory = engine_factory or functools.partial(
        engine_from_supergraph,
        override_labels=settings.override_labels,
        on_plan_lookup=metrics.plan_looked_up,
    )

    def measured_engine(sdl: str, transport: Transport) -> GatewayEngine:
        fetching: Transport = MeasuredTransport(transport, metrics)
        if settings.dedupe_subgraph_requests:
            # Above the measurements: they count the exchanges actually made.
            fetching = DeduplicatingTransport(fetching, on_shared=metrics.subgraph_request_shared)
        return factory(sdl, fetching)

    slot = EngineSlot(measured_engine, http, subgraph_urls or {})
    page = (GRAPHIQL_DIR / "index.html").read_bytes()
    graphql = GraphQLEndpoint(settings, slot, metrics, browser_page=page)

    async def health(_: Request) -> Response:
        if slot.current is None:
            return JSONResponse({"status": "unavailable", "reason": slot.problem}, 503)
        return JSONResponse({"status": "ok"})

    async def prometheus(_: Request) -> Response:
        return Response(metrics.render(), media_type=METRICS_CONTENT_TYPE)

    async def graphiql(_: Request) -> Response:
        return HTMLResponse(page)

    # OPTIONS reaches the endpoint only to answer CORS preflights.
    graphql_methods = ["GET", "POST", "OPTIONS"] if settings.cors_origins else ["GET", "POST"]

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        loader = asyncio.create_task(
            _follow(supergraph_source, slot, settings.poll_interval_s), name="supergraph"
        )
        try:
            yield
        finally:
            loader.cancel()
            await asyncio.gather(loader, return_exceptions=True)
            await http.aclose()

    app = GatewayApp(
        graphql,
        graphql_methods,
        [
            Route("/health", health, methods=["GET"]),
            Route("/metrics", prometheus, methods=["GET"]),
            Route("/", graphiql, methods=["GET"]),
            Mount("/graphiql", StaticFiles(directory=GRAPHIQL_DIR), name="graphiql"),
        ],
        lifespan,
    )
    app.state.engines = slot
    app.state.metrics = metrics
    return app


async def _follow(source: SupergraphSource, slot: EngineSlot, max_retry_s: float) -> None:
    """Loads the first supergraph (unless the caller already did), then every new one, for
    the app's lifetime."""
    if slot.current is None:
        try:
            sdl = await _first_supergraph(source, slot, max_retry_s)
        except Exception as exc:
            slot.problem = f"no supergraph: {exc}"
            log.error("no supergraph to serve", extra={"reason": str(exc)})
            return
        slot.load(sdl)
    try:
        await source.watch(slot.load)
    except Exception:
        log.exception("stopped following supergraph changes; serving the last one loaded")


async def _first_supergraph(source: SupergraphSource, slot: EngineSlot, max_retry_s: float) -> str:
    """The source's first supergraph, asked for again while the subgraphs do not answer or
    do not compose (they are often started together with the gateway), each wait twice
    the last, up to `max_retry_s`. Meanwhile the gateway answers 503."""
    wait_s = min(FIRST_RETRY_S, max_retry_s)
    attempt = 0
    while True:
        attempt += 1
        try:
            return await source.first()
        except CompositionFailed as exc:
            # The details name internal URLs: for the log, not for clients.
            slot.problem = "no supergraph composed yet"
            log.warning(
                "no supergraph composed yet; retrying",
                extra={
                    "attempt": attempt,
                    "retry_in_s": wait_s,
                    "errors": [f"{e.code}: {e.message}" for e in exc.errors],
                },
            )
        await asyncio.sleep(wait_s)
        wait_s = min(wait_s * 2, max_retry_s)
