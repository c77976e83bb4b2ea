"""The finance subgraph."""

from __future__ import annotations

import strawberry

from services.common.graphql import build_schema
from services.common.idempotent_mutations import idempotent
from services.contracts.organisation_views import (
    KnownOrganisationType,
    known_organisation_field,
)

from .deadlines import DeadlineQueries
from .expenses import ExpenseMutations
from .fundings import FundingQueries
from .grants import GrantMutations, GrantQueries
from .projection import ProjectionQueries
from .reports import ReportMutations
from .research_grants import ResearchGrantMutations
from .rules import RulesMutations, RulesQueries
from .totals import TotalsQueries
from .types import (
    ApplicationEntity,
    NetworkEntity,
    PartnershipEntity,
    ResearchApplicationEntity,
    WorkshopEntity,
)


@strawberry.type
class Query(
    GrantQueries, DeadlineQueries, RulesQueries, TotalsQueries, ProjectionQueries, FundingQueries
):
    known_organisation: KnownOrganisationType | None = known_organisation_field("finance")


@strawberry.type
class Mutation(
    GrantMutations, ExpenseMutations, ReportMutations, RulesMutations, ResearchGrantMutations
):
    pass


schema = build_schema(
    Query,
    idempotent(Mutation),
    types=[
        PartnershipEntity,
        ApplicationEntity,
        ResearchApplicationEntity,
        NetworkEntity,
        WorkshopEntity,
    ],
)
