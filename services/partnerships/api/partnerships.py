"""GraphQL types, queries and mutations for partnerships and their steering group."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from strawberry.dataloader import DataLoader

from services.common.audit import AuditEntryType
from services.common.auth import STAFF
from services.common.countries import country_code
from services.common.errors import BadUserInput
from services.common.idempotency import new_id
from services.common.inputs import CheckedInput
from services.common.mongo import Document
from services.common.pagination import Connection, paginate
from services.common.validation import search_pattern
from services.common.vocabulary import Theme

from ..domain.partnership import (
    Partnership,
    PartnershipKind,
    PartnershipStatus,
    SteeringGroupMember,
    change_details,
    change_status,
    register,
    set_steering_group,
    steering_group_gaps,
)
from ..domain.person import PersonRole, PoliticalSide
from .applications import ApplicationType, partnership_applications
from .context import PartnershipsInfo, caller, repos, require_acts_for_partnership, today
from .organisations import OrganisationType, load_organisation, organisation_loader
from .people import PersonType, person_loader
from .visits import (
    MeetingComplianceType,
    VisitType,
    partnership_meeting_compliance,
    partnership_visits,
)

strawberry.enum(PartnershipStatus)
strawberry.enum(PartnershipKind)
strawberry.enum(Theme)


@strawberry.type(name="SteeringGroupMember")
class SteeringGroupMemberType:
    person_id: strawberry.ID
    organisation_id: strawberry.ID
    role: PersonRole
    political_side: PoliticalSide | None
    senior: bool

    @strawberry.field
    async def person(self, info: PartnershipsInfo) -> PersonType | None:
        person = await person_loader(info).load(str(self.person_id))
        return None if person is None else PersonType.of(person, info.context.principal)

    @strawberry.field
    async def organisation(self, info: PartnershipsInfo) -> OrganisationType | None:
        return await load_organisation(info, str(self.organisation_id))

    @classmethod
    def of(cls, member: SteeringGroupMember) -> SteeringGroupMemberType:
        return cls(
            person_id=strawberry.ID(member.person_id),
            organisation_id=strawberry.ID(member.organisation_id),
            role=member.role,
            political_side=member.political_side,
            senior=member.senior,
        )


async def _steering_group_gaps(root: PartnershipType, info: PartnershipsInfo) -> list[str]:
    partnership = await partnership_loader(info).load(str(root.id))
    if partnership is None:
        return []
    ids = [m.person_id for m in partnership.steering_group]
    found = await person_loader(info).load_many(ids)
    people = {p.id: p for p in found if p is not None}
    return steering_group_gaps(partnership, people)


@strawberry.federation.type(name="Partnership", keys=["id"])
class PartnershipType:
    id: strawberry.ID
    title: str
    kind: PartnershipKind
    status: PartnershipStatus
    themes: list[Theme]
    focus: str
    countries: list[str]
    started_on: date
    closed_on: date | None
    version: int
    swedish_partner_id: strawberry.ID
    partner_ids: list[strawberry.ID]
    steering_group: list[SteeringGroupMemberType]
    audit_trail: list[AuditEntryType]

    @strawberry.field
    async def swedish_partner(self, info: PartnershipsInfo) -> OrganisationType | None:
        return await load_organisation(info, str(self.swedish_partner_id))

    @strawberry.field
    async def partners(self, info: PartnershipsInfo) -> list[OrganisationType]:
        found = await organisation_loader(info).load_many([str(i) for i in self.partner_ids])
        return [OrganisationType.of(o) for o in found if o is not None]

    steering_group_gaps: list[str] = strawberry.field(
        resolver=_steering_group_gaps,
        description="What the steering group lacks for a project application",
    )
    meeting_compliance: MeetingComplianceType = strawberry.field(
        resolver=partnership_meeting_compliance,
        description="Whether the partners met at least twice in the year, visiting each other",
    )
    visits: Connection[VisitType] = strawberry.field(resolver=partnership_visits)
    applications: Connection[ApplicationType] = strawberry.field(
        resolver=partnership_applications, description="The partnership's applications"
    )

    @classmethod
    def of(cls, partnership: Partnership) -> PartnershipType:
        return cls(
            id=strawberry.ID(partnership.id),
            title=partnership.title,
            kind=partnership.kind,
            status=partnership.status,
            themes=partnership.themes,
            focus=partnership.focus,
            countries=partnership.countries,
            started_on=partnership.started_on,
            closed_on=partnership.closed_on,
            version=partnership.version,
            swedish_partner_id=strawberry.ID(partnership.swedish_partner_id),
            partner_ids=[strawberry.ID(i) for i in partnership.partner_ids],
            steering_group=[SteeringGroupMemberType.of(m) for m in partnership.steering_group],
            audit_trail=[AuditEntryType.of(e) for e in partnership.audit],
        )

    @classmethod
    async def resolve_reference(
        cls, info: PartnershipsInfo, id: strawberry.ID
    ) -> PartnershipType | None:
        found = await partnership_loader(info).load(str(id))
        return None if found is None else cls.of(found)


def partnership_loader(info: PartnershipsInfo) -> DataLoader[str, Partnership | None]:
    return info.context.loader("partnerships", repos(info).partnerships.get_many)


@strawberry.input
class PartnershipFilter(CheckedInput):
    country: str | None = strawberry.field(default=None, description="Any partner's country")
    theme: Theme | None = None
    status: PartnershipStatus | None = None
    swedish_partner_id: strawberry.ID | None = None
    organisation_id: strawberry.ID | None = strawberry.field(
        default=None, description="Partnerships this organisation takes part in"
    )
    search: str | None = strawberry.field(default=None, description="Part of the title")


@strawberry.input
class CreatePartnershipInput(CheckedInput):
    title: str
    swedish_partner_id: strawberry.ID
    partner_ids: list[strawberry.ID]
    themes: list[Theme]
    focus: str = ""
    started_on: date


@strawberry.input
class UpdatePartnershipInput(CheckedInput):
    id: strawberry.ID
    version: int
    title: str | None = None
    themes: list[Theme] | None = None
    focus: str | None = None


@strawberry.input
class ChangePartnershipStatusInput(CheckedInput):
    id: strawberry.ID
    version: int
    status: PartnershipStatus
    note: str | None = None


@strawberry.input
class SetSteeringGroupInput(CheckedInput):
    partnership_id: strawberry.ID
    version: int
    person_ids: list[strawberry.ID]


@strawberry.type
class PartnershipPayload:
    partnership: PartnershipType


def partnership_query(where: PartnershipFilter | None) -> Document:
    query: Document = {}
    if where is None:
        return query
    if where.country is not None:
        # `$in` on array fields: the embedded server misses element equality on an indexed
        # array (multikey) field; `$in` means the same on every MongoDB.
        query["countries"] = {"$in": [country_code(where.country, "filter.country")]}
    if where.theme is not None:
        query["themes"] = {"$in": [where.theme.value]}
    if where.status is not None:
        query["status"] = where.status.value
    if where.swedish_partner_id is not None:
        query["swedish_partner_id"] = str(where.swedish_partner_id)
    if where.organisation_id is not None:
        org = str(where.organisation_id)
        query["$or"] = [{"swedish_partner_id": org}, {"partner_ids": org}]
    if where.search is not None:
        query["title"] = {"$regex": search_pattern(where.search, "filter.search"), "$options": "i"}
    return query


@strawberry.type
class PartnershipQueries:
    @strawberry.field
    async def partnership(
        self, info: PartnershipsInfo, id: strawberry.ID
    ) -> PartnershipType | None:
        caller(info)
        found = await partnership_loader(info).load(str(id))
        return None if found is None else PartnershipType.of(found)

    @strawberry.field
    async def partnerships(
        self,
        info: PartnershipsInfo,
        first: int | None = 20,
        after: str | None = None,
        filter: Annotated[PartnershipFilter | None, strawberry.argument(name="filter")] = None,
    ) -> Connection[PartnershipType]:
        caller(info)
        store = repos(info).partnerships
        return await paginate(
            store.collection,
            partnership_query(filter),
            sort=["title"],
            first=first,
            after=after,
            to_node=lambda doc: PartnershipType.of(store.load(doc)),
        )


@strawberry.type
class PartnershipMutations:
    @strawberry.mutation
    async def create_partnership(
        self, info: PartnershipsInfo, input: CreatePartnershipInput
    ) -> PartnershipPayload:
        principal = caller(info)
        principal.require(*STAFF)
        org_ids = [str(input.swedish_partner_id), *(str(i) for i in input.partner_ids)]
        organisations = await repos(info).organisations.get_many(org_ids)
        partnership, events = register(
            new_id(),
            title=input.title,
            swedish_partner_id=str(input.swedish_partner_id),
            partner_ids=[str(i) for i in input.partner_ids],
            themes=input.themes,
            focus=input.focus,
            started_on=input.started_on,
            organisations=organisations,
            actor=principal.sub,
        )
        partnership = await repos(info).partnerships.create(partnership, events)
        return PartnershipPayload(partnership=PartnershipType.of(partnership))

    @strawberry.mutation
    async def update_partnership(
        self, info: PartnershipsInfo, input: UpdatePartnershipInput
    ) -> PartnershipPayload:
        principal = caller(info)
        store = repos(info).partnerships
        require_acts_for_partnership(principal, await store.require(str(input.id)))
        change = change_details(
            principal.sub, title=input.title, themes=input.themes, focus=input.focus
        )
        partnership = await store.update(str(input.id), change, input.version)
        return PartnershipPayload(partnership=PartnershipType.of(partnership))

    @strawberry.mutation
    async def change_partnership_status(
        self, info: PartnershipsInfo, input: ChangePartnershipStatusInput
    ) -> PartnershipPayload:
        principal = caller(info)
        principal.require(*STAFF)
        change = change_status(principal.sub, input.status, input.note, today())
        partnership = await repos(info).partnerships.update(str(input.id), change, input.version)
        return PartnershipPayload(partnership=PartnershipType.of(partnership))

    @strawberry.mutation
    async def set_steering_group(
        self, info: PartnershipsInfo, input: SetSteeringGroupInput
    ) -> PartnershipPayload:
        principal = caller(info)
        store = repos(info).partnerships
        require_acts_for_partnership(
            principal, await store.require(str(input.partnership_id), "partnershipId")
        )
        ids = [str(i) for i in input.person_ids]
        found = await repos(info).people.get_many(ids)
        missing = [i for i in ids if i not in found]
        if missing:
            raise BadUserInput(f"unknown people: {', '.join(missing)}", field="personIds")
        change = set_steering_group(principal.sub, [found[i] for i in ids])
        partnership = await store.update(str(input.partnership_id), change, input.version)
        return PartnershipPayload(partnership=PartnershipType.of(partnership))
