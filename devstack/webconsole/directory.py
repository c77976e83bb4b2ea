"""Organisations and people for the development sign-in, read through the gateway as an
officer."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx

from services.common.auth import Role
from services.common.settings import Settings
from services.common.tokens import mint

TIMEOUT_S = 10.0
TOKEN_TTL = timedelta(minutes=5)
PAGE = 100

ORGANISATIONS = """
query DevSignInOrganisations($first: Int!, $after: String) {
  organisations(first: $first, after: $after) {
    nodes { id name country }
    pageInfo { hasNextPage endCursor }
  }
}
"""
ORGANISATION = """
query DevSignInOrganisation($id: ID!) { organisation(id: $id) { id name country } }
"""
PEOPLE = """
query DevSignInPeople($organisationId: ID!, $first: Int!, $after: String) {
  people(first: $first, after: $after, filter: {organisationId: $organisationId}) {
    nodes { id organisationId givenName familyName }
    pageInfo { hasNextPage endCursor }
  }
}
"""
PERSON = """
query DevSignInPerson($id: ID!) { person(id: $id) { id organisationId givenName familyName } }
"""


class DirectoryUnavailable(Exception):
    """The gateway did not answer, or answered with errors."""


class Directory:
    def __init__(self, gateway_url: str, tokens: Settings) -> None:
        self.gateway_url = gateway_url
        self._tokens = tokens

    async def organisations(self) -> list[dict[str, str]]:
        """Every organisation, by name."""
        found: list[dict[str, str]] = []
        after: str | None = None
        while True:
            data = await self._execute(ORGANISATIONS, {"first": PAGE, "after": after})
            page = data["organisations"]
            found += page["nodes"]
            if not page["pageInfo"]["hasNextPage"]:
                return sorted(found, key=lambda o: (o["name"].casefold(), o["id"]))
            after = page["pageInfo"]["endCursor"]

    async def organisation(self, organisation_id: str) -> dict[str, str] | None:
        """The organisation, or None when there is none with this id (or it is malformed)."""
        try:
            data = await self._execute(ORGANISATION, {"id": organisation_id})
        except _Refused:
            return None
        organisation: dict[str, str] | None = data["organisation"]
        return organisation

    async def people(self, organisation_id: str) -> list[dict[str, str]]:
        """The organisation's people (id, organisationId, name), by name; none for an unknown
        or malformed id."""
        found: list[dict[str, str]] = []
        after: str | None = None
        while True:
            try:
                data = await self._execute(
                    PEOPLE, {"organisationId": organisation_id, "first": PAGE, "after": after}
                )
            except _Refused:
                return []
            page = data["people"]
            found += [_named(p) for p in page["nodes"]]
            if not page["pageInfo"]["hasNextPage"]:
                return sorted(found, key=lambda p: (p["name"].casefold(), p["id"]))
            after = page["pageInfo"]["endCursor"]

    async def person(self, person_id: str) -> dict[str, str] | None:
        """The person (id, organisationId, name), or None when there is none with this id."""
        try:
            data = await self._execute(PERSON, {"id": person_id})
        except _Refused:
            return None
        person: dict[str, str] | None = data["person"]
        return None if person is None else _named(person)

    async def _execute(self, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        # A fresh short-lived token each time: nothing long-lived to leak from this process.
        token = mint(self._tokens, Role.OFFICER, sub="devstack-console", ttl=TOKEN_TTL)
        try:
            async with httpx.AsyncClient(timeout=TIMEOUT_S) as http:
                response = await http.post(
                    self.gateway_url,
                    json={"query": query, "variables": variables},
                    headers={"Authorization": f"Bearer {token}"},
                )
            body = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise DirectoryUnavailable(f"the gateway at {self.gateway_url}: {exc!r}") from exc
        if not isinstance(body, dict):
            raise DirectoryUnavailable(f"the gateway at {self.gateway_url}: not a GraphQL answer")
        errors = body.get("errors") or []
        if any(_code(e) == "BAD_USER_INPUT" for e in errors):
            raise _Refused
        if errors or not isinstance(body.get("data"), dict):
            messages = "; ".join(str(e.get("message")) for e in errors) or "no data"
            raise DirectoryUnavailable(f"the gateway at {self.gateway_url}: {messages}")
        data: dict[str, Any] = body["data"]
        return data


class _Refused(Exception):
    """The gateway refused the arguments (a malformed id)."""


def _named(person: dict[str, str]) -> dict[str, str]:
    name = " ".join(p for p in (person.get("givenName"), person.get("familyName")) if p)
    return {"id": person["id"], "organisationId": person["organisationId"], "name": name}


def _code(error: dict[str, Any]) -> str | None:
    code = (error.get("extensions") or {}).get("code")
    return str(code) if code is not None else None
