"""The partnerships service's use cases: one module per aggregate, one function per
operation (load, authorise, change through the domain, store with the events the contract
promises other services)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from services.common.events.envelope import Event
from services.common.store import Aggregate, Change

A = TypeVar("A", bound=Aggregate)


def unannounced(edit: Callable[[A], object]) -> Change[A]:
    """A domain change no other service learns of: stored without an event."""

    def change(aggregate: A) -> list[Event]:
        edit(aggregate)
        return []

    return change
