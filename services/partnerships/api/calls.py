"""GraphQL types, queries and mutations for calls (application rounds)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from strawberry.dataloader import DataLoader

from services.common.audit import AuditEntryType
from services.common.auth import STAFF
from services.common.errors import BadUserInput
from services.common.idempotency import new_id
from services.common.inputs import CheckedInput
from services.common.mongo import Document
from services.common.pagination import Connection, paginate

from ..domain.call import (
    DEFAULT_PROGRAMME,
    ApplicationKind,
    Call,
    change_details,
    extend,
    open_call,
)
from .context import PartnershipsInfo, caller, repos, today

strawberry.enum(ApplicationKind, name="ApplicationKind")


@strawberry.federation.type(name="Call", keys=["id"], description="An application round")
class CallType:
    id: strawberry.ID
    title: str
    programme: str
    allowed_types: list[ApplicationKind]
    opens_on: date
    closes_on: date = strawberry.field(description="The deadline")
    extended_to: date | None = strawberry.field(description="The extended deadline, if any")
    open_until: date = strawberry.field(description="The last day: extension, else deadline")
    version: int
    audit_trail: list[AuditEntryType]
    _call: strawberry.Private[Call]

    @strawberry.field
    def is_open(self, on: date | None = None) -> bool:
        return self._call.is_open(on or today())

    @classmethod
    def of(cls, call: Call) -> CallType:
        return cls(
            id=strawberry.ID(call.id),
            title=call.title,
            programme=call.programme,
            allowed_types=call.allowed_types,
            opens_on=call.opens_on,
            closes_on=call.closes_on,
            extended_to=call.extended_to,
            open_until=call.open_until,
            version=call.version,
            audit_trail=[AuditEntryType.of(e) for e in call.audit],
            _call=call,
        )

    @classmethod
    async def resolve_reference(cls, info: PartnershipsInfo, id: strawberry.ID) -> CallType | None:
        found = await call_loader(info).load(str(id))
        return None if found is None else cls.of(found)


def call_loader(info: PartnershipsInfo) -> DataLoader[str, Call | None]:
    return info.context.loader("calls", repos(info).calls.get_many)


@strawberry.input
class CallFilter(CheckedInput):
    open_on: date | None = strawberry.field(default=None, description="Calls open on that day")
    year: int | None = strawberry.field(default=None, description="Calls opening in that year")


@strawberry.input
class CreateCallInput(CheckedInput):
    title: str
    programme: str = DEFAULT_PROGRAMME
    allowed_types: list[ApplicationKind]
    opens_on: date
    closes_on: date
    extended_to: date | None = None


@strawberry.input
class UpdateCallInput(CheckedInput):
    id: strawberry.ID
    version: int
    title: str | None = None
    programme: str | None = None
    allowed_types: list[ApplicationKind] | None = None
    opens_on: date | None = None
    closes_on: date | None = None


@strawberry.input
class ExtendCallInput(CheckedInput):
    id: strawberry.ID
    version: int
    extended_to: date
    note: str | None = None


@strawberry.type
class CallPayload:
    call: CallType


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
    @strawberry.field
    async def call(self, info: PartnershipsInfo, id: strawberry.ID) -> CallType | None:
        caller(info)
        found = await call_loader(info).load(str(id))
        return None if found is None else CallType.of(found)

    @strawberry.field
    async def calls(
        self,
        info: PartnershipsInfo,
        first: int | None = 20,
        after: str | None = None,
        filter: Annotated[CallFilter | None, strawberry.argument(name="filter")] = None,
    ) -> Connection[CallType]:
        caller(info)
        store = repos(info).calls
        return await paginate(
            store.collection,
            _filter_query(filter),
            sort=["opens_on"],
            first=first,
            after=after,
            to_node=lambda doc: CallType.of(store.load(doc)),
        )


@strawberry.type
class CallMutations:
    @strawberry.mutation
    async def create_call(self, info: PartnershipsInfo, input: CreateCallInput) -> CallPayload:
        principal = caller(info)
        principal.require(*STAFF)
        call = open_call(
            new_id(),
            title=input.title,
            programme=input.programme,
            allowed_types=input.allowed_types,
            opens_on=input.opens_on,
            closes_on=input.closes_on,
            extended_to=input.extended_to,
            actor=principal.sub,
        )
        call = await repos(info).calls.create(call)
        return CallPayload(call=CallType.of(call))

    @strawberry.mutation
    async def update_call(self, info: PartnershipsInfo, input: UpdateCallInput) -> CallPayload:
        principal = caller(info)
        principal.require(*STAFF)
        change = change_details(
            principal.sub,
            title=input.title,
            programme=input.programme,
            allowed_types=input.allowed_types,
            opens_on=input.opens_on,
            closes_on=input.closes_on,
        )
        call = await repos(info).calls.update(str(input.id), change, input.version)
        return CallPayload(call=CallType.of(call))

    @strawberry.mutation
    async def extend_call(self, info: PartnershipsInfo, input: ExtendCallInput) -> CallPayload:
        principal = caller(info)
        principal.require(*STAFF)
        change = extend(principal.sub, input.extended_to, input.note)
        call = await repos(info).calls.update(str(input.id), change, input.version)
        return CallPayload(call=CallType.of(call))
