"""The partnerships subgraph."""

from __future__ import annotations

import strawberry

from services.common.graphql import build_schema

from .organisations import OrganisationMutations, OrganisationQueries
from .partnerships import PartnershipMutations, PartnershipQueries
from .people import PersonMutations, PersonQueries


@strawberry.type
class Query(OrganisationQueries, PersonQueries, PartnershipQueries):
    pass


@strawberry.type
class Mutation(OrganisationMutations, PersonMutations, PartnershipMutations):
    pass


schema = build_schema(Query, Mutation)
