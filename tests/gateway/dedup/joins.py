"""Counting callers that joined a shared run, to wait for them without sleeping."""

from __future__ import annotations

import asyncio
from typing import Any


class Joins:
    """`on_shared` of the tests: counts callers that joined a run; `reached(n)` is set once
    n have."""

    def __init__(self) -> None:
        self.count = 0
        self._waiting: dict[int, asyncio.Event] = {}

    def __call__(self, _key: Any) -> None:
        self.count += 1
        if event := self._waiting.get(self.count):
            event.set()

    async def reached(self, count: int) -> None:
        if self.count < count:
            await self._waiting.setdefault(count, asyncio.Event()).wait()
