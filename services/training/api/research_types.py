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

import strawberry

from services.common.audit import AuditEntryType
from services.common.auth import Principal
from services.common.money import MoneyType
from services.common.vocabulary import CostCategory, Theme

from ..domain.research_access import reads_application, reads_reviews
from ..domain.research_application import (
    BudgetLine,
    Degree,
    EthicalApproval,
    Outcome,
    ResearchApplication,
    ResearchStatus,
)
from ..domain.research_call import ResearchCall, ResearchKind
from ..domain.research_output import OutputKind, ResearchOutput
from .context import TrainingInfo, today
from .research_context import research_application_loader, research_output_loader

strawberry.enum(ResearchKind)
strawberry.enum(ResearchStatus)
strawberry.enum(Degree, name="ResearchDegree")
strawberry.enum(EthicalApproval)
strawberry.enum(Outcome, name="ResearchOutcome")
strawberry.enum(OutputKind, name="ResearchOutputKind")

REVIEWS = "Staff and the advisory group only (null for others)"


@strawberry.type
class ResearchCap:
    kind: ResearchKind
    max_amount: MoneyType = strawberry.field(description="The most one application is granted")


@strawberry.type
class ResearchCapVersion:
    valid_from: date
    caps: list[ResearchCap]


@strawberry.type(description="A call for research on local democracy")
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
        return cls(
            id=strawberry.ID(call.id),
            title=call.title,
            themes=list(call.themes),
            opens_on=call.opens_on,
            closes_on=call.closes_on,
            total_budget=MoneyType.of(call.total_budget),
            cap_versions=[
                ResearchCapVersion(
                    valid_from=v.valid_from,
                    caps=[
                        ResearchCap(kind=c.kind, max_amount=MoneyType.of(c.max_amount))
                        for c in v.caps
                    ],
                )
                for v in call.cap_versions
            ],
            version=call.version,
        )


@strawberry.type
class ResearchBudgetLine:
    year: int
    category: CostCategory
    amount: MoneyType

    @classmethod
    def of(cls, line: BudgetLine) -> ResearchBudgetLine:
        return cls(year=line.year, category=line.category, amount=MoneyType.of(line.amount))


@strawberry.type
class ResearchScores:
    scientific_quality: int
    relevance: int = strawberry.field(description="Relevance to local democracy")
    feasibility: int
    partnership_value: int = strawberry.field(description="Value to the partnerships")
    total: int


@strawberry.type
class ResearchReview:
    reviewer_id: strawberry.ID
    scores: ResearchScores
    comment: str
    submitted_at: datetime


@strawberry.type
class ResearchRanking:
    position: int
    mean_total: Decimal
    mean_relevance: Decimal
    reviews: int


@strawberry.type
class ResearchDecision:
    outcome: Outcome
    decided_on: date
    max_amount: MoneyType = strawberry.field(description="The cap the application was held to")
    approved_budget: list[ResearchBudgetLine]


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
        inner = reads_reviews(principal)
        decision = a.decision
        return cls(
            id=strawberry.ID(a.id),
            call_id=strawberry.ID(a.call_id),
            kind=a.kind,
            title=a.title,
            case_number=a.case_number,
            status=a.status,
            principal_investigator_id=strawberry.ID(a.principal_investigator_id),
            organisation_id=strawberry.ID(a.organisation_id),
            co_applicant_ids=[strawberry.ID(i) for i in a.co_applicant_ids],
            declared_degree=a.declared_degree,
            abstract=a.abstract,
            research_questions=list(a.research_questions),
            methods=a.methods,
            countries=list(a.countries),
            themes=list(a.themes),
            sdgs=list(a.sdgs),
            duration_months=a.duration_months,
            budget=[ResearchBudgetLine.of(line) for line in a.budget],
            requested=MoneyType.of(a.requested),
            max_amount=MoneyType.of(a.max_amount) if a.max_amount else None,
            ethical_approval=a.ethical_approval,
            partnership_ids=[strawberry.ID(i) for i in a.partnership_ids],
            network_ids=[strawberry.ID(i) for i in a.network_ids],
            submitted_on=a.submitted_on,
            ineligible_reasons=list(a.ineligible_reasons),
            decision=(
                None
                if decision is None
                else ResearchDecision(
                    outcome=decision.outcome,
                    decided_on=decision.decided_on,
                    max_amount=MoneyType.of(decision.max_amount),
                    approved_budget=[ResearchBudgetLine.of(x) for x in decision.approved_budget],
                )
            ),
            feedback=a.feedback,
            report_accepted_on=a.report_accepted_on,
            version=a.version,
            reviewer_ids=[strawberry.ID(i) for i in a.reviewer_ids] if inner else None,
            reviews=(
                [
                    ResearchReview(
                        reviewer_id=strawberry.ID(r.reviewer_id),
                        scores=ResearchScores(
                            scientific_quality=r.scores.scientific_quality,
                            relevance=r.scores.relevance,
                            feasibility=r.scores.feasibility,
                            partnership_value=r.scores.partnership_value,
                            total=r.scores.total,
                        ),
                        comment=r.comment,
                        submitted_at=r.submitted_at,
                    )
                    for r in a.reviews
                ]
                if inner
                else None
            ),
            ranking=(
                ResearchRanking(
                    position=a.ranking.position,
                    mean_total=a.ranking.mean_total,
                    mean_relevance=a.ranking.mean_relevance,
                    reviews=a.ranking.reviews,
                )
                if inner and a.ranking
                else None
            ),
            audit_trail=[AuditEntryType.of(e) for e in a.audit] if inner else None,
        )


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
        return cls(
            id=strawberry.ID(output.id),
            application_id=strawberry.ID(output.application_id),
            kind=output.kind,
            title=output.title,
            published_on=output.published_on,
            url=output.url,
            partnership_ids=[strawberry.ID(i) for i in output.partnership_ids],
            network_ids=[strawberry.ID(i) for i in output.network_ids],
            themes=list(output.themes),
            version=output.version,
        )

    @classmethod
    async def resolve_reference(
        cls, info: TrainingInfo, id: strawberry.ID
    ) -> ResearchOutputType | None:
        found = await research_output_loader(info).load(str(id))
        return None if found is None else cls.of(found)


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
