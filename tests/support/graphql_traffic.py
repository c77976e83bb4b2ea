"""What the console sent the gateway and what it got back, as the browser saw it: to check
the token a screen's data came with and the persisted-query protocol."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from playwright.async_api import Error, Page, Response


@dataclass(frozen=True)
class Exchange:
    body: dict[str, Any]
    """The request's JSON: operationName, query (absent when only the hash is sent),
    variables, extensions."""
    authorization: str | None
    status: int
    answer: Any
    """The response's JSON; None when the browser no longer holds it."""

    @property
    def operation(self) -> str | None:
        name = self.body.get("operationName")
        return str(name) if name is not None else None

    @property
    def sha256(self) -> str | None:
        persisted = (self.body.get("extensions") or {}).get("persistedQuery") or {}
        found = persisted.get("sha256Hash")
        return str(found) if found is not None else None

    @property
    def error_codes(self) -> list[str]:
        errors = (self.answer or {}).get("errors") or []
        return [str((e.get("extensions") or {}).get("code")) for e in errors]

    @property
    def has_data(self) -> bool:
        """Answered with data and without errors."""
        return bool((self.answer or {}).get("data")) and not self.error_codes


class GraphqlTraffic:
    """Records every POST to `gateway_url` made by `page` from now on."""

    def __init__(self, page: Page, gateway_url: str) -> None:
        self._url = gateway_url
        self._reading: list[asyncio.Task[Exchange | None]] = []
        page.on("response", self._seen)

    def _seen(self, response: Response) -> None:
        self._reading.append(asyncio.ensure_future(self._read(response)))

    async def _read(self, response: Response) -> Exchange | None:
        request = response.request
        if request.url != self._url or request.method != "POST":
            return None
        headers = await request.all_headers()
        try:
            answer = await response.json()
        except Error:
            answer = None  # the page navigated away meanwhile
        body: dict[str, Any] = request.post_data_json or {}
        return Exchange(body, headers.get("authorization"), response.status, answer)

    async def exchanges(self) -> list[Exchange]:
        """Those seen so far, in the order the answers came."""
        read = await asyncio.gather(*self._reading)
        return [exchange for exchange in read if exchange is not None]
