"""Organisations, people and a partnership made through the commands, without HTTP."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from services.common.auth import Principal, Role
from services.common.vocabulary import Theme
from services.partnerships.commands import organisations, partnerships, people
from services.partnerships.commands.people import ProfileFields
from services.partnerships.domain.organisation import OrganisationKind
from services.partnerships.domain.person import Gender, PersonRole, PoliticalSide
from services.partnerships.repositories import Repositories

OFFICER = Principal(sub="officer", roles=frozenset({Role.OFFICER}))


def coordinator(org: str) -> Principal:
    return Principal(sub=f"coordinator-{org}", roles=frozenset({Role.COORDINATOR}), org=org)


@dataclass(frozen=True)
class Pair:
    """A Swedish municipality and a local government abroad in one partnership."""

    swedish: str
    partner: str
    partnership: str


async def pair(repos: Repositories, country: str = "ZA") -> Pair:
    swedish = await organisations.create_organisation(
        repos, OFFICER, name="Jönköping", kind=OrganisationKind.MUNICIPALITY, country="SE"
    )
    partner = await organisations.create_organisation(
        repos,
        OFFICER,
        name="Stellenbosch",
        kind=OrganisationKind.LOCAL_GOVERNMENT,
        country=country,
    )
    partnership = await partnerships.create_partnership(
        repos,
        OFFICER,
        title="Gender equality in local democracy",
        swedish_partner_id=swedish.id,
        partner_ids=[partner.id],
        themes=[Theme.GENDER_EQUALITY],
        focus="",
        started_on=date(2020, 1, 1),
    )
    return Pair(swedish=swedish.id, partner=partner.id, partnership=partnership.id)


async def person(
    repos: Repositories,
    organisation_id: str,
    role: PersonRole = PersonRole.CIVIL_SERVANT,
    side: PoliticalSide | None = None,
) -> str:
    fields = ProfileFields(
        given_name="Anna",
        family_name="Berg",
        gender=Gender.WOMAN,
        role=role,
        political_side=side,
    )
    created = await people.create_person(repos, OFFICER, organisation_id, fields)
    return created.id


async def outbox(repos: Repositories, collection: str, aggregate_id: str) -> list[dict[str, Any]]:
    """The events waiting in the aggregate's outbox (no relay runs in these tests)."""
    store = getattr(repos, collection)
    doc = await store.collection.find_one({"_id": aggregate_id})
    assert doc is not None, f"{collection} {aggregate_id!r} is not stored"
    events: list[dict[str, Any]] = doc["_outbox"]
    return events
