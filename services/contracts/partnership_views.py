"""The partnership projection that consuming services keep (docs/architecture.md, Ownership).

A read-only copy of the partnerships a service needs, fed by partnership events: enough to
check a partnership (status, themes, countries, start), to authorise coordinators
(organisation ids) and to total by theme and country. Never written by a mutation, never
read from the partnerships service synchronously.

Snapshot events (created, updated, closed) and status events can arrive out of order (a
failed delivery is retried later, after newer ones), so the details and the status are
versioned separately: each takes only a newer `version` of the partnership than it holds.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import date
from typing import TypeVar

import strawberry
from pydantic import Field

from services.common.events.consumer import Handler
from services.common.events.envelope import Event
from services.common.store import Aggregate, AggregateStore, Change, NothingToApply
from services.common.views import update_view
from services.contracts.partnerships import (
    PARTNERSHIP_CLOSED,
    PARTNERSHIP_CREATED,
    PARTNERSHIP_STATUS_CHANGED,
    PARTNERSHIP_UPDATED,
    PartnershipStatusChangedV1,
    PartnershipV1,
)

COLLECTION = "partnerships"
SWEDEN = "SE"
ACTIVE = "active"
CLOSED = "closed"


class PartnershipView(Aggregate):
    """A partnership as a consuming service knows it."""

    title: str = ""
    swedish_partner_id: str = ""
    organisation_ids: list[str] = Field(default_factory=list)
    """Every organisation, the Swedish one first."""
    countries: list[str] = Field(default_factory=list)
    themes: list[str] = Field(default_factory=list)
    kind: str = ""
    started_on: date | None = None
    status: str = ""
    source_version: int = 0
    """The partnership's version the details were taken from; 0: no snapshot seen yet."""
    status_version: int = 0
    """The partnership's version the status was taken from."""

    @property
    def known(self) -> bool:
        """Whether a snapshot has arrived (a status event alone tells too little)."""
        return self.source_version > 0

    @property
    def partner_countries(self) -> list[str]:
        """Countries of the partners abroad (a partner abroad is never Swedish)."""
        return list(dict.fromkeys(c for c in self.countries if c != SWEDEN))


def take_snapshot(data: PartnershipV1) -> Change[PartnershipView]:
    def apply(view: PartnershipView) -> Sequence[Event]:
        # A status is only ever as new as its snapshot or newer, so an older snapshot
        # carries neither newer details nor a newer status.
        if data.version <= view.source_version:
            raise NothingToApply
        view.title, view.swedish_partner_id = data.title, data.swedish_partner_id
        view.organisation_ids, view.countries = data.organisation_ids, data.countries
        view.themes, view.kind, view.started_on = data.themes, data.kind, data.started_on
        view.source_version = data.version
        if data.version > view.status_version:  # else a status event overtook this snapshot
            view.status, view.status_version = data.status, data.version
        return ()

    return apply


def take_status(data: PartnershipStatusChangedV1) -> Change[PartnershipView]:
    def apply(view: PartnershipView) -> Sequence[Event]:
        if data.version <= view.status_version:
            raise NothingToApply
        view.status, view.status_version = data.to_status, data.version
        return ()

    return apply


V = TypeVar("V", bound=PartnershipView)


def partnership_handlers(
    views: AggregateStore[V], closed: Callable[[Event, str], Awaitable[None]]
) -> Mapping[str, Handler]:
    """The projection kept by the partnership events; `closed(event, partnership_id)` is the
    consumer's own reaction to a closed partnership, run once the projection knows it closed
    (so a write checked against the projection after this cannot use the partnership)."""

    async def on_snapshot(event: Event) -> None:
        data = PartnershipV1.model_validate(event.data)
        await update_view(views, event, data.id, take_snapshot(data))

    async def on_status_changed(event: Event) -> None:
        data = PartnershipStatusChangedV1.model_validate(event.data)
        await update_view(views, event, data.id, take_status(data))

    async def on_closed(event: Event) -> None:
        await on_snapshot(event)
        await closed(event, PartnershipV1.model_validate(event.data).id)

    return {
        PARTNERSHIP_CREATED.type: on_snapshot,
        PARTNERSHIP_UPDATED.type: on_snapshot,
        PARTNERSHIP_STATUS_CHANGED.type: on_status_changed,
        PARTNERSHIP_CLOSED.type: on_closed,
    }


# Defined alike in several subgraphs: Federation 2 composes such value types only if
# each subgraph marks them shareable.
@strawberry.federation.type(
    name="KnownPartnership", description="A partnership as this service knows it", shareable=True
)
class KnownPartnershipType:
    id: strawberry.ID
    title: str
    status: str
    themes: list[str]
    countries: list[str]
    organisation_ids: list[strawberry.ID]
    source_version: int
    status_version: int

    @classmethod
    def of(cls, view: PartnershipView) -> KnownPartnershipType:
        return cls(
            id=strawberry.ID(view.id),
            title=view.title,
            status=view.status,
            themes=view.themes,
            countries=view.countries,
            organisation_ids=[strawberry.ID(i) for i in view.organisation_ids],
            source_version=view.source_version,
            status_version=view.status_version,
        )
