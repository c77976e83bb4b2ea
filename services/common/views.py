"""Read-only copies of other services' data (projections): applying an event to one.

Events can arrive out of order (a failed delivery is retried after newer ones) or twice, so
a view's change raises `NothingToApply` for what it already holds; that is no failure.
"""

from __future__ import annotations

import logging
from typing import Protocol, TypeVar

from .errors import NotFound
from .events.envelope import Event
from .store import Aggregate, AggregateStore, Change, NothingToApply

log = logging.getLogger(__name__)

V = TypeVar("V", bound=Aggregate)


class View(Protocol):
    @property
    def known(self) -> bool:
        """Whether the owner's events have told enough of it (a snapshot has arrived)."""
        ...


K = TypeVar("K", bound=View)


async def update_view(
    store: AggregateStore[V], event: Event, view_id: str, change: Change[V]
) -> None:
    """Applies the event to the view (created on first sight); an older event changes nothing."""
    model = store.model
    try:
        await store.apply(event, view_id, change, create=lambda: model(id=view_id))
    except NothingToApply:
        log.info("older event ignored", extra={"aggregate": view_id, "event_type": event.type})


def require_known(view: K | None, service: str, what: str, view_id: str, field: str) -> K:
    """The view, once its owner's events have arrived; NOT_FOUND until then."""
    if view is None or not view.known:
        raise NotFound(
            f"{what} {view_id!r} is not known to the {service} service (yet)", field=field
        )
    return view
