"""The networks service's use cases: load, authorise, change through the domain, store.

One module per aggregate, one function per operation. The domain changes an aggregate and
says nothing about events; the command announces the result in this service's contract
(`services.contracts.networks`), written with the change in one atomic write (the outbox).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from services.common.events.envelope import Event
from services.common.store import Aggregate, Change

A = TypeVar("A", bound=Aggregate)


def announced(edit: Callable[[A], None], *events: Callable[[A], Event]) -> Change[A]:
    """The store's change: the domain's `edit`, then the events that announce its result."""

    def apply(aggregate: A) -> Sequence[Event]:
        edit(aggregate)
        return [event(aggregate) for event in events]

    return apply
