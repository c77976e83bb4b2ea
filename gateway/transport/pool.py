"""A bounded keep-alive connection pool for one subgraph replica: one address of a URL."""

from __future__ import annotations

import asyncio
import logging
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from .connection import HttpConnection

log = logging.getLogger(__name__)


class ConnectFailed(Exception):
    """No connection could be opened; nothing was sent."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Endpoint:
    """Where a replica listens, and the fixed head of every request sent to it."""

    url: str
    host: str
    port: int
    tls: bool
    head: bytes

    @classmethod
    def parse(cls, url: str) -> Endpoint:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an http(s) URL: {url!r}")
        tls = parts.scheme == "https"
        port = parts.port or (443 if tls else 80)
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        default_port = (tls and port == 443) or (not tls and port == 80)
        name = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
        host = name if default_port else f"{name}:{port}"
        head = (
            f"POST {path} HTTP/1.1\r\nHost: {host}\r\n"
            "Content-Type: application/json\r\nAccept: application/json\r\n"
        ).encode("ascii")
        return cls(url=url, host=parts.hostname, port=port, tls=tls, head=head)


class ConnectionPool:
    """At most `size` connections to one endpoint; idle ones are reused newest first (LIFO),
    so a burst's extra connections age out while the hot ones stay warm."""

    def __init__(
        self, endpoint: Endpoint, *, size: int, max_idle_s: float, address: str | None = None
    ) -> None:
        self.endpoint = endpoint
        self.address = address or endpoint.host
        """Where connections go; the requests still name the URL's host (Host, TLS SNI)."""
        self._max_idle_s = max_idle_s
        self._slots = asyncio.Semaphore(size)
        self._idle: list[HttpConnection] = []
        self._ssl = ssl.create_default_context() if endpoint.tls else None
        self._closed = False

    async def acquire(self, *, fresh: bool = False) -> tuple[HttpConnection, bool]:
        """A connection and whether it was reused; the caller must `release` it."""
        await self._slots.acquire()
        try:
            if not fresh:
                conn = self._pop_idle()
                if conn is not None:
                    return conn, True
            return await self._connect(), False
        except BaseException:
            self._slots.release()
            raise

    def release(self, conn: HttpConnection, *, reusable: bool) -> None:
        if reusable and not self._closed and not conn.closed:
            conn.idle_since = time.monotonic()
            self._idle.append(conn)
        else:
            conn.close()
        self._slots.release()

    def close(self) -> None:
        """Closes idle connections now; those in use are closed when released."""
        self._closed = True
        while self._idle:
            self._idle.pop().close()

    def _pop_idle(self) -> HttpConnection | None:
        now = time.monotonic()
        while self._idle:
            conn = self._idle.pop()
            if not conn.closed and now - conn.idle_since < self._max_idle_s:
                return conn
            conn.close()
        return None

    async def _connect(self) -> HttpConnection:
        loop = asyncio.get_running_loop()
        endpoint = self.endpoint
        try:
            _, conn = await loop.create_connection(
                lambda: HttpConnection(loop),
                self.address,
                endpoint.port,
                ssl=self._ssl,
                server_hostname=endpoint.host if self._ssl else None,
            )
        except ConnectionRefusedError as exc:
            raise ConnectFailed("connection refused") from exc
        except socket.gaierror as exc:
            raise ConnectFailed("host not found") from exc
        except ssl.SSLError as exc:
            raise ConnectFailed("TLS handshake failed") from exc
        except OSError as exc:
            raise ConnectFailed("connection failed") from exc
        log.debug("opened connection", extra={"url": endpoint.url})
        return conn
