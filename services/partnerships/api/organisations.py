"""Queries and mutations of organisations."""

from __future__ import annotations

from typing import Annotated

import strawberry

from services.common.countries import country_code
from services.common.mongo import Document
from services.common.pagination import Connection, page_of
from services.common.validation import search_pattern

from ..commands import organisations as commands
from .context import PartnershipsInfo, caller, repos
from .inputs import CreateOrganisationInput, OrganisationFilter, UpdateOrganisationInput
from .types import OrganisationPayload, OrganisationType, load_organisation


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
        return await page_of(
            store,
            _filter_query(filter),
            sort=["name"],
            first=first,
            after=after,
            of=OrganisationType.of,
        )


@strawberry.type
class OrganisationMutations:
    @strawberry.mutation
    async def create_organisation(
        self, info: PartnershipsInfo, input: CreateOrganisationInput
    ) -> OrganisationPayload:
        org = await commands.create_organisation(
            repos(info), caller(info), name=input.name, kind=input.kind, country=input.country
        )
        return OrganisationPayload(organisation=OrganisationType.of(org))

    @strawberry.mutation
    async def update_organisation(
        self, info: PartnershipsInfo, input: UpdateOrganisationInput
    ) -> OrganisationPayload:
        org = await commands.update_organisation(
            repos(info),
            caller(info),
            str(input.id),
            input.version,
            name=input.name,
            kind=input.kind,
            country=input.country,
        )
        return OrganisationPayload(organisation=OrganisationType.of(org))
