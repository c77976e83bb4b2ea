"""The event bus's guarantees (docs/architecture.md, Events), each against real servers."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

import aio_pika
import pytest
from aio_pika.abc import AbstractIncomingMessage

from services.common.errors import BadUserInput, Conflict
from services.common.events.consumer import EventConsumer
from services.common.events.deadletters import list_dead_letters, replay_dead_letters
from services.common.events.envelope import Event
from services.common.events.relay import OutboxRelay

from ..support.proxy import CuttableProxy
from ..support.waiting import eventually
from .harness import CONSUMER, ITEM_RENAMED, Harness, Item, ItemV1


async def test_event_of_an_aborted_change_is_never_published(harness: Harness) -> None:
    bus = await harness.bus()
    await harness.consumer(bus)
    relay = harness.relay(bus)
    await harness.create_item("a")
    await relay.flush()
    await eventually(lambda: _tally_is(harness, {"a": 1}), what="item a counted")

    aborted: list[Event] = []

    def rename_then_fail(item: Item) -> Sequence[Event]:
        event = ITEM_RENAMED.new(item.id, ItemV1(id=item.id, label="never"))
        aborted.append(event)
        item.label = "never"
        raise BadUserInput("label refused", field="label")

    with pytest.raises(BadUserInput):
        await harness.items.update("a", rename_then_fail, expected_version=1)

    def rename(item: Item) -> Sequence[Event]:
        event = ITEM_RENAMED.new(item.id, ItemV1(id=item.id, label="stale"))
        aborted.append(event)
        return [event]

    await harness.items.update("a", lambda item: (), expected_version=1)  # now at version 2
    with pytest.raises(Conflict):
        await harness.items.update("a", rename, expected_version=1)  # stale: aborts

    stored = await harness.items.require("a")
    assert (stored.label, stored.version) == ("x", 2)
    assert await harness.pending_outbox() == 0

    sentinel = await harness.create_item("sentinel")
    await relay.flush()
    await eventually(lambda: _delivered(harness, sentinel.id), what="sentinel delivered")
    assert all(harness.deliveries[e.id] == 0 for e in aborted)
    assert await harness.tally_counts() == {"a": 1, "sentinel": 1}


class CrashesBeforeMarkingSent(OutboxRelay):
    """Publishes, then dies before removing the events from the outbox."""

    async def _release(self, *args: Any) -> None:
        return None


async def test_relay_dying_after_publish_does_not_apply_twice(harness: Harness) -> None:
    bus = await harness.bus()
    await harness.consumer(bus)
    event = await harness.create_item("a")

    crashing = harness.relay(bus, CrashesBeforeMarkingSent, lease_ms=1)
    assert await crashing.relay_once() == 1
    assert await harness.pending_outbox() == 1  # still there: it never marked the event sent

    successor = harness.relay(bus)
    await eventually(lambda: _delivered(harness, event.id), what="first delivery")
    await eventually(lambda: _relay_round(successor), what="lease expired, republished")
    await eventually(lambda: _deliveries_of(harness, event.id, 2), what="duplicate delivered")

    assert await harness.tally_counts() == {"a": 1}
    assert await harness.pending_outbox() == 0


class DiesBeforeAck(EventConsumer):
    """Applies the effect, then loses its channel instead of acknowledging."""

    died = False

    async def settle(self, message: AbstractIncomingMessage) -> None:
        DiesBeforeAck.died = True
        await message.channel.close()


async def test_consumer_dying_after_effect_before_ack_applies_once(harness: Harness) -> None:
    bus = await harness.bus()
    dying = await harness.consumer(bus, DiesBeforeAck)
    event = await harness.create_item("a")
    await harness.relay(bus).flush()
    await eventually(lambda: _delivered(harness, event.id), what="first delivery")
    await eventually(lambda: _is_true(lambda: DiesBeforeAck.died), what="consumer died")
    await dying.stop(grace_s=1)

    await harness.consumer(await harness.bus())  # a fresh replica gets the redelivery
    await eventually(lambda: _deliveries_of(harness, event.id, 2), what="redelivered")

    assert await harness.tally_counts() == {"a": 1}
    await eventually(lambda: _queue_empty(harness), what="redelivery acknowledged")


async def test_dropped_broker_connections_lose_nothing(harness: Harness) -> None:
    proxy = CuttableProxy("127.0.0.1", _broker_port(harness.amqp_url))
    await proxy.start()
    via_proxy = f"amqp://guest:guest@127.0.0.1:{proxy.port}/?reconnect_interval=0.2"
    try:
        producer_bus = await harness.bus(via_proxy)
        consumer_bus = await harness.bus(via_proxy)
        await harness.consumer(consumer_bus)
        relay = harness.relay(producer_bus)
        relay_task = asyncio.create_task(relay.run())

        total = 120
        for i in range(total):
            await harness.create_item(f"i{i:03}")
            if i in (30, 60, 90):
                proxy.cut()
                await asyncio.sleep(0)
        await eventually(
            lambda: _tally_sum(harness, total), timeout_s=120, what="every event applied"
        )
        relay.stop()
        await relay_task
    finally:
        await proxy.stop()

    assert proxy.cuts >= 3
    counts = await harness.tally_counts()
    assert sorted(counts) == [f"i{i:03}" for i in range(total)]
    assert set(counts.values()) == {1}
    assert await harness.pending_outbox() == 0


async def test_poison_message_is_dead_lettered_with_reason_and_replays(harness: Harness) -> None:
    bus = await harness.bus()
    await harness.consumer(bus)
    harness.failing.add("poison")
    poison = await harness.create_item("poison")
    await harness.relay(bus).flush()

    await eventually(lambda: _dead_letter_count(harness, bus, 1), what="poison dead-lettered")
    (letter,) = await list_dead_letters(bus, CONSUMER)
    assert letter.event_id == poison.id
    assert "failed after 2 retries" in letter.reason
    assert "cannot handle poison" in letter.reason
    assert letter.error_type == "RuntimeError"
    assert harness.deliveries[poison.id] == 3  # first try and both retries
    assert await harness.tally_counts() == {}

    harness.failing.clear()
    assert await replay_dead_letters(bus, CONSUMER) == 1
    await eventually(lambda: _tally_is(harness, {"poison": 1}), what="replayed and applied")
    assert await list_dead_letters(bus, CONSUMER) == []


async def test_malformed_message_is_dead_lettered_at_once(harness: Harness) -> None:
    bus = await harness.bus()
    await harness.consumer(bus)
    channel = await bus.connection.channel()
    exchange = await channel.get_exchange(bus.topology.events_exchange)
    await exchange.publish(
        aio_pika.Message(b"not json", message_id="garbage"), routing_key="producer.item.created"
    )
    await eventually(lambda: _dead_letter_count(harness, bus, 1), what="garbage dead-lettered")
    (letter,) = await list_dead_letters(bus, CONSUMER)
    assert (letter.event_id, letter.reason) == ("garbage", "malformed event")
    await channel.close()


async def test_competing_relays_publish_each_event_once(harness: Harness) -> None:
    bus_a, bus_b = await harness.bus(), await harness.bus()
    await harness.consumer(await harness.bus())
    relays = [harness.relay(bus_a), harness.relay(bus_b)]
    tasks = [asyncio.create_task(r.run()) for r in relays]
    events = [await harness.create_item(f"i{i:03}") for i in range(150)]
    await eventually(lambda: _tally_sum(harness, 150), timeout_s=120, what="all applied")
    for relay in relays:
        relay.stop()
    await asyncio.gather(*tasks)
    assert [harness.deliveries[e.id] for e in events] == [1] * 150


async def _tally_is(harness: Harness, expected: dict[str, int]) -> bool:
    return await harness.tally_counts() == expected


async def _tally_sum(harness: Harness, expected: int) -> bool:
    return sum((await harness.tally_counts()).values()) >= expected


async def _delivered(harness: Harness, event_id: str) -> bool:
    return harness.deliveries[event_id] >= 1


async def _deliveries_of(harness: Harness, event_id: str, n: int) -> bool:
    return harness.deliveries[event_id] >= n


async def _is_true(check: Any) -> bool:
    return bool(check())


async def _relay_round(relay: OutboxRelay) -> bool:
    return await relay.relay_once() > 0


async def _queue_empty(harness: Harness) -> bool:
    bus = harness.buses[-1]
    channel = await bus.connection.channel()
    try:
        queue = await channel.declare_queue(bus.topology.queue(CONSUMER), passive=True)
        return queue.declaration_result.message_count == 0
    finally:
        await channel.close()


async def _dead_letter_count(harness: Harness, bus: Any, n: int) -> bool:
    return len(await list_dead_letters(bus, CONSUMER)) >= n


def _broker_port(url: str) -> int:
    from urllib.parse import urlsplit

    return urlsplit(url).port or 5672
