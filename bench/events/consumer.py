"""The consumer process: another service whose handler applies each event exactly once."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Sequence
from multiprocessing.queues import Queue
from typing import Any

import orjson
from pymongo import AsyncMongoClient

from services.common.events.bus import EventBus
from services.common.events.consumer import EventConsumer, Handler
from services.common.events.envelope import Event
from services.common.events.topology import Topology
from services.common.mongo import Document
from services.common.settings import Settings
from services.common.store import AggregateStore

from . import profiling
from .config import RunConfig
from .domain import (
    APPLICATION_REVISED,
    APPLICATION_SUBMITTED,
    CONSUMER_COLLECTION,
    CONSUMER_SERVICE,
    RETRY_DELAYS_MS,
    ApplicationV1,
    ApplicationView,
)
from .instruments import OpRecorder

Handled = tuple[float, float, bool]
"""(wall time the handler started, wall time the effect write returned, applied now?)."""

GRACE_S = 1.0
"""After the last expected effect: time for stray redeliveries to show up in the records."""


def main(config: RunConfig, to_parent: Queue[Any], from_parent: Queue[Any]) -> None:
    """Process entry point (spawned)."""
    profile_to = config.path("consumer.profile.txt") if config.profile else None
    profiling.run(profile_to, lambda: asyncio.run(Consumer(config).run(to_parent, from_parent)))


class Consumer:
    def __init__(self, config: RunConfig) -> None:
        self.config = config
        self.ops = OpRecorder()
        self.client: AsyncMongoClient[Document] = AsyncMongoClient(
            config.mongo_url,
            tz_aware=True,
            serverSelectionTimeoutMS=5_000,
            appname="bench-consumer",
            event_listeners=[self.ops],
        )
        self.views = AggregateStore(
            self.client[config.consumer_db][CONSUMER_COLLECTION], ApplicationView
        )
        self.bus = EventBus(config.amqp_url, Topology(config.prefix))
        self.handled: dict[str, list[Handled]] = {}
        self.expected: int | None = None
        self.all_handled = asyncio.Event()

    def _note(self, event_id: str, handled: Handled) -> None:
        self.handled.setdefault(event_id, []).append(handled)
        if self.expected is not None and len(self.handled) >= self.expected:
            self.all_handled.set()

    def handlers(self) -> dict[str, Handler]:
        async def on_application(event: Event) -> None:
            started = time.time()
            data = ApplicationV1.model_validate(event.data)

            def project(view: ApplicationView) -> Sequence[Event]:
                view.applied += 1  # more than the subject's events = applied twice
                if data.version > view.source_version:  # a late, older event changes nothing
                    view.title, view.budget_minor = data.title, data.budget_minor
                    view.source_version = data.version
                return ()

            result = await self.views.apply(
                event, data.id, project, create=lambda: ApplicationView(id=data.id)
            )
            self._note(event.id, (started, time.time(), result is not None))

        return {
            APPLICATION_SUBMITTED.type: on_application,
            APPLICATION_REVISED.type: on_application,
        }

    async def run(self, to_parent: Queue[Any], from_parent: Queue[Any]) -> None:
        await self.bus.connect()
        consumer = EventConsumer(
            self.bus,
            CONSUMER_SERVICE,
            self.handlers(),
            retry_delays_ms=RETRY_DELAYS_MS,
            prefetch=Settings().consumer_prefetch,
        )
        await consumer.start()  # declares and binds the queue before any event is published
        to_parent.put(("consumer", "ready"))
        expected: int = await asyncio.to_thread(from_parent.get)
        self.expected = expected
        if len(self.handled) >= expected:
            self.all_handled.set()
        with contextlib.suppress(TimeoutError):  # the check against the database tells
            await asyncio.wait_for(self.all_handled.wait(), self.config.drain_timeout_s)
        await asyncio.sleep(GRACE_S)
        await consumer.stop()
        self.config.path("consumer.json").write_bytes(
            orjson.dumps({"handled": self.handled, "ops": self.ops.records})
        )
        await self.bus.close()
        await self.client.close()
        to_parent.put(("consumer", "done", len(self.handled)))
