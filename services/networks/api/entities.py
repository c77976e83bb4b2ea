"""Entities of other subgraphs that networks extends, each with only `id` and its fields
here: `Partnership.networks` and `Partnership.practices`.

`resolve_reference` returns a stub; the fields load through per-request loaders, so any
number of representations cost one database query per field.
"""

from __future__ import annotations

import strawberry

from services.common.output_types import ForeignEntity, load_all_shown

from .context import NetworksInfo, memberships_loader, practices_loader
from .types import MembershipType, PracticeType


async def _partnership_networks(
    root: PartnershipEntity, info: NetworksInfo
) -> list[MembershipType]:
    return await load_all_shown(memberships_loader(info), root.id, MembershipType.of)


async def _partnership_practices(root: PartnershipEntity, info: NetworksInfo) -> list[PracticeType]:
    return await load_all_shown(practices_loader(info), root.id, PracticeType.of)


@strawberry.federation.type(
    name="Partnership",
    keys=["id"],
    description="A partnership (owned by the partnerships subgraph); here its networks and"
    " practices",
)
class PartnershipEntity(ForeignEntity):
    networks: list[MembershipType] = strawberry.field(
        resolver=_partnership_networks,
        description="Its memberships of networks, current and past, each with its network;"
        " a list (a partnership is in one or two networks), batched across partnerships",
    )
    practices: list[PracticeType] = strawberry.field(
        resolver=_partnership_practices,
        description="The practices it shared, newest first; batched across partnerships",
    )
