"""Running the app under uvicorn until SIGTERM: serve (a supergraph file must load, or the
process exits 2 saying why; composition is retried by the app, answering 503 meanwhile),
then finish the requests in flight and close the subgraph pools."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from collections.abc import Mapping, Sequence
from types import FrameType

import uvicorn

from services.common.http_limits import HttpLimits

from ..metrics import GatewayMetrics
from ..settings import GatewaySettings
from .app import create_app
from .engines import EngineFactory, EngineSlot
from .garbage import collect_on_a_clock
from .sources import StaticSupergraph, SupergraphSource

log = logging.getLogger(__name__)

EXIT_NO_SUPERGRAPH = 2


async def serve(
    settings: GatewaySettings,
    source: SupergraphSource,
    *,
    engine_factory: EngineFactory | None = None,
    subgraph_urls: Mapping[str, Sequence[str]] | None = None,
) -> int:
    """Serves until SIGTERM/SIGINT; the process exit status."""
    app = create_app(settings, source, engine_factory=engine_factory, subgraph_urls=subgraph_urls)
    slot: EngineSlot = app.state.engines
    if isinstance(source, StaticSupergraph):
        # A file that does not load never will: better to say why than to answer 503 forever.
        slot.load(await source.first())
        if slot.current is None:
            sys.stderr.write(f"gateway: {slot.problem}\n")
            return EXIT_NO_SUPERGRAPH
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        loop="uvloop",
        lifespan="on",
        access_log=False,
        log_config=None,
        timeout_graceful_shutdown=max(1, round(settings.shutdown_grace_s)),
        **HttpLimits(
            header_timeout_s=settings.header_timeout_s,
            body_timeout_s=settings.body_timeout_s,
            max_header_bytes=settings.max_header_bytes,
            keep_alive_s=settings.keep_alive_s,
            max_connections=settings.max_connections,
        ).uvicorn_options(),
    )
    server = uvicorn.Server(config)
    metrics: GatewayMetrics = app.state.metrics
    metrics.count_connections(lambda: len(server.server_state.connections))
    collector = asyncio.ensure_future(collect_on_a_clock())
    # uvicorn re-raises the signal that stopped it once it has shut down gracefully; with
    # this handler in place that re-raise is a no-op and SIGTERM ends the process with 0.
    signal.signal(signal.SIGTERM, _stopped)
    try:
        await server.serve()
    finally:
        collector.cancel()
    return 0 if server.started else 1


def _stopped(signum: int, frame: FrameType | None) -> None:
    log.info("stopped by SIGTERM")
