"""Connection to RabbitMQ: one robust connection, a confirming publish channel, topology."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

import aio_pika
from aio_pika.abc import (
    AbstractChannel,
    AbstractExchange,
    AbstractIncomingMessage,
    AbstractRobustConnection,
)
from aiormq.exceptions import ChannelPreconditionFailed

from .envelope import CONTENT_TYPE, Event
from .queue_arguments import Arguments, QueueArguments
from .topology import Topology

log = logging.getLogger(__name__)


class QueueMismatch(RuntimeError):
    """The broker refused a queue's arguments: it exists with other ones (type, delivery
    limit), or the broker does not know them."""


def to_message(event: Event, headers: dict[str, str | int] | None = None) -> aio_pika.Message:
    return aio_pika.Message(
        body=event.to_json(),
        content_type=CONTENT_TYPE,
        delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
        message_id=event.id,
        type=event.type,
        timestamp=event.time,
        headers=dict(headers or {}),
    )


def copied_message(message: AbstractIncomingMessage, headers: dict[str, Any]) -> aio_pika.Message:
    """A persistent copy of a received message with other headers (to dead-letter or replay it)."""
    return aio_pika.Message(
        body=message.body,
        content_type=message.content_type,
        delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
        message_id=message.message_id,
        type=message.type,
        timestamp=message.timestamp,
        headers=headers,
    )


class EventBus:
    """Publishes with publisher confirms; reconnects and re-declares after a broker drop."""

    def __init__(self, url: str, topology: Topology, queues: QueueArguments | None = None) -> None:
        self.url = url
        self.topology = topology
        self.queues = queues or QueueArguments()
        self._connection: AbstractRobustConnection | None = None
        self._channel: AbstractChannel | None = None
        self._exchange: AbstractExchange | None = None

    async def connect(self) -> None:
        self._connection = await aio_pika.connect_robust(
            self.url, client_properties={"connection_name": self.topology.prefix}
        )
        self._channel = await self._connection.channel(publisher_confirms=True)
        self._exchange = await self._channel.declare_exchange(
            self.topology.events_exchange, aio_pika.ExchangeType.TOPIC, durable=True
        )
        await self._channel.declare_exchange(
            self.topology.dead_exchange, aio_pika.ExchangeType.DIRECT, durable=True
        )

    @property
    def connection(self) -> AbstractRobustConnection:
        if self._connection is None:
            raise RuntimeError("event bus is not connected")
        return self._connection

    @property
    def is_connected(self) -> bool:
        return (
            self._connection is not None
            and not self._connection.is_closed
            and self._channel is not None
            and not self._channel.is_closed
        )

    async def publish(self, event: Event) -> None:
        """Returns once the broker confirmed the persistent message."""
        if self._exchange is None:
            raise RuntimeError("event bus is not connected")
        await self._exchange.publish(to_message(event), routing_key=event.routing_key)

    async def declare_service_queues(
        self, service: str, routing_keys: Iterable[str], retry_delays_ms: Iterable[int]
    ) -> None:
        """The service's durable queue with its bindings, its retry queues and dead-letter queue."""
        topo = self.topology
        await self._declare_queue(
            topo.queue(service), self.queues.main(topo.dead_exchange, service)
        )
        for delay in retry_delays_ms:
            arguments = self.queues.retry(delay, topo.queue(service))
            await self._declare_queue(topo.retry_queue(service, delay), arguments)
        dead_arguments = self.queues.dead(self._broker_major_version())
        await self._declare_queue(topo.dead_queue(service), dead_arguments)
        channel = await self.connection.channel()
        try:
            queue = await channel.get_queue(topo.queue(service), ensure=False)
            for key in routing_keys:
                await queue.bind(topo.events_exchange, routing_key=key)
            dead = await channel.get_queue(topo.dead_queue(service), ensure=False)
            await dead.bind(topo.dead_exchange, routing_key=service)
        finally:
            await channel.close()

    async def _declare_queue(self, name: str, arguments: Arguments) -> None:
        """Declares on a channel of its own: a refused declaration closes its channel."""
        channel = await self.connection.channel()
        try:
            await channel.declare_queue(name, durable=True, arguments=arguments)
        except ChannelPreconditionFailed as exc:
            raise QueueMismatch(
                f"queue {name} refused the arguments of {self.queues.described()} ({exc}). "
                "Either it exists with others: keep the settings it was declared with, or move "
                'it (docs/operations.md, "Event queues: quorum queues, and moving to them"); '
                "or the broker lacks them (quorum queues need RabbitMQ 3.10 or later)"
            ) from exc
        finally:
            await channel.close()

    def _broker_major_version(self) -> int:
        transport = self.connection.transport
        version = transport.connection.server_properties.get("version") if transport else None
        major = str(version).split(".", 1)[0] if version else ""
        return int(major) if major.isdigit() else 3

    async def close(self) -> None:
        if self._connection is not None:
            await self._connection.close()
        self._connection = self._channel = self._exchange = None
