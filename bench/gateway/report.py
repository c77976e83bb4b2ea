"""The "Gateway" section of docs/benchmarks.md."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import report_sections
from ..report_sections import markdown_table
from .gateways import BEFORE as BEFORE_COMMIT
from .gateways import GATEWAYS
from .runner import SATURATED_SHARE, SUBGRAPH, Run
from .scenario import SUBGRAPH_DIRECT, Workload
from .schemas import SDL
from .stats import (
    AIM_RATIO,
    BEFORE,
    LEADER,
    SPEEDUP_AIM,
    AimCheck,
    LeadCheck,
    Overhead,
    SpeedupCheck,
    Summary,
    aim,
    lead,
    overheads,
    ratio_to_baseline,
    speedup,
    total,
)

HEADING = "## Gateway: federated queries through this gateway, Apollo Gateway and Hive Gateway"
INTRO = (
    "One federated scenario — four Federation v2 subgraphs (accounts, inventory, products, "
    "reviews; `bench/gateway/schemas.py`, data generated from a seed) composed once by "
    "`@apollo/composition` into `bench/gateway/supergraph.graphql` — served by each target in "
    "turn: this gateway, Apollo Gateway and Hive Gateway, this gateway and Hive Gateway each "
    "with its in-flight deduplication on and off, and this gateway as it was before the work "
    f"on its speed (`python-before`: commit {BEFORE_COMMIT} exported from git). Each target "
    "runs alone on one core (`taskset`), so requests/s is per core; the subgraphs and wrk run "
    "on the other core(s). "
    "The subgraphs answer a request body they have seen before from memory: **this measures "
    "the gateways, not the subgraphs** (their CPU use is in the last table). Before any "
    "measurement every target's answer to each query is checked to be identical JSON (data "
    "and key order); each run checks it again before and after its window."
)
QUERIES = (
    "Queries (`bench/gateway/scenario.py`): **public**, shaped like the query of the public "
    "federation benchmark (graphql-hive/graphql-gateways-benchmark: the same fields, fragments "
    "and list lengths — users and top products, their reviews, the reviews' products and "
    "authors, and theirs — so that users and products come back by several paths); **deep**, "
    "top products → inventory + reviews → accounts + products → inventory + accounts; "
    "**trivial**, one field of the accounts subgraph, also sent to that subgraph directly for "
    "the gateways' overhead. The public and trivial queries run at two loads: many connections "
    "(throughput under queueing) and one (latency without it)."
)


@dataclass(frozen=True)
class Context:
    command: str
    date: str
    machine: list[str]
    setup: list[str]
    response_bytes: dict[str, int]
    """Query → size of its response (compact JSON as the reference target sent it)."""
    workloads: list[Workload]
    main_connections: int
    load_cpus: int
    """How many cores the subgraphs and wrk share."""


def _ms(value: float) -> str:
    if math.isnan(value):
        return "-"
    return (
        f"{value:.0f}"
        if abs(value) >= 10
        else f"{value:.1f}"
        if abs(value) >= 1
        else f"{value:.2f}"
    )


def _label(target: str) -> str:
    if target == SUBGRAPH:
        return f"{SUBGRAPH_DIRECT} subgraph directly"
    return GATEWAYS[target].label


def results_table(summaries: Sequence[Summary]) -> list[str]:
    header = [
        "target",
        "query",
        "connections",
        "requests/s",
        "ratio to Apollo",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "peak RSS MB",
        "valid runs",
        "requests/s min–max",
    ]
    rows = []
    for s in summaries:
        ratio = ratio_to_baseline(summaries, s)
        rows.append(
            [
                _label(s.target),
                s.workload.query,
                str(s.workload.connections),
                f"{s.per_s:.0f}" if s.valid else "-",
                f"{ratio:.2f}" if ratio is not None else "-",
                _ms(s.latency_ms.get(50, math.nan)),
                _ms(s.latency_ms.get(95, math.nan)),
                _ms(s.latency_ms.get(99, math.nan)),
                f"{s.peak_rss_mb:.0f}" if s.peak_rss_mb is not None else "-",
                f"{s.valid}/{s.total}",
                f"{s.per_s_min:.0f}–{s.per_s_max:.0f}" if s.valid else "-",
            ]
        )
    return markdown_table(header, rows)


def cpu_table(summaries: Sequence[Summary]) -> list[str]:
    header = [
        "target",
        "query",
        "connections",
        "gateway CPU %",
        "gateway core busy %",
        "subgraphs CPU %",
        "wrk CPU %",
        "load cores busy %",
        "others CPU %",
        "subgraph cache misses",
    ]
    rows = [
        [
            _label(s.target),
            s.workload.query,
            str(s.workload.connections),
            f"{s.cpu.get('gateway', 0):.0f}" if s.target != SUBGRAPH else "-",
            f"{s.cpu.get('gateway_cores', 0):.0f}",
            f"{s.cpu.get('subgraphs', 0):.0f}",
            f"{s.cpu.get('wrk', 0):.0f}",
            f"{s.cpu.get('load_cores', 0):.0f}",
            f"{s.cpu.get('others', 0):.0f}",
            str(s.cache_misses),
        ]
        for s in summaries
        if s.valid
    ]
    return markdown_table(header, rows)


def fetches_table(summaries: Sequence[Summary]) -> list[str]:
    """Subgraph requests per client request, in total and per subgraph (in SDL order)."""
    parts = " + ".join(SDL)
    header = [
        "target",
        "query",
        "connections",
        f"one request alone: all = {parts}",
        f"per request under load: all = {parts}",
    ]

    def split(by_subgraph: dict[str, int] | dict[str, float], digits: int) -> str:
        values = [by_subgraph.get(name, 0) for name in SDL]
        return f"{total(by_subgraph):.{digits}f} = " + " + ".join(f"{v:.{digits}f}" for v in values)

    rows = [
        [
            _label(s.target),
            s.workload.query,
            str(s.workload.connections),
            split(s.fetches_alone, 0),
            split(s.fetches_per_request, 2),
        ]
        for s in summaries
        if s.valid and s.target != SUBGRAPH
    ]
    return markdown_table(header, rows)


def overhead_table(found: Sequence[Overhead]) -> list[str]:
    header = [
        "gateway",
        "connections",
        "subgraph p50 ms",
        "gateway minus subgraph p50 ms",
        "subgraph p99 ms",
        "gateway minus subgraph p99 ms",
    ]
    rows = [
        [
            _label(o.target),
            str(o.workload.connections),
            _ms(o.subgraph_p50_ms),
            _ms(o.p50_ms),
            _ms(o.subgraph_p99_ms),
            _ms(o.p99_ms),
        ]
        for o in found
    ]
    return markdown_table(header, rows)


def aim_lines(checks: Sequence[AimCheck], main_connections: int) -> list[str]:
    relevant = [c for c in checks if c.workload.connections == main_connections]
    if not relevant:
        return [
            f"- Aim (at least {AIM_RATIO:g}x Apollo Gateway's requests/s per core, with lower "
            "p99): **not measured** (this run did not measure both this gateway and Apollo "
            "Gateway)."
        ]
    met = all(c.met for c in relevant)
    details = "; ".join(
        f"{c.workload.query}: {c.ratio:.2f}x, p99 {_ms(c.p99_ms)} ms vs {_ms(c.baseline_p99_ms)} ms"
        for c in relevant
    )
    return [
        f"- Aim (at least {AIM_RATIO:g}x Apollo Gateway's requests/s per core, with lower "
        f"p99): **{'met' if met else 'not met'}** — {details}."
    ]


def lead_lines(checks: Sequence[LeadCheck], main_connections: int) -> list[str]:
    relevant = [c for c in checks if c.workload.connections == main_connections]
    aim_text = (
        f"- Aim of issue 17 (ahead of {_label(LEADER)} at {main_connections} connections, "
        "with a p99 below every peer's)"
    )
    if not relevant:
        return [f"{aim_text}: **not measured** (this run did not measure both)."]
    details = "; ".join(
        f"{c.workload.query}: {c.ratio:.2f}x its requests/s, p99 {_ms(c.p99_ms)} ms vs "
        f"{_ms(c.best_peer_p99_ms)} ms ({_label(c.best_peer)})"
        for c in relevant
    )
    met = all(c.met for c in relevant)
    return [f"{aim_text}: **{'met' if met else 'not met'}** — {details}."]


def speedup_lines(checks: Sequence[SpeedupCheck]) -> list[str]:
    aim_text = (
        f"- Aim of issue 17 (at least {SPEEDUP_AIM:g}x the requests/s of {_label(BEFORE)}, "
        "both without deduplication)"
    )
    if not checks:
        return [f"{aim_text}: **not measured** (this run did not measure both)."]
    details = "; ".join(
        f"{c.workload.label}: {c.ratio:.2f}x, p99 {_ms(c.p99_ms)} ms vs {_ms(c.before_p99_ms)} ms"
        for c in checks
    )
    met = all(c.met for c in checks)
    return [f"{aim_text}: **{'met' if met else 'not met'}** — {details}."]


def problem_lines(runs: Sequence[Run]) -> list[str]:
    return [
        f"- Invalid run (left out of the medians): {_label(r.target)}, {r.workload.label}, "
        f"repeat {r.repeat}: {'; '.join(r.problems)}."
        for r in runs
        if r.problems
    ]


def note_lines(runs: Sequence[Run]) -> list[str]:
    return [
        f"- Doubtful run: {_label(r.target)}, {r.workload.label}, repeat {r.repeat}: "
        f"{'; '.join(r.notes)}."
        for r in runs
        if r.notes and not r.problems
    ]


def capacity_lines(summaries: Sequence[Summary], load_cpus: int) -> list[str]:
    """The subgraphs' capacity against what the gateways asked of them."""
    direct = [s for s in summaries if s.target == SUBGRAPH and s.valid]
    busiest = max(
        (s for s in summaries if s.target != SUBGRAPH and s.valid),
        key=lambda s: s.cpu.get("load_cores", 0.0),
        default=None,
    )
    if not direct or busiest is None:
        return []
    fastest = max(direct, key=lambda s: s.per_s)
    busy = busiest.cpu.get("load_cores", 0.0)
    limited = busy >= SATURATED_SHARE * 100 * load_cpus
    return [
        f"- Subgraph capacity: the {SUBGRAPH_DIRECT} subgraph alone answered "
        f"{fastest.per_s:.0f} requests/s ({fastest.workload.connections} connections, sharing "
        f"its core with wrk); during the gateway runs the subgraph and wrk core(s) were at most "
        f"{busy:.0f} % busy ({_label(busiest.target)}, {busiest.workload.label}), so the "
        + ("subgraphs **may have limited** that run." if limited else "subgraphs limited no run.")
    ]


def render(summaries: Sequence[Summary], runs: Sequence[Run], context: Context) -> str:
    sizes = ", ".join(
        f"{query} {size / 1024:.1f} KiB" if size >= 1024 else f"{query} {size} bytes"
        for query, size in context.response_bytes.items()
    )
    found = overheads(summaries)
    out = [
        HEADING,
        "",
        INTRO,
        "",
        QUERIES,
        "",
        "```",
        context.command,
        "```",
        "",
        f"Run {context.date}. " + "; ".join(context.machine) + ".",
        "",
        *(f"- {line}" for line in context.setup),
        f"- Response sizes: {sizes}.",
        *capacity_lines(summaries, context.load_cpus),
        "",
        *aim_lines(aim(summaries, context.workloads), context.main_connections),
        *lead_lines(lead(summaries, context.workloads), context.main_connections),
        *speedup_lines(speedup(summaries, context.workloads)),
        *problem_lines(runs),
        *note_lines(runs),
        "",
        "### Requests/s and latency (medians over the runs)",
        "",
        *results_table(summaries),
        "",
    ]
    if found:
        out += [
            "### Overhead on the trivial query (gateway latency minus the subgraph's own)",
            "",
            *overhead_table(found),
            "",
        ]
    out += [
        "### Subgraph requests per client request (counted by the subgraphs; medians)",
        "",
        *fetches_table(summaries),
        "",
        "### CPU in the measured window (100 % = one core; medians) and subgraph cache misses",
        "",
        *cpu_table(summaries),
        "",
    ]
    return "\n".join(out)


def write_section(path: Path, section: str) -> None:
    """Replaces (or appends) the gateway section; other sections and `### Analysis` stay."""
    report_sections.write_section(path, HEADING, section)
