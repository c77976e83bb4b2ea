"""Joins the two processes' timestamps by event id and turns them into figures."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

SEGMENTS = (
    ("commit → published", "relay: woken, finds, leases and reads the outbox, publishes"),
    ("published → confirmed", "broker confirm to the relay (runs alongside delivery)"),
    ("published → handler", "broker routing and delivery, consumer prefetch and loop"),
    ("handler → effect", "AggregateStore.apply: read, then write effect + event id"),
)
"""Latency segments. The broker confirms a persistent message after writing it to disk,
often after it already delivered it, so delivery is measured from the publish."""


CONTENDED_PCT = 25.0
"""CPU % (100 = one core) of processes outside the benchmark that marks a run as contended."""


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile of unsorted values (nan when there are none)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


@dataclass(frozen=True)
class Spread:
    """p50/p95/p99/max of milliseconds."""

    p50: float
    p95: float
    p99: float
    max: float

    @classmethod
    def of(cls, seconds: Iterable[float]) -> Spread:
        ms = [1000 * s for s in seconds]
        return cls(percentile(ms, 50), percentile(ms, 95), percentile(ms, 99), max(ms, default=0))


@dataclass(frozen=True)
class OpStats:
    """One MongoDB command from one process, as the client timed it, in the window."""

    process: str
    command: str
    per_s: float
    p50_ms: float
    p99_ms: float


@dataclass
class RateResult:
    rate: int
    seconds: float
    profiled: bool
    measured: int
    """Events committed in the measured window: the latency sample."""
    committed_per_s: float
    achieved_per_s: float
    """Effects committed by the consumer per second in the measured window."""
    latency: Spread
    write: Spread
    """Due (open-loop schedule) → commit returned: the producer's own queueing + write."""
    segments: dict[str, Spread]
    lost: int
    twice: int
    redelivered: int
    write_errors: dict[str, int]
    drained: bool
    backlog_at_end: int
    """Events committed in the window whose effect came after the window closed."""
    cpu: dict[str, float] = field(default_factory=dict)
    ops: list[OpStats] = field(default_factory=list)
    nx_cpu_ms_per_op: float | None = None
    profiles: dict[str, str] = field(default_factory=dict)
    attempts: int = 1
    """Which try this was (a rate is run again while the machine was contended)."""
    busy_before_pct: float = 0.0
    """The machine's CPU use (100 = one core) just before the run: other sessions' work."""

    @property
    def contended(self) -> bool:
        """Other work on this shared machine took a noticeable share of the cores."""
        return self.cpu.get("others", 0.0) > CONTENDED_PCT

    @property
    def sustained(self) -> bool:
        """Kept up: effects at ≥ 95 % of the offered rate and no backlog left at the end."""
        return self.achieved_per_s >= 0.95 * self.rate and self.backlog_at_end <= self.rate


def analyse(
    rate: int,
    seconds: float,
    window: tuple[float, float],
    producer: dict[str, Any],
    consumer: dict[str, Any],
    applied_counts: dict[str, tuple[int, list[str]]],
    *,
    profiled: bool,
) -> RateResult:
    """Per-event latency and its segments, plus the exactly-once check against the DB.

    `applied_counts`: per consumer view, its `applied` counter and the event ids stored
    with the effect (`_applied`).
    """
    start, end = window
    committed: list[list[Any]] = producer["committed"]
    sent: dict[str, float] = producer["sent"]
    confirmed: dict[str, float] = producer["confirmed"]
    handled: dict[str, list[list[Any]]] = consumer["handled"]

    def first_effect(event_id: str) -> list[Any] | None:
        return next((h for h in handled.get(event_id, []) if h[2]), None)

    in_window = [c for c in committed if start <= c[3] < end]
    latencies, write, relay, confirm, delivery, effect = [], [], [], [], [], []
    backlog = 0
    for event_id, _, due, commit in in_window:
        write.append(commit - due)
        done = first_effect(event_id)
        if done is None:
            continue  # counted as lost below
        latencies.append(done[1] - commit)
        backlog += done[1] >= end
        if event_id in sent:
            relay.append(sent[event_id] - commit)
            confirm.append(confirmed[event_id] - sent[event_id])
            delivery.append(done[0] - sent[event_id])
        effect.append(done[1] - done[0])
    effects_in_window = sum(
        1 for runs in handled.values() for h in runs if h[2] and start <= h[1] < end
    )

    expected: dict[str, set[str]] = {}
    for event_id, subject, _, _ in committed:
        expected.setdefault(subject, set()).add(event_id)
    lost = twice = 0
    for subject, ids in expected.items():
        applied, stored = applied_counts.get(subject, (0, []))
        found = ids & set(stored)
        lost += len(ids - found)
        twice += max(0, applied - len(found))
    twice += sum(applied for s, (applied, _) in applied_counts.items() if s not in expected)
    names = [s for s, _ in SEGMENTS]
    return RateResult(
        rate=rate,
        seconds=seconds,
        profiled=profiled,
        measured=len(in_window),
        committed_per_s=len(in_window) / seconds,
        achieved_per_s=effects_in_window / seconds,
        latency=Spread.of(latencies),
        write=Spread.of(write),
        segments=dict(zip(names, map(Spread.of, (relay, confirm, delivery, effect)), strict=True)),
        lost=lost,
        twice=twice,
        redelivered=sum(len(runs) - 1 for runs in handled.values()),
        write_errors=dict(producer["errors"]),
        drained=bool(producer["drained"]),
        backlog_at_end=backlog,
    )


def op_stats(
    process: str, records: list[list[Any]], window: tuple[float, float], seconds: float
) -> list[OpStats]:
    """Per command: calls per second and client-side round trip p50/p99 in the window."""
    start, end = window
    by_command: dict[str, list[float]] = {}
    for t, who, command, micros in records:
        if start <= t < end:
            by_command.setdefault(f"{who} {command}", []).append(micros / 1000)
    return [
        OpStats(process, command, len(ms) / seconds, percentile(ms, 50), percentile(ms, 99))
        for command, ms in sorted(by_command.items(), key=lambda kv: -len(kv[1]))
    ]
