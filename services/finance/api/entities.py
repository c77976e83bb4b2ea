"""Entities of other subgraphs that finance extends, each with only `id` and its fields here:
`Partnership.grants`/`funding`, `Application.grant`, `ResearchApplication.grant`,
`Network.funding`, `Workshop.costs`.

`resolve_reference` returns a stub; the fields load through per-request loaders, so any
number of representations cost one database query per type (docs/architecture.md).
"""

from __future__ import annotations

import strawberry

from services.common.output_types import ForeignEntity

from ..domain import access
from ..domain.funding import FundingKind, funding_id, new_funding
from ..domain.grant import grant_id_for
from ..domain.research_grant import ResearchGrant, research_grant_id_for
from ..domain.summary import partnership_funding
from .context import (
    FinanceInfo,
    any_grant_loader,
    caller,
    funding_loader,
    grant_loader,
    grants_by_partnership_loader,
    may_read,
    view_loader,
    workshop_booking_loader,
)
from .types import GrantObject, PartnershipFundingType, TrainingFundingType, WorkshopCostsType


async def _partnership_grants(root: PartnershipEntity, info: FinanceInfo) -> list[GrantObject]:
    if not await may_read(info, str(root.id)):
        return []
    found = await grants_by_partnership_loader(info).load(str(root.id))
    return [GrantObject.of(g) for g in found or []]


async def _partnership_funding(
    root: PartnershipEntity, info: FinanceInfo
) -> PartnershipFundingType | None:
    if not await may_read(info, str(root.id)):
        return None
    grants = await grants_by_partnership_loader(info).load(str(root.id))
    view = await view_loader(info).load(str(root.id))
    unfunded = [] if view is None else view.unfunded
    return PartnershipFundingType.of(partnership_funding(grants or [], unfunded))


@strawberry.federation.type(
    name="Partnership",
    keys=["id"],
    description="A partnership (owned by the partnerships subgraph); here its grants and funding",
)
class PartnershipEntity(ForeignEntity):
    grants: list[GrantObject] = strawberry.field(
        resolver=_partnership_grants,
        description="Its grants by case number (empty for those who may not read them)",
    )
    funding: PartnershipFundingType | None = strawberry.field(
        resolver=_partnership_funding,
        description="Its grants in sum (null for those who may not read them)",
    )


async def _application_grant(root: ApplicationEntity, info: FinanceInfo) -> GrantObject | None:
    found = await grant_loader(info).load(grant_id_for(str(root.id)))
    if found is None or not await may_read(info, found.partnership_id):
        return None
    return GrantObject.of(found)


@strawberry.federation.type(
    name="Application",
    keys=["id"],
    description="An application (owned by the partnerships subgraph); here its grant",
)
class ApplicationEntity(ForeignEntity):
    grant: GrantObject | None = strawberry.field(
        resolver=_application_grant,
        description="The grant opened when it was approved (null before, or for those who may"
        " not read it)",
    )


async def _research_application_grant(
    root: ResearchApplicationEntity, info: FinanceInfo
) -> GrantObject | None:
    found = await any_grant_loader(info).load(research_grant_id_for(str(root.id)))
    if not isinstance(found, ResearchGrant):
        return None
    if not access.may_read_research(caller(info), found.organisation_id):
        return None
    return GrantObject.of_research(found)


@strawberry.federation.type(
    name="ResearchApplication",
    keys=["id"],
    description="A research application (owned by the training subgraph); here its grant",
)
class ResearchApplicationEntity(ForeignEntity):
    grant: GrantObject | None = strawberry.field(
        resolver=_research_application_grant,
        description="The research grant opened when it was approved (null before, or for those"
        " who may not read it)",
    )


async def _network_funding(root: NetworkEntity, info: FinanceInfo) -> TrainingFundingType:
    caller(info)
    found = await funding_loader(info).load(funding_id(FundingKind.NETWORK, str(root.id)))
    return TrainingFundingType.of(found or new_funding(FundingKind.NETWORK, str(root.id)))


@strawberry.federation.type(
    name="Network",
    keys=["id"],
    description="A network (owned by the networks subgraph); here its funding",
)
class NetworkEntity(ForeignEntity):
    funding: TrainingFundingType = strawberry.field(
        resolver=_network_funding, description="Its workshops' booked costs"
    )


async def _workshop_costs(root: WorkshopEntity, info: FinanceInfo) -> WorkshopCostsType | None:
    caller(info)
    funding = await workshop_booking_loader(info).load(str(root.id))
    booking = None if funding is None else funding.booking(str(root.id))
    return None if funding is None or booking is None else WorkshopCostsType.of(funding, booking)


@strawberry.federation.type(
    name="Workshop",
    keys=["id"],
    description="A workshop (owned by the training subgraph); here its costs",
)
class WorkshopEntity(ForeignEntity):
    costs: WorkshopCostsType | None = strawberry.field(
        resolver=_workshop_costs, description="Its costs once completed and booked"
    )
