"""The transport the engine fetches through (implemented in this package)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol


class SubgraphUnavailable(Exception):
    """A fetch got no usable response: connection refused/reset, timeout, non-2xx status,
    on every replica tried. `reason` is safe to show to clients."""

    def __init__(self, subgraph: str, reason: str) -> None:
        super().__init__(f"{subgraph}: {reason}")
        self.subgraph = subgraph
        self.reason = reason


class Transport(Protocol):
    async def fetch(
        self, subgraph: str, body: bytes, headers: Mapping[str, str], *, idempotent: bool
    ) -> bytes:
        """POSTs `body` (a JSON GraphQL request) to the subgraph and returns the response
        body. `idempotent` (queries) allows failover to another replica after a failure;
        mutations are sent once. Raises SubgraphUnavailable."""
        ...
