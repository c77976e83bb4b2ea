"""One HTTP/1.1 client connection: writes a request, parses the response with httptools."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import cast

import httptools


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    body: bytes
    keep_alive: bool


class ConnectionBroken(Exception):
    """The connection closed or sent garbage before a complete response.

    `received_any` tells whether any response byte arrived: a request on a reused connection
    that broke before that most likely hit a connection the server had already closed.
    """

    def __init__(self, reason: str, *, received_any: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.received_any = received_any


class HttpConnection(asyncio.Protocol):
    """An asyncio protocol carrying one request at a time (no pipelining)."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._parser = httptools.HttpResponseParser(self)
        self._transport: asyncio.Transport | None = None
        self._waiter: asyncio.Future[Response] | None = None
        self._body: list[bytes] = []
        self._received_any = False
        self._headers_done = False
        self._framed = False
        self.closed = False
        self.idle_since = time.monotonic()

    # asyncio.Protocol

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's transports implement asyncio.Transport without subclassing it.
        self._transport = cast("asyncio.Transport", transport)

    def data_received(self, data: bytes) -> None:
        if self._waiter is None or self._waiter.done():
            # Bytes nobody asked for: the stream is out of step, so nothing more can be trusted.
            self.close()
            return
        self._received_any = True
        try:
            self._parser.feed_data(data)
        except (httptools.HttpParserError, httptools.HttpParserUpgrade):
            self._fail("invalid HTTP response")
            self.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        waiter = self._waiter
        if waiter is None or waiter.done():
            return
        if self._headers_done and not self._framed:
            # Neither Content-Length nor chunked: the body ends with the connection.
            waiter.set_result(Response(self._parser.get_status_code(), b"".join(self._body), False))
            return
        self._fail("connection reset" if exc else "connection closed")

    # httptools callbacks

    def on_message_begin(self) -> None:
        self._body = []
        self._headers_done = False
        self._framed = False

    def on_header(self, name: bytes, value: bytes) -> None:
        lowered = name.lower()
        if lowered == b"content-length" or (
            lowered == b"transfer-encoding" and b"chunked" in value.lower()
        ):
            self._framed = True

    def on_headers_complete(self) -> None:
        self._headers_done = True

    def on_body(self, body: bytes) -> None:
        self._body.append(body)

    def on_message_complete(self) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            body = self._body[0] if len(self._body) == 1 else b"".join(self._body)
            waiter.set_result(
                Response(self._parser.get_status_code(), body, self._parser.should_keep_alive())
            )
        self._body = []

    # client API

    async def exchange(self, request: bytes) -> Response:
        """Sends one complete request and waits for its complete response."""
        if self.closed or self._transport is None or self._transport.is_closing():
            raise ConnectionBroken("connection closed", received_any=False)
        self._waiter = self._loop.create_future()
        self._received_any = False
        self._transport.write(request)
        try:
            return await self._waiter
        finally:
            self._waiter = None

    def close(self) -> None:
        self.closed = True
        if self._transport is not None:
            self._transport.close()

    def _fail(self, reason: str) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_exception(ConnectionBroken(reason, received_any=self._received_any))
