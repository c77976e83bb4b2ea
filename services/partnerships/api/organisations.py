"""GraphQL types, queries and mutations for organisations."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.dataloader import DataLoader

from services.common.audit import AuditEntryType
from services.common.auth import STAFF
from services.common.countries import country_code
from services.common.idempotency import new_id
from services.common.inputs import CheckedInput
from services.common.mongo import Document
from services.common.pagination import Connection, paginate
from services.common.validation import search_pattern

from ..domain.organisation import Organisation, OrganisationKind, change_details, register
from .context import PartnershipsInfo, caller, repos

strawberry.enum(OrganisationKind)


@strawberry.federation.type(name="Organisation", keys=["id"])
class OrganisationType:
    id: strawberry.ID
    name: str
    kind: OrganisationKind
    country: str = strawberry.field(description="ISO 3166-1 alpha-2 (Kosovo: XK)")
    is_swedish: bool
    version: int
    audit_trail: list[AuditEntryType]

    @classmethod
    def of(cls, org: Organisation) -> OrganisationType:
        return cls(
            id=strawberry.ID(org.id),
            name=org.name,
            kind=org.kind,
            country=org.country,
            is_swedish=org.is_swedish,
            version=org.version,
            audit_trail=[AuditEntryType.of(e) for e in org.audit],
        )

    @classmethod
    async def resolve_reference(
        cls, info: PartnershipsInfo, id: strawberry.ID
    ) -> OrganisationType | None:
        org = await organisation_loader(info).load(str(id))
        return None if org is None else cls.of(org)


def organisation_loader(info: PartnershipsInfo) -> DataLoader[str, Organisation | None]:
    return info.context.loader("organisations", repos(info).organisations.get_many)


async def load_organisation(info: PartnershipsInfo, org_id: str) -> OrganisationType | None:
    org = await organisation_loader(info).load(org_id)
    return None if org is None else OrganisationType.of(org)


@strawberry.input
class OrganisationFilter(CheckedInput):
    country: str | None = None
    kind: OrganisationKind | None = None
    is_swedish: bool | None = None
    search: str | None = strawberry.field(default=None, description="Part of the name")


@strawberry.input
class CreateOrganisationInput(CheckedInput):
    name: str
    kind: OrganisationKind
    country: str


@strawberry.input
class UpdateOrganisationInput(CheckedInput):
    id: strawberry.ID
    version: int
    name: str | None = None
    kind: OrganisationKind | None = None
    country: str | None = None


@strawberry.type
class OrganisationPayload:
    organisation: OrganisationType


def _filter_query(where: OrganisationFilter | None) -> Document:
    query: Document = {}
    if where is None:
        return query
    if where.country is not None:
        query["country"] = country_code(where.country, "filter.country")
    if where.kind is not None:
        query["kind"] = where.kind.value
    if where.is_swedish is not None:
        query["country"] = "SE" if where.is_swedish else {"$ne": "SE"}
    if where.search is not None:
        query["name"] = {"$regex": search_pattern(where.search, "filter.search"), "$options": "i"}
    return query


@strawberry.type
class OrganisationQueries:
    @strawberry.field
    async def organisation(
        self, info: PartnershipsInfo, id: strawberry.ID
    ) -> OrganisationType | None:
        caller(info)
        return await load_organisation(info, str(id))

    @strawberry.field
    async def organisations(
        self,
        info: PartnershipsInfo,
        first: int | None = 20,
        after: str | None = None,
        filter: Annotated[OrganisationFilter | None, strawberry.argument(name="filter")] = None,
    ) -> Connection[OrganisationType]:
        caller(info)
        store = repos(info).organisations
        return await paginate(
            store.collection,
            _filter_query(filter),
            sort=["name"],
            first=first,
            after=after,
            to_node=lambda doc: OrganisationType.of(store.load(doc)),
        )


@strawberry.type
class OrganisationMutations:
    @strawberry.mutation
    async def create_organisation(
        self, info: PartnershipsInfo, input: CreateOrganisationInput
    ) -> OrganisationPayload:
        principal = caller(info)
        principal.require(*STAFF)
        org, events = register(new_id(), input.name, input.kind, input.country, principal.sub)
        org = await repos(info).organisations.create(org, events)
        return OrganisationPayload(organisation=OrganisationType.of(org))

    @strawberry.mutation
    async def update_organisation(
        self, info: PartnershipsInfo, input: UpdateOrganisationInput
    ) -> OrganisationPayload:
        principal = caller(info)
        principal.require_acts_for(str(input.id))
        change = change_details(principal.sub, input.name, input.kind, input.country)
        org = await repos(info).organisations.update(str(input.id), change, input.version)
        return OrganisationPayload(organisation=OrganisationType.of(org))
