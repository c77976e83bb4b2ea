"""Networks: the queries, and the mutations that set up, change, activate or close a
network and name its national mentors (staff only)."""

from __future__ import annotations

import strawberry

from services.common.mongo import Document
from services.common.pagination import Connection
from services.common.query_fields import page_field, viewer_page

from ..commands import networks as commands
from ..domain.network import DetailsChange, MentorInput
from ..repositories import network_query
from .context import NetworksInfo, caller, repos, today
from .inputs import (
    ChangeNetworkStatusInput,
    CreateNetworkInput,
    NetworkFilter,
    SetNetworkMentorsInput,
    UpdateNetworkInput,
)
from .types import NetworkPayload, NetworkType, load_network


async def _network(info: NetworksInfo, id: strawberry.ID) -> NetworkType | None:
    caller(info)
    return await load_network(info, str(id))


def _filter_query(where: NetworkFilter | None) -> Document:
    if where is None:
        return {}
    return network_query(
        theme=where.theme, country=where.country, status=where.status, search=where.search
    )


@strawberry.type
class NetworkQueries:
    network: NetworkType | None = strawberry.field(resolver=_network)
    networks: Connection[NetworkType] = page_field(
        NetworkFilter,
        viewer_page(
            lambda info: repos(info).networks, _filter_query, sort=["name"], of=NetworkType.of
        ),
        description="Networks by name",
    )


async def _create_network(info: NetworksInfo, input: CreateNetworkInput) -> NetworkPayload:
    principal = caller(info)
    new = commands.NewNetwork(
        name=input.name,
        theme=input.theme,
        countries=input.countries,
        starts_on=input.starts_on,
        ends_on=input.ends_on,
        description=input.description,
    )
    network = await commands.create_network(repos(info), principal, new)
    return NetworkPayload(network=NetworkType.of(network, principal))


async def _update_network(info: NetworksInfo, input: UpdateNetworkInput) -> NetworkPayload:
    principal = caller(info)
    details = DetailsChange(
        name=input.name,
        countries=input.countries,
        starts_on=input.starts_on,
        ends_on=input.ends_on,
        description=input.description,
    )
    network = await commands.update_network(
        repos(info), principal, str(input.id), input.version, details
    )
    return NetworkPayload(network=NetworkType.of(network, principal))


async def _change_network_status(
    info: NetworksInfo, input: ChangeNetworkStatusInput
) -> NetworkPayload:
    principal = caller(info)
    network = await commands.change_network_status(
        repos(info), principal, str(input.id), input.version, input.status, input.note, today()
    )
    return NetworkPayload(network=NetworkType.of(network, principal))


async def _set_network_mentors(info: NetworksInfo, input: SetNetworkMentorsInput) -> NetworkPayload:
    principal = caller(info)
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
    network = await commands.set_network_mentors(
        repos(info), principal, str(input.network_id), input.version, mentors
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
