"""InFlight: runs shared only while in flight, failures to every sharer, cancellation."""

from __future__ import annotations

import asyncio

import pytest

from gateway.inflight import InFlight

from .joins import Joins


class Work:
    """Runs that wait until the test releases them, counted as they start and end."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.started = 0
        self.cancelled = 0
        self.failure: Exception | None = None

    async def __call__(self) -> list[int]:
        self.started += 1
        try:
            await self.release.wait()
        except asyncio.CancelledError:
            self.cancelled += 1
            raise
        if self.failure is not None:
            raise self.failure
        return [self.started]


async def test_callers_in_flight_share_one_run_and_its_result() -> None:
    joins, work = Joins(), Work()
    in_flight: InFlight[str, list[int]] = InFlight(on_shared=joins)
    callers = [asyncio.create_task(in_flight.run("k", work)) for _ in range(5)]
    await joins.reached(4)
    work.release.set()
    results = await asyncio.gather(*callers)
    assert work.started == 1
    assert all(result is results[0] for result in results)
    assert len(in_flight) == 0


async def test_a_finished_run_is_not_reused_and_other_keys_do_not_share() -> None:
    work = Work()
    work.release.set()
    in_flight: InFlight[str, list[int]] = InFlight()
    assert await in_flight.run("k", work) == [1]
    assert await in_flight.run("k", work) == [2]
    assert list(await asyncio.gather(in_flight.run("a", work), in_flight.run("b", work))) == [
        [3],
        [4],
    ]


async def test_a_failure_reaches_every_sharer() -> None:
    joins, work = Joins(), Work()
    work.failure = LookupError("gone")
    in_flight: InFlight[str, list[int]] = InFlight(on_shared=joins)
    callers = [asyncio.create_task(in_flight.run("k", work)) for _ in range(3)]
    await joins.reached(2)
    work.release.set()
    outcomes = await asyncio.gather(*callers, return_exceptions=True)
    assert outcomes == [work.failure] * 3
    assert work.started == 1
    assert len(in_flight) == 0


async def test_a_cancelled_sharer_leaves_the_run_to_the_others() -> None:
    joins, work = Joins(), Work()
    in_flight: InFlight[str, list[int]] = InFlight(on_shared=joins)
    first, second, third = (asyncio.create_task(in_flight.run("k", work)) for _ in range(3))
    await joins.reached(2)
    first.cancel()
    with pytest.raises(asyncio.CancelledError):
        await first
    work.release.set()
    assert list(await asyncio.gather(second, third)) == [[1], [1]]
    assert (work.started, work.cancelled) == (1, 0)


async def test_the_last_caller_to_leave_cancels_the_run() -> None:
    joins, work = Joins(), Work()
    in_flight: InFlight[str, list[int]] = InFlight(on_shared=joins)
    callers = [asyncio.create_task(in_flight.run("k", work)) for _ in range(2)]
    await joins.reached(1)
    for caller in callers:
        caller.cancel()
    outcomes = await asyncio.gather(*callers, return_exceptions=True)
    assert all(isinstance(outcome, asyncio.CancelledError) for outcome in outcomes)
    assert len(in_flight) == 0
    # The cancelled run is gone at once: a new caller starts a run of its own.
    work.release.set()
    assert await in_flight.run("k", work) == [2]
    assert work.cancelled == 1
