"""Builds organisations, people and partnerships through the API, as clients would."""

from __future__ import annotations

from typing import Any

from ..support.services import RunningService

CREATE_ORGANISATION = """
mutation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { organisation { id } }
}"""
CREATE_PERSON = """
mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }"""
PARTNERSHIP_FIELDS = """
  id title kind status themes focus countries startedOn closedOn version
  swedishPartnerId partnerIds
  steeringGroup { personId organisationId role politicalSide senior }
  auditTrail { actor action fromStatus toStatus note version }
"""
CREATE_PARTNERSHIP = f"""
mutation($input: CreatePartnershipInput!) {{
  createPartnership(input: $input) {{ partnership {{ {PARTNERSHIP_FIELDS} }} }}
}}"""
CHANGE_STATUS = f"""
mutation($input: ChangePartnershipStatusInput!) {{
  changePartnershipStatus(input: $input) {{ partnership {{ {PARTNERSHIP_FIELDS} }} }}
}}"""


async def organisation(
    service: RunningService, name: str, country: str, kind: str = "MUNICIPALITY"
) -> str:
    data = await service.data(
        CREATE_ORGANISATION, {"input": {"name": name, "kind": kind, "country": country}}
    )
    org_id: str = data["createOrganisation"]["organisation"]["id"]
    return org_id


async def person(
    service: RunningService,
    organisation_id: str,
    *,
    role: str = "CIVIL_SERVANT",
    side: str | None = None,
    senior: bool = False,
    given_name: str = "Anna",
    family_name: str = "Berg",
) -> str:
    profile = {
        "givenName": given_name,
        "familyName": family_name,
        "gender": "WOMAN",
        "role": role,
        "politicalSide": side,
        "senior": senior,
        "email": "anna@example.org",
        "phone": "+46 70 000 00 00",
    }
    data = await service.data(
        CREATE_PERSON, {"input": {"organisationId": organisation_id, "profile": profile}}
    )
    person_id: str = data["createPerson"]["person"]["id"]
    return person_id


def partnership_input(
    swedish_partner_id: str, partner_ids: list[str], **overrides: Any
) -> dict[str, Any]:
    return {
        "title": "Gender equality in local democracy",
        "swedishPartnerId": swedish_partner_id,
        "partnerIds": partner_ids,
        "themes": ["GENDER_EQUALITY"],
        "focus": "Preventing gender-based violence",
        "startedOn": "2020-01-01",
        **overrides,
    }


async def partnership(
    service: RunningService, swedish_partner_id: str, partner_ids: list[str], **overrides: Any
) -> Any:
    data = await service.data(
        CREATE_PARTNERSHIP,
        {"input": partnership_input(swedish_partner_id, partner_ids, **overrides)},
    )
    return data["createPartnership"]["partnership"]


async def change_status(
    service: RunningService, partnership_id: str, version: int, status: str, **auth: Any
) -> Any:
    data = await service.data(
        CHANGE_STATUS,
        {"input": {"id": partnership_id, "version": version, "status": status}},
        **auth,
    )
    return data["changePartnershipStatus"]["partnership"]
