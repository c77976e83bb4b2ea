"""Names of the exchanges and queues one platform uses on a broker."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topology:
    """Everything is prefixed so that several platforms (or test runs) share one broker."""

    prefix: str

    @property
    def events_exchange(self) -> str:
        """Durable topic exchange every service publishes to."""
        return f"{self.prefix}.events"

    @property
    def dead_exchange(self) -> str:
        """Direct exchange for dead letters, routed by consuming service name."""
        return f"{self.prefix}.dead"

    def queue(self, service: str) -> str:
        return f"{self.prefix}.{service}"

    def retry_queue(self, service: str, delay_ms: int) -> str:
        return f"{self.prefix}.{service}.retry.{delay_ms}ms"

    def dead_queue(self, service: str) -> str:
        return f"{self.prefix}.{service}.dead"
