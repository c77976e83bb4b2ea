"""AggregateStore against the real MongoDB-wire server: concurrency, conflicts, idempotency."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence

import pytest
from pymongo import AsyncMongoClient

from services.common.errors import Busy, Conflict, NotFound
from services.common.events.envelope import Event
from services.common.mongo import Document
from services.common.store import Aggregate, AggregateStore


class Counter(Aggregate):
    value: int = 0


class Ratio(Aggregate):
    value: float = 0.5


@pytest.fixture
async def store(
    mongo: AsyncMongoClient[Document], unique: str
) -> AsyncIterator[AggregateStore[Counter]]:
    db = mongo[f"t_store_{unique}"]
    yield AggregateStore(db["counters"], Counter)
    await mongo.drop_database(db.name)


def increment(counter: Counter) -> Sequence[Event]:
    counter.value += 1
    return [Event(source="/test", type="se.icld.test.counter.incremented.v1", subject=counter.id)]


async def test_concurrent_writers_never_lose_an_update(store: AggregateStore[Counter]) -> None:
    await store.create(Counter(id="c", version=1))
    # With N writers each needs at most N attempts, below the store's bound.
    await asyncio.gather(*(store.update("c", increment) for _ in range(10)))
    counter = await store.require("c")
    assert (counter.value, counter.version) == (10, 11)
    doc = await store.collection.find_one({"_id": "c"})
    assert doc is not None
    assert len(doc["_outbox"]) == 10
    assert doc["_pending"] is True


async def test_same_expected_version_lets_exactly_one_writer_win(
    store: AggregateStore[Counter],
) -> None:
    await store.create(Counter(id="c", version=1))
    results = await asyncio.gather(
        *(store.update("c", increment, expected_version=1) for _ in range(6)),
        return_exceptions=True,
    )
    assert sum(isinstance(r, Counter) for r in results) == 1
    assert all(isinstance(r, Conflict) for r in results if not isinstance(r, Counter))
    assert (await store.require("c")).value == 1


async def test_a_stale_version_is_a_conflict_to_report_not_a_busy_one(
    store: AggregateStore[Counter],
) -> None:
    await store.create(Counter(id="c", version=1))
    await store.update("c", increment)
    with pytest.raises(Conflict) as refused:
        await store.update("c", increment, expected_version=1)
    assert not isinstance(refused.value, Busy)
    assert refused.value.extensions == {"code": "CONFLICT", "field": "version"}
    assert (await store.require("c")).value == 1


async def test_creating_a_taken_id_is_a_conflict(store: AggregateStore[Counter]) -> None:
    await store.create(Counter(id="c", version=1, value=7))
    with pytest.raises(Conflict):
        await store.create(Counter(id="c", version=1, value=8))
    assert (await store.require("c")).value == 7


async def test_updating_a_missing_aggregate_is_not_found(store: AggregateStore[Counter]) -> None:
    with pytest.raises(NotFound):
        await store.update("missing", increment)


async def test_apply_is_idempotent_per_event_even_concurrently(
    store: AggregateStore[Counter],
) -> None:
    event = Event(source="/test", type="se.icld.test.thing.happened.v1", subject="c")
    other = Event(source="/test", type="se.icld.test.thing.happened.v1", subject="c")
    results = await asyncio.gather(
        *(store.apply(event, "c", increment, create=lambda: Counter(id="c")) for _ in range(5))
    )
    assert sum(r is not None for r in results) == 1
    await store.apply(other, "c", increment)
    await store.apply(event, "c", increment)
    assert (await store.require("c")).value == 2


async def test_apply_without_create_ignores_unknown_aggregates(
    store: AggregateStore[Counter],
) -> None:
    event = Event(source="/test", type="se.icld.test.thing.happened.v1", subject="x")
    assert await store.apply(event, "x", increment) is None
    assert await store.get("x") is None


async def test_floats_are_never_stored(mongo: AsyncMongoClient[Document], unique: str) -> None:
    ratios = AggregateStore(mongo[f"t_store_{unique}"]["ratios"], Ratio)
    with pytest.raises(TypeError, match="floats are never stored"):
        await ratios.create(Ratio(id="r", version=1))
    assert await ratios.get("r") is None
