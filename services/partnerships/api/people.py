"""Queries and mutations of people (their personal data as `Person` shows it)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from services.common.mongo import Document
from services.common.pagination import Connection, paginate

from ..commands import people as commands
from ..commands.people import ProfileFields
from .context import PartnershipsInfo, caller, person_loader, repos
from .inputs import CreatePersonInput, PersonFilter, PersonProfileInput, UpdatePersonInput
from .types import PersonPayload, PersonType


def _profile(data: PersonProfileInput) -> ProfileFields:
    return ProfileFields(
        given_name=data.given_name,
        family_name=data.family_name,
        gender=data.gender,
        role=data.role,
        political_side=data.political_side,
        senior=data.senior,
        position=data.position,
        email=data.email,
        phone=data.phone,
    )


@strawberry.type
class PersonQueries:
    @strawberry.field
    async def person(self, info: PartnershipsInfo, id: strawberry.ID) -> PersonType | None:
        principal = caller(info)
        found = await person_loader(info).load(str(id))
        return None if found is None else PersonType.of(found, principal)

    @strawberry.field
    async def people(
        self,
        info: PartnershipsInfo,
        first: int | None = 20,
        after: str | None = None,
        filter: Annotated[PersonFilter | None, strawberry.argument(name="filter")] = None,
    ) -> Connection[PersonType]:
        principal = caller(info)
        query: Document = {}
        if filter is not None and filter.organisation_id is not None:
            query["organisation_id"] = str(filter.organisation_id)
        if filter is not None and filter.role is not None:
            query["role"] = filter.role.value
        store = repos(info).people
        return await paginate(
            store.collection,
            query,
            sort=["organisation_id"],
            first=first,
            after=after,
            to_node=lambda doc: PersonType.of(store.load(doc), principal),
        )


@strawberry.type
class PersonMutations:
    @strawberry.mutation
    async def create_person(
        self, info: PartnershipsInfo, input: CreatePersonInput
    ) -> PersonPayload:
        principal = caller(info)
        person = await commands.create_person(
            repos(info), principal, str(input.organisation_id), _profile(input.profile)
        )
        return PersonPayload(person=PersonType.of(person, principal))

    @strawberry.mutation
    async def update_person(
        self, info: PartnershipsInfo, input: UpdatePersonInput
    ) -> PersonPayload:
        principal = caller(info)
        person = await commands.update_person(
            repos(info), principal, str(input.id), input.version, _profile(input.profile)
        )
        return PersonPayload(person=PersonType.of(person, principal))
