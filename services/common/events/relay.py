"""Publishes the events waiting in aggregates' outboxes, then removes them.

Any number of relays (one per replica) can run: a relay leases the documents it works
on with a conditional update, so two relays never publish the same event while both are
healthy. A relay that dies after publishing but before removing leaves the lease to
expire and the event is published again: consumers are idempotent for exactly that case.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections.abc import Sequence
from itertools import count

from opentelemetry.instrumentation.utils import suppress_instrumentation
from opentelemetry.trace import SpanKind
from pymongo import UpdateOne
from pymongo.asynchronous.database import AsyncDatabase

from ..metrics import EVENTS_PUBLISHED, RELAY_ERRORS
from ..mongo import Document
from ..tracing import enabled, extract, tracer
from .bus import EventBus
from .envelope import Event, event_attributes

log = logging.getLogger(__name__)


def now_ms() -> int:
    return int(time.time() * 1000)


class OutboxRelay:
    def __init__(
        self,
        db: AsyncDatabase[Document],
        collections: Sequence[str],
        bus: EventBus,
        *,
        lease_ms: int = 30_000,
        poll_ms: int = 500,
        batch: int = 200,
    ) -> None:
        self._db = db
        self._collections = list(collections)
        self._bus = bus
        self._lease_ms = lease_ms
        self._poll_s = poll_ms / 1000
        self._batch = batch
        self._owner = uuid.uuid4().hex[:12]
        self._rounds = count()
        self._wake = asyncio.Event()
        self._stopping = False

    def wake(self) -> None:
        self._wake.set()

    async def run(self) -> None:
        """Relays until `stop()`; never lets a failed round end the loop."""
        while not self._stopping:
            self._wake.clear()
            try:
                published = await self.relay_once()
            except Exception:
                RELAY_ERRORS.inc()
                log.exception("outbox relay round failed; retrying")
                published = 0
            if published == 0 and not self._stopping:
                with contextlib.suppress(TimeoutError):  # a poll interval without a wake-up
                    await asyncio.wait_for(self._wake.wait(), self._poll_s)

    def stop(self) -> None:
        self._stopping = True
        self._wake.set()

    async def flush(self) -> int:
        """Publishes everything pending now (used at shutdown)."""
        total = 0
        while published := await self.relay_once():
            total += published
        return total

    async def relay_once(self) -> int:
        # The relay's polls and leases belong to no one's trace: traced, every poll would be
        # a trace of its own. Each publish is traced, in the trace its event was made in.
        with suppress_instrumentation():
            counts = await asyncio.gather(*(self._relay_collection(c) for c in self._collections))
        return sum(counts)

    async def _relay_collection(self, name: str) -> int:
        collection = self._db[name]
        token = f"{self._owner}:{next(self._rounds)}"
        now = now_ms()
        free = {"_pending": True, "_lease_until": {"$lt": now}}
        ids = [d["_id"] async for d in collection.find(free, {"_id": 1}).limit(self._batch)]
        if not ids:
            return 0
        lease_until = now + self._lease_ms
        await collection.update_many(
            {"_id": {"$in": ids}, **free},
            {"$set": {"_lease_until": lease_until, "_lease_owner": token}, "$inc": {"_rev": 1}},
        )
        claimed = await collection.find(
            {"_id": {"$in": ids}, "_lease_owner": token}, {"_outbox": 1, "_rev": 1}
        ).to_list()
        results = await asyncio.gather(*(self._publish_outbox(doc) for doc in claimed))
        await self._release(name, token, claimed, results)
        return sum(len(published) for published in results)

    async def _publish_outbox(self, doc: Document) -> set[str]:
        """Publishes in order and returns the ids confirmed; stops at the first failure."""
        published: set[str] = set()
        for raw in doc.get("_outbox", []):
            event = Event.model_validate(raw)
            try:
                await self._publish(event)
            except Exception:
                log.warning(
                    "publish failed; the event stays in the outbox",
                    exc_info=True,
                    extra={"event_type": event.type, "subject": event.subject},
                )
                break
            EVENTS_PUBLISHED.labels(event.type).inc()
            published.add(event.id)
        return published

    async def _publish(self, event: Event) -> None:
        if not enabled():
            await self._bus.publish(event)
            return
        with tracer().start_as_current_span(
            f"publish {event.type}",
            context=extract(event.trace_context),
            kind=SpanKind.PRODUCER,
            attributes=event_attributes(event, self._bus.topology.events_exchange),
        ):
            await self._bus.publish(event)

    async def _release(
        self, name: str, token: str, claimed: list[Document], published: list[set[str]]
    ) -> None:
        """Removes published events and the lease; events added meanwhile stay pending."""
        collection = self._db[name]
        done = dict(zip((d["_id"] for d in claimed), published, strict=True))
        ops = []
        for doc in claimed:
            remaining = [e for e in doc.get("_outbox", []) if e["id"] not in done[doc["_id"]]]
            ops.append(
                UpdateOne({"_id": doc["_id"], "_rev": doc["_rev"]}, self._released(remaining))
            )
        if ops:
            result = await collection.bulk_write(ops, ordered=False)
            if result.matched_count == len(ops):
                return  # every document was released: none can still carry our lease
        # Documents changed since the claim (a new event was added) still carry our lease.
        async for doc in collection.find({"_id": {"$in": list(done)}, "_lease_owner": token}):
            await self._release_one(name, doc, done[doc["_id"]], token)

    async def _release_one(
        self, name: str, doc: Document | None, published: set[str], token: str
    ) -> None:
        collection = self._db[name]
        while doc is not None and doc.get("_lease_owner") == token:
            remaining = [e for e in doc.get("_outbox", []) if e["id"] not in published]
            result = await collection.update_one(
                {"_id": doc["_id"], "_rev": doc["_rev"]}, self._released(remaining)
            )
            if result.matched_count:
                return
            doc = await collection.find_one({"_id": doc["_id"]})

    @staticmethod
    def _released(remaining: list[Document]) -> dict[str, object]:
        return {
            "$set": {
                "_outbox": remaining,
                "_pending": bool(remaining),
                "_lease_until": 0,
                "_lease_owner": "",
            },
            "$inc": {"_rev": 1},
        }
