"""A consumer replica whose handler kills its process, as a message that crashes the runtime
(out of memory, a native crash) would: the broker sees the connection drop, never an answer.

python -m tests.events.crashing_consumer AMQP_URL PREFIX DELIVERY_LIMIT
"""

from __future__ import annotations

import asyncio
import os
import sys

from services.common.events.bus import EventBus
from services.common.events.consumer import EventConsumer
from services.common.events.envelope import Event
from services.common.events.queue_arguments import QueueArguments
from services.common.events.topology import Topology

from .harness import CONSUMER, ITEM_CREATED, RETRY_DELAYS_MS

CRASHED = 3
"""Exit status of a crash in the handler."""


async def _crash(event: Event) -> None:
    sys.stdout.write(f"{event.id}\n")
    sys.stdout.flush()
    os._exit(CRASHED)


async def _main(url: str, prefix: str, delivery_limit: int) -> None:
    bus = EventBus(url, Topology(prefix), QueueArguments(delivery_limit=delivery_limit))
    await bus.connect()
    consumer = EventConsumer(
        bus, CONSUMER, {ITEM_CREATED.type: _crash}, retry_delays_ms=RETRY_DELAYS_MS
    )
    await consumer.start()
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(_main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
