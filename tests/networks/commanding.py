"""Calling the networks commands directly: callers, the partnership projection fed through
the service's own handlers, and the events a command queued in a document's outbox."""

from __future__ import annotations

from datetime import date
from typing import Any

from services.common.auth import Principal, Role
from services.common.events.envelope import Event
from services.common.vocabulary import Theme
from services.contracts.partnerships import PARTNERSHIP_CLOSED, PARTNERSHIP_CREATED
from services.networks.commands.networks import NewNetwork, change_network_status, create_network
from services.networks.domain.network import Network, NetworkStatus
from services.networks.handlers import handlers
from services.networks.repositories import Repositories

from .builders import Partnership

OFFICER = Principal(sub="officer-1", roles=frozenset({Role.OFFICER}))
VIEWER = Principal(sub="viewer-1", roles=frozenset({Role.VIEWER}))
TODAY = date(2024, 3, 1)

GENDER_EQUALITY_NETWORK = NewNetwork(
    name="Gender equality network Colombia and Guatemala",
    theme=Theme.GENDER_EQUALITY,
    countries=["SE", "CO", "GT"],
    starts_on=date(2023, 1, 1),
    ends_on=date(2026, 12, 31),
)


def coordinator_of(organisation_id: str) -> Principal:
    roles = frozenset({Role.COORDINATOR})
    return Principal(sub=f"coord-{organisation_id}", roles=roles, org=organisation_id)


async def deliver(repos: Repositories, event: Event) -> None:
    """Hands `event` to the service's handler for its type, as the consumer would."""
    await handlers(repos)[event.type](event)


async def known_partnership(repos: Repositories, n: int = 0, **overrides: Any) -> Partnership:
    """An active gender-equality partnership of Sweden and Colombia, projected here."""
    partnership = Partnership(
        id=f"p{n}",
        swedish_partner_id=f"org-se-{n}",
        partner_ids=[f"org-co-{n}"],
        countries=["SE", "CO"],
        themes=["gender_equality"],
        **overrides,
    )
    await deliver(repos, PARTNERSHIP_CREATED.new(partnership.id, partnership.snapshot()))
    return partnership


async def close(repos: Repositories, partnership: Partnership) -> Event:
    """The partnerships service's PARTNERSHIP_CLOSED, delivered."""
    partnership.status, partnership.version = "closed", partnership.version + 1
    closed = PARTNERSHIP_CLOSED.new(partnership.id, partnership.snapshot())
    await deliver(repos, closed)
    return closed


async def active_network(repos: Repositories) -> Network:
    network = await create_network(repos, OFFICER, GENDER_EQUALITY_NETWORK)
    return await change_network_status(
        repos, OFFICER, network.id, network.version, NetworkStatus.ACTIVE, None, TODAY
    )


async def queued(repos: Repositories, collection: str, aggregate_id: str) -> list[Event]:
    """The events waiting in the aggregate's outbox, oldest first."""
    doc = await repos.networks.collection.database[collection].find_one({"_id": aggregate_id})
    assert doc is not None, f"{collection}/{aggregate_id} not stored"
    return [Event.model_validate(e) for e in doc["_outbox"]]
