"""Identical subgraph queries in flight at the same time share one HTTP exchange."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..inflight import InFlight
from .contract import Transport

PER_REQUEST_HEADERS = frozenset({"x-request-id"})
"""Forwarded headers that name the client request, not who is asking: left out of the key
(the shared exchange carries the first sharer's). Every other header is part of it, so the
credentials (`Authorization`) of two callers must be equal for them to share."""

_Key = tuple[str, bytes, frozenset[tuple[str, str]]]


class DeduplicatingTransport:
    """Implements `Transport` over `inner`. A query fetch (`idempotent`) with the same
    subgraph, body (document and variables) and identity headers as one in flight waits for
    that one's answer: the same bytes, which each engine parses into its own objects, or the
    same `SubgraphUnavailable`. Mutation fetches always go on their own."""

    def __init__(self, inner: Transport, *, on_shared: Callable[[str], None] | None = None) -> None:
        """`on_shared(subgraph)` is told of every fetch that shared an exchange in flight."""
        self._inner = inner
        self._in_flight: InFlight[_Key, bytes] = InFlight(
            on_shared=None if on_shared is None else lambda key: on_shared(key[0])
        )

    async def fetch(
        self, subgraph: str, body: bytes, headers: Mapping[str, str], *, idempotent: bool
    ) -> bytes:
        if not idempotent:
            return await self._inner.fetch(subgraph, body, headers, idempotent=False)
        identity = frozenset(
            (name, value)
            for name, value in headers.items()
            if name.lower() not in PER_REQUEST_HEADERS
        )
        return await self._in_flight.run(
            (subgraph, body, identity),
            lambda: self._inner.fetch(subgraph, body, headers, idempotent=True),
        )
