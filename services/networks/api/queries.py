"""Queries of the networks subgraph: networks, memberships, practices (Relay connections)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from services.common.auth import STAFF
from services.common.countries import country_code
from services.common.inputs import CheckedInput
from services.common.mongo import Document
from services.common.pagination import Connection, paginate
from services.common.validation import search_pattern
from services.common.vocabulary import Theme
from services.contracts.partnership_views import KnownPartnershipType

from ..domain.membership import membership_id
from ..domain.network import NetworkStatus
from .context import NetworksInfo, caller, repos
from .types import (
    MembershipType,
    NetworkType,
    PracticeFilter,
    PracticeType,
    load_network,
    practice_query,
    practices_page,
)


@strawberry.input
class NetworkFilter(CheckedInput):
    theme: Theme | None = None
    country: str | None = strawberry.field(default=None, description="One of its countries")
    status: NetworkStatus | None = None
    search: str | None = strawberry.field(default=None, description="Part of the name")


def network_query(where: NetworkFilter | None) -> Document:
    query: Document = {}
    if where is None:
        return query
    if where.theme is not None:
        query["theme"] = where.theme.value
    if where.country is not None:
        # `$in`: the embedded server misses element equality on a multikey index.
        query["countries"] = {"$in": [country_code(where.country, "filter.country")]}
    if where.status is not None:
        query["status"] = where.status.value
    if where.search is not None:
        query["name"] = {"$regex": search_pattern(where.search, "filter.search"), "$options": "i"}
    return query


async def _network(info: NetworksInfo, id: strawberry.ID) -> NetworkType | None:
    caller(info)
    return await load_network(info, str(id))


async def _networks(
    info: NetworksInfo,
    first: int | None = 20,
    after: str | None = None,
    filter: Annotated[NetworkFilter | None, strawberry.argument(name="filter")] = None,
) -> Connection[NetworkType]:
    viewer = caller(info)
    store = repos(info).networks
    return await paginate(
        store.collection,
        network_query(filter),
        sort=["name"],
        first=first,
        after=after,
        to_node=lambda doc: NetworkType.of(store.load(doc), viewer),
    )


async def _membership(
    info: NetworksInfo, network_id: strawberry.ID, partnership_id: strawberry.ID
) -> MembershipType | None:
    caller(info)
    found = await repos(info).memberships.get(membership_id(network_id, partnership_id))
    return None if found is None else MembershipType.of(found)


async def _practice(info: NetworksInfo, id: strawberry.ID) -> PracticeType | None:
    caller(info)
    found = await repos(info).practices.get(str(id))
    return None if found is None else PracticeType.of(found)


async def _practices(
    info: NetworksInfo,
    first: int | None = 20,
    after: str | None = None,
    filter: Annotated[PracticeFilter | None, strawberry.argument(name="filter")] = None,
) -> Connection[PracticeType]:
    caller(info)
    return await practices_page(info, practice_query(filter), first, after)


async def _known_partnership(info: NetworksInfo, id: strawberry.ID) -> KnownPartnershipType | None:
    caller(info).require(*STAFF)
    view = await repos(info).partnerships.get(str(id))
    return None if view is None else KnownPartnershipType.of(view)


@strawberry.type
class NetworkQueries:
    network: NetworkType | None = strawberry.field(resolver=_network)
    networks: Connection[NetworkType] = strawberry.field(
        resolver=_networks, description="Networks by name"
    )
    membership: MembershipType | None = strawberry.field(
        resolver=_membership,
        description="A partnership's membership of a network, current or past",
    )
    practice: PracticeType | None = strawberry.field(resolver=_practice)
    practices: Connection[PracticeType] = strawberry.field(
        resolver=_practices, description="Practices, newest first"
    )
    known_partnership: KnownPartnershipType | None = strawberry.field(
        resolver=_known_partnership,
        name="networksKnownPartnership",
        description="Staff diagnostics: this service's projection of a partnership",
    )
