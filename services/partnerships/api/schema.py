"""The partnerships subgraph."""

from __future__ import annotations

import strawberry

from services.common.graphql import build_schema
from services.common.idempotent_mutations import idempotent

from .applications import ApplicationMutations, ApplicationQueries
from .calls import CallMutations, CallQueries
from .organisations import OrganisationMutations, OrganisationQueries
from .partnerships import PartnershipMutations, PartnershipQueries
from .people import PersonMutations, PersonQueries
from .statistics import StatisticsQueries
from .visits import VisitMutations, VisitQueries


@strawberry.type
class Query(
    OrganisationQueries,
    PersonQueries,
    PartnershipQueries,
    VisitQueries,
    CallQueries,
    ApplicationQueries,
    StatisticsQueries,
):
    pass


@strawberry.type
class Mutation(
    OrganisationMutations,
    PersonMutations,
    PartnershipMutations,
    VisitMutations,
    CallMutations,
    ApplicationMutations,
):
    pass


schema = build_schema(Query, idempotent(Mutation))
