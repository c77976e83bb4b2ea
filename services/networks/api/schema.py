"""The networks subgraph."""

from __future__ import annotations

import strawberry

from services.common.graphql import build_schema
from services.common.idempotent_mutations import idempotent
from services.contracts.organisation_views import (
    KnownOrganisationType,
    known_organisation_field,
)

from .citations import CitationMutations
from .memberships import MembershipMutations, MembershipQueries
from .networks import NetworkMutations, NetworkQueries
from .practices import PracticeMutations, PracticeQueries
from .projection import ProjectionQueries
from .types import PartnershipEntity


@strawberry.type
class Query(NetworkQueries, MembershipQueries, PracticeQueries, ProjectionQueries):
    known_organisation: KnownOrganisationType | None = known_organisation_field("networks")


@strawberry.type
class Mutation(NetworkMutations, MembershipMutations, PracticeMutations, CitationMutations):
    pass


schema = build_schema(Query, idempotent(Mutation), types=[PartnershipEntity])
