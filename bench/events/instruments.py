"""Timestamps taken inside a process without changing the code under test."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from pymongo import monitoring

from services.common.events.bus import EventBus
from services.common.events.envelope import Event
from services.common.events.topology import Topology

OpRecord = tuple[float, str, str, int]
"""(wall time the reply arrived, who sent it, command name, round trip in µs as pymongo
measured it: server time plus time waiting in this process's event loop)."""

RELAY_FIELDS = ("_pending", "_lease_owner")


def sender(command: Mapping[str, Any]) -> str:
    """`relay` for the outbox relay's commands (recognised by their shape), else `store`.

    The relay filters on its bookkeeping fields and updates with `$set`; the store finds
    by `_id` and writes whole documents (`replace_one`, `insert_one`).
    """
    query = command.get("filter") or {}
    if any(field in query for field in RELAY_FIELDS):
        return "relay"
    updates = command.get("updates") or []
    if any("$set" in (u.get("u") or {}) for u in updates):
        return "relay"
    return "store"


class OpRecorder(monitoring.CommandListener):
    """Every MongoDB command's round trip, as the client saw it."""

    def __init__(self) -> None:
        self.records: list[OpRecord] = []
        self._senders: dict[tuple[Any, int], str] = {}

    def started(self, event: monitoring.CommandStartedEvent) -> None:
        self._senders[(event.connection_id, event.request_id)] = sender(event.command)

    def succeeded(self, event: monitoring.CommandSucceededEvent) -> None:
        self._record(event.connection_id, event.request_id, event.command_name, event)

    def failed(self, event: monitoring.CommandFailedEvent) -> None:
        self._record(event.connection_id, event.request_id, f"{event.command_name}!", event)

    def _record(
        self,
        connection: Any,
        request: int,
        name: str,
        event: monitoring.CommandSucceededEvent | monitoring.CommandFailedEvent,
    ) -> None:
        who = self._senders.pop((connection, request), "store")
        self.records.append((time.time(), who, name, event.duration_micros))


class TimedBus(EventBus):
    """The platform's bus, noting when the broker confirmed each event."""

    def __init__(self, url: str, topology: Topology) -> None:
        super().__init__(url, topology)
        self.sent: dict[str, float] = {}
        """Event id → wall time the relay handed it to the bus (first time)."""
        self.confirmed: dict[str, float] = {}
        """Event id → wall time of its first confirm (a republish is a duplicate)."""
        self.publishes = 0

    async def publish(self, event: Event) -> None:
        sent = time.time()
        await super().publish(event)
        self.publishes += 1
        self.sent.setdefault(event.id, sent)
        self.confirmed.setdefault(event.id, time.time())
