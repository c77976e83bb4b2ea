"""GraphQL types, queries and mutations for visits, and the partnership's meeting compliance.

Participants are exposed as ids and as `Person`, whose own rules govern personal data.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Annotated, Protocol

import strawberry
from strawberry.dataloader import DataLoader

from services.common.audit import AuditEntryType
from services.common.idempotency import new_id
from services.common.inputs import CheckedInput
from services.common.mongo import Document
from services.common.pagination import Connection, paginate

from ..domain.partnership import Partnership
from ..domain.visit import (
    MAX_PARTICIPANTS,
    Visit,
    VisitStatus,
    cancel,
    check_year,
    complete,
    meeting_compliance,
    plan,
    plan_visit,
    replan,
    year_range,
)
from ..repositories import Repositories
from .context import PartnershipsInfo, caller, repos, require_acts_for_partnership, today
from .organisations import OrganisationType, load_organisation, organisation_loader
from .people import PersonType, person_loader

if TYPE_CHECKING:
    from .partnerships import PartnershipType

strawberry.enum(VisitStatus)

PARTNERSHIP_TYPE = "services.partnerships.api.partnerships"


@strawberry.federation.type(name="Visit", keys=["id"])
class VisitType:
    id: strawberry.ID
    partnership_id: strawberry.ID
    host_organisation_id: strawberry.ID
    host_country: str = strawberry.field(description="ISO 3166-1 alpha-2 of the host")
    starts_on: date
    ends_on: date
    participant_ids: list[strawberry.ID]
    purpose: str
    status: VisitStatus
    version: int
    audit_trail: list[AuditEntryType]

    @strawberry.field
    async def partnership(
        self, info: PartnershipsInfo
    ) -> Annotated[PartnershipType, strawberry.lazy(PARTNERSHIP_TYPE)] | None:
        from .partnerships import PartnershipType, partnership_loader

        found = await partnership_loader(info).load(str(self.partnership_id))
        return None if found is None else PartnershipType.of(found)

    @strawberry.field
    async def host_organisation(self, info: PartnershipsInfo) -> OrganisationType | None:
        return await load_organisation(info, str(self.host_organisation_id))

    @strawberry.field
    async def participants(self, info: PartnershipsInfo) -> list[PersonType]:
        # Personal data as the Person type shows it to this caller (staff, own organisation).
        found = await person_loader(info).load_many([str(i) for i in self.participant_ids])
        viewer = info.context.principal
        return [PersonType.of(p, viewer) for p in found if p is not None]

    @classmethod
    def of(cls, visit: Visit) -> VisitType:
        return cls(
            id=strawberry.ID(visit.id),
            partnership_id=strawberry.ID(visit.partnership_id),
            host_organisation_id=strawberry.ID(visit.host_organisation_id),
            host_country=visit.host_country,
            starts_on=visit.starts_on,
            ends_on=visit.ends_on,
            participant_ids=[strawberry.ID(i) for i in visit.participant_ids],
            purpose=visit.purpose,
            status=visit.status,
            version=visit.version,
            audit_trail=[AuditEntryType.of(e) for e in visit.audit],
        )

    @classmethod
    async def resolve_reference(cls, info: PartnershipsInfo, id: strawberry.ID) -> VisitType | None:
        found = await visit_loader(info).load(str(id))
        return None if found is None else cls.of(found)


def visit_loader(info: PartnershipsInfo) -> DataLoader[str, Visit | None]:
    return info.context.loader("visits", repos(info).visits.get_many)


def _starts_in(year: int, field: str) -> Document:
    first, last = year_range(check_year(year, field))
    return {"$gte": first.isoformat(), "$lte": last.isoformat()}


# --- meeting compliance on Partnership --------------------------------------------------


@strawberry.type(name="MeetingCompliance")
class MeetingComplianceType:
    year: int
    completed_visits: int = strawberry.field(description="Completed visits starting that year")
    host_organisation_ids: list[strawberry.ID] = strawberry.field(
        description="Hosts of those visits, in the order they first hosted"
    )
    compliant: bool = strawberry.field(
        description="At least two completed visits, hosted by at least two different partners"
    )
    reason: str | None = strawberry.field(description="Why not, when not compliant")


def compliance_key(year: int, partnership_id: str) -> str:
    return f"{year}/{partnership_id}"


def completed_visits_loader(info: PartnershipsInfo) -> DataLoader[str, list[Visit] | None]:
    """Completed visits per (year, partnership): one query per year asked for in a request."""
    store = repos(info).visits

    async def load_many(keys: Sequence[str]) -> dict[str, list[Visit]]:
        by_year: dict[int, list[str]] = {}
        for key in keys:
            year_text, _, partnership_id = key.partition("/")
            by_year.setdefault(int(year_text), []).append(partnership_id)
        found: dict[str, list[Visit]] = {key: [] for key in keys}
        for year, partnership_ids in by_year.items():
            query: Document = {
                "partnership_id": {"$in": partnership_ids},
                "status": VisitStatus.COMPLETED.value,
                "starts_on": _starts_in(year, "year"),
            }
            async for doc in store.collection.find(query):
                visit = store.load(doc)
                found[compliance_key(year, visit.partnership_id)].append(visit)
        return found

    return info.context.loader("completed-visits", load_many)


class _Identified(Protocol):
    @property
    def id(self) -> strawberry.ID: ...


async def partnership_meeting_compliance(
    root: _Identified, info: PartnershipsInfo, year: int
) -> MeetingComplianceType:
    visits = await completed_visits_loader(info).load(
        compliance_key(check_year(year), str(root.id))
    )
    hosts = sorted({v.host_organisation_id for v in visits or []})
    organisations = await organisation_loader(info).load_many(hosts)
    names = {o.id: o.name for o in organisations if o is not None}
    result = meeting_compliance(year, visits or [], names)
    return MeetingComplianceType(
        year=result.year,
        completed_visits=result.completed_visits,
        host_organisation_ids=[strawberry.ID(i) for i in result.host_organisation_ids],
        compliant=result.compliant,
        reason=result.reason,
    )


async def partnership_visits(
    root: _Identified,
    info: PartnershipsInfo,
    first: int | None = 20,
    after: str | None = None,
    status: VisitStatus | None = None,
    year: int | None = None,
) -> Connection[VisitType]:
    query: Document = {"partnership_id": str(root.id)}
    if status is not None:
        query["status"] = status.value
    if year is not None:
        query["starts_on"] = _starts_in(year, "year")
    return await _page(repos(info), query, first, after)


async def _page(
    stores: Repositories, query: Document, first: int | None, after: str | None
) -> Connection[VisitType]:
    store = stores.visits
    return await paginate(
        store.collection,
        query,
        sort=["starts_on"],
        first=first,
        after=after,
        to_node=lambda doc: VisitType.of(store.load(doc)),
    )


# --- queries and mutations ----------------------------------------------------------------


@strawberry.input
class VisitFilter(CheckedInput):
    partnership_id: strawberry.ID | None = None
    status: VisitStatus | None = None
    year: int | None = strawberry.field(default=None, description="Visits starting that year")
    host_organisation_id: strawberry.ID | None = None


@strawberry.input
class PlanVisitInput(CheckedInput):
    partnership_id: strawberry.ID
    host_organisation_id: strawberry.ID
    starts_on: date
    ends_on: date
    participant_ids: list[strawberry.ID]
    purpose: str


@strawberry.input
class UpdateVisitInput(CheckedInput):
    id: strawberry.ID
    version: int
    host_organisation_id: strawberry.ID | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    participant_ids: list[strawberry.ID] | None = None
    purpose: str | None = None


@strawberry.input
class CompleteVisitInput(CheckedInput):
    id: strawberry.ID
    version: int
    note: str | None = None


@strawberry.input
class CancelVisitInput(CheckedInput):
    id: strawberry.ID
    version: int
    note: str = strawberry.field(description="Why the visit will not take place")


@strawberry.type
class VisitPayload:
    visit: VisitType


def _filter_query(where: VisitFilter | None) -> Document:
    query: Document = {}
    if where is None:
        return query
    if where.partnership_id is not None:
        query["partnership_id"] = str(where.partnership_id)
    if where.status is not None:
        query["status"] = where.status.value
    if where.year is not None:
        query["starts_on"] = _starts_in(where.year, "filter.year")
    if where.host_organisation_id is not None:
        query["host_organisation_id"] = str(where.host_organisation_id)
    return query


@strawberry.type
class VisitQueries:
    @strawberry.field
    async def visit(self, info: PartnershipsInfo, id: strawberry.ID) -> VisitType | None:
        caller(info)
        found = await visit_loader(info).load(str(id))
        return None if found is None else VisitType.of(found)

    @strawberry.field
    async def visits(
        self,
        info: PartnershipsInfo,
        first: int | None = 20,
        after: str | None = None,
        filter: Annotated[VisitFilter | None, strawberry.argument(name="filter")] = None,
    ) -> Connection[VisitType]:
        caller(info)
        return await _page(repos(info), _filter_query(filter), first, after)


async def _authorised_partnership(info: PartnershipsInfo, visit: Visit) -> Partnership:
    principal = caller(info)
    partnership = await repos(info).partnerships.require(visit.partnership_id, "partnershipId")
    require_acts_for_partnership(principal, partnership)
    return partnership


def _ids(values: Sequence[strawberry.ID]) -> list[str]:
    return [str(v) for v in values]


@strawberry.type
class VisitMutations:
    @strawberry.mutation
    async def plan_visit(self, info: PartnershipsInfo, input: PlanVisitInput) -> VisitPayload:
        principal = caller(info)
        stores = repos(info)
        partnership = await stores.partnerships.require(str(input.partnership_id), "partnershipId")
        require_acts_for_partnership(principal, partnership)
        participant_ids = _ids(input.participant_ids)
        # More than the maximum is refused before the lookup is needed.
        organisations = await stores.organisations.get_many([str(input.host_organisation_id)])
        people = await stores.people.get_many(participant_ids[: MAX_PARTICIPANTS + 1])
        details = plan(
            partnership=partnership,
            host_organisation_id=str(input.host_organisation_id),
            starts_on=input.starts_on,
            ends_on=input.ends_on,
            participant_ids=participant_ids,
            purpose=input.purpose,
            organisations=organisations,
            people=people,
        )
        visit, events = plan_visit(new_id(), partnership, details, principal.sub)
        visit = await stores.visits.create(visit, events)
        return VisitPayload(visit=VisitType.of(visit))

    @strawberry.mutation
    async def update_visit(self, info: PartnershipsInfo, input: UpdateVisitInput) -> VisitPayload:
        principal = caller(info)
        stores = repos(info)
        visit = await stores.visits.require(str(input.id))
        partnership = await _authorised_partnership(info, visit)
        host_id = (
            visit.host_organisation_id
            if input.host_organisation_id is None
            else str(input.host_organisation_id)
        )
        participant_ids = (
            visit.participant_ids if input.participant_ids is None else _ids(input.participant_ids)
        )
        organisations = await stores.organisations.get_many([host_id])
        people = await stores.people.get_many(participant_ids[: MAX_PARTICIPANTS + 1])
        change = replan(
            principal.sub,
            visit,
            partnership,
            host_organisation_id=host_id,
            starts_on=input.starts_on,
            ends_on=input.ends_on,
            participant_ids=participant_ids,
            purpose=input.purpose,
            organisations=organisations,
            people=people,
        )
        updated = await stores.visits.update(visit.id, change, input.version)
        return VisitPayload(visit=VisitType.of(updated))

    @strawberry.mutation
    async def complete_visit(
        self, info: PartnershipsInfo, input: CompleteVisitInput
    ) -> VisitPayload:
        principal = caller(info)
        stores = repos(info)
        visit = await stores.visits.require(str(input.id))
        await _authorised_partnership(info, visit)
        host = await stores.organisations.require(visit.host_organisation_id, "hostOrganisationId")
        change = complete(principal.sub, visit, host.country, today(), input.note)
        updated = await stores.visits.update(visit.id, change, input.version)
        return VisitPayload(visit=VisitType.of(updated))

    @strawberry.mutation
    async def cancel_visit(self, info: PartnershipsInfo, input: CancelVisitInput) -> VisitPayload:
        principal = caller(info)
        stores = repos(info)
        visit = await stores.visits.require(str(input.id))
        await _authorised_partnership(info, visit)
        host = await stores.organisations.require(visit.host_organisation_id, "hostOrganisationId")
        change = cancel(principal.sub, visit, host.country, input.note)
        updated = await stores.visits.update(visit.id, change, input.version)
        return VisitPayload(visit=VisitType.of(updated))
