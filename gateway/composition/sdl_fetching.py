"""Fetching a subgraph's federation SDL with `{ _service { sdl } }`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from .public_types import SubgraphSdlUnavailable, SubgraphSource

SERVICE_QUERY = "query SubgraphSdl { _service { sdl } }"


async def fetch_subgraph_sdl(
    name: str, url: str, *, timeout_s: float = 5.0, headers: Mapping[str, str] | None = None
) -> SubgraphSource:
    """Raises SubgraphSdlUnavailable on a network error, a GraphQL error or a missing sdl.
    `headers`: sent with the request (the gateway's credential)."""
    try:
        async with httpx.AsyncClient(timeout=timeout_s, headers=headers) as client:
            response = await client.post(url, json={"query": SERVICE_QUERY})
    except httpx.HTTPError as error:
        raise SubgraphSdlUnavailable(name, url, f"request failed: {error!r}") from error
    if response.status_code != 200:
        raise SubgraphSdlUnavailable(
            name, url, f"HTTP status {response.status_code}{_first_error(response)}"
        )
    try:
        body: Any = response.json()
    except ValueError as error:
        raise SubgraphSdlUnavailable(name, url, "response is not JSON") from error
    if not isinstance(body, dict):
        raise SubgraphSdlUnavailable(name, url, "response is not a JSON object")
    if body.get("errors"):
        messages = "; ".join(
            str(e.get("message", e)) if isinstance(e, dict) else str(e) for e in body["errors"]
        )
        raise SubgraphSdlUnavailable(name, url, f"GraphQL errors: {messages}")
    sdl = ((body.get("data") or {}).get("_service") or {}).get("sdl")
    if not isinstance(sdl, str) or not sdl.strip():
        raise SubgraphSdlUnavailable(name, url, "response has no _service.sdl")
    return SubgraphSource(name, url, sdl)


def _first_error(response: httpx.Response) -> str:
    """The first GraphQL error message of a refusal, e.g. why a credential was refused."""
    try:
        body: Any = response.json()
        message = body["errors"][0]["message"]
    except (ValueError, KeyError, IndexError, TypeError):
        return ""
    return f": {str(message)[:300]}" if message else ""
