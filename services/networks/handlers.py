"""Events the networks service reacts to.

- Partnership events feed the local partnership projection (newer versions only).
- A partnership closed: its active memberships end (docs/architecture.md, Reactions).
- A network closed (this service's own event): its active memberships end.

Every effect goes through `AggregateStore.apply`, which stores the event id with the effect
in one write: a redelivered event finds its id and changes nothing. Memberships end through
the membership commands, which leave one that has already ended alone (with its version).
"""

from __future__ import annotations

from collections.abc import Mapping

from services.common.events.consumer import Handler
from services.common.events.envelope import Event
from services.common.views import update_view
from services.contracts.networks import NETWORK_CLOSED, NetworkV1
from services.contracts.organisation_views import organisation_handlers
from services.contracts.partnership_views import take_snapshot, take_status
from services.contracts.partnerships import (
    PARTNERSHIP_CLOSED,
    PARTNERSHIP_CREATED,
    PARTNERSHIP_STATUS_CHANGED,
    PARTNERSHIP_UPDATED,
    PartnershipStatusChangedV1,
    PartnershipV1,
)

from .commands.memberships import end_memberships_of_network, end_memberships_of_partnership
from .repositories import Repositories


def handlers(repos: Repositories) -> Mapping[str, Handler]:
    views = repos.partnerships

    async def on_snapshot(event: Event) -> None:
        data = PartnershipV1.model_validate(event.data)
        await update_view(views, event, data.id, take_snapshot(data))

    async def on_status_changed(event: Event) -> None:
        data = PartnershipStatusChangedV1.model_validate(event.data)
        await update_view(views, event, data.id, take_status(data))

    async def on_partnership_closed(event: Event) -> None:
        # The projection first: a join that checks it after this cannot admit the partnership,
        # and a join that checked it before has written its membership, which is found below
        # (or finds the projection closed and ends the membership itself: see join_network).
        await on_snapshot(event)
        data = PartnershipV1.model_validate(event.data)
        await end_memberships_of_partnership(repos, event, data.id, event.time.date())

    async def on_network_closed(event: Event) -> None:
        data = NetworkV1.model_validate(event.data)
        await end_memberships_of_network(repos, event, data.id, data.closed_on or event.time.date())

    return {
        **organisation_handlers(repos.organisations),
        PARTNERSHIP_CREATED.type: on_snapshot,
        PARTNERSHIP_UPDATED.type: on_snapshot,
        PARTNERSHIP_STATUS_CHANGED.type: on_status_changed,
        PARTNERSHIP_CLOSED.type: on_partnership_closed,
        NETWORK_CLOSED.type: on_network_closed,
    }
