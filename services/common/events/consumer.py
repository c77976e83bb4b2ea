"""Consumes a service's queue: dispatch by event type, bounded delayed retries, dead letters.

Handlers must be idempotent per event id; `AggregateStore.apply` makes them so by storing
the event id with the effect. Messages of one subject are handled one at a time within a
replica, in arrival order, so a projection sees an aggregate's events in order.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import aio_pika
from aio_pika.abc import AbstractChannel, AbstractIncomingMessage, AbstractQueue
from aiormq.exceptions import ChannelClosed, ChannelInvalidStateError
from opentelemetry.trace import SpanKind
from pydantic import ValidationError

from ..keyed_lock import KeyedLock
from ..logging import event_id
from ..metrics import EVENTS_CONSUMED
from ..tracing import enabled, extract, tracer
from .bus import EventBus, copied_message, to_message
from .envelope import Event, event_attributes, routing_key_of

log = logging.getLogger(__name__)

Handler = Callable[[Event], Awaitable[None]]

RETRIES_HEADER = "x-retries"
REASON_HEADER = "x-failure-reason"
ERROR_TYPE_HEADER = "x-failure-type"
FAILED_AT_HEADER = "x-failed-at"

BROKER_HEADERS = ("x-death", "x-first-death-", "x-last-death-", "x-delivery-count")
"""Set by the broker on dead-lettered and redelivered messages; never carried into a copy."""


class EventConsumer:
    """One service's consumer; replicas of the service compete on the same queue."""

    def __init__(
        self,
        bus: EventBus,
        service: str,
        handlers: Mapping[str, Handler],
        *,
        retry_delays_ms: Sequence[int] = (1_000, 10_000, 60_000),
        prefetch: int = 64,
    ) -> None:
        self._bus = bus
        self._service = service
        self._handlers = dict(handlers)
        self._delays = list(retry_delays_ms)
        self._prefetch = prefetch
        self._channel: AbstractChannel | None = None
        self._queue: AbstractQueue | None = None
        self._consumer_tag: str | None = None
        self._subjects = KeyedLock()
        """Serialises messages of one subject."""
        self._in_flight: set[asyncio.Task[None]] = set()

    @property
    def routing_keys(self) -> list[str]:
        return sorted({routing_key_of(t) for t in self._handlers})

    async def start(self) -> None:
        await self._bus.declare_service_queues(self._service, self.routing_keys, self._delays)
        self._channel = await self._bus.connection.channel(publisher_confirms=True)
        await self._channel.set_qos(prefetch_count=self._prefetch)
        self._queue = await self._channel.get_queue(self._bus.topology.queue(self._service))
        self._consumer_tag = await self._queue.consume(self._on_message)

    async def stop(self, grace_s: float = 10.0) -> None:
        """Stops taking messages and lets the ones in flight finish (unacked ones return)."""
        channel_open = self._channel is not None and not self._channel.is_closed
        if channel_open and self._queue is not None and self._consumer_tag is not None:
            try:
                await self._queue.cancel(self._consumer_tag)
            except (ChannelClosed, ChannelInvalidStateError) as exc:
                # The channel dropped between the check and the cancel: the broker ended the
                # consumer with it, and the messages it held return to the queue.
                log.warning("consumer channel closed while stopping", exc_info=exc)
        self._consumer_tag = None
        if self._in_flight:
            await asyncio.wait(self._in_flight, timeout=grace_s)
        if self._channel is not None and not self._channel.is_closed:
            await self._channel.close()
        self._channel = None

    async def _on_message(self, message: AbstractIncomingMessage) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._in_flight.add(task)
        try:
            await self._process(message)
        finally:
            if task is not None:
                self._in_flight.discard(task)

    async def _process(self, message: AbstractIncomingMessage) -> None:
        try:
            event = Event.from_json(message.body)
        except ValidationError as exc:
            await self._dead_letter(message, "malformed event", exc)
            return
        handler = self._handlers.get(event.type)
        if handler is None:
            await self._dead_letter(message, f"no handler for {event.type}", None)
            return
        token = event_id.set(event.id)
        try:
            async with self._subjects.hold(event.subject):
                await self._apply(handler, event)
        except Exception as exc:
            EVENTS_CONSUMED.labels(event.type, "failed").inc()
            await self._retry_or_dead_letter(message, event, exc)
        else:
            EVENTS_CONSUMED.labels(event.type, "applied").inc()
            await self.settle(message)
        finally:
            event_id.reset(token)

    async def _apply(self, handler: Handler, event: Event) -> None:
        """Runs the handler, in the trace the event was made in (a failure marks the span)."""
        if not enabled():
            await handler(event)
            return
        queue = self._bus.topology.queue(self._service)
        with tracer().start_as_current_span(
            f"apply {event.type}",
            context=extract(event.trace_context),
            kind=SpanKind.CONSUMER,
            attributes=event_attributes(event, queue),
        ):
            await handler(event)

    async def settle(self, message: AbstractIncomingMessage) -> None:
        """Acknowledges a handled message (the broker forgets it)."""
        await message.ack()

    async def _retry_or_dead_letter(
        self, message: AbstractIncomingMessage, event: Event, exc: Exception
    ) -> None:
        raw = message.headers.get(RETRIES_HEADER)
        retries = raw if isinstance(raw, int) else 0
        if retries >= len(self._delays):
            await self._dead_letter(message, f"failed after {retries} retries: {exc}", exc)
            return
        delay = self._delays[retries]
        log.warning(
            "event handler failed; retrying later",
            exc_info=exc,
            extra={"event_type": event.type, "retry": retries + 1, "delay_ms": delay},
        )
        headers = {
            **self._plain_headers(message),
            RETRIES_HEADER: retries + 1,
            REASON_HEADER: str(exc),
        }
        await self._publish_then_ack(
            message,
            to_message(event, headers),
            exchange="",
            routing_key=self._bus.topology.retry_queue(self._service, delay),
        )

    async def _dead_letter(
        self, message: AbstractIncomingMessage, reason: str, exc: Exception | None
    ) -> None:
        log.error("event dead-lettered", extra={"reason": reason, "message_id": message.message_id})
        EVENTS_CONSUMED.labels(message.type or "unknown", "dead_lettered").inc()
        headers = {
            **self._plain_headers(message),
            REASON_HEADER: reason,
            ERROR_TYPE_HEADER: type(exc).__name__ if exc else "",
            FAILED_AT_HEADER: datetime.now(UTC).isoformat(),
        }
        await self._publish_then_ack(
            message,
            copied_message(message, headers),
            exchange=self._bus.topology.dead_exchange,
            routing_key=self._service,
        )

    async def _publish_then_ack(
        self,
        message: AbstractIncomingMessage,
        copy: aio_pika.Message,
        *,
        exchange: str,
        routing_key: str,
    ) -> None:
        """The copy is confirmed before the original is acked: a crash between them duplicates
        (harmless, consumers are idempotent) but never loses the event."""
        if self._channel is None:
            raise RuntimeError("consumer is not started")
        target = (
            self._channel.default_exchange
            if exchange == ""
            else await self._channel.get_exchange(exchange, ensure=False)
        )
        await target.publish(copy, routing_key=routing_key)
        await message.ack()

    @staticmethod
    def _plain_headers(message: AbstractIncomingMessage) -> dict[str, Any]:
        return {k: v for k, v in message.headers.items() if not k.startswith(BROKER_HEADERS)}
