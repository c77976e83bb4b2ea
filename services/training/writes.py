"""Writes to documents many people change at once (a workshop's or a cohort's seats).

Correctness comes from the store: every write re-applies its change to the current state
under a revision check, so concurrent enrolments on any number of replicas never exceed a
capacity. Within one replica, writers of the same document also queue on a lock, so that a
burst of enrolments (registration opening, a coordinator's batch) costs one attempt each
instead of every writer re-reading and losing to every other; between replicas the revision
check still decides, and a writer that loses too often waits a random moment and retries
rather than refuse the enrolment.
"""

from __future__ import annotations

import asyncio
import random
from typing import TypeVar

from services.common.errors import Busy
from services.common.keyed_lock import KeyedLock
from services.common.store import Aggregate, AggregateStore, Change

A = TypeVar("A", bound=Aggregate)

ATTEMPTS = 10

_writers = KeyedLock()
"""Per document: its writers in this replica, one at a time."""


async def update_busy(store: AggregateStore[A], aggregate_id: str, change: Change[A]) -> A:
    """`store.update` for a document with many writers: queued in this replica, retried
    with a random pause while other replicas keep it too busy."""
    key = f"{store.collection.full_name}/{aggregate_id}"
    for attempt in range(ATTEMPTS):
        try:
            async with _writers.hold(key):
                return await store.update(aggregate_id, change)
        except Busy:
            if attempt == ATTEMPTS - 1:
                raise
            await asyncio.sleep(random.uniform(0, 0.02 * (attempt + 1)))
    raise AssertionError("unreachable")
