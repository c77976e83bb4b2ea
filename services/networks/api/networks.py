"""Mutations on networks: set up, change, activate or close, name the national mentors.

Staff only: officers and admins manage networks (docs/architecture.md, Security).
"""

from __future__ import annotations

from datetime import date

import strawberry

from services.common.auth import STAFF
from services.common.idempotency import new_id
from services.common.inputs import CheckedInput
from services.common.vocabulary import Theme

from ..domain.network import (
    MentorInput,
    NetworkStatus,
    change_details,
    change_status,
    create,
    set_mentors,
)
from .context import NetworksInfo, caller, repos, today
from .types import NetworkType


@strawberry.input
class CreateNetworkInput(CheckedInput):
    name: str
    theme: Theme
    countries: list[str] = strawberry.field(description="ISO 3166-1 alpha-2, Sweden included")
    starts_on: date
    ends_on: date = strawberry.field(
        description="Last day (inclusive); the period lasts 3 to 5 years"
    )
    description: str = ""


@strawberry.input
class UpdateNetworkInput(CheckedInput):
    id: strawberry.ID
    version: int
    name: str | None = None
    countries: list[str] | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    description: str | None = None


@strawberry.input
class ChangeNetworkStatusInput(CheckedInput):
    id: strawberry.ID
    version: int
    status: NetworkStatus
    note: str | None = None


@strawberry.input(name="MentorInput")
class MentorInputType(CheckedInput):
    country: str
    name: str
    affiliation: str
    email: str
    phone: str | None = None


@strawberry.input
class SetNetworkMentorsInput(CheckedInput):
    network_id: strawberry.ID
    version: int
    mentors: list[MentorInputType]


@strawberry.type
class NetworkPayload:
    network: NetworkType


async def _create_network(info: NetworksInfo, input: CreateNetworkInput) -> NetworkPayload:
    principal = caller(info)
    principal.require(*STAFF)
    network, events = create(
        new_id(),
        name=input.name,
        theme=input.theme,
        countries=input.countries,
        starts_on=input.starts_on,
        ends_on=input.ends_on,
        description=input.description,
        actor=principal.sub,
    )
    network = await repos(info).networks.create(network, events)
    return NetworkPayload(network=NetworkType.of(network, principal))


async def _update_network(info: NetworksInfo, input: UpdateNetworkInput) -> NetworkPayload:
    principal = caller(info)
    principal.require(*STAFF)
    store = repos(info)
    network_id = str(input.id)
    await store.networks.require(network_id)
    memberships = await store.memberships_of_network(network_id)
    partnerships = await store.partnerships.get_many([m.partnership_id for m in memberships])
    change = change_details(
        principal.sub,
        name=input.name,
        countries=input.countries,
        starts_on=input.starts_on,
        ends_on=input.ends_on,
        description=input.description,
        memberships=memberships,
        partnerships=partnerships,
    )
    network = await store.networks.update(network_id, change, input.version)
    return NetworkPayload(network=NetworkType.of(network, principal))


async def _change_network_status(
    info: NetworksInfo, input: ChangeNetworkStatusInput
) -> NetworkPayload:
    principal = caller(info)
    principal.require(*STAFF)
    change = change_status(principal.sub, input.status, input.note, today())
    network = await repos(info).networks.update(str(input.id), change, input.version)
    return NetworkPayload(network=NetworkType.of(network, principal))


async def _set_network_mentors(info: NetworksInfo, input: SetNetworkMentorsInput) -> NetworkPayload:
    principal = caller(info)
    principal.require(*STAFF)
    mentors = [
        MentorInput(
            country=m.country,
            name=m.name,
            affiliation=m.affiliation,
            email=m.email,
            phone=m.phone,
        )
        for m in input.mentors
    ]
    store = repos(info).networks
    await store.require(str(input.network_id), "networkId")
    network = await store.update(
        str(input.network_id), set_mentors(principal.sub, mentors), input.version
    )
    return NetworkPayload(network=NetworkType.of(network, principal))


@strawberry.type
class NetworkMutations:
    create_network: NetworkPayload = strawberry.mutation(
        resolver=_create_network, description="Sets up a network (planned); staff only"
    )
    update_network: NetworkPayload = strawberry.mutation(
        resolver=_update_network,
        description="Changes name, countries, period or description (the theme is the network's"
        " identity: it does not change); staff only",
    )
    change_network_status: NetworkPayload = strawberry.mutation(
        resolver=_change_network_status,
        description="planned → active, planned or active → closed (active memberships end);"
        " staff only",
    )
    set_network_mentors: NetworkPayload = strawberry.mutation(
        resolver=_set_network_mentors,
        description="Replaces the national mentors, each for one of the network's countries;"
        " staff only",
    )
