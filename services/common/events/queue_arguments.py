"""The arguments a service's queues are declared with: quorum (replicated) or classic.

A queue's arguments are fixed when it is first declared: a later declaration with other ones
fails (PRECONDITION_FAILED). Moving an existing queue to another type or delivery limit is
an operator's step (docs/operations.md, "Event queues: quorum queues, and moving to them").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

QueueType = Literal["quorum", "classic"]

DEFAULT_DELIVERY_LIMIT = 10
"""Returns a quorum queue allows a message before dead-lettering it. Every replica that dies
or loses its connection returns all its unacknowledged messages (up to the prefetch), the
innocent ones too, so the limit leaves room for a few such losses; a message that makes the
consumer crash each time ends in the dead letters after this many."""

Arguments = dict[str, str | int]

QUORUM: Arguments = {"x-queue-type": "quorum"}

# A quorum queue dead-letters at most once by default: a message expiring from a retry queue,
# or past its delivery limit, could be dropped if its target did not take it. At least once
# keeps it until the target confirms; the broker requires reject-publish for that.
AT_LEAST_ONCE: Arguments = {
    "x-dead-letter-strategy": "at-least-once",
    "x-overflow": "reject-publish",
}


@dataclass(frozen=True)
class QueueArguments:
    """Declaration arguments of the main, retry and dead-letter queues of one service."""

    queue_type: QueueType = "quorum"
    delivery_limit: int = DEFAULT_DELIVERY_LIMIT

    @property
    def quorum(self) -> bool:
        return self.queue_type == "quorum"

    def described(self) -> str:
        """The settings these arguments come from, in their words."""
        if self.quorum:
            return f"EVENT_QUEUE_TYPE=quorum and EVENT_DELIVERY_LIMIT={self.delivery_limit}"
        return "EVENT_QUEUE_TYPE=classic"

    def main(self, dead_exchange: str, service: str) -> Arguments:
        """Failures the consumer gives up on, and messages past the delivery limit, go to the
        dead-letter exchange under the service's name."""
        arguments: Arguments = {
            "x-dead-letter-exchange": dead_exchange,
            "x-dead-letter-routing-key": service,
        }
        if self.quorum:
            arguments |= {**QUORUM, **AT_LEAST_ONCE, "x-delivery-limit": self.delivery_limit}
        return arguments

    def retry(self, delay_ms: int, service_queue: str) -> Arguments:
        """Expired retries fall back into the service's queue via the default exchange."""
        arguments: Arguments = {
            "x-message-ttl": delay_ms,
            "x-dead-letter-exchange": "",
            "x-dead-letter-routing-key": service_queue,
        }
        if self.quorum:
            arguments |= {**QUORUM, **AT_LEAST_ONCE}
        return arguments

    def dead(self, broker_major_version: int) -> Arguments:
        """Unlimited returns: RabbitMQ 4 gives quorum queues a default delivery limit, and the
        dead-letter tool returns every message it reads."""
        if not self.quorum:
            return {}
        if broker_major_version >= 4:
            return {**QUORUM, "x-delivery-limit": -1}
        return dict(QUORUM)
