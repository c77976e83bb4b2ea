"""A producer and a consumer service in miniature, on the real runtime parts.

The producer stores `Item`s and publishes `item.created`; the consumer applies each event
to a `Tally` per item, so a tally above 1 is an event applied twice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel
from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from services.common.events.bus import EventBus
from services.common.events.catalogue import EventSpec
from services.common.events.consumer import EventConsumer, Handler
from services.common.events.envelope import Event
from services.common.events.queue_arguments import QueueArguments
from services.common.events.relay import OutboxRelay
from services.common.events.topology import Topology
from services.common.mongo import Document
from services.common.store import Aggregate, AggregateStore, OutboxNotifier

from ..support.servers import delete_broker_objects

RETRY_DELAYS_MS = [50, 100]
CONSUMER = "tally"


class ItemV1(BaseModel):
    id: str
    label: str


ITEM_CREATED = EventSpec("producer", "item", "created", 1, ItemV1, "test event")
ITEM_RENAMED = EventSpec("producer", "item", "renamed", 1, ItemV1, "test event")


class Item(Aggregate):
    label: str = ""


class Tally(Aggregate):
    applied: int = 0


@dataclass
class Harness:
    mongo: AsyncMongoClient[Document]
    amqp_url: str
    prefix: str
    queues: QueueArguments = field(default_factory=QueueArguments)
    """Quorum queues unless a test says otherwise."""
    db: AsyncDatabase[Document] = field(init=False)
    notifier: OutboxNotifier = field(default_factory=OutboxNotifier)
    deliveries: Counter[str] = field(default_factory=Counter)
    """Handler calls per event id (redeliveries included)."""
    buses: list[EventBus] = field(default_factory=list)
    failing: set[str] = field(default_factory=set)
    """Event subjects whose handling raises (a poison message)."""

    def __post_init__(self) -> None:
        self.db = self.mongo[f"t_{self.prefix.replace('-', '_')}"]
        self.items: AggregateStore[Item] = AggregateStore(self.db["items"], Item, self.notifier)
        self.tallies: AggregateStore[Tally] = AggregateStore(self.db["tallies"], Tally)

    async def bus(self, url: str | None = None) -> EventBus:
        bus = EventBus(url or self.amqp_url, Topology(self.prefix), self.queues)
        await bus.connect()
        self.buses.append(bus)
        return bus

    def relay(
        self, bus: EventBus, relay_class: type[OutboxRelay] = OutboxRelay, **options: int
    ) -> OutboxRelay:
        relay = relay_class(self.db, ["items"], bus, poll_ms=options.pop("poll_ms", 20), **options)
        self.notifier.subscribe(relay.wake)
        return relay

    def handlers(self) -> dict[str, Handler]:
        async def on_item(event: Event) -> None:
            self.deliveries[event.id] += 1
            if event.subject in self.failing:
                raise RuntimeError(f"cannot handle {event.subject}")

            def count(tally: Tally) -> Sequence[Event]:
                tally.applied += 1
                return ()

            await self.tallies.apply(
                event, event.subject, count, create=lambda: Tally(id=event.subject)
            )

        return {ITEM_CREATED.type: on_item, ITEM_RENAMED.type: on_item}

    async def consumer(
        self, bus: EventBus, consumer_class: type[EventConsumer] = EventConsumer
    ) -> EventConsumer:
        consumer = consumer_class(
            bus, CONSUMER, self.handlers(), retry_delays_ms=RETRY_DELAYS_MS, prefetch=16
        )
        await consumer.start()
        return consumer

    async def create_item(self, item_id: str, label: str = "x") -> Event:
        event = ITEM_CREATED.new(item_id, ItemV1(id=item_id, label=label))
        await self.items.create(Item(id=item_id, version=1, label=label), [event])
        return event

    async def tally_counts(self) -> dict[str, int]:
        return {doc["_id"]: doc["applied"] async for doc in self.db["tallies"].find({})}

    async def pending_outbox(self) -> int:
        return await self.db["items"].count_documents({"_pending": True})

    async def close(self) -> None:
        for bus in self.buses:
            await bus.close()
        await delete_broker_objects(self.amqp_url, self.prefix, [CONSUMER], RETRY_DELAYS_MS)
        await self.mongo.drop_database(self.db.name)
