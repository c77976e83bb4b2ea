"""The engine currently serving, swapped atomically when a new supergraph arrives.

A request takes `slot.current` once when it starts and keeps that engine to the end, so a
swap never changes the schema under an operation in flight.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from graphql import GraphQLSchema

from ..requests import OperationRequest
from ..transport import HttpTransport, Transport
from .limits import Measurement

log = logging.getLogger(__name__)


class GatewayEngine(Protocol):
    """What the HTTP layer needs of `gateway.engine.Engine`."""

    @property
    def api_schema(self) -> GraphQLSchema: ...

    @property
    def subgraph_urls(self) -> Mapping[str, str]: ...

    async def execute(self, request: OperationRequest) -> dict[str, Any]: ...


EngineFactory = Callable[[str, Transport], GatewayEngine]

MEASUREMENTS_PER_ENGINE = 1_000


@dataclass
class LoadedEngine:
    engine: GatewayEngine
    measurements: OrderedDict[tuple[str, str | None], Measurement] = field(
        default_factory=OrderedDict
    )
    """Limit measurements by (query, operation name), valid for this engine's schema."""

    def remembered(self, key: tuple[str, str | None]) -> Measurement | None:
        return self.measurements.get(key)

    def remember(self, key: tuple[str, str | None], measurement: Measurement) -> None:
        self.measurements[key] = measurement
        if len(self.measurements) > MEASUREMENTS_PER_ENGINE:
            self.measurements.popitem(last=False)


class EngineSlot:
    def __init__(
        self,
        factory: EngineFactory,
        transport: HttpTransport,
        url_overrides: Mapping[str, Sequence[str]],
    ) -> None:
        self._factory = factory
        self._transport = transport
        self._url_overrides = dict(url_overrides)
        self.current: LoadedEngine | None = None
        self.problem = "no supergraph loaded yet"

    def load(self, sdl: str) -> None:
        """Builds an engine for `sdl` and swaps it in; on failure keeps the last good one."""
        try:
            engine = self._factory(sdl, self._transport)
            urls: dict[str, Sequence[str]] = {
                name: [url] for name, url in engine.subgraph_urls.items()
            }
            urls.update(self._url_overrides)
            self._transport.set_subgraphs(urls)
        except Exception as exc:
            kept = "keeping the last good supergraph" if self.current else "none loaded"
            # A bad supergraph or URL (SupergraphError is a ValueError) is explained by its
            # message; anything else is a bug whose traceback is needed.
            log.error(
                "supergraph rejected; %s",
                kept,
                extra={"reason": str(exc)},
                exc_info=not isinstance(exc, ValueError),
            )
            if self.current is None:
                self.problem = f"supergraph rejected: {exc}"
            return
        self.current = LoadedEngine(engine)
        log.info("supergraph loaded", extra={"subgraphs": sorted(urls)})
