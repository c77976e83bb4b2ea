"""HttpTransport against real HTTP servers on local sockets."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
import uvloop

from gateway.transport import HttpTransport, SubgraphUnavailable
from tests.gateway.support.serving import unreachable_url

from .rawhttp import RawHttpServer, Received, Reply, Respond, http_response

QUERY = b'{"query":"{ a }"}'


def answering(
    body: bytes = b'{"data":{"a":1}}',
    *,
    status: int = 200,
    chunked: bool = False,
    close: bool = False,
    unframed: bool = False,
) -> Respond:
    reply = http_response(body, status=status, chunked=chunked, close=close, unframed=unframed)

    async def respond(_: Received) -> Reply:
        return reply

    return respond


async def ok(_: Received) -> Reply:
    return http_response(b'{"data":{"a":1}}')


async def echo(request: Received) -> Reply:
    return http_response(request.body)


@asynccontextmanager
async def transport(
    urls: dict[str, list[str]], *, timeout_s: float = 5.0, pool_size: int = 64
) -> AsyncIterator[HttpTransport]:
    client = HttpTransport(timeout_s=timeout_s, pool_size=pool_size)
    client.set_subgraphs(urls)
    try:
        yield client
    finally:
        await client.aclose()


async def test_sequential_fetches_reuse_one_keep_alive_connection() -> None:
    async with RawHttpServer(echo) as server, transport({"a": [server.url]}) as client:
        bodies = [await client.fetch("a", b'{"n":%d}' % i, {}, idempotent=True) for i in range(20)]
    assert bodies == [b'{"n":%d}' % i for i in range(20)]
    assert server.connections == 1
    assert [r.index_on_connection for r in server.received] == list(range(20))


async def test_concurrent_fetches_open_no_more_connections_than_the_pool_size() -> None:
    release = asyncio.Event()
    pool_full = asyncio.Event()

    async def slow(request: Received) -> Reply:
        if len(server.received) == 4:
            pool_full.set()
        await release.wait()
        return http_response(request.body)

    async with RawHttpServer(slow) as server, transport({"a": [server.url]}, pool_size=4) as client:
        fetches = [
            asyncio.create_task(client.fetch("a", b"%d" % i, {}, idempotent=True))
            for i in range(10)
        ]
        await pool_full.wait()
        release.set()
        bodies = await asyncio.gather(*fetches)
    assert sorted(bodies) == sorted(b"%d" % i for i in range(10))
    assert server.connections == 4
    assert len(server.received) == 10


async def test_request_carries_path_host_headers_and_body() -> None:
    async with RawHttpServer(echo) as server, transport({"a": [server.url]}) as client:
        await client.fetch(
            "a", QUERY, {"authorization": "Bearer t", "x-request-id": "r1"}, idempotent=True
        )
    (request,) = server.received
    assert request.path == "/graphql"
    assert request.body == QUERY
    assert request.headers == {
        "host": f"127.0.0.1:{server.port}",
        "content-type": "application/json",
        "accept": "application/json",
        "authorization": "Bearer t",
        "x-request-id": "r1",
        "content-length": str(len(QUERY)),
    }


async def test_chunked_response_body_is_reassembled() -> None:
    body = b'{"data":{"text":"' + b"x" * 5000 + b'"}}'
    async with (
        RawHttpServer(answering(body, chunked=True)) as server,
        transport({"a": [server.url]}) as client,
    ):
        first = await client.fetch("a", QUERY, {}, idempotent=True)
        second = await client.fetch("a", QUERY, {}, idempotent=True)
    assert first == body
    assert second == body
    assert server.connections == 1


async def test_body_without_length_ends_with_the_connection() -> None:
    async with (
        RawHttpServer(answering(b'{"data":null}', unframed=True)) as server,
        transport({"a": [server.url]}) as client,
    ):
        first = await client.fetch("a", QUERY, {}, idempotent=True)
        second = await client.fetch("a", QUERY, {}, idempotent=True)
    assert (first, second) == (b'{"data":null}', b'{"data":null}')
    assert server.connections == 2


async def test_connection_close_response_is_not_reused() -> None:
    async with (
        RawHttpServer(answering(close=True)) as server,
        transport({"a": [server.url]}) as client,
    ):
        for _ in range(3):
            assert await client.fetch("a", QUERY, {}, idempotent=True) == b'{"data":{"a":1}}'
    assert server.connections == 3


async def test_replicas_take_turns() -> None:
    async with (
        RawHttpServer(answering(b"1")) as one,
        RawHttpServer(answering(b"2")) as two,
        transport({"a": [one.url, two.url]}) as client,
    ):
        bodies = [await client.fetch("a", QUERY, {}, idempotent=True) for _ in range(4)]
    assert bodies == [b"1", b"2", b"1", b"2"]


async def test_query_fails_over_from_a_refused_replica() -> None:
    async with RawHttpServer(ok) as server, transport({"a": [unreachable_url(), server.url]}) as c:
        bodies = [await c.fetch("a", QUERY, {}, idempotent=True) for _ in range(2)]
    assert bodies == [b'{"data":{"a":1}}'] * 2
    assert len(server.received) == 2


async def test_query_fails_over_from_a_5xx_replica() -> None:
    async with (
        RawHttpServer(answering(b"{}", status=502)) as failing,
        RawHttpServer(ok) as server,
        transport({"a": [failing.url, server.url]}) as client,
    ):
        body = await client.fetch("a", QUERY, {}, idempotent=True)
    assert body == b'{"data":{"a":1}}'
    assert (len(failing.received), len(server.received)) == (1, 1)


async def test_every_replica_failing_reports_the_last_reason() -> None:
    async with (
        RawHttpServer(answering(b"{}", status=503)) as failing,
        transport({"a": [failing.url, unreachable_url()]}) as client,
    ):
        with pytest.raises(SubgraphUnavailable) as raised:
            await client.fetch("a", QUERY, {}, idempotent=True)
        with pytest.raises(SubgraphUnavailable) as second:
            await client.fetch("a", QUERY, {}, idempotent=True)
    assert (raised.value.subgraph, raised.value.reason) == ("a", "connection refused")
    assert second.value.reason == "HTTP 503"
    assert len(failing.received) == 2


async def test_mutation_is_not_sent_again_after_a_5xx() -> None:
    async with (
        RawHttpServer(answering(b"{}", status=500)) as failing,
        RawHttpServer(ok) as server,
        transport({"a": [failing.url, server.url]}) as client,
    ):
        with pytest.raises(SubgraphUnavailable) as raised:
            await client.fetch("a", QUERY, {}, idempotent=False)
    assert raised.value.reason == "HTTP 500"
    assert (len(failing.received), len(server.received)) == (1, 0)


async def test_mutation_fails_over_when_no_connection_was_made() -> None:
    async with RawHttpServer(ok) as server, transport({"a": [unreachable_url(), server.url]}) as c:
        body = await c.fetch("a", QUERY, {}, idempotent=False)
    assert body == b'{"data":{"a":1}}'
    assert len(server.received) == 1


async def test_client_error_status_is_not_retried() -> None:
    async with (
        RawHttpServer(answering(b"{}", status=400)) as first,
        RawHttpServer(ok) as second,
        transport({"a": [first.url, second.url]}) as client,
    ):
        with pytest.raises(SubgraphUnavailable) as raised:
            await client.fetch("a", QUERY, {}, idempotent=True)
    assert raised.value.reason == "HTTP 400"
    assert (len(first.received), len(second.received)) == (1, 0)


async def test_timeout_gives_up_and_discards_the_connection() -> None:
    never = asyncio.Event()

    async def hang(_: Received) -> Reply:
        await never.wait()
        return None

    async with (
        RawHttpServer(hang) as server,
        transport({"a": [server.url]}, timeout_s=0.2) as client,
    ):
        with pytest.raises(SubgraphUnavailable) as raised:
            await client.fetch("a", QUERY, {}, idempotent=True)
        with pytest.raises(SubgraphUnavailable):
            await client.fetch("a", QUERY, {}, idempotent=True)
    assert str(raised.value) == "a: timed out after 0.2 s"
    assert server.connections == 2


def closing_second_request_on_first_connection() -> Respond:
    """Answers, except the second request on connection 0, where it hangs up without a
    reply: what a client sees when the server closed an idle keep-alive connection."""

    async def respond(request: Received) -> Reply:
        if request.connection == 0 and request.index_on_connection == 1:
            return None
        return http_response(b'{"data":{"a":1}}')

    return respond


async def test_query_on_a_stale_pooled_connection_is_retried_on_a_fresh_one() -> None:
    respond = closing_second_request_on_first_connection()
    async with (
        RawHttpServer(respond) as server,
        transport({"a": [server.url]}) as client,
    ):
        await client.fetch("a", QUERY, {}, idempotent=True)
        body = await client.fetch("a", QUERY, {}, idempotent=True)
    assert body == b'{"data":{"a":1}}'
    assert server.connections == 2
    assert [(r.connection, r.index_on_connection) for r in server.received] == [
        (0, 0),
        (0, 1),
        (1, 0),
    ]


async def test_mutation_on_a_stale_pooled_connection_is_not_sent_again() -> None:
    respond = closing_second_request_on_first_connection()
    async with (
        RawHttpServer(respond) as server,
        transport({"a": [server.url]}) as client,
    ):
        await client.fetch("a", QUERY, {}, idempotent=False)
        with pytest.raises(SubgraphUnavailable) as raised:
            await client.fetch("a", QUERY, {}, idempotent=False)
    assert raised.value.reason == "connection closed"
    assert len(server.received) == 2


async def test_unknown_subgraph_is_unavailable() -> None:
    async with transport({}) as client:
        with pytest.raises(SubgraphUnavailable) as raised:
            await client.fetch("nope", QUERY, {}, idempotent=True)
    assert raised.value.reason == "no URL configured"


async def test_new_subgraph_urls_keep_warm_pools_of_unchanged_urls() -> None:
    async with (
        RawHttpServer(answering(b"1")) as one,
        RawHttpServer(answering(b"2")) as two,
        transport({"a": [one.url]}) as client,
    ):
        await client.fetch("a", QUERY, {}, idempotent=True)
        client.set_subgraphs({"a": [one.url], "b": [two.url]})
        assert await client.fetch("a", QUERY, {}, idempotent=True) == b"1"
        assert await client.fetch("b", QUERY, {}, idempotent=True) == b"2"
        client.set_subgraphs({"b": [two.url]})
        with pytest.raises(SubgraphUnavailable):
            await client.fetch("a", QUERY, {}, idempotent=True)
    assert one.connections == 1
    assert client.subgraph_urls == {}


async def test_header_values_with_line_breaks_are_refused() -> None:
    async with RawHttpServer(ok) as server, transport({"a": [server.url]}) as client:
        with pytest.raises(ValueError, match="line break"):
            await client.fetch("a", QUERY, {"x-evil": "a\r\nHost: b"}, idempotent=True)
    assert server.received == []


def test_runs_on_uvloop_as_the_gateway_does() -> None:
    async def fetch_twice() -> list[bytes]:
        async with RawHttpServer(echo) as server, transport({"a": [server.url]}) as client:
            return [await client.fetch("a", b"%d" % i, {}, idempotent=True) for i in range(2)]

    assert uvloop.run(fetch_twice()) == [b"0", b"1"]
