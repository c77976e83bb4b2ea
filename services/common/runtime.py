"""One replica's moving parts and their order of start and stop."""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Generic, TypeVar

from aio_pika.exceptions import AMQPError
from opentelemetry.instrumentation.utils import suppress_instrumentation
from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import PyMongoError

from .events.bus import EventBus
from .events.consumer import EventConsumer
from .events.queue_arguments import QueueArguments
from .events.relay import OutboxRelay
from .events.topology import Topology
from .mongo import Document, connect, ensure_indexes, ping
from .service import ServiceSpec
from .settings import Settings
from .store import AggregateStore, OutboxNotifier

log = logging.getLogger(__name__)

R = TypeVar("R")


class ServiceRuntime(Generic[R]):
    """MongoDB, the event bus, the outbox relay and the consumer of one service replica."""

    def __init__(self, spec: ServiceSpec[R], settings: Settings) -> None:
        self.spec = spec
        self.settings = settings
        self.client: AsyncMongoClient[Document] = connect(settings.mongodb_url)
        self.db: AsyncDatabase[Document] = self.client[settings.database_name]
        self.notifier = OutboxNotifier()
        self.repos: R = spec.repositories(self.db, self.notifier)
        self.bus = EventBus(
            settings.amqp_url,
            Topology(settings.events_prefix),
            QueueArguments(settings.event_queue_type, settings.event_delivery_limit),
        )
        self.relay = OutboxRelay(
            self.db,
            spec.aggregate_collections,
            self.bus,
            lease_ms=settings.outbox_lease_ms,
            poll_ms=settings.outbox_poll_ms,
            batch=settings.outbox_batch,
        )
        self.notifier.subscribe(self.relay.wake)
        self.consumer = EventConsumer(
            self.bus,
            spec.name,
            spec.handlers(self.repos),
            retry_delays_ms=settings.event_retry_delays_ms,
            prefetch=settings.consumer_prefetch,
        )
        self._relay_task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        indexes = [
            *self.spec.indexes,
            *(i for c in self.spec.aggregate_collections for i in AggregateStore.outbox_indexes(c)),
        ]
        with suppress_instrumentation():  # the replica's own start is nobody's trace
            await ping(self.client)
            await ensure_indexes(self.db, indexes)
        await self.bus.connect()
        await self.consumer.start()
        self._relay_task = asyncio.create_task(self.relay.run(), name=f"{self.spec.name}-relay")
        log.info("service started", extra={"database": self.db.name})

    async def stop(self) -> None:
        """Stop consuming, let in-flight work finish, publish what is pending, disconnect."""
        await self.consumer.stop(self.settings.shutdown_grace_s)
        self.relay.stop()
        if self._relay_task is not None:
            await self._relay_task
        try:
            flushed = await asyncio.wait_for(self.relay.flush(), self.settings.shutdown_grace_s)
            log.info("outbox flushed", extra={"published": flushed})
        except (TimeoutError, OSError, PyMongoError, AMQPError):
            log.warning(
                "outbox not fully flushed at shutdown; another replica or restart will",
                exc_info=True,
            )
        await self.bus.close()
        await self.client.close()
        log.info("service stopped")

    async def readiness(self) -> dict[str, Any]:
        """Ready only while MongoDB and RabbitMQ answer."""
        checks: dict[str, Any] = {"rabbitmq": self.bus.is_connected}
        try:
            with suppress_instrumentation():  # a probe's ping is nobody's trace
                checks["mongodb"] = await asyncio.wait_for(ping(self.client), 2)
        except Exception as exc:
            checks["mongodb"] = False
            checks["mongodb_error"] = str(exc)
        return checks
