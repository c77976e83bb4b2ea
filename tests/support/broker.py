"""Listening on the broker to what a service publishes, as any consumer would."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import aio_pika
from aio_pika.abc import AbstractQueue

from services.common.events.envelope import Event
from services.common.events.topology import Topology

from .services import RunningService
from .waiting import eventually
from .writes import snapshot


@dataclass
class Listener:
    queue: AbstractQueue
    received: list[Event] = field(default_factory=list)

    async def _take(self) -> None:
        while (message := await self.queue.get(no_ack=True, fail=False)) is not None:
            self.received.append(Event.from_json(message.body))

    async def events(self, count: int) -> list[Event]:
        """Everything received so far, once there are at least `count` events."""

        async def enough() -> bool:
            await self._take()
            return len(self.received) >= count

        await eventually(enough, what=f"{count} events on the broker")
        return list(self.received)

    async def all(self) -> list[Event]:
        """Everything received so far (call after `snapshot()`: the outboxes are drained and
        every event published was confirmed, hence already routed to this queue)."""
        await self._take()
        return list(self.received)


@asynccontextmanager
async def listening(service: RunningService, *routing_keys: str) -> AsyncIterator[Listener]:
    """A private queue bound to the service's events exchange for `routing_keys`: it receives
    what the service publishes from now on (what was queued before is published first)."""
    await snapshot(service)
    topology = Topology(service.settings.events_prefix)
    connection = await aio_pika.connect(service.settings.amqp_url)
    try:
        channel = await connection.channel()
        queue = await channel.declare_queue(exclusive=True, auto_delete=True)
        for key in routing_keys:
            await queue.bind(topology.events_exchange, routing_key=key)
        yield Listener(queue)
    finally:
        await connection.close()
