"""The gateway's cyclic garbage collector on a clock: automatic collection off while it runs,
reference cycles still freed, the collector as it was once it stops."""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import AsyncIterator

import pytest

from gateway.server.garbage import collect_on_a_clock


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


@pytest.fixture
async def collecting() -> AsyncIterator[None]:
    task = asyncio.ensure_future(collect_on_a_clock())
    await asyncio.sleep(0)
    yield
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    gc.unfreeze()


@pytest.mark.usefixtures("collecting")
async def test_automatic_collection_is_off_and_a_cycle_is_still_freed() -> None:
    assert not gc.isenabled()
    freed = asyncio.Event()
    first, second = Node(), Node()
    first.other, second.other = second, first
    weakref.finalize(first, freed.set)
    del first, second
    # Only the clock's collections can free the cycle; the bound is a guard, not a figure.
    await asyncio.wait_for(freed.wait(), timeout=60)
    assert freed.is_set()


async def test_stopping_it_turns_automatic_collection_back_on() -> None:
    task = asyncio.ensure_future(collect_on_a_clock())
    await asyncio.sleep(0)
    assert not gc.isenabled()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    gc.unfreeze()
    assert gc.isenabled()
