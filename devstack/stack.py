"""Everything one run started, and stopping it in reverse dependency order."""

from __future__ import annotations

from dataclasses import dataclass, field

from .processes import Child, ChildFailed, describe_exit, stop_children
from .rabbitmq import Broker


@dataclass
class Stack:
    broker: Broker | None = None
    mongo: Child | None = None
    services: list[Child] = field(default_factory=list)
    gateway: Child | None = None
    console: Child | None = None

    def children(self) -> list[Child]:
        candidates = (self.console, self.gateway, *self.services, self.mongo)
        return [c for c in candidates if c is not None]

    def check_running(self) -> None:
        """A child that exits on its own leaves the platform broken: report it and stop."""
        for child in self.children():
            if (code := child.exit_code()) is not None:
                raise ChildFailed(child, f"{describe_exit(code)} unexpectedly")

    def stop(self) -> None:
        # Clients first; MongoDB after the services so that they can flush their outbox,
        # and the broker last for the same reason.
        stop_children([c for c in (self.console, self.gateway) if c is not None])
        stop_children(self.services)
        if self.mongo is not None:
            stop_children([self.mongo])
        if self.broker is not None:
            self.broker.stop_if_started()
