"""Queries and mutations of workshops; the use cases are in commands/workshops.py."""

from __future__ import annotations

import strawberry

from services.common.countries import country_code
from services.common.errors import BadUserInput
from services.common.mongo import Document
from services.common.pagination import Connection
from services.common.query_fields import by_id_field, page_field, store_page

from ..commands import workshops as commands
from ..commands.workshops import CostLineArgs, NewWorkshop
from .context import TrainingInfo, caller, repos
from .inputs import (
    CancelWorkshopInput,
    CompleteWorkshopInput,
    CostLineInput,
    RecordWorkshopCostsInput,
    ScheduleWorkshopInput,
    UpdateWorkshopInput,
    WorkshopFilter,
)
from .types import WorkshopPayload, WorkshopType


def _workshop_query(where: WorkshopFilter | None) -> Document:
    query: Document = {}
    if where is None:
        return query
    if where.kind is not None:
        query["kind"] = where.kind.value
    if where.network_id is not None:
        query["network_id"] = str(where.network_id)
    if where.cohort_id is not None:
        query["cohort_id"] = str(where.cohort_id)
    if where.country is not None:
        query["country"] = country_code(where.country, "filter.country")
    if where.status is not None:
        query["status"] = where.status.value
    if where.from_date and where.to_date and where.to_date < where.from_date:
        raise BadUserInput("toDate is before fromDate", field="filter.toDate")
    if where.from_date is not None:
        query["ends_on"] = {"$gte": where.from_date.isoformat()}
    if where.to_date is not None:
        query["starts_on"] = {"$lte": where.to_date.isoformat()}
    return query


@strawberry.type
class WorkshopQueries:
    workshops: Connection[WorkshopType] = page_field(
        WorkshopFilter,
        store_page(
            lambda info: repos(info).workshops,
            _workshop_query,
            sort=["starts_on"],
            of=WorkshopType.of,
        ),
        description="Workshops by start",
    )
    workshop: WorkshopType | None = by_id_field(
        lambda info, id: repos(info).workshops.get(id), WorkshopType.of
    )


def _cost_lines(lines: list[CostLineInput]) -> list[CostLineArgs]:
    return [CostLineArgs(x.category, x.amount, x.currency, x.description) for x in lines]


async def _complete_workshop(info: TrainingInfo, input: CompleteWorkshopInput) -> WorkshopPayload:
    workshop = await commands.complete_workshop(
        repos(info),
        caller(info),
        str(input.id),
        input.version,
        [str(i) for i in input.attended_person_ids],
        _cost_lines(input.costs) if input.costs is not None else None,
    )
    return WorkshopPayload(workshop=WorkshopType.of(workshop))


async def _cancel_workshop(info: TrainingInfo, input: CancelWorkshopInput) -> WorkshopPayload:
    workshop = await commands.cancel_workshop(
        repos(info), caller(info), str(input.id), input.version, input.note
    )
    return WorkshopPayload(workshop=WorkshopType.of(workshop))


@strawberry.type
class WorkshopMutations:
    @strawberry.mutation
    async def schedule_workshop(
        self, info: TrainingInfo, input: ScheduleWorkshopInput
    ) -> WorkshopPayload:
        new = NewWorkshop(
            kind=input.kind,
            title=input.title,
            city=input.city,
            country=input.country,
            starts_on=input.starts_on,
            ends_on=input.ends_on,
            capacity=input.capacity,
            network_id=str(input.network_id) if input.network_id is not None else None,
            cohort_id=str(input.cohort_id) if input.cohort_id is not None else None,
            costs=_cost_lines(input.costs),
        )
        workshop = await commands.schedule_workshop(repos(info), caller(info), new)
        return WorkshopPayload(workshop=WorkshopType.of(workshop))

    @strawberry.mutation
    async def update_workshop(
        self, info: TrainingInfo, input: UpdateWorkshopInput
    ) -> WorkshopPayload:
        workshop = await commands.update_workshop(
            repos(info),
            caller(info),
            str(input.id),
            input.version,
            title=input.title,
            city=input.city,
            capacity=input.capacity,
        )
        return WorkshopPayload(workshop=WorkshopType.of(workshop))

    @strawberry.mutation
    async def record_workshop_costs(
        self, info: TrainingInfo, input: RecordWorkshopCostsInput
    ) -> WorkshopPayload:
        workshop = await commands.record_workshop_costs(
            repos(info), caller(info), str(input.id), input.version, _cost_lines(input.costs)
        )
        return WorkshopPayload(workshop=WorkshopType.of(workshop))

    complete_workshop: WorkshopPayload = strawberry.mutation(
        resolver=_complete_workshop,
        description="The workshop took place: attendance and costs are final",
    )

    cancel_workshop: WorkshopPayload = strawberry.mutation(
        resolver=_cancel_workshop,
        description="Cancels the workshop; its registrations are withdrawn",
    )
