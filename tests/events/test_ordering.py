"""Events about one subject are handled one at a time, in the order they arrive."""

from __future__ import annotations

import asyncio

from services.common.events.consumer import EventConsumer
from services.common.events.envelope import Event

from ..support.waiting import eventually
from .harness import CONSUMER, ITEM_CREATED, Harness, ItemV1


async def test_one_subject_is_handled_in_order_while_others_run_alongside(
    harness: Harness,
) -> None:
    seen: dict[str, list[str]] = {"a": [], "b": []}
    running: dict[str, int] = {"a": 0, "b": 0}
    overlap: list[str] = []

    async def handle(event: Event) -> None:
        running[event.subject] += 1
        if running[event.subject] > 1:
            overlap.append(event.subject)
        await asyncio.sleep(0)  # let other messages in: only other subjects may run now
        seen[event.subject].append(event.data["label"])
        running[event.subject] -= 1

    bus = await harness.bus()
    consumer = EventConsumer(bus, CONSUMER, {ITEM_CREATED.type: handle}, prefetch=32)
    await consumer.start()
    for i in range(30):
        for subject in ("a", "b"):
            await bus.publish(ITEM_CREATED.new(subject, ItemV1(id=subject, label=f"{i:02}")))

    async def all_seen() -> bool:
        return len(seen["a"]) == 30 and len(seen["b"]) == 30

    await eventually(all_seen, what="every message handled")
    await consumer.stop()
    assert overlap == []
    assert seen["a"] == [f"{i:02}" for i in range(30)] == seen["b"]
