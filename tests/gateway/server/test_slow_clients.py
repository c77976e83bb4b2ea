"""Slow and greedy clients of the gateway's own server (`python -m gateway`, with small
limits): headers or a body that never complete are cut off, oversized headers refused, and
requests beyond the connection bound answered 503."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

import pytest

from tests.gateway.support.serving import unreachable_url
from tests.support.raw_http import SAFETY_S, answer_until_closed, ask
from tests.support.servers import free_port
from tests.support.uvicorn_process import uvicorn_process

from .conftest import supergraph

SMALL_LIMITS = {
    "GATEWAY_HEADER_TIMEOUT_S": "1",
    "GATEWAY_BODY_TIMEOUT_S": "1",
    "GATEWAY_MAX_HEADER_BYTES": "1024",
}
TIMEOUT = b"HTTP/1.1 408 Request Timeout\r\n"
PARTIAL_BODY = (
    b"POST /graphql HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
    b"Content-Length: 100\r\n\r\n"
    b'{"query": "{ __typename }"'
)

Gateway = Callable[[dict[str, str]], AbstractAsyncContextManager[int]]


@pytest.fixture
def gateway(tmp_path: Path) -> Gateway:
    """Starts a gateway with these settings; its port."""

    @asynccontextmanager
    async def start(env: dict[str, str]) -> AsyncIterator[int]:
        path = tmp_path / "supergraph.graphql"
        path.write_text(supergraph(unreachable_url()))
        port = free_port()
        args = ["gateway", "--supergraph", str(path), "--port", str(port)]
        async with uvicorn_process(args, env, tmp_path / "log"):
            yield port

    return start


async def test_headers_that_never_complete_are_cut_off(gateway: Gateway) -> None:
    async with gateway(SMALL_LIMITS) as port:
        partial, trickled, silent = await asyncio.gather(
            answer_until_closed(port, b"POST /graphql HTTP/1.1\r\nHost: te"),
            answer_until_closed(port, b"GET /health HTTP/1.1\r\n", trickle=b"X-Slow: 1\r\n"),
            answer_until_closed(port, b""),
        )
    assert partial.startswith(TIMEOUT)
    # Every byte restarts uvicorn's own timer: a trickle held the connection for good. (Empty:
    # the connection was reset as the next byte arrived.)
    assert trickled.startswith(TIMEOUT) or trickled == b""
    assert silent == b""


async def test_the_next_request_on_a_kept_alive_connection_has_the_same_deadline(
    gateway: Gateway,
) -> None:
    async with gateway(SMALL_LIMITS) as port:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            writer.write(b"GET /health HTTP/1.1\r\nHost: test\r\n\r\n")
            first = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), SAFETY_S)
            length = int(first.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
            await reader.readexactly(length)
            writer.write(b"GET /health HTTP/1.1\r\nHost: te")
            second = await asyncio.wait_for(reader.read(), SAFETY_S)
        finally:
            writer.close()
    assert first.startswith(b"HTTP/1.1 200 OK\r\n")
    assert second.startswith(TIMEOUT)


async def test_a_body_that_never_completes_is_answered_408(gateway: Gateway) -> None:
    async with gateway(SMALL_LIMITS) as port:
        answer = await answer_until_closed(port, PARTIAL_BODY)
        served, connection = await ask(port, "/health")
        connection.close()
    assert answer.startswith(TIMEOUT)
    assert answer.endswith(b"\r\nconnection: close\r\n\r\nRequest Timeout")
    assert served == 200


async def test_oversized_headers_are_refused(gateway: Gateway) -> None:
    request = b"GET /health HTTP/1.1\r\nHost: test\r\nX-Big: " + b"a" * 2048 + b"\r\n\r\n"
    async with gateway(SMALL_LIMITS) as port:
        answer = await answer_until_closed(port, request)
    assert answer.startswith(b"HTTP/1.1 431 Request Header Fields Too Large\r\n")


async def test_requests_beyond_the_connection_bound_are_answered_503(gateway: Gateway) -> None:
    # Long timeouts: the first connection stays open, idle, while the second asks.
    limits = {"GATEWAY_MAX_CONNECTIONS": "2", "GATEWAY_KEEP_ALIVE_S": "600"}
    async with gateway({**limits, "GATEWAY_HEADER_TIMEOUT_S": "600"}) as port:
        first, kept_open = await ask(port, "/health")
        second, refused = await ask(port, "/health")
        refused.close()
        kept_open.close()
    assert (first, second) == (200, 503)
