"""The gateway's Transport: pooled HTTP/1.1 to subgraph replicas with failover and timeouts."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence

from opentelemetry.trace import SpanKind, StatusCode

from services.common import tracing

from .connection import ConnectionBroken, HttpConnection, Response
from .contract import SubgraphUnavailable
from .pool import ConnectFailed, ConnectionPool, Endpoint

log = logging.getLogger(__name__)


class _AttemptFailed(Exception):
    """One replica gave no usable response; `maybe_sent` if it may have got the request."""

    def __init__(self, reason: str, *, maybe_sent: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.maybe_sent = maybe_sent


class _Route:
    """A subgraph's replicas, taken in round-robin order."""

    def __init__(self, pools: list[ConnectionPool], timeout_s: float) -> None:
        self.pools = pools
        self.timeout_s = timeout_s
        self._next = 0

    def order(self) -> list[ConnectionPool]:
        pools = self.pools
        if len(pools) == 1:
            return pools
        start = self._next
        self._next = (start + 1) % len(pools)
        return pools[start:] + pools[:start]


def _seconds(value: float) -> str:
    return f"{value:g} s"


class HttpTransport:
    """Implements `Transport`. Subgraph URLs can be replaced at run time (a new supergraph);
    pools of URLs still in use are kept, so warm connections survive a recomposition."""

    def __init__(
        self,
        *,
        timeout_s: float = 5.0,
        timeouts: Mapping[str, float] | None = None,
        pool_size: int = 64,
        max_idle_s: float = 4.0,
    ) -> None:
        if pool_size < 1:
            raise ValueError("pool_size must be at least 1")
        self._timeout_s = timeout_s
        self._timeouts = dict(timeouts or {})
        self._pool_size = pool_size
        self._max_idle_s = max_idle_s
        self._routes: dict[str, _Route] = {}
        self._pools: dict[str, ConnectionPool] = {}

    def set_subgraphs(self, urls: Mapping[str, Sequence[str]]) -> None:
        """Replaces the replica URLs of every subgraph (name → one or more URLs)."""
        endpoints = {name: [Endpoint.parse(u) for u in replicas] for name, replicas in urls.items()}
        for name, replicas in endpoints.items():
            if not replicas:
                raise ValueError(f"subgraph {name!r} has no URL")
        pools: dict[str, ConnectionPool] = {}
        routes: dict[str, _Route] = {}
        for name, replicas in endpoints.items():
            route_pools = []
            for endpoint in replicas:
                pool = pools.get(endpoint.url) or self._pools.get(endpoint.url)
                if pool is None:
                    pool = ConnectionPool(
                        endpoint, size=self._pool_size, max_idle_s=self._max_idle_s
                    )
                pools[endpoint.url] = pool
                route_pools.append(pool)
            routes[name] = _Route(route_pools, self._timeouts.get(name, self._timeout_s))
        for url, pool in self._pools.items():
            if url not in pools:
                pool.close()
        self._pools = pools
        self._routes = routes

    @property
    def subgraph_urls(self) -> dict[str, list[str]]:
        return {name: [p.endpoint.url for p in r.pools] for name, r in self._routes.items()}

    async def fetch(
        self, subgraph: str, body: bytes, headers: Mapping[str, str], *, idempotent: bool
    ) -> bytes:
        route = self._routes.get(subgraph)
        if route is None:
            raise SubgraphUnavailable(subgraph, "no URL configured")
        traced = tracing.enabled()
        tail = b"" if traced else _request_tail(body, headers)
        reason = "no replica"
        for attempt, pool in enumerate(route.order(), start=1):
            try:
                if traced:
                    response = await self._traced_attempt(
                        subgraph, attempt, pool, body, headers, route, idempotent
                    )
                else:
                    request = pool.endpoint.head + tail
                    response = await self._attempt(pool, request, route, idempotent)
            except _AttemptFailed as failure:
                reason = failure.reason
                log.warning(
                    "subgraph fetch failed",
                    extra={"subgraph": subgraph, "url": pool.endpoint.url, "reason": reason},
                )
                if failure.maybe_sent and not idempotent:
                    break
                continue
            if 200 <= response.status < 300:
                return response.body
            # A 4xx is the request's fault: another replica would answer the same.
            raise SubgraphUnavailable(subgraph, f"HTTP {response.status}")
        raise SubgraphUnavailable(subgraph, reason)

    async def aclose(self) -> None:
        for pool in self._pools.values():
            pool.close()
        self._pools = {}
        self._routes = {}

    async def _traced_attempt(
        self,
        subgraph: str,
        attempt: int,
        pool: ConnectionPool,
        body: bytes,
        headers: Mapping[str, str],
        route: _Route,
        idempotent: bool,
    ) -> Response:
        """One attempt as a span of its own, whose `traceparent` the subgraph continues."""
        with tracing.tracer().start_as_current_span(
            f"fetch {subgraph}",
            kind=SpanKind.CLIENT,
            attributes={
                "graphql.federation.subgraph": subgraph,
                "icld.fetch.attempt": attempt,
                "url.full": pool.endpoint.url,
            },
            record_exception=False,
        ) as span:
            context = dict(headers)
            tracing.inject(context)
            try:
                response = await self._attempt(
                    pool, pool.endpoint.head + _request_tail(body, context), route, idempotent
                )
            except _AttemptFailed as failure:
                span.set_status(StatusCode.ERROR, failure.reason)
                raise
            span.set_attribute("http.response.status_code", response.status)
            if not 200 <= response.status < 300:
                span.set_status(StatusCode.ERROR, f"HTTP {response.status}")
            return response

    async def _attempt(
        self, pool: ConnectionPool, request: bytes, route: _Route, idempotent: bool
    ) -> Response:
        try:
            async with asyncio.timeout(route.timeout_s):
                response = await self._exchange(pool, request, idempotent)
        except TimeoutError as exc:
            raise _AttemptFailed(
                f"timed out after {_seconds(route.timeout_s)}", maybe_sent=True
            ) from exc
        if response.status >= 500:
            raise _AttemptFailed(f"HTTP {response.status}", maybe_sent=True)
        return response

    async def _exchange(self, pool: ConnectionPool, request: bytes, idempotent: bool) -> Response:
        try:
            conn, reused = await pool.acquire()
        except ConnectFailed as exc:
            raise _AttemptFailed(exc.reason, maybe_sent=False) from exc
        try:
            return await _send(pool, conn, request)
        except ConnectionBroken as exc:
            # A pooled connection the server closed while idle fails before any response
            # byte; the request never reached the application, so one fresh try is safe
            # for queries. A mutation might have reached it: never sent twice.
            if not (reused and idempotent and not exc.received_any):
                raise _AttemptFailed(exc.reason, maybe_sent=True) from exc
            log.debug("stale pooled connection", extra={"url": pool.endpoint.url})
        try:
            conn, _ = await pool.acquire(fresh=True)
        except ConnectFailed as exc:
            raise _AttemptFailed(exc.reason, maybe_sent=False) from exc
        try:
            return await _send(pool, conn, request)
        except ConnectionBroken as exc:
            raise _AttemptFailed(exc.reason, maybe_sent=True) from exc


async def _send(pool: ConnectionPool, conn: HttpConnection, request: bytes) -> Response:
    try:
        response = await conn.exchange(request)
    except BaseException:
        pool.release(conn, reusable=False)
        raise
    pool.release(conn, reusable=response.keep_alive)
    return response


def _request_tail(body: bytes, headers: Mapping[str, str]) -> bytes:
    lines = []
    for name, value in headers.items():
        if "\r" in value or "\n" in value or "\r" in name or "\n" in name:
            raise ValueError(f"header {name!r} contains a line break")
        lines.append(f"{name}: {value}\r\n")
    lines.append(f"Content-Length: {len(body)}\r\n\r\n")
    return "".join(lines).encode("latin-1") + body
