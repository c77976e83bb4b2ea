"""Everything one run started, and stopping it in reverse dependency order."""

from __future__ import annotations

from dataclasses import dataclass, field

from .processes import Child, stop_children
from .rabbitmq import Broker
from .signals import StopSignal
from .supervisor import Supervised

POLL_S = 0.25


@dataclass
class Stack:
    broker: Broker | None = None
    mongo: Supervised | None = None
    services: list[Supervised] = field(default_factory=list)
    gateways: list[Supervised] = field(default_factory=list)
    console: Supervised | None = None

    def supervised(self) -> list[Supervised]:
        candidates = (self.mongo, *self.services, *self.gateways, self.console)
        return [s for s in candidates if s is not None]

    def supervise(self) -> None:
        """Restarts what crashed; raises ChildFailed for a process that keeps crashing."""
        for process in self.supervised():
            process.check()

    def wait_ready(self, stop: StopSignal) -> None:
        """Until everything started so far answers, restarting what crashes meanwhile."""
        while True:
            self.supervise()
            if all(process.ready for process in self.supervised()):
                return
            stop.sleep(POLL_S)

    def stop(self) -> None:
        # Clients first; MongoDB after the services so that they can flush their outbox,
        # and the broker last for the same reason.
        stop_children(_children(self.console, *self.gateways))
        stop_children(_children(*self.services))
        stop_children(_children(self.mongo))
        if self.broker is not None:
            self.broker.stop_if_started()


def _children(*processes: Supervised | None) -> list[Child]:
    return [p.child for p in processes if p is not None]
