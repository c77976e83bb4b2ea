"""Waiting for an outcome without betting on how fast this machine is."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable


async def eventually(
    check: Callable[[], Awaitable[bool]], *, timeout_s: float = 60, what: str = ""
) -> None:
    """Polls `check` until it holds; the bound is generous, the assertion is the outcome."""
    deadline = time.monotonic() + timeout_s
    while True:
        if await check():
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"not reached within {timeout_s}s: {what}")
        await asyncio.sleep(0.05)
