"""The producer process: one service replica writing aggregates at a fixed rate + its relay.

Writes are scheduled open-loop (write i is due at start + i/rate whatever happened to
earlier ones), so a slow system shows as latency and backlog, not as a lower offered rate.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Sequence
from multiprocessing.queues import Queue
from typing import Any

import orjson
from pymongo import AsyncMongoClient

from services.common.events.envelope import Event
from services.common.events.relay import OutboxRelay
from services.common.events.topology import Topology
from services.common.mongo import Document, ensure_indexes
from services.common.settings import Settings
from services.common.store import AggregateStore, OutboxNotifier, to_bson

from . import profiling
from .config import RunConfig
from .domain import (
    APPLICATION_REVISED,
    APPLICATION_SUBMITTED,
    PRODUCER_COLLECTION,
    Application,
    event_data,
)
from .instruments import OpRecorder, TimedBus

CREATE_SHARE = 0.5
"""Half the writes submit a new application, half revise a recent one (read + replace)."""
RECENT = 256
"""Revisions pick among the most recent applications, so several events share a subject."""

PRELOAD_BATCH = 1_000

Committed = tuple[str, str, float, float]
"""(event id, subject, due time, wall time the commit returned)."""


def main(config: RunConfig, to_parent: Queue[Any], from_parent: Queue[Any]) -> None:
    """Process entry point (spawned)."""
    profile_to = config.path("producer.profile.txt") if config.profile else None
    profiling.run(profile_to, lambda: asyncio.run(Producer(config).run(to_parent, from_parent)))


class Producer:
    def __init__(self, config: RunConfig) -> None:
        self.config = config
        self.ops = OpRecorder()
        self.client: AsyncMongoClient[Document] = AsyncMongoClient(
            config.mongo_url,
            tz_aware=True,
            serverSelectionTimeoutMS=5_000,
            appname="bench-producer",
            event_listeners=[self.ops],
        )
        self.db = self.client[config.producer_db]
        self.notifier = OutboxNotifier()
        self.store = AggregateStore(self.db[PRODUCER_COLLECTION], Application, self.notifier)
        self.bus = TimedBus(config.amqp_url, Topology(config.prefix))
        # The relay exactly as a replica configures it (ServiceRuntime), defaults included.
        settings = Settings()
        self.relay = OutboxRelay(
            self.db,
            [PRODUCER_COLLECTION],
            self.bus,
            lease_ms=settings.outbox_lease_ms,
            poll_ms=settings.outbox_poll_ms,
            batch=settings.outbox_batch,
        )
        self.notifier.subscribe(self.relay.wake)
        self.random = random.Random(config.rate)
        self.recent: list[str] = []
        self.committed: list[Committed] = []
        self.errors: dict[str, int] = {}

    async def run(self, to_parent: Queue[Any], from_parent: Queue[Any]) -> None:
        await ensure_indexes(self.db, AggregateStore.outbox_indexes(PRODUCER_COLLECTION))
        await self._preload()
        await self.bus.connect()
        relay_task = asyncio.create_task(self.relay.run())
        to_parent.put(("producer", "ready"))
        start_at: float = await asyncio.to_thread(from_parent.get)
        await self._offer(start_at)
        drained = await self._drain()
        self.relay.stop()
        await relay_task
        self.config.path("producer.json").write_bytes(
            orjson.dumps(
                {
                    "committed": self.committed,
                    "sent": self.bus.sent,
                    "confirmed": self.bus.confirmed,
                    "publishes": self.bus.publishes,
                    "errors": self.errors,
                    "drained": drained,
                    "ops": self.ops.records,
                }
            )
        )
        await self.bus.close()
        await self.client.close()
        to_parent.put(("producer", "done", len(self.committed)))

    async def _preload(self) -> None:
        """A service's collection is not empty: dormant aggregates, stored as the store does."""
        internal = {"_rev": 1, "_outbox": [], "_pending": False, "_lease_until": 0}
        internal |= {"_lease_owner": "", "_applied": []}
        for first in range(0, self.config.existing, PRELOAD_BATCH):
            batch = []
            for n in range(first, min(first + PRELOAD_BATCH, self.config.existing)):
                body = to_bson(Application(id=f"old-{n:07d}", version=3).model_dump())
                body["_id"] = body.pop("id")
                batch.append(body | internal)
            await self.db[PRODUCER_COLLECTION].insert_many(batch)

    async def _offer(self, start_at: float) -> None:
        """Starts write i at start_at + i/rate without waiting for earlier writes."""
        end = start_at + self.config.warmup_s + self.config.seconds
        writes: set[asyncio.Task[None]] = set()
        i = 0
        while (due := start_at + i / self.config.rate) < end:
            if (delay := due - time.time()) > 0:
                await asyncio.sleep(delay)
            task = asyncio.create_task(self._write(i, due))
            writes.add(task)
            task.add_done_callback(writes.discard)
            i += 1
        if writes:
            await asyncio.wait(writes)

    async def _write(self, i: int, due: float) -> None:
        try:
            if not self.recent or self.random.random() < CREATE_SHARE:
                event = await self._submit(f"app-{i:07d}")
            else:
                event = await self._revise(self.random.choice(self.recent[-RECENT:]))
        except Exception as exc:  # counted and reported: a benchmark must not hide failures
            self.errors[type(exc).__name__] = self.errors.get(type(exc).__name__, 0) + 1
            return
        self.committed.append((event.id, event.subject, due, time.time()))

    async def _submit(self, application_id: str) -> Event:
        application = Application(
            id=application_id, version=1, title="Water partnership", budget_minor=150_000_00
        )
        event = APPLICATION_SUBMITTED.new(application_id, event_data(application))
        await self.store.create(application, [event])
        self.recent.append(application_id)
        return event

    async def _revise(self, application_id: str) -> Event:
        # `update` may re-run the change after losing a race; the last run's event committed.
        emitted: list[Event] = []

        def revise(application: Application) -> Sequence[Event]:
            application.budget_minor += 1_000_00
            application.title = f"Water partnership, revision {application.version}"
            emitted[:] = [APPLICATION_REVISED.new(application.id, event_data(application))]
            return emitted

        await self.store.update(application_id, revise)
        return emitted[0]

    async def _drain(self) -> bool:
        """Waits until every committed event is confirmed and no outbox is pending."""
        deadline = time.monotonic() + self.config.drain_timeout_s
        ids = [c[0] for c in self.committed]
        while time.monotonic() < deadline:
            if all(i in self.bus.confirmed for i in ids):
                # find_one, not count_documents: nx-27017 counts by reading every document.
                pending = await self.db[PRODUCER_COLLECTION].find_one({"_pending": True})
                if pending is None:
                    return True
            await asyncio.sleep(0.1)
        return False
