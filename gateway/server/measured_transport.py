"""The transport engines fetch through: the gateway's own, timed and counted by subgraph."""

from __future__ import annotations

import time
from collections.abc import Mapping

from ..metrics import GatewayMetrics
from ..transport import SubgraphUnavailable, Transport


class MeasuredTransport:
    def __init__(self, inner: Transport, metrics: GatewayMetrics) -> None:
        self._inner = inner
        self._metrics = metrics

    async def fetch(
        self, subgraph: str, body: bytes, headers: Mapping[str, str], *, idempotent: bool
    ) -> bytes:
        started = time.perf_counter()
        try:
            return await self._inner.fetch(subgraph, body, headers, idempotent=idempotent)
        except SubgraphUnavailable:
            self._metrics.fetch_failed(subgraph)
            raise
        finally:
            self._metrics.observe_fetch(subgraph, time.perf_counter() - started)
