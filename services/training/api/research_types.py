"""GraphQL output types of research: calls, applications and outputs.

A research application is shown to staff, the advisory group (`advisor`) and the applicants'
organisation; its reviews, reviewers, ranking and audit trail to staff and the advisory group
only (the applicants see the decision and the feedback officers released). Outputs are
published work: every signed-in caller sees them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

import strawberry

from services.common.audit import AuditEntryType
from services.common.auth import Principal
from services.common.money import MoneyType
from services.common.output_types import audit_trail, from_attributes, load_shown
from services.common.vocabulary import CostCategory, Theme

from ..domain.research_access import reads_application, reads_reviews
from ..domain.research_application import (
    BudgetLine,
    Decision,
    Degree,
    EthicalApproval,
    Outcome,
    Ranking,
    ResearchApplication,
    ResearchStatus,
    Review,
    Scores,
)
from ..domain.research_call import CapVersion, KindCap, ResearchCall, ResearchKind
from ..domain.research_output import OutputKind, ResearchOutput
from .context import TrainingInfo, today
from .research_context import research_application_loader, research_output_loader

if TYPE_CHECKING:
    from .types import PersonEntity

ENTITIES = "services.training.api.types"
Person = Annotated["PersonEntity", strawberry.lazy(ENTITIES)]
strawberry.enum(ResearchKind)
strawberry.enum(ResearchStatus)
strawberry.enum(Degree, name="ResearchDegree")
strawberry.enum(EthicalApproval)
strawberry.enum(Outcome, name="ResearchOutcome")
strawberry.enum(OutputKind, name="ResearchOutputKind")

REVIEWS = "Staff and the advisory group only (null for others)"
PEOPLE = "(owned by partnerships, whose personal-data rule applies to their names)"
REVIEW_FIELDS = ("reviewer_ids", "reviews", "ranking", "audit_trail")


@strawberry.type
class ResearchCap:
    kind: ResearchKind
    max_amount: MoneyType = strawberry.field(description="The most one application is granted")

    @classmethod
    def of(cls, cap: KindCap) -> ResearchCap:
        return from_attributes(cls, cap, max_amount=MoneyType.of(cap.max_amount))


@strawberry.type
class ResearchCapVersion:
    valid_from: date
    caps: list[ResearchCap]

    @classmethod
    def of(cls, version: CapVersion) -> ResearchCapVersion:
        return from_attributes(cls, version, caps=[ResearchCap.of(c) for c in version.caps])


@strawberry.type(name="ResearchCall", description="A call for research on local democracy")
class ResearchCallType:
    id: strawberry.ID
    title: str
    themes: list[Theme]
    opens_on: date
    closes_on: date
    total_budget: MoneyType
    cap_versions: list[ResearchCapVersion] = strawberry.field(
        description="The kinds offered and their caps, each from a day on"
    )
    version: int

    @strawberry.field
    def open(self) -> bool:
        """Whether it takes applications today."""
        return self.opens_on <= today() <= self.closes_on

    @classmethod
    def of(cls, call: ResearchCall) -> ResearchCallType:
        return from_attributes(
            cls,
            call,
            total_budget=MoneyType.of(call.total_budget),
            cap_versions=[ResearchCapVersion.of(v) for v in call.cap_versions],
        )


@strawberry.type
class ResearchBudgetLine:
    year: int
    category: CostCategory
    amount: MoneyType

    @classmethod
    def of(cls, line: BudgetLine) -> ResearchBudgetLine:
        return from_attributes(cls, line, amount=MoneyType.of(line.amount))


@strawberry.type
class ResearchScores:
    scientific_quality: int
    relevance: int = strawberry.field(description="Relevance to local democracy")
    feasibility: int
    partnership_value: int = strawberry.field(description="Value to the partnerships")
    total: int

    @classmethod
    def of(cls, scores: Scores) -> ResearchScores:
        return from_attributes(cls, scores)


def _people(ids: Sequence[str]) -> list[Person]:
    """The people as references to partnerships' `Person`, which resolves them."""
    from .types import PersonEntity

    return [PersonEntity(id=strawberry.ID(i)) for i in ids]


def _reviewer(root: ResearchReview) -> Person:
    return _people([root.reviewer_id])[0]


def _principal_investigator(root: ResearchApplicationType) -> Person:
    return _people([root.principal_investigator_id])[0]


def _co_applicants(root: ResearchApplicationType) -> list[Person]:
    return _people(root.co_applicant_ids)


def _reviewers(root: ResearchApplicationType) -> list[Person] | None:
    return None if root.reviewer_ids is None else _people(root.reviewer_ids)


@strawberry.type
class ResearchReview:
    reviewer_id: strawberry.ID
    reviewer: Person = strawberry.field(resolver=_reviewer, description="The reviewer " + PEOPLE)
    scores: ResearchScores
    comment: str
    submitted_at: datetime

    @classmethod
    def of(cls, review: Review) -> ResearchReview:
        return from_attributes(cls, review, scores=ResearchScores.of(review.scores))


@strawberry.type
class ResearchRanking:
    position: int
    mean_total: Decimal
    mean_relevance: Decimal
    reviews: int

    @classmethod
    def of(cls, ranking: Ranking) -> ResearchRanking:
        return from_attributes(cls, ranking)


@strawberry.type
class ResearchDecision:
    outcome: Outcome
    decided_on: date
    max_amount: MoneyType = strawberry.field(description="The cap the application was held to")
    approved_budget: list[ResearchBudgetLine]

    @classmethod
    def of(cls, decision: Decision) -> ResearchDecision:
        return from_attributes(
            cls,
            decision,
            max_amount=MoneyType.of(decision.max_amount),
            approved_budget=[ResearchBudgetLine.of(x) for x in decision.approved_budget],
        )


@strawberry.federation.type(
    name="ResearchApplication",
    keys=["id"],
    description="An application for a research grant. Staff, the advisory group and the"
    " applicants' organisation see it",
)
class ResearchApplicationType:
    id: strawberry.ID
    call_id: strawberry.ID
    kind: ResearchKind
    title: str
    case_number: str | None = strawberry.field(description="R<year>-NNNN, from the submission")
    status: ResearchStatus
    principal_investigator_id: strawberry.ID
    organisation_id: strawberry.ID = strawberry.field(description="The university")
    co_applicant_ids: list[strawberry.ID]
    declared_degree: Degree = strawberry.field(description="As declared by the applicants")
    abstract: str
    research_questions: list[str]
    methods: str
    countries: list[str]
    themes: list[Theme]
    sdgs: list[int]
    duration_months: int
    budget: list[ResearchBudgetLine]
    requested: MoneyType
    max_amount: MoneyType | None
    ethical_approval: EthicalApproval
    partnership_ids: list[strawberry.ID]
    network_ids: list[strawberry.ID]
    submitted_on: date | None
    ineligible_reasons: list[str]
    decision: ResearchDecision | None
    feedback: str | None = strawberry.field(description="Released by officers to the applicants")
    report_accepted_on: date | None
    version: int
    reviewer_ids: list[strawberry.ID] | None = strawberry.field(description=REVIEWS)
    reviews: list[ResearchReview] | None = strawberry.field(description=REVIEWS)
    ranking: ResearchRanking | None = strawberry.field(description=REVIEWS)
    audit_trail: list[AuditEntryType] | None = strawberry.field(description=REVIEWS)

    principal_investigator: Person = strawberry.field(
        resolver=_principal_investigator, description="The principal investigator " + PEOPLE
    )
    co_applicants: list[Person] = strawberry.field(
        resolver=_co_applicants, description="The co-applicants " + PEOPLE
    )
    reviewers: list[Person] | None = strawberry.field(
        resolver=_reviewers, description=f"The assigned reviewers {PEOPLE}. {REVIEWS}"
    )

    @classmethod
    async def resolve_reference(
        cls, info: TrainingInfo, id: strawberry.ID
    ) -> ResearchApplicationType | None:
        found = await research_application_loader(info).load(str(id))
        principal = info.context.principal
        if found is None or not reads_application(principal, found.organisation_id):
            return None
        return cls.of(found, principal)

    @classmethod
    def of(cls, a: ResearchApplication, principal: Principal | None) -> ResearchApplicationType:
        decision = a.decision
        inner = reads_reviews(principal)
        return from_attributes(
            cls,
            a,
            budget=[ResearchBudgetLine.of(line) for line in a.budget],
            requested=MoneyType.of(a.requested),
            max_amount=MoneyType.of(a.max_amount) if a.max_amount else None,
            decision=None if decision is None else ResearchDecision.of(decision),
            **(_reviews_of(a) if inner else dict.fromkeys(REVIEW_FIELDS)),
        )


def _reviews_of(a: ResearchApplication) -> dict[str, object]:
    """The REVIEW_FIELDS of an application, for those who may read them."""
    return {
        "reviewer_ids": a.reviewer_ids,
        "reviews": [ResearchReview.of(r) for r in a.reviews],
        "ranking": None if a.ranking is None else ResearchRanking.of(a.ranking),
        "audit_trail": audit_trail(a.audit),
    }


def visible_applications(
    principal: Principal | None, applications: Sequence[ResearchApplication]
) -> list[ResearchApplicationType]:
    return [
        ResearchApplicationType.of(a, principal)
        for a in applications
        if reads_application(principal, a.organisation_id)
    ]


@strawberry.federation.type(
    name="ResearchOutput", keys=["id"], description="A published output of funded research"
)
class ResearchOutputType:
    id: strawberry.ID
    application_id: strawberry.ID
    kind: OutputKind
    title: str
    published_on: date
    url: str | None
    partnership_ids: list[strawberry.ID]
    network_ids: list[strawberry.ID]
    themes: list[Theme]
    version: int

    @classmethod
    def of(cls, output: ResearchOutput) -> ResearchOutputType:
        return from_attributes(cls, output)

    @classmethod
    async def resolve_reference(
        cls, info: TrainingInfo, id: strawberry.ID
    ) -> ResearchOutputType | None:
        return await load_shown(research_output_loader(info), id, cls.of)


@strawberry.type(description="Research linked to a partnership or network")
class LinkedResearch:
    applications: list[ResearchApplicationType] = strawberry.field(
        description="Research applications naming it that the caller may see"
    )
    outputs: list[ResearchOutputType] = strawberry.field(description="Outputs linked to it")


@strawberry.type
class ResearchCallPayload:
    call: ResearchCallType


@strawberry.type
class ResearchApplicationPayload:
    application: ResearchApplicationType


@strawberry.type
class ResearchApplicationsPayload:
    applications: list[ResearchApplicationType]


@strawberry.type
class ResearchOutputPayload:
    output: ResearchOutputType
