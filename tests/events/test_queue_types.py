"""Quorum queues (the default) and classic ones: the declaration, the delivery limit that ends
a message killing its consumer, and the retries and dead letters on both types."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator

import pytest
from pymongo import AsyncMongoClient

from services.common.events.bus import QueueMismatch
from services.common.events.deadletters import list_dead_letters, replay_dead_letters
from services.common.events.queue_arguments import QueueArguments
from services.common.mongo import Document

from ..support.waiting import eventually
from .crashing_consumer import CRASHED
from .harness import CONSUMER, RETRY_DELAYS_MS, Harness

DELIVERY_LIMIT = 2


@pytest.fixture
async def limited(
    mongo: AsyncMongoClient[Document], broker_url: str, unique: str
) -> AsyncIterator[Harness]:
    """A harness whose quorum queue dead-letters after DELIVERY_LIMIT returns."""
    h = Harness(mongo, broker_url, f"test-{unique}", QueueArguments(delivery_limit=DELIVERY_LIMIT))
    try:
        yield h
    finally:
        await h.close()


@pytest.fixture
async def classic(
    mongo: AsyncMongoClient[Document], broker_url: str, unique: str
) -> AsyncIterator[Harness]:
    h = Harness(mongo, broker_url, f"test-{unique}", QueueArguments(queue_type="classic"))
    try:
        yield h
    finally:
        await h.close()


async def test_a_quorum_queue_is_not_redeclared_as_classic(harness: Harness) -> None:
    await harness.consumer(await harness.bus())
    other = Harness(harness.mongo, harness.amqp_url, harness.prefix, QueueArguments("classic"))
    bus = await other.bus()
    try:
        with pytest.raises(QueueMismatch) as refused:
            await bus.declare_service_queues(CONSUMER, [], RETRY_DELAYS_MS)
    finally:
        await bus.close()
    message = str(refused.value)
    assert f"queue {harness.prefix}.{CONSUMER} refused" in message
    assert "inequivalent arg" in message
    assert "arguments of EVENT_QUEUE_TYPE=classic (" in message
    assert "docs/operations.md" in message


async def test_a_classic_queue_is_not_redeclared_as_quorum(classic: Harness) -> None:
    await classic.consumer(await classic.bus())
    quorum = Harness(classic.mongo, classic.amqp_url, classic.prefix)
    bus = await quorum.bus()
    try:
        with pytest.raises(
            QueueMismatch, match="EVENT_QUEUE_TYPE=quorum and EVENT_DELIVERY_LIMIT=10 "
        ):
            await bus.declare_service_queues(CONSUMER, [], RETRY_DELAYS_MS)
    finally:
        await bus.close()


async def test_a_message_killing_its_consumer_ends_in_dead_letters(limited: Harness) -> None:
    bus = await limited.bus()
    await bus.declare_service_queues(CONSUMER, ["producer.item.#"], RETRY_DELAYS_MS)
    fatal = await limited.create_item("fatal")
    await limited.relay(bus).flush()

    crashes = 0
    while not await list_dead_letters(bus, CONSUMER):
        assert crashes <= DELIVERY_LIMIT, "the broker keeps redelivering a fatal message"
        assert await _crashing_replica(limited) == fatal.id
        crashes += 1
        # The broker learns of the crash when it sees the connection drop: until then the
        # message is neither back in the queue nor dead-lettered.
        await eventually(lambda: _returned_or_dead(limited), what="the crash noticed")

    assert crashes == DELIVERY_LIMIT + 1  # the first delivery and one per allowed return
    (letter,) = await list_dead_letters(bus, CONSUMER)
    assert letter.event_id == fatal.id
    assert letter.reason == "dead-lettered by the broker: delivery_limit"
    assert letter.failed_at

    await limited.consumer(bus)  # a fixed release: the replayed event is applied once
    assert await replay_dead_letters(bus, CONSUMER) == 1
    await eventually(lambda: _tally_is(limited, {"fatal": 1}), what="replayed and applied")
    assert limited.deliveries[fatal.id] == 1
    assert await list_dead_letters(bus, CONSUMER) == []


async def test_reading_dead_letters_keeps_them(harness: Harness) -> None:
    bus = await harness.bus()
    await harness.consumer(bus)
    harness.failing.add("poison")
    await harness.create_item("poison")
    await harness.relay(bus).flush()
    await eventually(lambda: _dead_letters(harness, 1), what="poison dead-lettered")

    readings = [len(await list_dead_letters(bus, CONSUMER)) for _ in range(12)]

    assert readings == [1] * 12


async def test_classic_queues_retry_and_dead_letter(classic: Harness) -> None:
    bus = await classic.bus()
    await classic.consumer(bus)
    classic.failing.add("poison")
    poison = await classic.create_item("poison")
    await classic.create_item("fine")
    await classic.relay(bus).flush()

    await eventually(lambda: _dead_letters(classic, 1), what="poison dead-lettered")
    (letter,) = await list_dead_letters(bus, CONSUMER)
    assert (letter.event_id, letter.error_type) == (poison.id, "RuntimeError")
    assert "failed after 2 retries" in letter.reason
    assert classic.deliveries[poison.id] == 3
    classic.failing.clear()
    assert await replay_dead_letters(bus, CONSUMER) == 1
    await eventually(lambda: _tally_is(classic, {"poison": 1, "fine": 1}), what="all applied")


async def _crashing_replica(harness: Harness) -> str:
    """Starts a replica that dies on the first event it gets; answers that event's id."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.events.crashing_consumer",
        harness.amqp_url,
        harness.prefix,
        str(DELIVERY_LIMIT),
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        output, _ = await asyncio.wait_for(process.communicate(), 120)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise
    assert process.returncode == CRASHED
    return output.decode().strip()


async def _returned_or_dead(harness: Harness) -> bool:
    bus = harness.buses[-1]
    channel = await bus.connection.channel()
    try:
        queue = await channel.get_queue(bus.topology.queue(CONSUMER))
        waiting = queue.declaration_result.message_count
    finally:
        await channel.close()
    return bool(waiting) or bool(await list_dead_letters(bus, CONSUMER))


async def _tally_is(harness: Harness, expected: dict[str, int]) -> bool:
    return await harness.tally_counts() == expected


async def _dead_letters(harness: Harness, n: int) -> bool:
    return len(await list_dead_letters(harness.buses[-1], CONSUMER)) >= n
