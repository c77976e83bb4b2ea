"""Aggregate storage with optimistic concurrency, an embedded outbox and idempotent apply.

Every aggregate is one document written whole with `replace_one` under a check of its
internal revision `_rev`. The events a change causes are kept in the same document
(`_outbox`), so the change and its events commit atomically without a multi-document
transaction; the relay publishes them and removes them with the same kind of write.
A consumer's effect records the applied event id in `_applied` in that same write, and a
mutation run under an idempotency key its record in `_idem` (services.common.idempotency).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import DuplicateKeyError

from . import idempotency
from .errors import Busy, Conflict, NotFound
from .events.envelope import Event
from .mongo import Document, IndexSpec

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 20
APPLIED_WINDOW = 500
"""How many applied event ids a document remembers; redelivery beyond that is not expected."""

INTERNAL_FIELDS = (
    "_rev",
    "_outbox",
    "_pending",
    "_lease_until",
    "_lease_owner",
    "_applied",
    idempotency.FIELD,
    idempotency.KEYS_FIELD,
)


class Aggregate(BaseModel):
    """Base of every stored aggregate: opaque id and the client-visible version."""

    model_config = ConfigDict(validate_assignment=True)

    id: str
    version: int = 0
    created_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    updated_at: datetime = Field(default_factory=lambda: datetime.now(UTC))


A = TypeVar("A", bound=Aggregate)

Change = Callable[[A], Sequence[Event]]
"""Mutates the aggregate in place (its version already bumped) and returns the events."""


class NothingToApply(Exception):
    """Raised by a change that finds nothing to do, so that nothing is written.

    `AggregateStore.update`/`apply` run the change before writing and write nothing when it
    raises; without this they would bump the version of an unchanged aggregate.
    """


def to_bson(value: Any) -> Any:
    """Python values to what BSON stores: enums by value, dates as ISO strings (sortable)."""
    if isinstance(value, dict):
        return {k: to_bson(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_bson(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        raise TypeError("floats are never stored: use integer minor units or decimal strings")
    return value


class OutboxNotifier:
    """Wakes the local relay as soon as a write leaves events to publish."""

    def __init__(self) -> None:
        self._listeners: list[Callable[[], None]] = []

    def subscribe(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    def notify(self) -> None:
        for listener in self._listeners:
            listener()


class AggregateStore(Generic[A]):
    """Reads and writes one aggregate type in one collection."""

    def __init__(
        self,
        collection: AsyncCollection[Document],
        model: type[A],
        notifier: OutboxNotifier | None = None,
    ) -> None:
        self.collection = collection
        self.model = model
        self._notifier = notifier

    @staticmethod
    def outbox_indexes(collection: str) -> list[IndexSpec]:
        """Indexes every collection that holds aggregates needs: the relay's, and one on
        the idempotency records' keys, which a retried mutation looks up first.

        A single-field index on `_pending`: only documents with unpublished events match,
        so filtering those few by lease needs no second key. nx-27017 0.8.1 also plans
        this one as an index search, while it scans the whole collection for a compound
        index (measured: the relay's query took 26 ms at 20,000 documents, ~1 ms with this).
        """
        return [
            IndexSpec(collection, [("_pending", 1)]),
            IndexSpec(collection, [(idempotency.KEYS_FIELD, 1)]),
        ]

    def load(self, doc: Document) -> A:
        public = {k: v for k, v in doc.items() if k not in INTERNAL_FIELDS}
        public["id"] = public.pop("_id")
        return self.model.model_validate(public)

    async def get(self, aggregate_id: str) -> A | None:
        doc = await self.collection.find_one({"_id": aggregate_id})
        return None if doc is None else self.load(doc)

    async def require(self, aggregate_id: str, field: str = "id") -> A:
        found = await self.get(aggregate_id)
        if found is None:
            raise NotFound(f"{self.model.__name__} {aggregate_id!r} does not exist", field=field)
        return found

    async def get_many(self, ids: Sequence[str]) -> dict[str, A]:
        """One query for any number of ids (federation `_entities` batching)."""
        if not ids:
            return {}
        cursor = self.collection.find({"_id": {"$in": list(dict.fromkeys(ids))}})
        return {doc["_id"]: self.load(doc) async for doc in cursor}

    async def create(self, aggregate: A, events: Sequence[Event] = ()) -> A:
        """Inserts a new aggregate (version 1) with its events; a taken id is a CONFLICT,
        unless an earlier attempt (or a twin request) of the running idempotent effect took
        it: then the stored aggregate is the answer."""
        if aggregate.version != 1:
            raise ValueError("a new aggregate starts at version 1")
        effect = idempotency.current()
        ordinal = effect.next_write(self._target(aggregate.id)) if effect is not None else None
        try:
            await self.collection.insert_one(
                self._document(aggregate, {}, events, [], ordinal=ordinal)
            )
        except DuplicateKeyError as exc:
            if effect is not None and ordinal is not None:
                doc = await self.collection.find_one({"_id": aggregate.id})
                if doc is not None and effect.wrote(doc, ordinal):
                    return self.load(doc)
            raise Conflict(
                f"{self.model.__name__} {aggregate.id!r} already exists", field="id"
            ) from exc
        self._wake(events)
        return aggregate

    async def update(
        self, aggregate_id: str, change: Change[A], expected_version: int | None = None
    ) -> A:
        """Applies `change` to the current state; a stale `expected_version` is a CONFLICT.

        Losing a race on `_rev` (another writer or the relay got there first) re-reads and
        re-applies; only a change of the domain version is reported to the caller.
        """
        effect = idempotency.current()
        ordinal = effect.next_write(self._target(aggregate_id)) if effect is not None else None
        for _ in range(MAX_ATTEMPTS):
            doc = await self.collection.find_one({"_id": aggregate_id})
            if doc is None:
                raise NotFound(f"{self.model.__name__} {aggregate_id!r} does not exist", field="id")
            current = self.load(doc)
            if effect is not None and ordinal is not None and effect.wrote(doc, ordinal):
                # A retry (or a concurrent twin) of a write already made: answer, don't redo.
                return current
            if expected_version is not None and current.version != expected_version:
                raise Conflict(
                    f"{self.model.__name__} {aggregate_id!r} is at version {current.version}, "
                    f"not {expected_version}: reload and retry",
                    field="version",
                )
            current.version += 1
            current.updated_at = datetime.now(UTC)
            events = list(change(current))
            new_doc = self._document(current, doc, events, doc.get("_applied", []), ordinal=ordinal)
            result = await self.collection.replace_one(
                {"_id": aggregate_id, "_rev": doc["_rev"]}, new_doc
            )
            if result.matched_count:
                self._wake(events)
                return current
        raise Busy(f"{self.model.__name__} {aggregate_id!r} is too busy: retry", field="id")

    async def apply(
        self,
        event: Event,
        aggregate_id: str,
        change: Change[A],
        create: Callable[[], A] | None = None,
    ) -> A | None:
        """Applies a consumed event's effect exactly once to one aggregate.

        The event id is stored with the effect in one write, so redelivery is a no-op.
        Returns None when the event was applied before or there is nothing to apply to.
        """
        for _ in range(MAX_ATTEMPTS):
            doc = await self.collection.find_one({"_id": aggregate_id})
            if doc is not None and event.id in doc.get("_applied", []):
                log.info("event already applied", extra={"aggregate": aggregate_id})
                return None
            if doc is None and create is None:
                return None
            current = self.load(doc) if doc is not None else create()  # type: ignore[misc]
            current.id = aggregate_id
            current.version += 1
            current.updated_at = datetime.now(UTC)
            events = list(change(current))
            applied = [*(doc or {}).get("_applied", []), event.id][-APPLIED_WINDOW:]
            new_doc = self._document(current, doc or {}, events, applied)
            if doc is None:
                try:
                    await self.collection.insert_one(new_doc)
                except DuplicateKeyError:
                    continue
            else:
                result = await self.collection.replace_one(
                    {"_id": aggregate_id, "_rev": doc["_rev"]}, new_doc
                )
                if not result.matched_count:
                    continue
            self._wake(events)
            return current
        raise Busy(f"{self.model.__name__} {aggregate_id!r} is too busy: retry", field="id")

    def _document(
        self,
        aggregate: A,
        previous: Document,
        events: Sequence[Event],
        applied: list[str],
        *,
        ordinal: int | None = None,
    ) -> Document:
        """The whole document; `ordinal`: the running idempotent effect's write, if any."""
        body: Document = to_bson(aggregate.model_dump(mode="python"))
        body["_id"] = body.pop("id")
        outbox = [*previous.get("_outbox", []), *(e.envelope() for e in events)]
        body["_rev"] = previous.get("_rev", 0) + 1
        body["_outbox"] = outbox
        body["_pending"] = bool(outbox)
        body["_lease_until"] = previous.get("_lease_until", 0)
        body["_lease_owner"] = previous.get("_lease_owner", "")
        body["_applied"] = applied
        records = idempotency.records_to_write(previous, ordinal)
        body[idempotency.FIELD] = records
        body[idempotency.KEYS_FIELD] = [r["k"] for r in records]
        return body

    def _target(self, aggregate_id: str) -> str:
        return f"{self.collection.name}/{aggregate_id}"

    def _wake(self, events: Sequence[Event]) -> None:
        if events and self._notifier is not None:
            self._notifier.notify()
