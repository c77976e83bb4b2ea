"""Medians and spread of the runs per target and workload, ratios and the aim."""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .gateways import GATEWAYS
from .runner import SUBGRAPH, Run
from .scenario import Workload

AIM_RATIO = 2.0
"""Requests/s per core of this gateway over Apollo Gateway's that the aim asks for."""
BASELINE = "apollo"
OURS = "python"
LEADER = "hive-dedup"
"""The peer to be ahead of (issue 17): Hive Gateway with its in-flight deduplication."""
NODEDUP = "python-nodedup"
BEFORE = "python-before"
SPEEDUP_AIM = 2.0
"""Requests/s of this gateway without deduplication over its own before the speed work that
issue 17 asks for."""


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


@dataclass(frozen=True)
class Summary:
    target: str
    workload: Workload
    valid: int
    total: int
    per_s: float
    per_s_min: float
    per_s_max: float
    latency_ms: dict[int, float]
    """Percentile → the median over the valid runs of that percentile."""
    peak_rss_mb: float | None
    cpu: dict[str, float]
    fetches_alone: dict[str, int]
    """Subgraph → its requests for one client request alone (the run with the most)."""
    fetches_per_request: dict[str, float]
    """Subgraph → the median of its requests per client request under load."""
    cache_misses: int


def summarise(runs: Sequence[Run]) -> list[Summary]:
    """One summary per (target, workload), in the order they were first run."""
    groups: dict[tuple[str, Workload], list[Run]] = {}
    for run in runs:
        groups.setdefault((run.target, run.workload), []).append(run)
    return [_summary(target, workload, group) for (target, workload), group in groups.items()]


def _summary(target: str, workload: Workload, runs: list[Run]) -> Summary:
    valid = [r for r in runs if r.valid and r.result is not None]
    results = [r.result for r in valid if r.result is not None]
    rates = [r.per_s for r in results]
    percentiles = sorted({p for r in results for p in r.latency_ms})
    rss = [r.peak_rss_mb for r in valid if r.peak_rss_mb is not None]
    cpu_names = sorted({name for r in valid for name in r.cpu})
    return Summary(
        target=target,
        workload=workload,
        valid=len(valid),
        total=len(runs),
        per_s=median(rates),
        per_s_min=min(rates, default=float("nan")),
        per_s_max=max(rates, default=float("nan")),
        latency_ms={p: median([r.latency_ms[p] for r in results]) for p in percentiles},
        peak_rss_mb=median(rss) if rss else None,
        cpu={name: median([r.cpu.get(name, 0.0) for r in valid]) for name in cpu_names},
        fetches_alone=max((r.fetches_alone for r in valid), key=total, default={}),
        fetches_per_request={
            name: median([r.fetches_per_request.get(name, 0.0) for r in valid])
            for name in dict.fromkeys(n for r in valid for n in r.fetches_per_request)
        },
        cache_misses=sum(r.cache_misses for r in valid),
    )


def total(by_subgraph: Mapping[str, float]) -> float:
    return sum(by_subgraph.values())


def find(summaries: Sequence[Summary], target: str, workload: Workload) -> Summary | None:
    return next(
        (s for s in summaries if s.target == target and s.workload == workload and s.valid),
        None,
    )


def ratio_to_baseline(summaries: Sequence[Summary], summary: Summary) -> float | None:
    baseline = find(summaries, BASELINE, summary.workload)
    if baseline is None or not summary.valid or summary.target == SUBGRAPH:
        return None
    return summary.per_s / baseline.per_s


@dataclass(frozen=True)
class Overhead:
    """Gateway latency minus the subgraph's own, for the trivial query at one load."""

    target: str
    workload: Workload
    p50_ms: float
    p99_ms: float
    subgraph_p50_ms: float
    subgraph_p99_ms: float


def overheads(summaries: Sequence[Summary]) -> list[Overhead]:
    found = []
    for summary in summaries:
        direct = find(summaries, SUBGRAPH, summary.workload)
        if summary.target == SUBGRAPH or direct is None or not summary.valid:
            continue
        found.append(
            Overhead(
                target=summary.target,
                workload=summary.workload,
                p50_ms=summary.latency_ms[50] - direct.latency_ms[50],
                p99_ms=summary.latency_ms[99] - direct.latency_ms[99],
                subgraph_p50_ms=direct.latency_ms[50],
                subgraph_p99_ms=direct.latency_ms[99],
            )
        )
    return found


@dataclass(frozen=True)
class AimCheck:
    workload: Workload
    ratio: float
    p99_ms: float
    baseline_p99_ms: float

    @property
    def met(self) -> bool:
        return self.ratio >= AIM_RATIO and self.p99_ms < self.baseline_p99_ms


def aim(summaries: Sequence[Summary], workloads: Sequence[Workload]) -> list[AimCheck]:
    """The aim per workload where both this gateway and Apollo Gateway have valid runs."""
    checks = []
    for workload in workloads:
        ours, baseline = find(summaries, OURS, workload), find(summaries, BASELINE, workload)
        if ours is None or baseline is None:
            continue
        checks.append(
            AimCheck(
                workload,
                ours.per_s / baseline.per_s,
                ours.latency_ms[99],
                baseline.latency_ms[99],
            )
        )
    return checks


@dataclass(frozen=True)
class LeadCheck:
    """This gateway against the leading peer at one workload, and its p99 against every peer's."""

    workload: Workload
    ratio: float
    """This gateway's requests/s over the leader's."""
    p99_ms: float
    best_peer: str
    """The peer with the lowest p99."""
    best_peer_p99_ms: float

    @property
    def met(self) -> bool:
        return self.ratio > 1 and self.p99_ms < self.best_peer_p99_ms


def lead(summaries: Sequence[Summary], workloads: Sequence[Workload]) -> list[LeadCheck]:
    """Per workload where this gateway and the leader have valid runs; the peers are the
    other programs' targets (not this gateway without deduplication, not the subgraph)."""
    checks = []
    for workload in workloads:
        ours, leader = find(summaries, OURS, workload), find(summaries, LEADER, workload)
        if ours is None or leader is None:
            continue
        peers = [
            s
            for s in summaries
            if s.workload == workload
            and s.valid
            and s.target != SUBGRAPH
            and GATEWAYS[s.target].program != GATEWAYS[OURS].program
        ]
        best = min(peers, key=lambda s: s.latency_ms[99])
        checks.append(
            LeadCheck(
                workload,
                ours.per_s / leader.per_s,
                ours.latency_ms[99],
                best.target,
                best.latency_ms[99],
            )
        )
    return checks


@dataclass(frozen=True)
class SpeedupCheck:
    """This gateway without deduplication against itself before the speed work, one workload."""

    workload: Workload
    ratio: float
    p99_ms: float
    before_p99_ms: float

    @property
    def met(self) -> bool:
        return self.ratio >= SPEEDUP_AIM


def speedup(summaries: Sequence[Summary], workloads: Sequence[Workload]) -> list[SpeedupCheck]:
    """Per workload where both have valid runs."""
    checks = []
    for workload in workloads:
        now, before = find(summaries, NODEDUP, workload), find(summaries, BEFORE, workload)
        if now is not None and before is not None:
            checks.append(
                SpeedupCheck(
                    workload, now.per_s / before.per_s, now.latency_ms[99], before.latency_ms[99]
                )
            )
    return checks
