"""Queries and mutations of partnerships and their steering group."""

from __future__ import annotations

import strawberry

from services.common.countries import country_code
from services.common.mongo import Document
from services.common.pagination import Connection
from services.common.query_fields import by_id_field, page_field, store_page
from services.common.validation import search_pattern

from ..commands import partnerships as commands
from .context import PartnershipsInfo, caller, partnership_loader, repos, today
from .inputs import (
    ChangePartnershipStatusInput,
    CreatePartnershipInput,
    PartnershipFilter,
    SetSteeringGroupInput,
    UpdatePartnershipInput,
)
from .types import PartnershipPayload, PartnershipType


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
    partnership: PartnershipType | None = by_id_field(
        lambda info, id: partnership_loader(info).load(id), PartnershipType.of
    )
    partnerships: Connection[PartnershipType] = page_field(
        PartnershipFilter,
        store_page(
            lambda info: repos(info).partnerships,
            partnership_query,
            sort=["title"],
            of=PartnershipType.of,
        ),
    )


@strawberry.type
class PartnershipMutations:
    @strawberry.mutation
    async def create_partnership(
        self, info: PartnershipsInfo, input: CreatePartnershipInput
    ) -> PartnershipPayload:
        partnership = await commands.create_partnership(
            repos(info),
            caller(info),
            title=input.title,
            swedish_partner_id=str(input.swedish_partner_id),
            partner_ids=[str(i) for i in input.partner_ids],
            themes=input.themes,
            focus=input.focus,
            started_on=input.started_on,
        )
        return PartnershipPayload(partnership=PartnershipType.of(partnership))

    @strawberry.mutation
    async def update_partnership(
        self, info: PartnershipsInfo, input: UpdatePartnershipInput
    ) -> PartnershipPayload:
        partnership = await commands.update_partnership(
            repos(info),
            caller(info),
            str(input.id),
            input.version,
            title=input.title,
            themes=input.themes,
            focus=input.focus,
        )
        return PartnershipPayload(partnership=PartnershipType.of(partnership))

    @strawberry.mutation
    async def change_partnership_status(
        self, info: PartnershipsInfo, input: ChangePartnershipStatusInput
    ) -> PartnershipPayload:
        partnership = await commands.change_partnership_status(
            repos(info),
            caller(info),
            str(input.id),
            input.version,
            status=input.status,
            note=input.note,
            today=today(),
        )
        return PartnershipPayload(partnership=PartnershipType.of(partnership))

    @strawberry.mutation
    async def set_steering_group(
        self, info: PartnershipsInfo, input: SetSteeringGroupInput
    ) -> PartnershipPayload:
        partnership = await commands.set_steering_group(
            repos(info),
            caller(info),
            str(input.partnership_id),
            input.version,
            [str(i) for i in input.person_ids],
        )
        return PartnershipPayload(partnership=PartnershipType.of(partnership))
