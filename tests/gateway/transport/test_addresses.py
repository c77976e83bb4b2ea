"""A subgraph host name that resolves to several addresses (Docker's --scale, a Kubernetes
headless Service): every address is a replica of its own, against real servers listening on
several loopback addresses at one port. The resolver is the only stand-in: a table the test
changes, as DNS changes when replicas come and go."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager

import pytest

from gateway.transport import HttpTransport, SubgraphUnavailable

from .rawhttp import RawHttpServer, Received, Reply, Respond, http_response

HOST = "finance.replicas.test"
QUERY = b'{"query":"{ a }"}'
ATTEMPTS = 200
"""Generous bound on fetches while waiting for a re-resolution to be seen."""


async def ok(_: Received) -> Reply:
    return http_response(b'{"data":{"a":1}}')


async def hang_up(_: Received) -> Reply:
    return None


class Table:
    """Name → addresses, as DNS would answer now."""

    def __init__(self, *addresses: str) -> None:
        self.addresses = list(addresses)
        self.asked = 0

    async def resolve(self, host: str, port: int) -> list[str]:
        assert host == HOST
        self.asked += 1
        return list(self.addresses)


@asynccontextmanager
async def servers(
    *hosts: str, respond: list[Respond] | None = None
) -> AsyncIterator[list[RawHttpServer]]:
    """Servers on each loopback address, all on the first one's port."""
    answers = respond or [ok] * len(hosts)
    async with AsyncExitStack() as stack:
        first = await stack.enter_async_context(RawHttpServer(answers[0], host=hosts[0]))
        started = [first]
        for host, answer in zip(hosts[1:], answers[1:], strict=True):
            server = RawHttpServer(answer, host=host, port=first.port)
            started.append(await stack.enter_async_context(server))
        yield started


@asynccontextmanager
async def transport(
    table: Table, port: int, refresh_s: float = 60.0
) -> AsyncIterator[HttpTransport]:
    client = HttpTransport(dns_refresh_s=refresh_s, resolve=table.resolve)
    client.set_subgraphs({"finance": [f"http://{HOST}:{port}/graphql"]})
    try:
        yield client
    finally:
        await client.aclose()


async def test_keep_alive_connections_do_not_pin_requests_to_the_first_address() -> None:
    table = Table("127.0.0.1", "127.0.0.2", "127.0.0.3")
    async with servers(*table.addresses) as started, transport(table, started[0].port) as client:
        for _ in range(30):
            assert await client.fetch("finance", QUERY, {}, idempotent=True) == b'{"data":{"a":1}}'
    assert [len(s.received) for s in started] == [10, 10, 10]
    assert [s.connections for s in started] == [1, 1, 1]
    # Every request names the service, not the address it went to.
    assert {r.headers["host"] for s in started for r in s.received} == {f"{HOST}:{started[0].port}"}


async def test_addresses_are_resolved_again_and_replicas_come_and_go() -> None:
    table = Table("127.0.0.1")
    async with (
        servers("127.0.0.1", "127.0.0.2") as (one, two),
        transport(table, one.port, refresh_s=0.001) as client,
    ):
        table.addresses = ["127.0.0.1", "127.0.0.2"]
        for _ in range(ATTEMPTS):
            await client.fetch("finance", QUERY, {}, idempotent=True)
            if two.received:
                break
        assert two.received, "the new address was never used"
        table.addresses = ["127.0.0.2"]
        for _ in range(ATTEMPTS):
            before = len(one.received)
            # Taking turns, two fetches reach every address still in use.
            for _ in range(2):
                await client.fetch("finance", QUERY, {}, idempotent=True)
            if len(one.received) == before:
                break
        # The address gone from the answer is never used again.
        settled = len(one.received)
        for _ in range(10):
            await client.fetch("finance", QUERY, {}, idempotent=True)
        assert len(one.received) == settled
    # The first resolution may already have seen both addresses; dropping one took another.
    assert table.asked >= 2


async def test_a_refused_address_is_skipped_for_queries_and_mutations() -> None:
    # 127.0.0.2 has no server at that port: connections to it are refused, nothing is sent.
    table = Table("127.0.0.2", "127.0.0.1")
    async with servers("127.0.0.1") as (alive,), transport(table, alive.port) as client:
        for idempotent in (True, False, True, False):
            assert await client.fetch("finance", QUERY, {}, idempotent=idempotent)
    assert len(alive.received) == 4


async def test_a_mutation_that_may_have_arrived_is_not_sent_to_another_address() -> None:
    table = Table("127.0.0.1", "127.0.0.2")
    async with servers("127.0.0.1", "127.0.0.2", respond=[hang_up, ok]) as (dropping, other):
        async with transport(table, dropping.port) as client:
            with pytest.raises(SubgraphUnavailable):
                await client.fetch("finance", b'{"query":"mutation { m }"}', {}, idempotent=False)
            assert (len(dropping.received), len(other.received)) == (1, 0)
            # Queries meeting the same failure go on to the other address (the second one
            # starts there, taking turns; the first starts at the dropping one).
            for _ in range(2):
                assert await client.fetch("finance", QUERY, {}, idempotent=True)
        assert (len(dropping.received), len(other.received)) == (2, 2)


async def test_a_name_that_does_not_resolve_is_unavailable() -> None:
    table = Table()
    async with transport(table, 4004) as client:
        with pytest.raises(SubgraphUnavailable, match="host not found"):
            await client.fetch("finance", QUERY, {}, idempotent=True)
