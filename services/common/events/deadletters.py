"""Inspect and replay a service's dead letters.

python -m services.common.events.deadletters list finance
python -m services.common.events.deadletters replay finance [--id EVENT_ID]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson
from aio_pika.abc import AbstractIncomingMessage

from ..settings import Settings
from .bus import EventBus, copied_message
from .consumer import (
    BROKER_HEADERS,
    ERROR_TYPE_HEADER,
    FAILED_AT_HEADER,
    REASON_HEADER,
    RETRIES_HEADER,
)
from .queue_arguments import QueueArguments
from .topology import Topology


@dataclass(frozen=True)
class DeadLetter:
    event_id: str | None
    event_type: str | None
    reason: str
    error_type: str
    failed_at: str
    body: bytes

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.event_id,
            "type": self.event_type,
            "reason": self.reason,
            "error_type": self.error_type,
            "failed_at": self.failed_at,
            "event": orjson.loads(self.body) if self.body.startswith(b"{") else self.body.decode(),
        }


async def list_dead_letters(bus: EventBus, service: str) -> list[DeadLetter]:
    """Reads every dead letter without removing any (they return to the queue on close)."""
    channel = await bus.connection.channel()
    try:
        queue = await channel.get_queue(bus.topology.dead_queue(service))
        letters = []
        while (message := await queue.get(no_ack=False, fail=False)) is not None:
            letters.append(_dead_letter(message))
        return letters
    finally:
        await channel.close()


def _dead_letter(message: AbstractIncomingMessage) -> DeadLetter:
    headers = message.headers
    if FAILED_AT_HEADER in headers:
        reason = str(headers.get(REASON_HEADER, ""))
        failed_at = str(headers[FAILED_AT_HEADER])
    else:
        # Dead-lettered by the broker, not the consumer: past the queue's delivery limit, the
        # consumer having died or lost its connection on every delivery.
        death = _latest_death(headers.get("x-death"))
        reason = f"dead-lettered by the broker: {death.get('reason', 'unknown')}"
        time = death.get("time")
        failed_at = time.replace(tzinfo=UTC).isoformat() if isinstance(time, datetime) else ""
    return DeadLetter(
        event_id=message.message_id,
        event_type=message.type,
        reason=reason,
        error_type=str(headers.get(ERROR_TYPE_HEADER, "")),
        failed_at=failed_at,
        body=message.body,
    )


def _latest_death(deaths: object) -> dict[str, Any]:
    """The broker lists a message's deaths most recent first."""
    if isinstance(deaths, list) and deaths and isinstance(deaths[0], dict):
        return deaths[0]
    return {}


async def replay_dead_letters(bus: EventBus, service: str, event_id: str | None = None) -> int:
    """Moves dead letters (all, or the one with `event_id`) back to the service's queue."""
    channel = await bus.connection.channel(publisher_confirms=True)
    replayed = 0
    try:
        queue = await channel.get_queue(bus.topology.dead_queue(service))
        while (message := await queue.get(no_ack=False, fail=False)) is not None:
            if event_id is not None and message.message_id != event_id:
                continue  # stays unacked, so it returns to the dead queue when we close
            headers = {
                k: v
                for k, v in message.headers.items()
                if k not in (RETRIES_HEADER, REASON_HEADER, ERROR_TYPE_HEADER, FAILED_AT_HEADER)
                and not k.startswith(BROKER_HEADERS)
            }
            await channel.default_exchange.publish(
                copied_message(message, headers),
                routing_key=bus.topology.queue(service),
            )
            await message.ack()
            replayed += 1
        return replayed
    finally:
        await channel.close()


async def _main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="deadletters", description=__doc__)
    parser.add_argument("action", choices=["list", "replay"])
    parser.add_argument("service")
    parser.add_argument("--id", dest="event_id", help="replay only this event id")
    args = parser.parse_args(argv)
    settings = Settings()
    queues = QueueArguments(settings.event_queue_type, settings.event_delivery_limit)
    bus = EventBus(settings.amqp_url, Topology(settings.events_prefix), queues)
    await bus.connect()
    try:
        if args.action == "list":
            for letter in await list_dead_letters(bus, args.service):
                sys.stdout.write(orjson.dumps(letter.summary()).decode() + "\n")
        else:
            count = await replay_dead_letters(bus, args.service, args.event_id)
            sys.stdout.write(
                f"replayed {count} dead letter(s) to {bus.topology.queue(args.service)}\n"
            )
    finally:
        await bus.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(_main(sys.argv[1:])))
