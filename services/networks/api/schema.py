"""The networks subgraph."""

from __future__ import annotations

import strawberry

from services.common.graphql import build_schema
from services.common.idempotent_mutations import idempotent
from services.contracts.organisation_views import (
    KnownOrganisationType,
    known_organisation_field,
)

from .memberships import MembershipMutations
from .networks import NetworkMutations
from .practices import PracticeMutations
from .queries import NetworkQueries
from .types import PartnershipType


@strawberry.type
class Query(NetworkQueries):
    known_organisation: KnownOrganisationType | None = known_organisation_field("networks")


@strawberry.type
class Mutation(NetworkMutations, MembershipMutations, PracticeMutations):
    pass


schema = build_schema(Query, idempotent(Mutation), types=[PartnershipType])
