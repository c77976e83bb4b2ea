"""A small real HTTP/1.1 server on a socket whose every reply the test decides, byte for byte:
keep-alive, chunked bodies, closing a connection without a reply, or never replying."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httptools


@dataclass
class Received:
    connection: int
    """Which connection (0, 1, …) carried the request."""
    index_on_connection: int
    path: str
    headers: dict[str, str]
    body: bytes


Reply = bytes | None
"""Raw response bytes to write, or None to close the connection without replying."""
Respond = Callable[[Received], Awaitable[Reply]]


def http_response(
    body: bytes,
    *,
    status: int = 200,
    chunked: bool = False,
    close: bool = False,
    unframed: bool = False,
) -> bytes:
    """`unframed`: neither Content-Length nor chunked; the body ends when the connection does."""
    head = [f"HTTP/1.1 {status} X", "Content-Type: application/json"]
    if close or unframed:
        head.append("Connection: close")
    if unframed:
        payload = body
    elif chunked:
        head.append("Transfer-Encoding: chunked")
        middle = max(1, len(body) // 2)
        parts = [body[:middle], body[middle:]]
        payload = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts if p) + b"0\r\n\r\n"
    else:
        head.append(f"Content-Length: {len(body)}")
        payload = body
    return ("\r\n".join(head) + "\r\n\r\n").encode() + payload


class _RequestCollector:
    def __init__(self) -> None:
        self.done: list[tuple[str, dict[str, str], bytes]] = []
        self._path = ""
        self._headers: dict[str, str] = {}
        self._body: list[bytes] = []

    def on_url(self, url: bytes) -> None:
        self._path = url.decode()

    def on_header(self, name: bytes, value: bytes) -> None:
        self._headers[name.decode().lower()] = value.decode()

    def on_body(self, body: bytes) -> None:
        self._body.append(body)

    def on_message_complete(self) -> None:
        self.done.append((self._path, self._headers, b"".join(self._body)))
        self._headers, self._body = {}, []


@dataclass
class RawHttpServer:
    respond: Respond
    received: list[Received] = field(default_factory=list)
    connections: int = 0
    port: int = 0
    """0: a free one, known once the server runs."""
    host: str = "127.0.0.1"
    _server: asyncio.Server | None = None
    _tasks: set[asyncio.Task[None]] = field(default_factory=set)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/graphql"

    async def __aenter__(self) -> RawHttpServer:
        self._server = await asyncio.start_server(self._accept, self.host, self.port)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *_: object) -> None:
        assert self._server is not None
        self._server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self._server.wait_closed()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        number = self.connections
        self.connections += 1
        collector = _RequestCollector()
        parser = httptools.HttpRequestParser(collector)
        count = 0
        try:
            while data := await reader.read(65536):
                parser.feed_data(data)
                while collector.done:
                    path, headers, body = collector.done.pop(0)
                    request = Received(number, count, path, headers, body)
                    count += 1
                    self.received.append(request)
                    reply = await self.respond(request)
                    if reply is None:
                        return
                    writer.write(reply)
                    await writer.drain()
                    if b"Connection: close" in reply[: reply.find(b"\r\n\r\n")]:
                        return
        finally:
            writer.close()
