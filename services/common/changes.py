"""A domain change as the store runs it: the change, then the events a command builds from it.

The domain changes an aggregate and knows no contract; each service's commands say what the
change announces in that service's contract. The store writes both in one document write
(the outbox), so this is the one way a command hands a change to the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from .events.envelope import Event
from .store import Aggregate, Change

A = TypeVar("A", bound=Aggregate)
R = TypeVar("R")


def announced(edit: Callable[[A], R], announce: Callable[[A, R], Iterable[Event]]) -> Change[A]:
    """The domain's `edit`, then the events `announce` builds from the changed aggregate and
    what `edit` reported (a domain result or facts; None when it reports nothing)."""

    def apply(aggregate: A) -> Sequence[Event]:
        reported = edit(aggregate)
        return list(announce(aggregate, reported))

    return apply


def unannounced(edit: Callable[[A], object]) -> Change[A]:
    """A domain change no other service learns of: stored without an event."""
    return announced(edit, lambda _aggregate, _reported: ())
