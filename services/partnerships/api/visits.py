"""Queries and mutations of visits (the meeting rule is a field of `Partnership`)."""

from __future__ import annotations

import strawberry

from services.common.mongo import Document
from services.common.pagination import Connection
from services.common.query_fields import by_id_field, page_field

from ..commands import visits as commands
from .context import PartnershipsInfo, caller, repos, starts_in, today, visit_loader
from .inputs import (
    CancelVisitInput,
    CompleteVisitInput,
    PlanVisitInput,
    UpdateVisitInput,
    VisitFilter,
)
from .types import VisitPayload, VisitType, visit_page


def _filter_query(where: VisitFilter | None) -> Document:
    query: Document = {}
    if where is None:
        return query
    if where.partnership_id is not None:
        query["partnership_id"] = str(where.partnership_id)
    if where.status is not None:
        query["status"] = where.status.value
    if where.year is not None:
        query["starts_on"] = starts_in(where.year, "filter.year")
    if where.host_organisation_id is not None:
        query["host_organisation_id"] = str(where.host_organisation_id)
    return query


@strawberry.type
class VisitQueries:
    visit: VisitType | None = by_id_field(
        lambda info, id: visit_loader(info).load(id), VisitType.of
    )
    visits: Connection[VisitType] = page_field(
        VisitFilter,
        lambda info, where, first, after: visit_page(
            repos(info), _filter_query(where), first, after
        ),
    )


@strawberry.type
class VisitMutations:
    @strawberry.mutation
    async def plan_visit(self, info: PartnershipsInfo, input: PlanVisitInput) -> VisitPayload:
        visit = await commands.plan_visit(
            repos(info),
            caller(info),
            partnership_id=str(input.partnership_id),
            host_organisation_id=str(input.host_organisation_id),
            starts_on=input.starts_on,
            ends_on=input.ends_on,
            participant_ids=[str(i) for i in input.participant_ids],
            purpose=input.purpose,
        )
        return VisitPayload(visit=VisitType.of(visit))

    @strawberry.mutation
    async def update_visit(self, info: PartnershipsInfo, input: UpdateVisitInput) -> VisitPayload:
        host = input.host_organisation_id
        participants = input.participant_ids
        visit = await commands.update_visit(
            repos(info),
            caller(info),
            str(input.id),
            input.version,
            host_organisation_id=None if host is None else str(host),
            starts_on=input.starts_on,
            ends_on=input.ends_on,
            participant_ids=None if participants is None else [str(i) for i in participants],
            purpose=input.purpose,
        )
        return VisitPayload(visit=VisitType.of(visit))

    @strawberry.mutation
    async def complete_visit(
        self, info: PartnershipsInfo, input: CompleteVisitInput
    ) -> VisitPayload:
        visit = await commands.complete_visit(
            repos(info), caller(info), str(input.id), input.version, note=input.note, today=today()
        )
        return VisitPayload(visit=VisitType.of(visit))

    @strawberry.mutation
    async def cancel_visit(self, info: PartnershipsInfo, input: CancelVisitInput) -> VisitPayload:
        visit = await commands.cancel_visit(
            repos(info), caller(info), str(input.id), input.version, note=input.note
        )
        return VisitPayload(visit=VisitType.of(visit))
