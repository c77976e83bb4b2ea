"""Registering people and changing their profile."""

from __future__ import annotations

from dataclasses import dataclass

from services.common.auth import Principal
from services.common.changes import announced
from services.common.errors import NotFound
from services.common.events.payloads import payload
from services.common.idempotency import new_id
from services.contracts.partnerships import PERSON_CREATED, PERSON_UPDATED, PersonV1

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
from ..repositories import Repositories


@dataclass(frozen=True)
class ProfileFields:
    """A person's profile as given, checked by the command once the caller may give it."""

    given_name: str
    family_name: str
    gender: Gender
    role: PersonRole
    political_side: PoliticalSide | None = None
    senior: bool = False
    position: str = ""
    email: str | None = None
    phone: str | None = None

    def checked(self) -> Profile:
        return profile(**vars(self))


def person_v1(person: Person) -> PersonV1:
    return payload(PersonV1, person)


async def create_person(
    repos: Repositories, actor: Principal, organisation_id: str, fields: ProfileFields
) -> Person:
    actor.require_acts_for(organisation_id)
    details = fields.checked()
    if await repos.organisations.get(organisation_id) is None:
        raise NotFound(f"organisation {organisation_id!r} does not exist", field="organisationId")
    person = register(new_id(), organisation_id, details, actor.sub)
    return await repos.people.create(person, [PERSON_CREATED.new(person.id, person_v1(person))])


async def update_person(
    repos: Repositories, actor: Principal, person_id: str, version: int, fields: ProfileFields
) -> Person:
    current = await repos.people.require(person_id)
    actor.require_acts_for(current.organisation_id)
    edit = change_profile(actor.sub, fields.checked())
    change = announced(edit, lambda person, _: [PERSON_UPDATED.new(person.id, person_v1(person))])
    return await repos.people.update(person_id, change, version)
