"""Counting the database queries a request makes, at the driver (command monitoring)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from pymongo import monitoring

READS = frozenset({"find", "aggregate", "count", "countDocuments", "distinct"})


class QueryLog(monitoring.CommandListener):
    """Registered once, before the service's client exists (pymongo adds global listeners
    to clients created afterwards); records reads only while `recording`."""

    def __init__(self) -> None:
        self._installed = False
        self._database: str | None = None
        self.reads: list[tuple[str, str]] = []

    def install(self) -> None:
        if not self._installed:
            monitoring.register(self)
            self._installed = True

    @contextmanager
    def recording(self, database: str) -> Iterator[list[tuple[str, str]]]:
        self.reads = []
        self._database = database
        try:
            yield self.reads
        finally:
            self._database = None

    def started(self, event: monitoring.CommandStartedEvent) -> None:
        if event.database_name != self._database or event.command_name not in READS:
            return
        query = str(event.command.get("filter", ""))
        if "_pending" in query or "_lease" in query:
            return  # the outbox relay at work, not the request
        self.reads.append((event.command_name, str(event.command.get(event.command_name))))

    def succeeded(self, event: monitoring.CommandSucceededEvent) -> None:
        pass

    def failed(self, event: monitoring.CommandFailedEvent) -> None:
        pass


QUERY_LOG = QueryLog()
