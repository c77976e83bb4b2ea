"""Read-only copies of other services' data (projections): applying an event to one.

Events can arrive out of order (a failed delivery is retried after newer ones) or twice, so
a view's change raises `NothingToApply` for what it already holds; that is no failure.
"""

from __future__ import annotations

import logging
from typing import TypeVar

from .events.envelope import Event
from .store import Aggregate, AggregateStore, Change, NothingToApply

log = logging.getLogger(__name__)

V = TypeVar("V", bound=Aggregate)


async def update_view(
    store: AggregateStore[V], event: Event, view_id: str, change: Change[V]
) -> None:
    """Applies the event to the view (created on first sight); an older event changes nothing."""
    model = store.model
    try:
        await store.apply(event, view_id, change, create=lambda: model(id=view_id))
    except NothingToApply:
        log.info("older event ignored", extra={"aggregate": view_id, "event_type": event.type})
