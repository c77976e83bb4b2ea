"""A replica URL whose host name resolves to several addresses (Docker's `--scale`, a
Kubernetes headless Service): one connection pool per address, re-resolved periodically."""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
import time
from collections.abc import Awaitable, Callable

from .pool import ConnectFailed, ConnectionPool, Endpoint

log = logging.getLogger(__name__)

Resolve = Callable[[str, int], Awaitable[list[str]]]
"""Host name and port → the addresses to connect to, in the resolver's order."""
NewPool = Callable[[Endpoint, str], ConnectionPool]


async def resolve_all(host: str, port: int) -> list[str]:
    """Every address the system resolver gives (hosts file, DNS), without repeats."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


class ResolvedEndpoint:
    """The pools of one replica URL, one per address of its host. Pools of addresses that
    stay are kept across re-resolutions (their warm connections too); others are closed."""

    def __init__(
        self, endpoint: Endpoint, *, refresh_s: float, resolve: Resolve, new_pool: NewPool
    ) -> None:
        self.endpoint = endpoint
        self._refresh_s = refresh_s
        self._resolve = resolve
        self._new_pool = new_pool
        self._fixed = _is_address(endpoint.host)
        self._pools: dict[str, ConnectionPool] = (
            {endpoint.host: new_pool(endpoint, endpoint.host)} if self._fixed else {}
        )
        self._resolved_at = -float("inf")
        self._refreshing: asyncio.Task[None] | None = None

    async def pools(self) -> list[ConnectionPool]:
        """The current pools; raises ConnectFailed when the host never resolved."""
        if not self._fixed and time.monotonic() - self._resolved_at >= self._refresh_s:
            if self._refreshing is None or self._refreshing.done():
                self._refreshing = asyncio.create_task(self._refresh())
            if not self._pools:
                # Nothing to use meanwhile: this request waits for the first answer. Shielded
                # so that one request's timeout does not cancel it for the others.
                await asyncio.shield(self._refreshing)
        if not self._pools:
            raise ConnectFailed("host not found")
        return list(self._pools.values())

    def close(self) -> None:
        if self._refreshing is not None:
            self._refreshing.cancel()
        for pool in self._pools.values():
            pool.close()
        self._pools = {}

    async def _refresh(self) -> None:
        endpoint = self.endpoint
        try:
            addresses = await self._resolve(endpoint.host, endpoint.port)
        except OSError as exc:
            # Known addresses stay in use until the resolver answers again; with none, the
            # next request asks again.
            log.warning(
                "subgraph host not resolved", extra={"url": endpoint.url, "reason": str(exc)}
            )
            if self._pools:
                self._resolved_at = time.monotonic()
            return
        self._resolved_at = time.monotonic()
        if not addresses:
            log.warning("subgraph host resolved to no address", extra={"url": endpoint.url})
            return
        pools = {a: self._pools.get(a) or self._new_pool(endpoint, a) for a in addresses}
        for address, pool in self._pools.items():
            if address not in pools:
                pool.close()
        if pools.keys() != self._pools.keys():
            log.info("subgraph addresses", extra={"url": endpoint.url, "addresses": list(pools)})
        self._pools = pools
