"""What one HTTP client may hold of a server (the gateway's or a service's uvicorn): time to
send a request's headers and its body, header size, connections.

uvicorn has no read timeouts of its own (its keep-alive timer only covers the idle time
between requests and is reset by every byte received), and httptools no bound on header
size, so a client sending a request slowly, or endless headers, held a connection (and
memory) for as long as it liked. The deadlines are kept by the connection's protocol: the
headers are parsed before any ASGI app runs, so no middleware could see a request whose
headers never complete.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol, RequestResponseCycle

if TYPE_CHECKING:
    from uvicorn._types import ASGI3Application

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class HttpLimits:
    header_timeout_s: float
    """From the moment a connection can take a request (opened, or the last response sent)
    until that request's headers are complete."""
    body_timeout_s: float
    """From the moment the app takes a request until its whole body has arrived."""
    max_header_bytes: int
    """Request line and headers together."""
    keep_alive_s: int
    """An idle connection is closed after this long (below `header_timeout_s`)."""
    max_connections: int
    """Beyond this many open connections (or requests in flight) requests are answered 503."""

    def uvicorn_options(self) -> dict[str, Any]:
        """Keyword arguments of `uvicorn.Config` that enforce these limits."""
        return {
            "http": limited_protocol(self),
            "limit_concurrency": self.max_connections,
            "timeout_keep_alive": self.keep_alive_s,
        }


def limited_protocol(limits: HttpLimits) -> type[HttpToolsProtocol]:
    """uvicorn's httptools protocol keeping `limits` (uvicorn makes one per connection)."""

    class Limited(LimitedHttpToolsProtocol):
        LIMITS = limits

    return Limited


class LimitedHttpToolsProtocol(HttpToolsProtocol):
    LIMITS: HttpLimits

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_timer: asyncio.TimerHandle | None = None
        self._headers_due: float | None = None
        """While the connection waits for a request's headers: when they are due."""
        self._body_timer: asyncio.TimerHandle | None = None
        self._request_begun = False
        self._header_bytes = 0
        self._headers_too_large = False

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._await_headers()

    def connection_lost(self, exc: Exception | None) -> None:
        for timer in (self._header_timer, self._body_timer):
            if timer is not None:
                timer.cancel()
        super().connection_lost(exc)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._request_begun = True
        self._header_bytes = 0

    def on_url(self, url: bytes) -> None:
        self._count_header_bytes(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count_header_bytes(len(name) + len(value))
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._request_begun = False
        self._headers_due = None
        super().on_headers_complete()

    def _start_asgi_task(self, cycle: RequestResponseCycle, app: ASGI3Application) -> None:
        # The body's deadline runs from here (not from its headers): a pipelined request
        # waits, unread, for the one before it.
        super()._start_asgi_task(cycle, app)
        if cycle.more_body:
            self._body_timer = self.loop.call_later(
                self.LIMITS.body_timeout_s, self._body_late, cycle
            )

    def on_message_complete(self) -> None:
        super().on_message_complete()
        if self._body_timer is not None:
            self._body_timer.cancel()
            self._body_timer = None

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and self.cycle.response_complete:
            self._await_headers()

    def send_400_response(self, msg: str) -> None:
        # uvicorn answers 400 to every parser error, the one _count_header_bytes raises too.
        if self._headers_too_large:
            self._refuse(431, "Request Header Fields Too Large")
        else:
            super().send_400_response(msg)

    def _await_headers(self) -> None:
        """Sets the deadline of the next request's headers. One timer per connection checks
        the deadline when it fires and re-arms itself for what is left: a timer armed and
        cancelled for every request cost a few % of a one-field query's time."""
        self._headers_due = self.loop.time() + self.LIMITS.header_timeout_s
        if self._header_timer is None:
            self._header_timer = self.loop.call_at(self._headers_due, self._check_headers)

    def _check_headers(self) -> None:
        self._header_timer = None
        due = self._headers_due
        if due is None:
            return  # the headers came; the next request's wait arms the timer again
        if due > self.loop.time():
            self._header_timer = self.loop.call_at(due, self._check_headers)
            return
        self._headers_late()

    def _count_header_bytes(self, size: int) -> None:
        self._header_bytes += size
        if self._header_bytes > self.LIMITS.max_header_bytes:
            self._headers_too_large = True
            log.warning(
                "request headers too large",
                extra={"client": self._client(), "limit_bytes": self.LIMITS.max_header_bytes},
            )
            raise HeadersTooLarge(self.LIMITS.max_header_bytes)

    def _headers_late(self) -> None:
        if not self._request_begun:
            # Nothing sent: an idle connection, closed without an answer it did not ask for.
            log.debug("idle connection closed", extra={"client": self._client()})
            self.transport.close()
            return
        log.warning(
            "request headers incomplete in time; closing the connection",
            extra={"client": self._client(), "timeout_s": self.LIMITS.header_timeout_s},
        )
        self._refuse(408, "Request Timeout")

    def _body_late(self, cycle: RequestResponseCycle) -> None:
        self._body_timer = None
        if not cycle.more_body or self.transport.is_closing():
            return
        log.warning(
            "request body incomplete in time; closing the connection",
            extra={"client": self._client(), "timeout_s": self.LIMITS.body_timeout_s},
        )
        if cycle.response_started:
            self.transport.close()
        else:
            self._refuse(408, "Request Timeout")

    def _refuse(self, status: int, reason: str) -> None:
        """Answers `status` and closes the connection. The app waiting for the body, if any,
        receives `http.disconnect`; what it sends afterwards is dropped."""
        if self.transport.is_closing():
            return
        body = reason.encode()
        self.transport.write(
            b"HTTP/1.1 %d %s\r\n" % (status, body)
            + b"content-type: text/plain; charset=utf-8\r\n"
            + b"content-length: %d\r\nconnection: close\r\n\r\n" % len(body)
            + body
        )
        self.transport.close()

    def _client(self) -> str | None:
        return f"{self.client[0]}:{self.client[1]}" if self.client else None


class AbandonedRequests:
    """ASGI wrapper for a Starlette app: a request whose client left before sending all of
    it (it hung up, or its body was cut off by the deadline) has nobody left to answer. It
    is logged as such instead of reaching uvicorn as an error of the app."""

    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await self._app(scope, receive, send)
        except ClientDisconnect:
            log.info("client gone before sending its whole request", extra={"path": scope["path"]})


class HeadersTooLarge(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(f"request line and headers longer than {limit} bytes")
