"""GraphQL input types of research: calls, applications, reviews and outputs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from services.common.inputs import CheckedInput
from services.common.money import BUDGET_CURRENCY
from services.common.vocabulary import CostCategory, Theme

from ..domain.research_application import Degree, EthicalApproval, Outcome, ResearchStatus
from ..domain.research_call import ResearchKind
from ..domain.research_output import OutputKind


@strawberry.input
class ResearchCapInput(CheckedInput):
    kind: ResearchKind
    max_amount: Decimal
    currency: str = BUDGET_CURRENCY


@strawberry.input
class OpenResearchCallInput(CheckedInput):
    title: str
    themes: list[Theme]
    opens_on: date
    closes_on: date
    total_budget: Decimal
    caps: list[ResearchCapInput]
    currency: str = BUDGET_CURRENCY


@strawberry.input
class ExtendResearchCallInput(CheckedInput):
    id: strawberry.ID
    version: int
    closes_on: date


@strawberry.input
class PublishResearchCapsInput(CheckedInput):
    id: strawberry.ID
    version: int
    valid_from: date = strawberry.field(description="Today or later: never retroactive")
    caps: list[ResearchCapInput]


@strawberry.input
class ResearchBudgetLineInput(CheckedInput):
    year: int
    category: CostCategory
    amount: Decimal
    currency: str = BUDGET_CURRENCY


@strawberry.input(description="The proposal; a field left out stays as it is")
class ResearchProposalInput(CheckedInput):
    title: str | None = None
    co_applicant_ids: list[strawberry.ID] | None = None
    declared_degree: Degree | None = None
    abstract: str | None = None
    research_questions: list[str] | None = None
    methods: str | None = None
    countries: list[str] | None = None
    themes: list[Theme] | None = None
    sdgs: list[int] | None = None
    duration_months: int | None = None
    budget: list[ResearchBudgetLineInput] | None = None
    ethical_approval: EthicalApproval | None = None
    partnership_ids: list[strawberry.ID] | None = None
    network_ids: list[strawberry.ID] | None = None


@strawberry.input
class DraftResearchApplicationInput(CheckedInput):
    call_id: strawberry.ID
    kind: ResearchKind
    principal_investigator_id: strawberry.ID
    proposal: ResearchProposalInput


@strawberry.input
class EditResearchApplicationInput(CheckedInput):
    id: strawberry.ID
    version: int
    proposal: ResearchProposalInput


@strawberry.input
class ResearchApplicationActionInput(CheckedInput):
    id: strawberry.ID
    version: int


@strawberry.input
class ScreenResearchApplicationInput(CheckedInput):
    id: strawberry.ID
    version: int
    reasons: list[str] = strawberry.field(
        default_factory=list, description="The officer's reasons against eligibility, if any"
    )


@strawberry.input
class ResearchReviewerInput(CheckedInput):
    id: strawberry.ID
    version: int
    reviewer_id: strawberry.ID


@strawberry.input
class SubmitResearchReviewInput(CheckedInput):
    id: strawberry.ID
    version: int
    reviewer_id: strawberry.ID
    scientific_quality: int
    relevance: int
    feasibility: int
    partnership_value: int
    comment: str


@strawberry.input
class RankResearchCallInput(CheckedInput):
    call_id: strawberry.ID


@strawberry.input
class DecideResearchCallInput(CheckedInput):
    call_id: strawberry.ID
    waitlist_size: int = 0


@strawberry.input
class DecideWaitlistedResearchInput(CheckedInput):
    id: strawberry.ID
    version: int
    outcome: Outcome


@strawberry.input
class ReleaseResearchFeedbackInput(CheckedInput):
    id: strawberry.ID
    version: int
    feedback: str


@strawberry.input
class PublishResearchOutputInput(CheckedInput):
    application_id: strawberry.ID
    kind: OutputKind
    title: str
    published_on: date
    url: str | None = None
    partnership_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="Empty: the application's own"
    )
    network_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="Empty: the application's own"
    )
    themes: list[Theme] = strawberry.field(
        default_factory=list, description="Empty: the application's own"
    )


@strawberry.input
class ResearchApplicationFilter(CheckedInput):
    call_id: strawberry.ID | None = None
    status: ResearchStatus | None = None
