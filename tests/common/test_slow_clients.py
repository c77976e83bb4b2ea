"""Slow and greedy clients of a service replica's own server (`python -m services.networks`,
with small limits): headers or a body that never complete are cut off, oversized headers
refused, and requests beyond the connection bound answered 503."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

import orjson
import pytest

from services.common.mongo import connect
from tests.support.raw_http import answer_until_closed, ask
from tests.support.servers import delete_broker_objects, free_port
from tests.support.services import TEST_RETRY_DELAYS_MS
from tests.support.uvicorn_process import uvicorn_process

SMALL_LIMITS = {
    "HTTP_HEADER_TIMEOUT_S": "1",
    "HTTP_BODY_TIMEOUT_S": "1",
    "HTTP_MAX_HEADER_BYTES": "1024",
}
TIMEOUT = b"HTTP/1.1 408 Request Timeout\r\n"
SECRET = "slow-clients-test-subgraph-secret"
PARTIAL_BODY = (
    b"POST /graphql HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
    b"X-Subgraph-Secret: " + SECRET.encode() + b"\r\nContent-Length: 100\r\n\r\n"
    b'{"query": "{ __typename }"'
)

Service = Callable[[dict[str, str]], AbstractAsyncContextManager[int]]


@pytest.fixture
def service(tmp_path: Path, mongo_url: str, broker_url: str, unique: str) -> Service:
    """Starts the networks service with these settings; its port."""

    @asynccontextmanager
    async def start(env: dict[str, str]) -> AsyncIterator[int]:
        port = free_port()
        prefix = f"test-{unique}"
        database = f"t_{unique}_networks"
        settings = {
            "PORT": str(port),
            "MONGODB_URL": mongo_url,
            "MONGODB_DATABASE": database,
            "AMQP_URL": broker_url,
            "EVENTS_PREFIX": prefix,
            "EVENT_RETRY_DELAYS_MS": orjson.dumps(TEST_RETRY_DELAYS_MS).decode(),
            # The body must reach the app that reads it: past the gateway's credential.
            "SUBGRAPH_SECRET": SECRET,
        }
        try:
            async with uvicorn_process(["services.networks"], settings | env, tmp_path / "log"):
                yield port
        finally:
            cleanup = connect(mongo_url)
            await cleanup.drop_database(database)
            await cleanup.close()
            await delete_broker_objects(broker_url, prefix, ["networks"], TEST_RETRY_DELAYS_MS)

    return start


async def test_headers_or_a_body_that_never_complete_are_cut_off(
    service: Service, tmp_path: Path
) -> None:
    async with service(SMALL_LIMITS) as port:
        partial, trickled, body = await asyncio.gather(
            answer_until_closed(port, b"GET /health/live HTTP/1.1\r\nHost: te"),
            answer_until_closed(port, b"GET /health/live HTTP/1.1\r\n", trickle=b"X-Slow: 1\r\n"),
            answer_until_closed(port, PARTIAL_BODY),
        )
        served, connection = await ask(port, "/health/live")
        connection.close()
    assert partial.startswith(TIMEOUT)
    assert trickled.startswith(TIMEOUT) or trickled == b""  # empty: reset by the next byte
    assert body.startswith(TIMEOUT)
    assert served == 200
    log = await asyncio.to_thread((tmp_path / "log").read_text)
    assert "client gone before sending its whole request" in log
    assert '"level":"ERROR"' not in log


async def test_oversized_headers_are_refused(service: Service) -> None:
    request = b"GET /health/live HTTP/1.1\r\nHost: test\r\nX-Big: " + b"a" * 2048 + b"\r\n\r\n"
    async with service(SMALL_LIMITS) as port:
        answer = await answer_until_closed(port, request)
    assert answer.startswith(b"HTTP/1.1 431 Request Header Fields Too Large\r\n")


async def test_requests_beyond_the_connection_bound_are_answered_503(service: Service) -> None:
    # Long timeouts: the first connection stays open, idle, while the second asks.
    limits = {"HTTP_MAX_CONNECTIONS": "2", "HTTP_KEEP_ALIVE_S": "600"}
    async with service({**limits, "HTTP_HEADER_TIMEOUT_S": "600"}) as port:
        first, kept_open = await ask(port, "/health/live")
        second, refused = await ask(port, "/health/live")
        refused.close()
        kept_open.close()
    assert (first, second) == (200, 503)
