"""Sharing work in flight: callers asking for the same key while a run for it is under way
wait for that run instead of starting their own.

Only runs in flight are shared, never a finished result: the entry goes when the run ends,
with success or failure, and a failure reaches every caller that shared the run. The run is
a task of its own, so a caller that is cancelled (a client gone, a timeout) leaves it going
for the others; the last caller to leave cancels it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine, Hashable
from typing import Any, Generic, TypeVar

log = logging.getLogger(__name__)

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class _Run(Generic[V]):
    __slots__ = ("task", "waiting")

    def __init__(self, task: asyncio.Task[V]) -> None:
        self.task = task
        self.waiting = 0


class InFlight(Generic[K, V]):
    def __init__(self, *, on_shared: Callable[[K], None] | None = None) -> None:
        """`on_shared(key)` is told of every caller that joined a run already in flight."""
        self._runs: dict[K, _Run[V]] = {}
        self._on_shared = on_shared

    def __len__(self) -> int:
        """Runs in flight."""
        return len(self._runs)

    async def run(self, key: K, work: Callable[[], Coroutine[Any, Any, V]]) -> V:
        """`work()`'s result, from a run of its own or of an earlier caller with `key` still
        in flight; raises what that run raised."""
        current = self._runs.get(key)
        if current is None or current.task.done():
            current = _Run(asyncio.create_task(work()))
            self._runs[key] = current
            current.task.add_done_callback(lambda _: self._finished(key, current))
        elif self._on_shared is not None:
            self._on_shared(key)
        current.waiting += 1
        try:
            return await asyncio.shield(current.task)
        except asyncio.CancelledError:
            if current.waiting == 1 and not current.task.done():
                self._forget(key, current)
                current.task.cancel()
            raise
        finally:
            current.waiting -= 1

    def _finished(self, key: K, run: _Run[V]) -> None:
        self._forget(key, run)
        task = run.task
        # Every caller still waiting gets the failure through its shield; one nobody waits
        # for any more would otherwise be lost.
        if not task.cancelled() and (failure := task.exception()) is not None and not run.waiting:
            log.warning(
                "shared run failed after its callers left",
                exc_info=(type(failure), failure, failure.__traceback__),
            )

    def _forget(self, key: K, run: _Run[V]) -> None:
        if self._runs.get(key) is run:
            del self._runs[key]
