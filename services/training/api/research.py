"""Queries and mutations of research calls, applications, reviews and outputs; the use cases
are in commands/research_*.py."""

from __future__ import annotations

import strawberry

from services.common.auth import Principal
from services.common.countries import country_code
from services.common.money import money
from services.common.mongo import Document
from services.common.pagination import Connection, page_of
from services.common.query_fields import by_id_field, page_field, viewer_page

from ..commands import research_applications as applications
from ..commands import research_calls as calls
from ..commands import research_outputs as outputs
from ..commands import research_reviews as reviews
from ..domain import research_application as research
from ..domain import research_review
from ..domain.research_access import reads_application, reads_reviews
from ..domain.research_call import KindCap
from .context import TrainingInfo, caller, repos
from .research_inputs import (
    DecideResearchCallInput,
    DecideWaitlistedResearchInput,
    DraftResearchApplicationInput,
    EditResearchApplicationInput,
    ExtendResearchCallInput,
    OpenResearchCallInput,
    PublishResearchCapsInput,
    PublishResearchOutputInput,
    RankResearchCallInput,
    ReleaseResearchFeedbackInput,
    ResearchApplicationActionInput,
    ResearchApplicationFilter,
    ResearchCapInput,
    ResearchProposalInput,
    ResearchReviewerInput,
    ScreenResearchApplicationInput,
    SubmitResearchReviewInput,
)
from .research_types import (
    ResearchCallPayload,
    ResearchCallType,
    ResearchOutputPayload,
    ResearchOutputType,
)
from .types import ResearchApplicationPayload, ResearchApplicationsPayload, ResearchApplicationType


def _caps(caps: list[ResearchCapInput]) -> list[KindCap]:
    return [
        KindCap(kind=c.kind, max_amount=money(c.max_amount, c.currency, f"caps[{i}].maxAmount"))
        for i, c in enumerate(caps)
    ]


def _proposal(given: ResearchProposalInput) -> research.Proposal:
    budget = None
    if given.budget is not None:
        budget = [
            research.budget_line(
                line.year,
                line.category,
                money(line.amount, line.currency, f"budget[{i}].amount"),
                f"budget[{i}]",
            )
            for i, line in enumerate(given.budget)
        ]
    countries = None
    if given.countries is not None:
        countries = [country_code(c, f"countries[{i}]") for i, c in enumerate(given.countries)]
    return research.proposal(
        title=given.title,
        co_applicant_ids=(
            [str(i) for i in given.co_applicant_ids] if given.co_applicant_ids is not None else None
        ),
        declared_degree=given.declared_degree,
        abstract=given.abstract,
        research_questions=given.research_questions,
        methods=given.methods,
        countries=countries,
        themes=given.themes,
        sdgs=given.sdgs,
        duration_months=given.duration_months,
        budget=budget,
        ethical_approval=given.ethical_approval,
        partnership_ids=(
            [str(i) for i in given.partnership_ids] if given.partnership_ids is not None else None
        ),
        network_ids=[str(i) for i in given.network_ids] if given.network_ids is not None else None,
    )


def _payload(
    info: TrainingInfo, application: research.ResearchApplication
) -> ResearchApplicationPayload:
    return ResearchApplicationPayload(
        application=ResearchApplicationType.of(application, info.context.principal)
    )


async def _research_calls(
    info: TrainingInfo, first: int | None = 20, after: str | None = None
) -> Connection[ResearchCallType]:
    caller(info)
    return await page_of(
        repos(info).research_calls,
        {},
        sort=["-opens_on"],
        first=first,
        after=after,
        of=ResearchCallType.of,
    )


async def _research_application(
    info: TrainingInfo, id: strawberry.ID
) -> ResearchApplicationType | None:
    principal = caller(info)
    found = await repos(info).research_applications.get(str(id))
    if found is None or not reads_application(principal, found.organisation_id):
        return None
    return ResearchApplicationType.of(found, principal)


def _application_query(where: ResearchApplicationFilter | None) -> Document:
    query: Document = {}
    if where is not None and where.call_id is not None:
        query["call_id"] = str(where.call_id)
    if where is not None and where.status is not None:
        query["status"] = where.status.value
    return query


def _listed_applications(viewer: Principal) -> Document:
    """Those who do not read reviews list their own organisation's applications only."""
    return {} if reads_reviews(viewer) else {"organisation_id": viewer.org or ""}


@strawberry.type
class ResearchQueries:
    research_call: ResearchCallType | None = by_id_field(
        lambda info, id: repos(info).research_calls.get(id), ResearchCallType.of
    )
    research_calls: Connection[ResearchCallType] = strawberry.field(
        resolver=_research_calls,
        description="The calls, newest first (by opening day): the current one leads",
    )
    research_application: ResearchApplicationType | None = strawberry.field(
        resolver=_research_application
    )
    research_applications: Connection[ResearchApplicationType] = page_field(
        ResearchApplicationFilter,
        viewer_page(
            lambda info: repos(info).research_applications,
            _application_query,
            sort=["created_at"],
            of=ResearchApplicationType.of,
            readable=_listed_applications,
        ),
    )
    research_output: ResearchOutputType | None = by_id_field(
        lambda info, id: repos(info).research_outputs.get(id), ResearchOutputType.of
    )


@strawberry.type
class ResearchMutations:
    @strawberry.mutation
    async def open_research_call(
        self, info: TrainingInfo, input: OpenResearchCallInput
    ) -> ResearchCallPayload:
        call = await calls.open_research_call(
            repos(info),
            caller(info),
            title=input.title,
            themes=input.themes,
            opens_on=input.opens_on,
            closes_on=input.closes_on,
            total_budget=money(input.total_budget, input.currency, "totalBudget"),
            caps=_caps(input.caps),
        )
        return ResearchCallPayload(call=ResearchCallType.of(call))

    @strawberry.mutation
    async def extend_research_call(
        self, info: TrainingInfo, input: ExtendResearchCallInput
    ) -> ResearchCallPayload:
        call = await calls.extend_research_call(
            repos(info), caller(info), str(input.id), input.version, input.closes_on
        )
        return ResearchCallPayload(call=ResearchCallType.of(call))

    @strawberry.mutation
    async def publish_research_caps(
        self, info: TrainingInfo, input: PublishResearchCapsInput
    ) -> ResearchCallPayload:
        call = await calls.publish_research_caps(
            repos(info),
            caller(info),
            str(input.id),
            input.version,
            input.valid_from,
            _caps(input.caps),
        )
        return ResearchCallPayload(call=ResearchCallType.of(call))

    @strawberry.mutation
    async def draft_research_application(
        self, info: TrainingInfo, input: DraftResearchApplicationInput
    ) -> ResearchApplicationPayload:
        principal = caller(info)
        application = await applications.draft_research_application(
            repos(info),
            principal,
            call_id=str(input.call_id),
            kind=input.kind,
            principal_investigator_id=str(input.principal_investigator_id),
            content=_proposal(input.proposal),
        )
        return _payload(info, application)

    @strawberry.mutation
    async def edit_research_application(
        self, info: TrainingInfo, input: EditResearchApplicationInput
    ) -> ResearchApplicationPayload:
        application = await applications.edit_research_application(
            repos(info), caller(info), str(input.id), input.version, _proposal(input.proposal)
        )
        return _payload(info, application)

    @strawberry.mutation
    async def submit_research_application(
        self, info: TrainingInfo, input: ResearchApplicationActionInput
    ) -> ResearchApplicationPayload:
        application = await applications.submit_research_application(
            repos(info), caller(info), str(input.id), input.version
        )
        return _payload(info, application)

    @strawberry.mutation
    async def screen_research_application(
        self, info: TrainingInfo, input: ScreenResearchApplicationInput
    ) -> ResearchApplicationPayload:
        application = await applications.screen_research_application(
            repos(info), caller(info), str(input.id), input.version, input.reasons
        )
        return _payload(info, application)

    @strawberry.mutation
    async def assign_research_reviewer(
        self, info: TrainingInfo, input: ResearchReviewerInput
    ) -> ResearchApplicationPayload:
        application = await reviews.assign_reviewer(
            repos(info), caller(info), str(input.id), input.version, str(input.reviewer_id)
        )
        return _payload(info, application)

    @strawberry.mutation
    async def declare_research_conflict(
        self, info: TrainingInfo, input: ResearchReviewerInput
    ) -> ResearchApplicationPayload:
        application = await reviews.declare_conflict(
            repos(info), caller(info), str(input.id), input.version, str(input.reviewer_id)
        )
        return _payload(info, application)

    @strawberry.mutation
    async def submit_research_review(
        self, info: TrainingInfo, input: SubmitResearchReviewInput
    ) -> ResearchApplicationPayload:
        scores = research_review.scores(
            input.scientific_quality, input.relevance, input.feasibility, input.partnership_value
        )
        application = await reviews.submit_review(
            repos(info),
            caller(info),
            str(input.id),
            input.version,
            reviewer_id=str(input.reviewer_id),
            scores=scores,
            comment=input.comment,
        )
        return _payload(info, application)

    @strawberry.mutation
    async def rank_research_call(
        self, info: TrainingInfo, input: RankResearchCallInput
    ) -> ResearchApplicationsPayload:
        principal = caller(info)
        ranked = await reviews.rank_call(repos(info), principal, str(input.call_id))
        return ResearchApplicationsPayload(
            applications=[ResearchApplicationType.of(a, principal) for a in ranked]
        )

    @strawberry.mutation
    async def decide_research_call(
        self, info: TrainingInfo, input: DecideResearchCallInput
    ) -> ResearchApplicationsPayload:
        principal = caller(info)
        decided = await reviews.decide_call(
            repos(info), principal, str(input.call_id), input.waitlist_size
        )
        return ResearchApplicationsPayload(
            applications=[ResearchApplicationType.of(a, principal) for a in decided]
        )

    @strawberry.mutation
    async def decide_waitlisted_research_application(
        self, info: TrainingInfo, input: DecideWaitlistedResearchInput
    ) -> ResearchApplicationPayload:
        application = await applications.decide_waitlisted(
            repos(info), caller(info), str(input.id), input.version, input.outcome
        )
        return _payload(info, application)

    @strawberry.mutation
    async def release_research_feedback(
        self, info: TrainingInfo, input: ReleaseResearchFeedbackInput
    ) -> ResearchApplicationPayload:
        application = await applications.release_research_feedback(
            repos(info), caller(info), str(input.id), input.version, input.feedback
        )
        return _payload(info, application)

    @strawberry.mutation
    async def accept_research_report(
        self, info: TrainingInfo, input: ResearchApplicationActionInput
    ) -> ResearchApplicationPayload:
        application = await applications.accept_research_report(
            repos(info), caller(info), str(input.id), input.version
        )
        return _payload(info, application)

    @strawberry.mutation
    async def publish_research_output(
        self, info: TrainingInfo, input: PublishResearchOutputInput
    ) -> ResearchOutputPayload:
        output = await outputs.publish_research_output(
            repos(info),
            caller(info),
            application_id=str(input.application_id),
            kind=input.kind,
            title=input.title,
            published_on=input.published_on,
            url=input.url,
            partnership_ids=[str(i) for i in input.partnership_ids],
            network_ids=[str(i) for i in input.network_ids],
            themes=input.themes,
        )
        return ResearchOutputPayload(output=ResearchOutputType.of(output))
