"""Idempotency keys: a retried mutation answers its first outcome and writes nothing again.

A client sends `Idempotency-Key` with a mutation. One mutation field run under a key is an
*effect*, named by a digest of the caller's subject, the key and the field's response key
(alias or name), so several mutation fields of one operation are independent effects.
Every aggregate the effect writes carries a record of it in `_idem`, stored in the same
`replace_one`/`insert_one` as the change (see services.common.store): the change and the
key commit together or not at all.

A retry finds the records first. It then runs the resolver again in *replay*: each write
the first attempt made is skipped (the store answers the aggregate as it is), the ids the
first attempt generated are handed out again (`new_id`), so the resolver builds its answer
from the very objects the first attempt wrote. Writes the first attempt did not reach (it
was killed between two) are made now. Records expire after `IDEMPOTENCY_TTL_S` (24 h) and
are pruned whenever their document is written.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from .mongo import Document
from .settings import Settings

FIELD = "_idem"
"""The aggregate document's list of effect records."""
KEYS_FIELD = "_idem_keys"
"""Their keys as a plain array, indexed: the embedded server (nx-27017) finds nothing by a
dotted path into an array of subdocuments, while `$in` on an array of strings works."""


@cache
def ttl() -> timedelta:
    """How long a key is remembered (`IDEMPOTENCY_TTL_S`, read once per process)."""
    return timedelta(seconds=Settings().idempotency_ttl_s)


class RecordClock:
    """The time records are stamped and expired with; tests move it instead of waiting."""

    def __init__(self) -> None:
        self._offset = timedelta(0)

    def now(self) -> datetime:
        return datetime.now(UTC) + self._offset

    def advance(self, delta: timedelta) -> None:
        """Moves the time forward by `delta` (tests only); `reset` goes back."""
        self._offset += delta

    def reset(self) -> None:
        self._offset = timedelta(0)


clock = RecordClock()


@dataclass
class Effect:
    """One mutation field run under an idempotency key."""

    key: str
    """Digest of subject, key and response key."""
    arguments: str
    """Digest of the field's arguments: the same key with others is refused."""
    at: datetime
    recorded_ids: list[str] = field(default_factory=list)
    """The ids an earlier attempt generated, handed out again in the same order."""
    replaying: bool = False
    ids: list[str] = field(default_factory=list)
    writes: dict[str, int] = field(default_factory=dict)

    def next_write(self, target: str) -> int:
        """The ordinal of the effect's next write to one document (`target`): a retry skips
        those recorded. Counted per document, so a retry that skips a step (a check that
        only held the first time) still numbers the writes to every other document alike."""
        ordinal = self.writes.get(target, 0)
        self.writes[target] = ordinal + 1
        return ordinal

    def new_id(self) -> str:
        """The earlier attempt's id, else one derived from the effect: two requests with one
        key at once then create the same id, and the second finds the first's document.
        The derivation includes the TTL period of `at`, so after expiry the ids are new."""
        index = len(self.ids)
        if index < len(self.recorded_ids):
            made = self.recorded_ids[index]
        else:
            period = int(self.at.timestamp() // ttl().total_seconds())
            made = str(uuid.uuid5(ID_NAMESPACE, f"{self.key}/{period}/{index}"))
        self.ids.append(made)
        return made

    def wrote(self, doc: Document, ordinal: int) -> bool:
        """Whether an earlier attempt of this effect made this write to `doc`."""
        return any(r.get("k") == self.key and ordinal in r.get("n", []) for r in live_records(doc))

    def record(self, previous: Document, ordinal: int) -> list[Document]:
        """`previous`'s live records with this write added (merged into this effect's)."""
        kept = live_records(previous)
        mine = next((r for r in kept if r.get("k") == self.key), None)
        others = [r for r in kept if r is not mine]
        ordinals = sorted({*(mine or {}).get("n", []), ordinal})
        return [
            *others,
            {"k": self.key, "a": self.arguments, "n": ordinals, "ids": self.ids, "at": self.at},
        ]


ID_NAMESPACE = uuid.UUID("0b7c4d2e-5f1a-4e8b-9c3d-6a2f1e0d9b84")

_current: ContextVar[Effect | None] = ContextVar("idempotent_effect", default=None)


def current() -> Effect | None:
    return _current.get()


@contextlib.contextmanager
def running(effect: Effect) -> Iterator[Effect]:
    token = _current.set(effect)
    try:
        yield effect
    finally:
        _current.reset(token)


def new_id() -> str:
    """A new aggregate or entry id; under a key, a retry gets the first attempt's ids."""
    effect = current()
    return effect.new_id() if effect is not None else str(uuid.uuid4())


def replaying() -> bool:
    """True while a retry of an effect that wrote before runs: checks that only hold before
    the first write (e.g. "not enrolled yet") must not refuse it."""
    effect = current()
    return effect is not None and effect.replaying


def live_records(doc: Document) -> list[Document]:
    """The document's effect records younger than the time to live."""
    cutoff = clock.now() - ttl()
    records: list[Document] = doc.get(FIELD, [])
    return [r for r in records if _aware(r["at"]) > cutoff]


def records_to_write(previous: Document, ordinal: int | None) -> list[Document]:
    """What `_idem` becomes with a write: pruned, plus the running effect's record."""
    effect = current()
    if effect is None or ordinal is None:
        return live_records(previous)
    return effect.record(previous, ordinal)


def _aware(value: Any) -> datetime:
    at: datetime = value
    return at if at.tzinfo else at.replace(tzinfo=UTC)
