"""The gateway's GraphQL API from a test, with a caller's token: what the console's screen
shows is compared with what the API answers."""

from __future__ import annotations

from typing import Any

import httpx


class GatewayAPI:
    def __init__(self, http: httpx.AsyncClient, url: str) -> None:
        self._http = http
        self.url = url

    async def execute(
        self, query: str, variables: dict[str, Any] | None = None, *, token: str | None
    ) -> dict[str, Any]:
        """The whole response body (data and errors)."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = await self._http.post(
            self.url, json={"query": query, "variables": variables or {}}, headers=headers
        )
        assert response.status_code == 200, (response.status_code, response.text)
        body: dict[str, Any] = response.json()
        return body

    async def data(
        self, query: str, variables: dict[str, Any] | None = None, *, token: str | None
    ) -> dict[str, Any]:
        """`data` of a response that must have no errors."""
        body = await self.execute(query, variables, token=token)
        assert not body.get("errors"), body["errors"]
        data: dict[str, Any] = body["data"]
        return data
