"""Queries and mutations for programmes (ITPs) and their cohorts. Staff manage both."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from services.common.errors import Conflict, NotFound
from services.common.idempotency import new_id
from services.common.inputs import CheckedInput
from services.common.mongo import Document
from services.common.pagination import Connection, paginate
from services.common.validation import search_pattern
from services.common.vocabulary import Theme

from ..domain import cohort as cohorts
from ..domain import programme as programmes
from .context import TrainingInfo, caller, now, repos, staff, today, usable_network
from .types import CohortType, ProgrammeType


@strawberry.input
class ProgrammeFilter(CheckedInput):
    theme: Theme | None = None
    search: str | None = strawberry.field(default=None, description="Part of the title")


@strawberry.input
class CohortFilter(CheckedInput):
    programme_id: strawberry.ID | None = None
    network_id: strawberry.ID | None = None
    open_for_applications: bool | None = strawberry.field(
        default=None, description="Whose application window includes today"
    )


@strawberry.input
class CreateProgrammeInput(CheckedInput):
    title: str
    theme: Theme
    target_group: str
    language: str = strawberry.field(default="en", description="ISO 639-1")
    description: str = ""


@strawberry.input
class UpdateProgrammeInput(CheckedInput):
    id: strawberry.ID
    version: int
    title: str | None = None
    theme: Theme | None = None
    target_group: str | None = None
    language: str | None = None
    description: str | None = None


@strawberry.input
class CreateCohortInput(CheckedInput):
    programme_id: strawberry.ID
    number: int
    starts_on: date
    ends_on: date
    applications_open_on: date
    applications_close_on: date
    capacity: int = cohorts.DEFAULT_CAPACITY
    network_id: strawberry.ID | None = strawberry.field(
        default=None, description="For a network's ITP"
    )


@strawberry.input
class UpdateCohortInput(CheckedInput):
    id: strawberry.ID
    version: int
    capacity: int | None = strawberry.field(
        default=None, description="Never below the seats held; new seats go to the waitlist"
    )
    applications_open_on: date | None = None
    applications_close_on: date | None = None


@strawberry.type
class ProgrammePayload:
    programme: ProgrammeType


@strawberry.type
class CohortPayload:
    cohort: CohortType


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


async def _cohorts(
    info: TrainingInfo,
    first: int | None = 20,
    after: str | None = None,
    filter: Annotated[CohortFilter | None, strawberry.argument(name="filter")] = None,
) -> Connection[CohortType]:
    caller(info)
    store = repos(info).cohorts
    return await paginate(
        store.collection,
        _cohort_query(filter),
        sort=["starts_on"],
        first=first,
        after=after,
        to_node=lambda doc: CohortType.of(store.load(doc)),
    )


@strawberry.type
class ProgrammeQueries:
    @strawberry.field
    async def programme(self, info: TrainingInfo, id: strawberry.ID) -> ProgrammeType | None:
        caller(info)
        found = await repos(info).programmes.get(str(id))
        return None if found is None else ProgrammeType.of(found)

    @strawberry.field
    async def programmes(
        self,
        info: TrainingInfo,
        first: int | None = 20,
        after: str | None = None,
        filter: Annotated[ProgrammeFilter | None, strawberry.argument(name="filter")] = None,
    ) -> Connection[ProgrammeType]:
        caller(info)
        query: Document = {}
        if filter is not None and filter.theme is not None:
            query["theme"] = filter.theme.value
        if filter is not None and filter.search is not None:
            pattern = search_pattern(filter.search, "filter.search")
            query["title"] = {"$regex": pattern, "$options": "i"}
        store = repos(info).programmes
        return await paginate(
            store.collection,
            query,
            sort=["title"],
            first=first,
            after=after,
            to_node=lambda doc: ProgrammeType.of(store.load(doc)),
        )

    @strawberry.field
    async def cohort(self, info: TrainingInfo, id: strawberry.ID) -> CohortType | None:
        caller(info)
        found = await repos(info).cohorts.get(str(id))
        return None if found is None else CohortType.of(found)

    cohorts: Connection[CohortType] = strawberry.field(
        resolver=_cohorts, description="Cohorts by start"
    )


@strawberry.type
class ProgrammeMutations:
    @strawberry.mutation
    async def create_programme(
        self, info: TrainingInfo, input: CreateProgrammeInput
    ) -> ProgrammePayload:
        principal = staff(info)
        data = programmes.details(
            title=input.title,
            theme=input.theme,
            target_group=input.target_group,
            language=input.language,
            description=input.description,
        )
        programme = programmes.create(new_id(), data, principal.sub)
        programme = await repos(info).programmes.create(programme)
        return ProgrammePayload(programme=ProgrammeType.of(programme))

    @strawberry.mutation
    async def update_programme(
        self, info: TrainingInfo, input: UpdateProgrammeInput
    ) -> ProgrammePayload:
        principal = staff(info)
        change = programmes.change(
            principal.sub,
            title=input.title,
            theme=input.theme,
            target_group=input.target_group,
            language=input.language,
            description=input.description,
        )
        programme = await repos(info).programmes.update(str(input.id), change, input.version)
        return ProgrammePayload(programme=ProgrammeType.of(programme))

    @strawberry.mutation
    async def create_cohort(self, info: TrainingInfo, input: CreateCohortInput) -> CohortPayload:
        principal = staff(info)
        programme = await repos(info).programmes.get(str(input.programme_id))
        if programme is None:
            raise NotFound(f"programme {input.programme_id!r} does not exist", field="programmeId")
        network_id = str(input.network_id) if input.network_id is not None else None
        if network_id is not None:
            await usable_network(info, network_id)
        cohort = cohorts.create(
            programme,
            number=input.number,
            starts_on=input.starts_on,
            ends_on=input.ends_on,
            applications_open_on=input.applications_open_on,
            applications_close_on=input.applications_close_on,
            capacity=input.capacity,
            network_id=network_id,
            actor=principal.sub,
        )
        try:
            cohort = await repos(info).cohorts.create(cohort)
        except Conflict as exc:
            raise Conflict(
                f"the programme has a cohort {input.number} already", field="number"
            ) from exc
        return CohortPayload(cohort=CohortType.of(cohort))

    @strawberry.mutation
    async def update_cohort(self, info: TrainingInfo, input: UpdateCohortInput) -> CohortPayload:
        principal = staff(info)
        change = cohorts.change(
            principal.sub,
            now(),
            capacity=input.capacity,
            applications_open_on=input.applications_open_on,
            applications_close_on=input.applications_close_on,
        )
        cohort = await repos(info).cohorts.update(str(input.id), change, input.version)
        return CohortPayload(cohort=CohortType.of(cohort))
