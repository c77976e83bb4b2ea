"""GraphQL types, queries and mutations for people.

Names, gender and contact details are personal data: only staff and the person's own
organisation see them; everyone else sees null there (role and position are public).
"""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.dataloader import DataLoader

from services.common.audit import AuditEntryType
from services.common.auth import Principal
from services.common.errors import NotFound
from services.common.idempotency import new_id
from services.common.inputs import CheckedInput
from services.common.mongo import Document
from services.common.pagination import Connection, paginate

from ..domain.person import (
    Gender,
    Person,
    PersonRole,
    PoliticalSide,
    Profile,
    change_profile,
    profile,
    register,
)
from .context import PartnershipsInfo, caller, repos
from .organisations import OrganisationType, load_organisation

strawberry.enum(PersonRole)
strawberry.enum(PoliticalSide)
strawberry.enum(Gender)


def may_see_personal_data(principal: Principal | None, person: Person) -> bool:
    return principal is not None and (principal.is_staff or principal.org == person.organisation_id)


@strawberry.federation.type(name="Person", keys=["id"])
class PersonType:
    id: strawberry.ID
    organisation_id: strawberry.ID
    role: PersonRole
    political_side: PoliticalSide | None
    senior: bool
    position: str
    version: int
    given_name: str | None = strawberry.field(
        description="Personal data: staff and own organisation"
    )
    family_name: str | None = strawberry.field(
        description="Personal data: staff and own organisation"
    )
    gender: Gender | None = strawberry.field(
        description="Personal data: staff and own organisation"
    )
    email: str | None = strawberry.field(description="Personal data: staff and own organisation")
    phone: str | None = strawberry.field(description="Personal data: staff and own organisation")
    audit_trail: list[AuditEntryType] | None = strawberry.field(
        description="Staff and own organisation"
    )

    @strawberry.field
    async def organisation(self, info: PartnershipsInfo) -> OrganisationType | None:
        return await load_organisation(info, str(self.organisation_id))

    @classmethod
    def of(cls, person: Person, viewer: Principal | None) -> PersonType:
        personal = may_see_personal_data(viewer, person)
        return cls(
            id=strawberry.ID(person.id),
            organisation_id=strawberry.ID(person.organisation_id),
            role=person.role,
            political_side=person.political_side,
            senior=person.senior,
            position=person.position,
            version=person.version,
            given_name=person.given_name if personal else None,
            family_name=person.family_name if personal else None,
            gender=person.gender if personal else None,
            email=person.email if personal else None,
            phone=person.phone if personal else None,
            audit_trail=[AuditEntryType.of(e) for e in person.audit] if personal else None,
        )

    @classmethod
    async def resolve_reference(
        cls, info: PartnershipsInfo, id: strawberry.ID
    ) -> PersonType | None:
        person = await person_loader(info).load(str(id))
        return None if person is None else cls.of(person, info.context.principal)


def person_loader(info: PartnershipsInfo) -> DataLoader[str, Person | None]:
    return info.context.loader("people", repos(info).people.get_many)


@strawberry.input
class PersonFilter(CheckedInput):
    organisation_id: strawberry.ID | None = None
    role: PersonRole | None = None


@strawberry.input
class PersonProfileInput(CheckedInput):
    given_name: str
    family_name: str
    gender: Gender
    role: PersonRole
    political_side: PoliticalSide | None = None
    senior: bool = False
    position: str = ""
    email: str | None = None
    phone: str | None = None


@strawberry.input
class CreatePersonInput(CheckedInput):
    organisation_id: strawberry.ID
    profile: PersonProfileInput


@strawberry.input
class UpdatePersonInput(CheckedInput):
    id: strawberry.ID
    version: int
    profile: PersonProfileInput


@strawberry.type
class PersonPayload:
    person: PersonType


def _profile(data: PersonProfileInput) -> Profile:
    return profile(
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
        org_id = str(input.organisation_id)
        principal.require_acts_for(org_id)
        details = _profile(input.profile)
        if await repos(info).organisations.get(org_id) is None:
            raise NotFound(f"organisation {org_id!r} does not exist", field="organisationId")
        person, events = register(new_id(), org_id, details, principal.sub)
        person = await repos(info).people.create(person, events)
        return PersonPayload(person=PersonType.of(person, principal))

    @strawberry.mutation
    async def update_person(
        self, info: PartnershipsInfo, input: UpdatePersonInput
    ) -> PersonPayload:
        principal = caller(info)
        current = await repos(info).people.require(str(input.id))
        principal.require_acts_for(current.organisation_id)
        change = change_profile(principal.sub, _profile(input.profile))
        person = await repos(info).people.update(str(input.id), change, input.version)
        return PersonPayload(person=PersonType.of(person, principal))
