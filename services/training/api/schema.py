"""The training subgraph."""

from __future__ import annotations

import strawberry

from services.common.auth import STAFF
from services.common.graphql import build_schema
from services.common.idempotent_mutations import idempotent
from services.contracts.organisation_views import (
    KnownOrganisationType,
    known_organisation_field,
)
from services.contracts.partnership_views import KnownPartnershipType

from .context import TrainingInfo, repos
from .programmes import ProgrammeMutations, ProgrammeQueries
from .registrations import RegistrationMutations, RegistrationQueries
from .types import NetworkRef, OrganisationRef, PartnershipRef, PersonRef, WorkshopType
from .workshops import WorkshopMutations, WorkshopQueries


@strawberry.type(name="KnownPerson", description="A person as this service knows it")
class KnownPersonType:
    id: strawberry.ID
    organisation_id: strawberry.ID
    role: str
    senior: bool
    source_version: int


@strawberry.type(name="KnownNetwork", description="A network as this service knows it")
class KnownNetworkType:
    id: strawberry.ID
    name: str
    status: str
    source_version: int


async def _known_person(info: TrainingInfo, id: strawberry.ID) -> KnownPersonType | None:
    info.context.require_principal().require(*STAFF)
    view = await repos(info).people.get(str(id))
    if view is None or not view.known:
        return None
    return KnownPersonType(
        id=strawberry.ID(view.id),
        organisation_id=strawberry.ID(view.organisation_id),
        role=view.role,
        senior=view.senior,
        source_version=view.source_version,
    )


async def _known_partnership(info: TrainingInfo, id: strawberry.ID) -> KnownPartnershipType | None:
    info.context.require_principal().require(*STAFF)
    view = await repos(info).partnerships.get(str(id))
    if view is None or not view.known:
        return None
    return KnownPartnershipType.of(view)


async def _known_network(info: TrainingInfo, id: strawberry.ID) -> KnownNetworkType | None:
    info.context.require_principal().require(*STAFF)
    view = await repos(info).networks.get(str(id))
    if view is None or not view.known:
        return None
    return KnownNetworkType(
        id=strawberry.ID(view.id),
        name=view.name,
        status=view.status,
        source_version=view.source_version,
    )


@strawberry.type
class ProjectionQueries:
    """Staff diagnostics (and the demo loader's wait): what the projections hold.

    Named for the service: each service answers from its own projections.
    """

    known_person: KnownPersonType | None = strawberry.field(
        resolver=_known_person, name="trainingKnownPerson"
    )
    known_partnership: KnownPartnershipType | None = strawberry.field(
        resolver=_known_partnership, name="trainingKnownPartnership"
    )
    known_network: KnownNetworkType | None = strawberry.field(
        resolver=_known_network, name="trainingKnownNetwork"
    )


@strawberry.type
class Query(
    ProgrammeQueries,
    WorkshopQueries,
    RegistrationQueries,
    ProjectionQueries,
):
    known_organisation: KnownOrganisationType | None = known_organisation_field("training")


@strawberry.type
class Mutation(ProgrammeMutations, WorkshopMutations, RegistrationMutations):
    pass


schema = build_schema(
    Query,
    idempotent(Mutation),
    types=[WorkshopType, NetworkRef, PartnershipRef, OrganisationRef, PersonRef],
)
