"""Medians of the loads per page and cache state."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from .browser import Load

AIM_MS = 1000.0
"""The issue's aim: the dashboard renders with the demo data in under a second locally."""


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, round(p / 100 * len(ordered) + 0.4999))
    return ordered[min(rank, len(ordered)) - 1]


@dataclass(frozen=True)
class Summary:
    target: str
    cache: str
    loads: int
    content_p50: float
    complete_p50: float
    complete_p90: float
    complete_min: float
    complete_max: float
    html_p50: float
    dom_content_loaded_p50: float
    graphql_requests_p50: float
    graphql_start_p50: float
    graphql_p50: float


def summarise(loads: Sequence[Load]) -> list[Summary]:
    """One summary per (page, cache state), in the order they were first measured."""
    groups: dict[tuple[str, str], list[Load]] = {}
    for item in loads:
        groups.setdefault((item.target, item.cache), []).append(item)
    return [_summary(target, cache, group) for (target, cache), group in groups.items()]


def _summary(target: str, cache: str, loads: list[Load]) -> Summary:
    complete = [item.complete_ms for item in loads]
    graphql = [item.graphql_ms for item in loads if item.graphql_ms is not None]
    started = [item.graphql_start_ms for item in loads if item.graphql_start_ms is not None]
    return Summary(
        target=target,
        cache=cache,
        loads=len(loads),
        content_p50=median([item.content_ms for item in loads]),
        complete_p50=median(complete),
        complete_p90=percentile(complete, 90),
        complete_min=min(complete),
        complete_max=max(complete),
        html_p50=median([item.html_ms for item in loads]),
        dom_content_loaded_p50=median([item.dom_content_loaded_ms for item in loads]),
        graphql_requests_p50=median([float(item.graphql_requests) for item in loads]),
        graphql_start_p50=median(started),
        graphql_p50=median(graphql),
    )


def aim_verdicts(
    summaries: Sequence[Summary], target: str = "dashboard"
) -> list[tuple[Summary, bool]]:
    """Each cache state of `target` with whether its median time to content (the heading and
    the data shown, as the aim says) is under the aim."""
    return [(s, s.content_p50 < AIM_MS) for s in summaries if s.target == target]
