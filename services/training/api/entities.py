"""Entities of other subgraphs that training extends with their training: `Network`,
`Partnership`, `Organisation` and `Person`.

Each is a stub here (its id and this subgraph's fields); each list is loaded for all parents
of a request at once (one query per collection). Registrations are personal data: see
types.py.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import strawberry

from services.common.output_types import ForeignEntity, load_all_shown

from ..domain.registration import RegistrationStatus
from ..domain.workshop import WorkshopStatus
from .context import (
    TrainingInfo,
    network_workshops_loader,
    partnership_workshops_loader,
    registrations_loader,
)
from .research_entities import (
    network_research,
    partnership_research,
    person_research_applications,
)
from .research_types import LinkedResearch, ResearchApplicationType
from .types import PERSONAL, RegistrationType, WorkshopType, visible


async def _person_registrations(root: PersonEntity, info: TrainingInfo) -> list[RegistrationType]:
    found = await registrations_loader(info, "person_ids").load(str(root.id))
    return visible(info.context.principal, found or [], None)


def _participants(
    key: str,
) -> Callable[..., Awaitable[list[RegistrationType]]]:
    """The resolver of the registrations whose `key` lists the entity, of some statuses."""

    async def resolve(
        root: ForeignEntity, info: TrainingInfo, status: list[RegistrationStatus] | None = None
    ) -> list[RegistrationType]:
        found = await registrations_loader(info, key).load(str(root.id))
        return visible(info.context.principal, found or [], status)

    return resolve


async def _partnership_workshops(root: PartnershipEntity, info: TrainingInfo) -> list[WorkshopType]:
    return await load_all_shown(partnership_workshops_loader(info), root.id, WorkshopType.of)


async def _network_workshops(
    root: NetworkEntity, info: TrainingInfo, status: WorkshopStatus | None = None
) -> list[WorkshopType]:
    found = await network_workshops_loader(info).load(str(root.id))
    return [WorkshopType.of(w) for w in found or [] if status is None or w.status is status]


@strawberry.federation.type(
    name="Person", keys=["id"], description="A person (owned by partnerships); here their training"
)
class PersonEntity(ForeignEntity):
    registrations: list[RegistrationType] = strawberry.field(
        resolver=_person_registrations,
        description="The person's registrations, by start: their history of training,"
        " attendance and certificates. " + PERSONAL,
    )
    research_applications: list[ResearchApplicationType] = strawberry.field(
        resolver=person_research_applications,
        description="Research applications the person leads or takes part in: staff and the"
        " person's own organisation only (others see none)",
    )


@strawberry.federation.type(
    name="Organisation",
    keys=["id"],
    description="An organisation (owned by partnerships); here its participants in training",
)
class OrganisationEntity(ForeignEntity):
    participants: list[RegistrationType] = strawberry.field(
        resolver=_participants("organisation_ids"),
        description="Registrations of the organisation's people. " + PERSONAL,
    )


@strawberry.federation.type(
    name="Partnership",
    keys=["id"],
    description="A partnership (owned by partnerships); here its participants and workshops",
)
class PartnershipEntity(ForeignEntity):
    participants: list[RegistrationType] = strawberry.field(
        resolver=_participants("partnership_ids"),
        description="Registrations made through the partnership. " + PERSONAL,
    )
    workshops: list[WorkshopType] = strawberry.field(
        resolver=_partnership_workshops,
        description="Workshops its people registered for, by start",
    )
    research: LinkedResearch = strawberry.field(
        resolver=partnership_research, description="Research naming the partnership"
    )


@strawberry.federation.type(
    name="Network", keys=["id"], description="A network (owned by networks); here its workshops"
)
class NetworkEntity(ForeignEntity):
    workshops: list[WorkshopType] = strawberry.field(
        resolver=_network_workshops, description="The network's workshops, by start"
    )
    research: LinkedResearch = strawberry.field(
        resolver=network_research, description="Research naming the network"
    )
