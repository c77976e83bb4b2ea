"""Where supergraphs come from: a fixed SDL, or composition that polls the subgraphs."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from ..composition import SupergraphPoller


class SupergraphSource(Protocol):
    async def first(self) -> str:
        """The supergraph to start with; raises when there is none."""
        ...

    async def watch(self, on_change: Callable[[str], None]) -> None:
        """Calls `on_change` with every later supergraph, until cancelled."""
        ...


class StaticSupergraph:
    """One SDL for the process's lifetime (`--supergraph FILE`)."""

    def __init__(self, sdl: str) -> None:
        self._sdl = sdl

    async def first(self) -> str:
        return self._sdl

    async def watch(self, on_change: Callable[[str], None]) -> None:
        return None


class ComposedSupergraph:
    """Composition from the subgraphs' `_service { sdl }`, polled (`--subgraph`). The SDL is
    fetched from each subgraph's first replica; the transport balances over all of them."""

    def __init__(
        self,
        subgraphs: Mapping[str, Sequence[str]],
        interval_s: float,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self._on_change: Callable[[str], None] | None = None
        self._first: str | None = None
        self._poller = SupergraphPoller(
            [(name, urls[0]) for name, urls in subgraphs.items()],
            interval_s,
            self._changed,
            headers=headers,
        )

    async def first(self) -> str:
        if self._first is None:
            self._first = await self._poller.first()
        return self._first

    async def watch(self, on_change: Callable[[str], None]) -> None:
        self._on_change = on_change
        await self._poller.run()

    async def _changed(self, sdl: str) -> None:
        if self._on_change is not None:
            self._on_change(sdl)
