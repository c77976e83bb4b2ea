"""What a service has stored and queued, to prove a refused request changed nothing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .services import RunningService, error_codes
from .waiting import eventually

RELAY_BOOKKEEPING = ("_rev", "_lease_until", "_lease_owner")


async def snapshot(
    service: RunningService, also: Sequence[str] = ()
) -> dict[str, list[dict[str, Any]]]:
    """Every aggregate document once the relay has drained every outbox, and every document
    of the `also` collections (state kept beside the aggregates, such as counters).

    Events exist only in outboxes, so equal snapshots mean nothing was written and no event
    was queued; the relay's own bookkeeping fields are left out.
    """
    db = service.runtime.db
    collections = service.runtime.spec.aggregate_collections

    async def drained() -> bool:
        counts = [await db[name].count_documents({"_pending": True}) for name in collections]
        return not any(counts)

    await eventually(drained, what="outboxes drained")
    return {
        name: [
            {k: v for k, v in doc.items() if k not in RELAY_BOOKKEEPING}
            for doc in await db[name].find({}).sort("_id", 1).to_list()
        ]
        for name in (*collections, *also)
    }


async def assert_refused(
    service: RunningService,
    query: str,
    variables: dict[str, Any],
    code: str,
    field: str | None = None,
    *,
    also: Sequence[str] = (),
    **auth: Any,
) -> dict[str, Any]:
    """The request fails with `code` (naming `field`) and nothing is written or queued (nor
    changed in the `also` collections)."""
    before = await snapshot(service, also)
    body = await service.graphql(query, variables, **auth)
    assert error_codes(body) == [code], body
    if field is not None:
        assert body["errors"][0]["extensions"].get("field") == field, body
    assert await snapshot(service, also) == before
    return body
