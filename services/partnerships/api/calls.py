"""Queries and mutations of calls (application rounds)."""

from __future__ import annotations

import strawberry

from services.common.errors import BadUserInput
from services.common.mongo import Document
from services.common.pagination import Connection
from services.common.query_fields import by_id_field, page_field, store_page

from ..commands import calls as commands
from .context import PartnershipsInfo, call_loader, caller, repos
from .inputs import CallFilter, CreateCallInput, ExtendCallInput, UpdateCallInput
from .types import CallPayload, CallType


def _filter_query(where: CallFilter | None) -> Document:
    query: Document = {}
    if where is None:
        return query
    if where.open_on is not None:
        day = where.open_on.isoformat()  # dates are stored as ISO strings, which sort as dates
        query["opens_on"] = {"$lte": day}
        query["open_until"] = {"$gte": day}
    if where.year is not None:
        if not 1900 <= where.year <= 9999:
            raise BadUserInput("year is out of range", field="filter.year")
        opens = query.setdefault("opens_on", {})
        opens["$gte"] = max(opens.get("$gte", ""), f"{where.year:04d}-01-01")
        opens["$lte"] = min(opens.get("$lte", "9999-12-31"), f"{where.year:04d}-12-31")
    return query


@strawberry.type
class CallQueries:
    call: CallType | None = by_id_field(lambda info, id: call_loader(info).load(id), CallType.of)
    calls: Connection[CallType] = page_field(
        CallFilter,
        store_page(
            lambda info: repos(info).calls, _filter_query, sort=["opens_on"], of=CallType.of
        ),
    )


@strawberry.type
class CallMutations:
    @strawberry.mutation
    async def create_call(self, info: PartnershipsInfo, input: CreateCallInput) -> CallPayload:
        call = await commands.create_call(
            repos(info),
            caller(info),
            title=input.title,
            programme=input.programme,
            allowed_types=input.allowed_types,
            opens_on=input.opens_on,
            closes_on=input.closes_on,
            extended_to=input.extended_to,
        )
        return CallPayload(call=CallType.of(call))

    @strawberry.mutation
    async def update_call(self, info: PartnershipsInfo, input: UpdateCallInput) -> CallPayload:
        call = await commands.update_call(
            repos(info),
            caller(info),
            str(input.id),
            input.version,
            title=input.title,
            programme=input.programme,
            allowed_types=input.allowed_types,
            opens_on=input.opens_on,
            closes_on=input.closes_on,
        )
        return CallPayload(call=CallType.of(call))

    @strawberry.mutation
    async def extend_call(self, info: PartnershipsInfo, input: ExtendCallInput) -> CallPayload:
        call = await commands.extend_call(
            repos(info),
            caller(info),
            str(input.id),
            input.version,
            extended_to=input.extended_to,
            note=input.note,
        )
        return CallPayload(call=CallType.of(call))
