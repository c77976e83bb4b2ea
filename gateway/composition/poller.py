"""Keeps a supergraph composed from live subgraphs, re-composing when their SDL changes."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence

from .compose import compose
from .public_types import (
    CompositionError,
    CompositionFailed,
    SubgraphSdlUnavailable,
    SubgraphSource,
)
from .sdl_fetching import fetch_subgraph_sdl

log = logging.getLogger(__name__)


class SupergraphPoller:
    """`first()` composes once; `run()` polls every `interval_s` and calls `on_change` with
    each new supergraph. A failed fetch or composition keeps the last good supergraph."""

    def __init__(
        self,
        subgraphs: Sequence[tuple[str, str]],
        interval_s: float = 10.0,
        on_change: Callable[[str], Awaitable[None]] | None = None,
        *,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """`headers`: sent with every SDL fetch (the gateway's credential)."""
        self._subgraphs = list(subgraphs)
        self._headers = headers
        self._interval_s = interval_s
        self._on_change = on_change
        self._sdls: tuple[str, ...] | None = None
        self.supergraph: str | None = None

    async def first(self) -> str:
        """Raises CompositionFailed (fetch failures become SUBGRAPH_SDL_UNAVAILABLE errors)."""
        try:
            sources = await self._fetch_all()
        except _FetchFailed as failed:
            raise CompositionFailed(failed.errors) from None
        result = compose(sources)
        if result.supergraph_sdl is None:
            raise CompositionFailed(result.errors)
        self._sdls = tuple(s.sdl for s in sources)
        self.supergraph = result.supergraph_sdl
        return result.supergraph_sdl

    async def run(self) -> None:
        while True:
            await asyncio.sleep(self._interval_s)
            await self.poll_once()

    async def poll_once(self) -> None:
        """One polling round (what `run()` repeats)."""
        try:
            sources = await self._fetch_all()
        except _FetchFailed as failed:
            self._keep("fetching subgraph SDL failed", failed.errors)
            return
        sdls = tuple(s.sdl for s in sources)
        if sdls == self._sdls:
            return
        result = compose(sources)
        if result.supergraph_sdl is None:
            self._keep("composition failed", result.errors)
            return
        self._sdls = sdls
        if result.supergraph_sdl == self.supergraph:
            return
        self.supergraph = result.supergraph_sdl
        log.info("supergraph changed", extra={"subgraphs": [s.name for s in sources]})
        if self._on_change is not None:
            await self._on_change(result.supergraph_sdl)

    async def _fetch_all(self) -> list[SubgraphSource]:
        results = await asyncio.gather(
            *(
                fetch_subgraph_sdl(name, url, headers=self._headers)
                for name, url in self._subgraphs
            ),
            return_exceptions=True,
        )
        errors: list[CompositionError] = []
        sources: list[SubgraphSource] = []
        for result in results:
            if isinstance(result, SubgraphSdlUnavailable):
                errors.append(CompositionError("SUBGRAPH_SDL_UNAVAILABLE", str(result)))
            elif isinstance(result, BaseException):
                raise result
            else:
                sources.append(result)
        if errors:
            raise _FetchFailed(tuple(errors))
        return sources

    def _keep(self, reason: str, errors: tuple[CompositionError, ...]) -> None:
        log.warning(
            f"{reason}; keeping the last good supergraph",
            extra={
                "reason": reason,
                "errors": [f"{e.code}: {e.message}" for e in errors],
                "kept_supergraph": self.supergraph is not None,
            },
        )


class _FetchFailed(Exception):
    def __init__(self, errors: tuple[CompositionError, ...]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors
