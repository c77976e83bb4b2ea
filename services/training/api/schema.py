"""The training subgraph."""

from __future__ import annotations

import strawberry

from services.common.graphql import build_schema
from services.common.idempotent_mutations import idempotent
from services.contracts.organisation_views import (
    KnownOrganisationType,
    known_organisation_field,
)

from .programmes import ProgrammeMutations, ProgrammeQueries
from .projection import ProjectionQueries
from .registrations import RegistrationMutations, RegistrationQueries
from .research import ResearchMutations, ResearchQueries
from .research_types import ResearchOutputType
from .types import (
    NetworkEntity,
    OrganisationEntity,
    PartnershipEntity,
    PersonEntity,
    ResearchApplicationType,
    WorkshopType,
)
from .workshops import WorkshopMutations, WorkshopQueries


@strawberry.type
class Query(
    ProgrammeQueries,
    WorkshopQueries,
    RegistrationQueries,
    ProjectionQueries,
    ResearchQueries,
):
    known_organisation: KnownOrganisationType | None = known_organisation_field("training")


@strawberry.type
class Mutation(ProgrammeMutations, WorkshopMutations, RegistrationMutations, ResearchMutations):
    pass


schema = build_schema(
    Query,
    idempotent(Mutation),
    types=[
        WorkshopType,
        ResearchApplicationType,
        ResearchOutputType,
        NetworkEntity,
        PartnershipEntity,
        OrganisationEntity,
        PersonEntity,
    ],
)
