"""A minimal GraphQL-over-HTTP client for the subgraphs."""

from __future__ import annotations

from typing import Any

import httpx

from .errors import DevstackError


class GraphQLError(DevstackError):
    """The server answered with `errors` (or not with GraphQL at all)."""


class GraphQLClient:
    def __init__(self, http: httpx.Client, url: str) -> None:
        self._http = http
        self.url = url

    def execute(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """The `data` of the response; GraphQLError if there are any `errors`."""
        response = self._http.post(self.url, json={"query": query, "variables": variables or {}})
        try:
            body = response.json()
        except ValueError:
            raise GraphQLError(f"{self.url}: HTTP {response.status_code}, not JSON") from None
        if errors := body.get("errors"):
            raise GraphQLError(f"{self.url}: " + "; ".join(_describe(e) for e in errors))
        if response.status_code != 200 or not isinstance(body.get("data"), dict):
            raise GraphQLError(f"{self.url}: HTTP {response.status_code} without data")
        data: dict[str, Any] = body["data"]
        return data


def _describe(error: dict[str, Any]) -> str:
    code = (error.get("extensions") or {}).get("code", "ERROR")
    return f"{code}: {error.get('message', '')}"
