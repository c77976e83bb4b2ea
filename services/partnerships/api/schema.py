"""The partnerships subgraph."""

from __future__ import annotations

import strawberry

from services.common.graphql import build_schema

from .organisations import OrganisationMutations, OrganisationQueries


@strawberry.type
class Query(OrganisationQueries):
    pass


@strawberry.type
class Mutation(OrganisationMutations):
    pass


schema = build_schema(Query, Mutation)
