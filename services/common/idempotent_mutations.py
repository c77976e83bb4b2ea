"""Gives every mutation field of a subgraph the `Idempotency-Key` behaviour.

`idempotent(Mutation)` adds a field extension to each mutation field: with the header
present, it finds the effect's records (an indexed query per aggregate collection), refuses
the key reused with other arguments, and runs the resolver as that effect (see
services.common.idempotency), so no resolver handles keys itself.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import json
import logging
from typing import Any, TypeVar

from strawberry.extensions import FieldExtension
from strawberry.extensions.field_extension import AsyncExtensionResolver
from strawberry.types import Info

from . import idempotency
from .errors import BadUserInput
from .mongo import Document
from .store import AggregateStore

log = logging.getLogger(__name__)

HEADER = "idempotency-key"
MAX_KEY_LENGTH = 255
KEY_FIELD = "idempotencyKey"

T = TypeVar("T")


def idempotent(mutation: type[T]) -> type[T]:
    """The Mutation type with every field run under the request's idempotency key."""
    for mutation_field in mutation.__strawberry_definition__.fields:  # type: ignore[attr-defined]
        mutation_field.extensions.append(IdempotentMutation())
    return mutation


class IdempotentMutation(FieldExtension):
    async def resolve_async(
        self, next_: AsyncExtensionResolver, source: Any, info: Info, **kwargs: Any
    ) -> Any:
        request = info.context.request
        raw = request.headers.get(HEADER) if request is not None else None
        if raw is None:
            return await next_(source, info, **kwargs)
        principal = info.context.principal
        subject = principal.sub if principal is not None else ""
        effect = idempotency.Effect(
            key=_digest([subject, _valid(raw), str(info.path.key)]),
            arguments=_digest(_plain(kwargs)),
            at=idempotency.clock.now(),
        )
        records = await _records(info.context.repos, effect.key)
        if any(r.get("a") != effect.arguments for r in records):
            raise BadUserInput(
                "this Idempotency-Key was used with other arguments for this field: a retry"
                " must repeat the request unchanged, a new request needs a new key",
                field=KEY_FIELD,
                reason="IDEMPOTENCY_KEY_REUSED",
            )
        if records:
            effect.replaying = True
            effect.recorded_ids = max((list(r.get("ids", [])) for r in records), key=len)
            log.info(
                "idempotent retry answered from its first outcome",
                extra={"field": info.path.key, "writes_recorded": len(records)},
            )
        with idempotency.running(effect):
            return await next_(source, info, **kwargs)


def _valid(key: str) -> str:
    if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable() or not key.isascii():
        raise BadUserInput(
            f"the Idempotency-Key must be 1 to {MAX_KEY_LENGTH} printable ASCII characters"
            " (a UUID is a good choice)",
            field=KEY_FIELD,
        )
    return key


async def _records(repos: Any, key: str) -> list[Document]:
    """The effect's live records in every aggregate collection of the service."""
    stores = [
        value
        for value in (getattr(repos, f.name) for f in dataclasses.fields(repos))
        if isinstance(value, AggregateStore)
    ]
    query = {idempotency.KEYS_FIELD: {"$in": [key]}}
    found = await asyncio.gather(
        *(s.collection.find(query, {idempotency.FIELD: 1}).to_list() for s in stores)
    )
    return [
        record
        for docs in found
        for doc in docs
        for record in idempotency.live_records(doc)
        if record.get("k") == key
    ]


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _plain(value: Any) -> Any:
    """The converted arguments as JSON-able values (inputs are dataclasses)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
