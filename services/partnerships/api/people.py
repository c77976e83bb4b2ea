"""Queries and mutations of people (their personal data as `Person` shows it)."""

from __future__ import annotations

import strawberry

from services.common.mongo import Document
from services.common.pagination import Connection
from services.common.query_fields import page_field, viewer_page

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


async def _person(info: PartnershipsInfo, id: strawberry.ID) -> PersonType | None:
    principal = caller(info)
    found = await person_loader(info).load(str(id))
    return None if found is None else PersonType.of(found, principal)


def _filter_query(where: PersonFilter | None) -> Document:
    if where is None:
        return {}
    query: Document = {}
    if where.organisation_id is not None:
        query["organisation_id"] = str(where.organisation_id)
    if where.role is not None:
        query["role"] = where.role.value
    return query


@strawberry.type
class PersonQueries:
    person: PersonType | None = strawberry.field(resolver=_person)
    people: Connection[PersonType] = page_field(
        PersonFilter,
        viewer_page(
            lambda info: repos(info).people,
            _filter_query,
            sort=["organisation_id"],
            of=PersonType.of,
        ),
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
