"""Organisations for the development sign-in, read through the gateway as an officer."""

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


def _code(error: dict[str, Any]) -> str | None:
    code = (error.get("extensions") or {}).get("code")
    return str(code) if code is not None else None
