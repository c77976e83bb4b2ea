"""nx-27017 on its own: how many simple operations per second it serves, at what CPU.

Closed loop (each of N tasks sends its next operation when the last one returned) from
this one process, on documents shaped like the benchmark's aggregates, so the per-op
CPU cost can be compared with what the server spends per op inside the event benchmark.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from pymongo import AsyncMongoClient
from pymongo.asynchronous.collection import AsyncCollection

from services.common.mongo import Document

from . import cpu
from .stats import Spread

DOCS = 1_000
CONCURRENCY = (1, 16)


@dataclass(frozen=True)
class Capacity:
    operation: str
    concurrency: int
    per_s: float
    server_cpu_pct: float
    server_cpu_ms_per_op: float
    round_trip: Spread


def _document(n: int) -> Document:
    return {
        "_id": f"d{n:05d}",
        "title": "Water partnership",
        "budget_minor": 150_000_00,
        "version": 1,
        "_rev": 1,
        "_outbox": [],
        "_pending": False,
        "_lease_until": 0,
        "_lease_owner": "",
        "_applied": [f"{n}-{k}" for k in range(3)],
    }


async def _measure(
    collection: AsyncCollection[Document],
    name: str,
    op: Callable[[int], Awaitable[object]],
    concurrency: int,
    seconds: float,
    server_pid: int,
) -> Capacity:
    round_trips: list[float] = []
    stop = time.monotonic() + seconds

    async def worker(first: int) -> None:
        n = first
        while time.monotonic() < stop:
            started = time.perf_counter()
            await op(n % DOCS)
            round_trips.append(time.perf_counter() - started)
            n += concurrency

    cpu_before, wall_before = cpu.process_cpu_s(server_pid) or 0.0, time.monotonic()
    await asyncio.gather(*(worker(k) for k in range(concurrency)))
    wall = time.monotonic() - wall_before
    server_s = (cpu.process_cpu_s(server_pid) or 0.0) - cpu_before
    count = len(round_trips)
    return Capacity(
        name,
        concurrency,
        count / wall,
        100 * server_s / wall,
        1000 * server_s / count if count else 0.0,
        Spread.of(round_trips),
    )


async def measure(url: str, database: str, server_pid: int, seconds: float = 4) -> list[Capacity]:
    """find by `_id`, replace by `_id` + `_rev`, insert; each at a few concurrencies."""
    client: AsyncMongoClient[Document] = AsyncMongoClient(url, tz_aware=True)
    collection = client[database]["capacity"]
    try:
        await collection.insert_many([_document(n) for n in range(DOCS)])
        inserted = 0

        async def find(n: int) -> object:
            return await collection.find_one({"_id": f"d{n:05d}"})

        async def replace(n: int) -> object:
            doc = _document(n)  # same `_rev` again: the filter's shape, not the race, matters
            return await collection.replace_one({"_id": doc["_id"], "_rev": 1}, doc)

        async def insert(n: int) -> object:
            nonlocal inserted
            inserted += 1
            return await collection.insert_one({**_document(n), "_id": f"new{inserted:07d}"})

        results = []
        for name, op in (
            ("find_one by _id", find),
            ("replace_one", replace),
            ("insert_one", insert),
        ):
            for concurrency in CONCURRENCY:
                results.append(
                    await _measure(collection, name, op, concurrency, seconds, server_pid)
                )
        return results
    finally:
        await client.drop_database(database)
        await client.close()
