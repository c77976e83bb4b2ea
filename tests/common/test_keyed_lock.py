"""One holder per key at a time, keys independent, and no lock kept for a key nobody uses."""

from __future__ import annotations

import asyncio

import pytest

from services.common.keyed_lock import KeyedLock

DEADLOCK_BOUND_S = 10
"""Only turns a deadlock into a failure; nothing here waits on time."""


async def test_holders_of_one_key_queue_and_other_keys_pass() -> None:
    locks = KeyedLock()
    order: list[str] = []
    first_holds, release_first = asyncio.Event(), asyncio.Event()

    async def first() -> None:
        async with locks.hold("a"):
            first_holds.set()
            await release_first.wait()
            order.append("first")

    async def second() -> None:
        await first_holds.wait()
        async with locks.hold("a"):
            order.append("second")

    async def other_key() -> None:
        await first_holds.wait()
        async with locks.hold("b"):
            order.append("other")
        release_first.set()

    await asyncio.wait_for(asyncio.gather(first(), second(), other_key()), DEADLOCK_BOUND_S)
    assert order == ["other", "first", "second"]
    assert len(locks) == 0


async def test_a_failing_holder_releases_its_key() -> None:
    locks = KeyedLock()
    held: list[int] = []

    async def failing_holder() -> None:
        async with locks.hold("a"):
            held.append(len(locks))
            raise RuntimeError("the holder failed")

    with pytest.raises(RuntimeError):
        await failing_holder()
    assert held == [1]
    assert len(locks) == 0
    async with locks.hold("a"):
        assert len(locks) == 1
