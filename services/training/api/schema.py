"""The training subgraph."""

from __future__ import annotations

import strawberry

from services.common.graphql import build_schema
from services.common.projections.organisations import KnownOrganisationQueries


@strawberry.type
class Query(KnownOrganisationQueries):
    pass


schema = build_schema(Query)
