"""People: politicians, civil servants and CSO members acting for an organisation."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from services.common.audit import Audited
from services.common.errors import BadUserInput
from services.common.validation import clean_text

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class PersonRole(StrEnum):
    POLITICIAN = "politician"
    CIVIL_SERVANT = "civil_servant"
    CSO_MEMBER = "cso_member"


class PoliticalSide(StrEnum):
    MAJORITY = "majority"
    OPPOSITION = "opposition"


class Gender(StrEnum):
    WOMAN = "woman"
    MAN = "man"
    NON_BINARY = "non_binary"
    UNDISCLOSED = "undisclosed"


class Person(Audited):
    organisation_id: str
    given_name: str
    family_name: str
    gender: Gender
    role: PersonRole
    political_side: PoliticalSide | None = None
    senior: bool = False
    """A senior civil servant or manager (counts for the steering group)."""
    position: str = ""
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Profile:
    """The validated, editable part of a person."""

    given_name: str
    family_name: str
    gender: Gender
    role: PersonRole
    political_side: PoliticalSide | None
    senior: bool
    position: str
    email: str | None
    phone: str | None


def profile(
    *,
    given_name: str,
    family_name: str,
    gender: Gender,
    role: PersonRole,
    political_side: PoliticalSide | None,
    senior: bool,
    position: str,
    email: str | None,
    phone: str | None,
) -> Profile:
    if role is PersonRole.POLITICIAN and political_side is None:
        raise BadUserInput(
            "a politician is of the majority or the opposition", field="politicalSide"
        )
    if role is not PersonRole.POLITICIAN and political_side is not None:
        raise BadUserInput("only politicians have a political side", field="politicalSide")
    mail = clean_text(email, "email", max_length=254) if email else None
    if mail is not None and not _EMAIL.match(mail):
        raise BadUserInput(f"{email!r} is not an e-mail address", field="email")
    return Profile(
        given_name=clean_text(given_name, "givenName", max_length=100),
        family_name=clean_text(family_name, "familyName", max_length=100),
        gender=gender,
        role=role,
        political_side=political_side,
        senior=senior,
        position=clean_text(position, "position", required=False),
        email=mail,
        phone=clean_text(phone, "phone", max_length=40) if phone else None,
    )


def register(person_id: str, organisation_id: str, details: Profile, actor: str) -> Person:
    person = Person(id=person_id, version=1, organisation_id=organisation_id, **vars(details))
    person.record(actor, "registered")
    return person


def change_profile(actor: str, details: Profile) -> Callable[[Person], None]:
    def apply(person: Person) -> None:
        for key, value in vars(details).items():
            setattr(person, key, value)
        person.record(actor, "profile changed")

    return apply
