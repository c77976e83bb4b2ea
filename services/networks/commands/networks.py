"""Use cases of networks: set up, change details or status, name the national mentors.

Staff only: officers and admins manage networks (docs/architecture.md, Security).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from services.common.auth import STAFF, Principal
from services.common.changes import announced
from services.common.events.envelope import Event
from services.common.events.payloads import payload
from services.common.idempotency import new_id
from services.common.vocabulary import Theme
from services.contracts.networks import NETWORK_CLOSED, NETWORK_CREATED, NETWORK_UPDATED, NetworkV1

from ..domain.network import (
    DetailsChange,
    MentorInput,
    Network,
    NetworkStatus,
    change_status,
    create,
    set_mentors,
)
from ..domain.network_details import change_details
from ..repositories import Repositories


@dataclass(frozen=True)
class NewNetwork:
    name: str
    theme: Theme
    countries: Sequence[str]
    starts_on: date
    ends_on: date
    description: str = ""


def snapshot(network: Network) -> NetworkV1:
    return payload(
        NetworkV1, network, mentor_countries=sorted({m.country for m in network.mentors})
    )


def _updated(network: Network, _changed: None) -> list[Event]:
    return [NETWORK_UPDATED.new(network.id, snapshot(network))]


def _closed(network: Network, _changed: None) -> list[Event]:
    return [NETWORK_CLOSED.new(network.id, snapshot(network))]


async def create_network(repos: Repositories, caller: Principal, new: NewNetwork) -> Network:
    caller.require(*STAFF)
    network = create(
        new_id(),
        name=new.name,
        theme=new.theme,
        countries=new.countries,
        starts_on=new.starts_on,
        ends_on=new.ends_on,
        description=new.description,
        actor=caller.sub,
    )
    return await repos.networks.create(
        network, [NETWORK_CREATED.new(network.id, snapshot(network))]
    )


async def update_network(
    repos: Repositories, caller: Principal, network_id: str, version: int, details: DetailsChange
) -> Network:
    """New details, checked against every membership of the network as it is now."""
    caller.require(*STAFF)
    await repos.networks.require(network_id)
    memberships = await repos.memberships_of_network(network_id)
    partnerships = await repos.partnerships.get_many([m.partnership_id for m in memberships])
    edit = change_details(caller.sub, details, memberships=memberships, partnerships=partnerships)
    return await repos.networks.update(network_id, announced(edit, _updated), version)


async def change_network_status(
    repos: Repositories,
    caller: Principal,
    network_id: str,
    version: int,
    to_status: NetworkStatus,
    note: str | None,
    today: date,
) -> Network:
    """A network closed announces it (its memberships end in the reaction to that event)."""
    caller.require(*STAFF)
    edit = change_status(caller.sub, to_status, note, today)
    announce = _closed if to_status is NetworkStatus.CLOSED else _updated
    return await repos.networks.update(network_id, announced(edit, announce), version)


async def set_network_mentors(
    repos: Repositories,
    caller: Principal,
    network_id: str,
    version: int,
    mentors: Sequence[MentorInput],
) -> Network:
    caller.require(*STAFF)
    await repos.networks.require(network_id, "networkId")
    edit = set_mentors(caller.sub, mentors)
    return await repos.networks.update(network_id, announced(edit, _updated), version)
