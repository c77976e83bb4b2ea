"""Events the training service reacts to.

- Organisation, person, partnership and network events feed the local projections
  (projection.py; newer versions only).
- A partnership joined a network (MEMBERSHIP_JOINED): the people of its organisations, as
  projected here, are invited to the network's upcoming joint workshops: those starting on
  or after the later of the day it joined and the day of the event (a late delivery does not
  invite anyone to a workshop that has begun). An invitation is a registration in status
  `invited`: it holds no seat and is not an application until the organisation accepts it
  (or withdraws it, declining); people already registered for a workshop are left alone.
- A partnership was closed (PARTNERSHIP_CLOSED): every open registration made through it, in
  scheduled workshops and in cohorts, is withdrawn; the seats they held go to the first on
  each waitlist.

Each handler translates the foreign contract into the service's own terms and calls a
command (commands/registrations.py). Each effect is one write per workshop or cohort through
`AggregateStore.apply`, which stores the event id with the effect: a redelivered event finds
its id there and changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping

from services.common.events.consumer import Handler
from services.common.events.envelope import Event
from services.common.views import update_view
from services.contracts.networks import (
    MEMBERSHIP_JOINED,
    NETWORK_CLOSED,
    NETWORK_CREATED,
    NETWORK_UPDATED,
    MembershipJoinedV1,
    NetworkV1,
)
from services.contracts.organisation_views import organisation_handlers
from services.contracts.partnership_views import partnership_handlers
from services.contracts.partnerships import (
    PERSON_CREATED,
    PERSON_UPDATED,
    PersonV1,
)

from .commands.registrations import invite_to_network_workshops, withdraw_through_partnership
from .projection import take_network, take_person
from .repositories import Repositories


def handlers(repos: Repositories) -> Mapping[str, Handler]:
    async def on_person(event: Event) -> None:
        data = PersonV1.model_validate(event.data)
        await update_view(repos.people, event, data.id, take_person(data))

    async def on_partnership_closed(event: Event, partnership_id: str) -> None:
        # After the projection: a registration checked against it now cannot use the
        # partnership; one checked before has been written, and is found by the command (or
        # finds the projection closed after its write and withdraws itself: see
        # register_participant in commands/registrations.py).
        await withdraw_through_partnership(repos, event, partnership_id)

    async def on_network(event: Event) -> None:
        data = NetworkV1.model_validate(event.data)
        await update_view(repos.networks, event, data.id, take_network(data))

    async def on_membership_joined(event: Event) -> None:
        data = MembershipJoinedV1.model_validate(event.data)
        await invite_to_network_workshops(
            repos,
            event,
            network_id=data.network_id,
            partnership_id=data.partnership_id,
            organisation_ids=data.organisation_ids,
            since=max(data.joined_on, event.time.date()),
        )

    return {
        **organisation_handlers(repos.organisations),
        PERSON_CREATED.type: on_person,
        PERSON_UPDATED.type: on_person,
        **partnership_handlers(repos.partnerships, on_partnership_closed),
        NETWORK_CREATED.type: on_network,
        NETWORK_UPDATED.type: on_network,
        NETWORK_CLOSED.type: on_network,
        MEMBERSHIP_JOINED.type: on_membership_joined,
    }
