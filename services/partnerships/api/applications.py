"""Queries and mutations of applications and their lifecycle.

Who may do what (docs/architecture.md, Security): staff everything; a coordinator drafts,
edits, submits and reads the applications of partnerships their organisation takes part
in, and nothing of other partnerships (FORBIDDEN, or filtered out of lists); viewers read.
"""

from __future__ import annotations

from collections.abc import Sequence

import strawberry

from services.common.mongo import Document
from services.common.pagination import Connection
from services.common.query_fields import by_id_field, page_field

from ..commands import applications as commands
from ..commands.applications import (
    BudgetLineFields,
    IndicatorFields,
    OutcomeFields,
    ProposalFields,
    ResultFields,
    ResultsChainFields,
)
from .context import (
    PartnershipsInfo,
    caller,
    readable_application,
    readable_applications,
    repos,
    today,
)
from .inputs import (
    ApplicationFilter,
    AssessApplicationInput,
    BudgetLineInput,
    CreateApplicationInput,
    DecideApplicationInput,
    IndicatorInput,
    ResultInput,
    ResultsChainInput,
    ReturnApplicationInput,
    SubmitApplicationInput,
    UpdateApplicationInput,
)
from .types import ApplicationPayload, ApplicationType, application_page


def _indicators(items: Sequence[IndicatorInput]) -> list[IndicatorFields]:
    return [IndicatorFields(i.name, i.unit, i.baseline, i.target) for i in items]


def _result(item: ResultInput) -> ResultFields:
    return ResultFields(item.statement, _indicators(item.indicators))


def _chain(chain: ResultsChainInput) -> ResultsChainFields:
    return ResultsChainFields(
        goal=None if chain.goal is None else _result(chain.goal),
        outcomes=[
            OutcomeFields(
                item.statement, _indicators(item.indicators), [_result(o) for o in item.outputs]
            )
            for item in chain.outcomes
        ],
    )


def _lines(lines: Sequence[BudgetLineInput] | None) -> list[BudgetLineFields] | None:
    if lines is None:
        return None
    return [
        BudgetLineFields(line.year, line.category, line.amount.amount, line.amount.currency)
        for line in lines
    ]


def _proposal(data: CreateApplicationInput | UpdateApplicationInput) -> ProposalFields:
    return ProposalFields(
        type=data.type,
        title=data.title,
        duration_months=data.duration_months,
        theme=data.theme,
        project_area=data.project_area,
        sdgs=data.sdgs,
        results_chain=None if data.results_chain is None else _chain(data.results_chain),
        requested_budget=_lines(data.requested_budget),
    )


def _filter_query(where: ApplicationFilter | None) -> Document:
    query: Document = {}
    if where is None:
        return query
    if where.call_id is not None:
        query["call_id"] = str(where.call_id)
    if where.partnership_id is not None:
        query["partnership_id"] = str(where.partnership_id)
    if where.status is not None:
        query["status"] = where.status.value
    if where.type is not None:
        query["type"] = where.type.value
    if where.year is not None:
        query["year"] = where.year
    return query


async def _applications(
    info: PartnershipsInfo, where: ApplicationFilter | None, first: int | None, after: str | None
) -> Connection[ApplicationType]:
    stores = repos(info)
    query = await readable_applications(caller(info), stores, _filter_query(where))
    return await application_page(stores, query, first, after)


@strawberry.type
class ApplicationQueries:
    application: ApplicationType | None = by_id_field(readable_application, ApplicationType.of)
    applications: Connection[ApplicationType] = page_field(ApplicationFilter, _applications)


@strawberry.type
class ApplicationMutations:
    @strawberry.mutation
    async def create_application(
        self, info: PartnershipsInfo, input: CreateApplicationInput
    ) -> ApplicationPayload:
        application = await commands.create_application(
            repos(info),
            caller(info),
            partnership_id=str(input.partnership_id),
            call_id=str(input.call_id),
            content=_proposal(input),
            today=today(),
        )
        return ApplicationPayload(application=ApplicationType.of(application))

    @strawberry.mutation
    async def update_application(
        self, info: PartnershipsInfo, input: UpdateApplicationInput
    ) -> ApplicationPayload:
        application = await commands.update_application(
            repos(info), caller(info), str(input.id), input.version, _proposal(input)
        )
        return ApplicationPayload(application=ApplicationType.of(application))

    @strawberry.mutation
    async def submit_application(
        self, info: PartnershipsInfo, input: SubmitApplicationInput
    ) -> ApplicationPayload:
        application = await commands.submit_application(
            repos(info), caller(info), str(input.id), input.version, note=input.note, today=today()
        )
        return ApplicationPayload(application=ApplicationType.of(application))

    @strawberry.mutation
    async def return_application(
        self, info: PartnershipsInfo, input: ReturnApplicationInput
    ) -> ApplicationPayload:
        application = await commands.return_application(
            repos(info), caller(info), str(input.id), input.version, note=input.note
        )
        return ApplicationPayload(application=ApplicationType.of(application))

    @strawberry.mutation
    async def assess_application(
        self, info: PartnershipsInfo, input: AssessApplicationInput
    ) -> ApplicationPayload:
        application = await commands.assess_application(
            repos(info),
            caller(info),
            str(input.id),
            input.version,
            outcome=input.outcome,
            note=input.note,
        )
        return ApplicationPayload(application=ApplicationType.of(application))

    @strawberry.mutation
    async def decide_application(
        self, info: PartnershipsInfo, input: DecideApplicationInput
    ) -> ApplicationPayload:
        application = await commands.decide_application(
            repos(info),
            caller(info),
            str(input.id),
            input.version,
            outcome=input.outcome,
            conditions=input.conditions,
            approved_budget=_lines(input.approved_budget),
            note=input.note,
        )
        return ApplicationPayload(application=ApplicationType.of(application))
