"""DeduplicatingTransport over the real HttpTransport and a real HTTP server: which fetches
share one exchange and which never do."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest

from gateway.transport import DeduplicatingTransport, HttpTransport, SubgraphUnavailable
from tests.gateway.transport.rawhttp import RawHttpServer, Received, Reply, http_response

from .joins import Joins

QUERY = b'{"query":"{ a }"}'
HOLD_S = 10
"""Bound on a held answer: a wrong sharing shows as a failed test, never a hung one."""


class HeldServer:
    """Answers each request with its `Authorization` once `release` is set, `status` 200
    unless told otherwise; `arrived(n)` waits for n requests."""

    def __init__(self, status: int = 200) -> None:
        self.release = asyncio.Event()
        self.status = status
        self.server = RawHttpServer(self._respond)
        self._arrivals = asyncio.Condition()

    async def _respond(self, request: Received) -> Reply:
        async with self._arrivals:
            self._arrivals.notify_all()
        async with asyncio.timeout(HOLD_S):
            await self.release.wait()
        caller = request.headers.get("authorization", "").encode()
        return http_response(b'{"data":{"caller":"%s"}}' % caller, status=self.status)

    async def arrived(self, count: int) -> None:
        async with asyncio.timeout(HOLD_S), self._arrivals:
            await self._arrivals.wait_for(lambda: len(self.server.received) >= count)


@asynccontextmanager
async def sharing(held: HeldServer, joins: Joins) -> AsyncIterator[DeduplicatingTransport]:
    http = HttpTransport()
    async with held.server:
        http.set_subgraphs({"a": [held.server.url]})
        try:
            yield DeduplicatingTransport(http, on_shared=joins)
        finally:
            await http.aclose()


def headers(caller: str, request_id: int) -> dict[str, str]:
    return {"authorization": caller, "x-request-id": f"r{request_id}"}


def fetching(
    transport: DeduplicatingTransport, count: int, *, idempotent: bool = True
) -> list[asyncio.Task[bytes]]:
    """`count` fetches of QUERY by one caller, each with a request id of its own."""
    return [
        asyncio.create_task(transport.fetch("a", QUERY, headers("anna", i), idempotent=idempotent))
        for i in range(count)
    ]


async def test_identical_query_fetches_in_flight_share_one_exchange() -> None:
    held, joins = HeldServer(), Joins()
    async with sharing(held, joins) as transport:
        fetches = fetching(transport, 5)
        await joins.reached(4)
        held.release.set()
        answers = await asyncio.gather(*fetches)
        assert answers == [b'{"data":{"caller":"anna"}}'] * 5
        assert len(held.server.received) == 1
        # Once answered, the same fetch goes out again: nothing is cached.
        assert await transport.fetch("a", QUERY, headers("anna", 6), idempotent=True)
    assert len(held.server.received) == 2
    assert joins.count == 4


async def test_fetches_of_two_callers_never_share() -> None:
    held, joins = HeldServer(), Joins()
    async with sharing(held, joins) as transport:
        anna = asyncio.create_task(transport.fetch("a", QUERY, headers("anna", 1), idempotent=True))
        ben = asyncio.create_task(transport.fetch("a", QUERY, headers("ben", 2), idempotent=True))
        await held.arrived(2)
        held.release.set()
        answers = await asyncio.gather(anna, ben)
    assert list(answers) == [b'{"data":{"caller":"anna"}}', b'{"data":{"caller":"ben"}}']
    assert joins.count == 0


async def test_mutation_fetches_are_never_shared() -> None:
    held, joins = HeldServer(), Joins()
    async with sharing(held, joins) as transport:
        fetches = fetching(transport, 3, idempotent=False)
        await held.arrived(3)
        held.release.set()
        await asyncio.gather(*fetches)
    assert len(held.server.received) == 3
    assert joins.count == 0


async def test_a_failed_exchange_reaches_every_sharer() -> None:
    held, joins = HeldServer(status=500), Joins()
    async with sharing(held, joins) as transport:
        fetches = fetching(transport, 3)
        await joins.reached(2)
        held.release.set()
        outcomes = await asyncio.gather(*fetches, return_exceptions=True)
    assert all(isinstance(outcome, SubgraphUnavailable) for outcome in outcomes)
    assert {str(outcome) for outcome in outcomes} == {"a: HTTP 500"}
    assert len(held.server.received) == 1


async def test_a_cancelled_sharer_does_not_break_the_others() -> None:
    held, joins = HeldServer(), Joins()
    async with sharing(held, joins) as transport:
        first, *others = fetching(transport, 3)
        await joins.reached(2)
        first.cancel()
        with pytest.raises(asyncio.CancelledError):
            await first
        held.release.set()
        answers = await asyncio.gather(*others)
    assert answers == [b'{"data":{"caller":"anna"}}'] * 2
    assert len(held.server.received) == 1
