"""Queries and mutations of organisations."""

from __future__ import annotations

import strawberry

from services.common.countries import country_code
from services.common.mongo import Document
from services.common.pagination import Connection
from services.common.query_fields import by_id_field, page_field, store_page
from services.common.validation import search_pattern

from ..commands import organisations as commands
from .context import PartnershipsInfo, caller, organisation_loader, repos
from .inputs import CreateOrganisationInput, OrganisationFilter, UpdateOrganisationInput
from .types import OrganisationPayload, OrganisationType


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
    organisation: OrganisationType | None = by_id_field(
        lambda info, id: organisation_loader(info).load(id), OrganisationType.of
    )
    organisations: Connection[OrganisationType] = page_field(
        OrganisationFilter,
        store_page(
            lambda info: repos(info).organisations,
            _filter_query,
            sort=["name"],
            of=OrganisationType.of,
        ),
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
