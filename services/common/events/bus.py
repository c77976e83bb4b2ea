"""Connection to RabbitMQ: one robust connection, a confirming publish channel, topology."""

from __future__ import annotations

import logging
from collections.abc import Iterable

import aio_pika
from aio_pika.abc import (
    AbstractChannel,
    AbstractExchange,
    AbstractQueue,
    AbstractRobustConnection,
)

from .envelope import CONTENT_TYPE, Event
from .topology import Topology

log = logging.getLogger(__name__)


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


class EventBus:
    """Publishes with publisher confirms; reconnects and re-declares after a broker drop."""

    def __init__(self, url: str, topology: Topology) -> None:
        self.url = url
        self.topology = topology
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
    ) -> AbstractQueue:
        """The service's durable queue with its bindings, its retry queues and dead-letter queue."""
        channel = await self.connection.channel()
        try:
            topo = self.topology
            queue = await channel.declare_queue(
                topo.queue(service),
                durable=True,
                arguments={
                    "x-dead-letter-exchange": topo.dead_exchange,
                    "x-dead-letter-routing-key": service,
                },
            )
            for key in routing_keys:
                await queue.bind(topo.events_exchange, routing_key=key)
            for delay in retry_delays_ms:
                # Expired retries fall back into the service's queue via the default exchange.
                await channel.declare_queue(
                    topo.retry_queue(service, delay),
                    durable=True,
                    arguments={
                        "x-message-ttl": delay,
                        "x-dead-letter-exchange": "",
                        "x-dead-letter-routing-key": topo.queue(service),
                    },
                )
            dead = await channel.declare_queue(topo.dead_queue(service), durable=True)
            await dead.bind(topo.dead_exchange, routing_key=service)
            return queue
        finally:
            await channel.close()

    async def close(self) -> None:
        if self._connection is not None:
            await self._connection.close()
        self._connection = self._channel = self._exchange = None
