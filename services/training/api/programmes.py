"""Queries and mutations of programmes (ITPs) and their cohorts; the use cases are in
commands/programmes.py and commands/cohorts.py.

One module for both aggregates, as one GraphQL class each for queries and mutations: the
subgraph's fields keep the order the published schema (web/schema.graphql) has them in.
"""

from __future__ import annotations

import strawberry

from services.common.mongo import Document
from services.common.pagination import Connection
from services.common.query_fields import by_id_field, page_field, store_page
from services.common.validation import search_pattern

from ..commands import cohorts as cohort_commands
from ..commands import programmes as programme_commands
from ..commands.cohorts import NewCohort
from .context import TrainingInfo, caller, repos, today
from .inputs import (
    CohortFilter,
    CreateCohortInput,
    CreateProgrammeInput,
    ProgrammeFilter,
    UpdateCohortInput,
    UpdateProgrammeInput,
)
from .types import CohortPayload, CohortType, ProgrammePayload, ProgrammeType


def _cohort_query(where: CohortFilter | None) -> Document:
    query: Document = {}
    if where is None:
        return query
    if where.programme_id is not None:
        query["programme_id"] = str(where.programme_id)
    if where.network_id is not None:
        query["network_id"] = str(where.network_id)
    if where.open_for_applications is not None:
        day = today().isoformat()
        window = {"applications_open_on": {"$lte": day}, "applications_close_on": {"$gte": day}}
        if where.open_for_applications:
            query.update(window)
        else:
            query["$or"] = [
                {"applications_open_on": {"$gt": day}},
                {"applications_close_on": {"$lt": day}},
            ]
    return query


def _programme_query(where: ProgrammeFilter | None) -> Document:
    query: Document = {}
    if where is None:
        return query
    if where.theme is not None:
        query["theme"] = where.theme.value
    if where.search is not None:
        query["title"] = {"$regex": search_pattern(where.search, "filter.search"), "$options": "i"}
    return query


@strawberry.type
class ProgrammeQueries:
    cohorts: Connection[CohortType] = page_field(
        CohortFilter,
        store_page(
            lambda info: repos(info).cohorts, _cohort_query, sort=["starts_on"], of=CohortType.of
        ),
        description="Cohorts by start",
    )
    programme: ProgrammeType | None = by_id_field(
        lambda info, id: repos(info).programmes.get(id), ProgrammeType.of
    )
    programmes: Connection[ProgrammeType] = page_field(
        ProgrammeFilter,
        store_page(
            lambda info: repos(info).programmes,
            _programme_query,
            sort=["title"],
            of=ProgrammeType.of,
        ),
    )
    cohort: CohortType | None = by_id_field(
        lambda info, id: repos(info).cohorts.get(id), CohortType.of
    )


@strawberry.type
class ProgrammeMutations:
    @strawberry.mutation
    async def create_programme(
        self, info: TrainingInfo, input: CreateProgrammeInput
    ) -> ProgrammePayload:
        programme = await programme_commands.create_programme(
            repos(info),
            caller(info),
            title=input.title,
            theme=input.theme,
            target_group=input.target_group,
            language=input.language,
            description=input.description,
        )
        return ProgrammePayload(programme=ProgrammeType.of(programme))

    @strawberry.mutation
    async def update_programme(
        self, info: TrainingInfo, input: UpdateProgrammeInput
    ) -> ProgrammePayload:
        programme = await programme_commands.update_programme(
            repos(info),
            caller(info),
            str(input.id),
            input.version,
            title=input.title,
            theme=input.theme,
            target_group=input.target_group,
            language=input.language,
            description=input.description,
        )
        return ProgrammePayload(programme=ProgrammeType.of(programme))

    @strawberry.mutation
    async def create_cohort(self, info: TrainingInfo, input: CreateCohortInput) -> CohortPayload:
        new = NewCohort(
            programme_id=str(input.programme_id),
            number=input.number,
            starts_on=input.starts_on,
            ends_on=input.ends_on,
            applications_open_on=input.applications_open_on,
            applications_close_on=input.applications_close_on,
            capacity=input.capacity,
            network_id=str(input.network_id) if input.network_id is not None else None,
        )
        cohort = await cohort_commands.create_cohort(repos(info), caller(info), new)
        return CohortPayload(cohort=CohortType.of(cohort))

    @strawberry.mutation
    async def update_cohort(self, info: TrainingInfo, input: UpdateCohortInput) -> CohortPayload:
        cohort = await cohort_commands.update_cohort(
            repos(info),
            caller(info),
            str(input.id),
            input.version,
            capacity=input.capacity,
            applications_open_on=input.applications_open_on,
            applications_close_on=input.applications_close_on,
        )
        return CohortPayload(cohort=CohortType.of(cohort))
