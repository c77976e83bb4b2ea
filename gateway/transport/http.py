"""The gateway's Transport: pooled HTTP/1.1 to subgraph replicas with failover and timeouts."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence

from opentelemetry.trace import SpanKind, StatusCode

from services.common import tracing

from .addresses import Resolve, ResolvedEndpoint, resolve_all
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
    """A subgraph's replicas: every address of every URL, taken in round-robin order."""

    def __init__(self, replicas: list[ResolvedEndpoint], timeout_s: float) -> None:
        self.replicas = replicas
        self.timeout_s = timeout_s
        self._next = 0

    async def order(self) -> list[ConnectionPool]:
        """Raises ConnectFailed when no URL's host resolves."""
        pools: list[ConnectionPool] = []
        unresolved: ConnectFailed | None = None
        for replica in self.replicas:
            try:
                pools += await replica.pools()
            except ConnectFailed as exc:
                unresolved = exc
        if not pools:
            raise unresolved or ConnectFailed("no replica")
        if len(pools) == 1:
            return pools
        start = self._next % len(pools)
        self._next = start + 1
        return pools[start:] + pools[:start]


def _seconds(value: float) -> str:
    return f"{value:g} s"


class HttpTransport:
    """Implements `Transport`. Subgraph URLs can be replaced at run time (a new supergraph);
    pools of URLs still in use are kept, so warm connections survive a recomposition. A host
    name is resolved to all its addresses, again every `dns_refresh_s`: each address is a
    replica with its own pool, so keep-alive connections never pin a subgraph to one."""

    def __init__(
        self,
        *,
        timeout_s: float = 5.0,
        timeouts: Mapping[str, float] | None = None,
        pool_size: int = 64,
        max_idle_s: float = 4.0,
        dns_refresh_s: float = 10.0,
        resolve: Resolve = resolve_all,
    ) -> None:
        if pool_size < 1:
            raise ValueError("pool_size must be at least 1")
        self._timeout_s = timeout_s
        self._timeouts = dict(timeouts or {})
        self._pool_size = pool_size
        self._max_idle_s = max_idle_s
        self._dns_refresh_s = dns_refresh_s
        self._resolve = resolve
        self._routes: dict[str, _Route] = {}
        self._replicas: dict[str, ResolvedEndpoint] = {}

    def set_subgraphs(self, urls: Mapping[str, Sequence[str]]) -> None:
        """Replaces the replica URLs of every subgraph (name → one or more URLs)."""
        endpoints = {name: [Endpoint.parse(u) for u in given] for name, given in urls.items()}
        for name, parsed in endpoints.items():
            if not parsed:
                raise ValueError(f"subgraph {name!r} has no URL")
        replicas: dict[str, ResolvedEndpoint] = {}
        routes: dict[str, _Route] = {}
        for name, urls_of_name in endpoints.items():
            route_replicas = []
            for endpoint in urls_of_name:
                replica = replicas.get(endpoint.url) or self._replicas.get(endpoint.url)
                if replica is None:
                    replica = ResolvedEndpoint(
                        endpoint,
                        refresh_s=self._dns_refresh_s,
                        resolve=self._resolve,
                        new_pool=self._new_pool,
                    )
                replicas[endpoint.url] = replica
                route_replicas.append(replica)
            routes[name] = _Route(route_replicas, self._timeouts.get(name, self._timeout_s))
        for url, replica in self._replicas.items():
            if url not in replicas:
                replica.close()
        self._replicas = replicas
        self._routes = routes

    @property
    def subgraph_urls(self) -> dict[str, list[str]]:
        return {name: [e.endpoint.url for e in r.replicas] for name, r in self._routes.items()}

    async def fetch(
        self, subgraph: str, body: bytes, headers: Mapping[str, str], *, idempotent: bool
    ) -> bytes:
        route = self._routes.get(subgraph)
        if route is None:
            raise SubgraphUnavailable(subgraph, "no URL configured")
        traced = tracing.enabled()
        tail = b"" if traced else _request_tail(body, headers)
        try:
            pools = await route.order()
        except ConnectFailed as exc:
            raise SubgraphUnavailable(subgraph, exc.reason) from exc
        reason = "no replica"
        for attempt, pool in enumerate(pools, start=1):
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
                    extra={
                        "subgraph": subgraph,
                        "url": pool.endpoint.url,
                        "address": pool.address,
                        "reason": reason,
                    },
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
        for replica in self._replicas.values():
            replica.close()
        self._replicas = {}
        self._routes = {}

    def _new_pool(self, endpoint: Endpoint, address: str) -> ConnectionPool:
        return ConnectionPool(
            endpoint, size=self._pool_size, max_idle_s=self._max_idle_s, address=address
        )

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
