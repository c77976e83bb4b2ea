"""Markdown tables of the results, and their section in docs/benchmarks.md."""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import report_sections
from ..report_sections import markdown_table
from .capacity import Capacity
from .stats import CONTENDED_PCT, SEGMENTS, RateResult

HEADING = "## Events: outbox → RabbitMQ → idempotent consumer"
AIM_RATE = 200
AIM_P99_MS = 250.0


@dataclass(frozen=True)
class Context:
    command: str
    date: str
    machine: list[str]
    setup: list[str]


def _ms(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def _label(result: RateResult) -> str:
    return f"{result.rate} (profiled)" if result.profiled else str(result.rate)


def results_table(results: Sequence[RateResult]) -> list[str]:
    rows = [
        [
            _label(r),
            f"{r.committed_per_s:.0f}",
            f"{r.achieved_per_s:.0f}",
            "yes" if r.sustained else "**no**",
            _ms(r.latency.p50),
            _ms(r.latency.p95),
            _ms(r.latency.p99),
            _ms(r.latency.max),
            str(r.lost),
            str(r.twice),
            str(r.redelivered),
            str(r.measured),
        ]
        for r in results
    ]
    header = [
        "offered ev/s",
        "committed ev/s",
        "achieved ev/s",
        "sustained",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "max ms",
        "lost",
        "applied twice",
        "redelivered",
        "events",
    ]
    return markdown_table(header, rows)


def segments_table(results: Sequence[RateResult]) -> list[str]:
    header = ["offered ev/s", "write: due → commit p50 / p99"]
    header += [f"{name} p50 / p99" for name, _ in SEGMENTS]
    rows = []
    for r in results:
        row = [_label(r), f"{_ms(r.write.p50)} / {_ms(r.write.p99)}"]
        row += [f"{_ms(s.p50)} / {_ms(s.p99)}" for s in r.segments.values()]
        rows.append(row)
    return markdown_table(header, rows)


def cpu_table(results: Sequence[RateResult]) -> list[str]:
    names = ["producer", "consumer", "nx-27017", "rabbitmq", "others", "machine"]
    header = ["offered ev/s", *(f"{n} CPU %" for n in names), "Mongo ops/s", "nx CPU ms/op"]
    rows = []
    for r in results:
        row = [_label(r), *(f"{r.cpu[n]:.0f}" if n in r.cpu else "-" for n in names)]
        row.append(f"{sum(o.per_s for o in r.ops):.0f}")
        row.append(f"{r.nx_cpu_ms_per_op:.2f}" if r.nx_cpu_ms_per_op is not None else "-")
        rows.append(row)
    return markdown_table(header, rows)


def ops_table(result: RateResult) -> list[str]:
    rows = [
        [o.process, o.command, f"{o.per_s:.0f}", _ms(o.p50_ms), _ms(o.p99_ms)] for o in result.ops
    ]
    return markdown_table(["process", "command", "per s", "round trip p50 ms", "p99 ms"], rows)


def verdict(results: Sequence[RateResult], every_run: Sequence[RateResult]) -> list[str]:
    """Plain sentences about the aim, computed from the numbers."""
    lines = []
    plain = [r for r in results if not r.profiled]
    at_aim = next((r for r in plain if r.rate == AIM_RATE), None)
    if at_aim is not None:
        met = at_aim.sustained and at_aim.latency.p99 < AIM_P99_MS
        lines.append(
            f"- Aim ({AIM_RATE} events/s sustained, p99 < {AIM_P99_MS:.0f} ms): "
            f"**{'met' if met else 'missed'}** — {at_aim.achieved_per_s:.0f} events/s, "
            f"p99 {_ms(at_aim.latency.p99)} ms"
            + (
                f", while other work on this shared machine used "
                f"{at_aim.cpu.get('others', 0):.0f} % CPU (contended)."
                if at_aim.contended
                else "."
            )
        )
    ok = [r for r in plain if r.sustained and r.latency.p99 < AIM_P99_MS]
    if ok:
        lines.append(f"- Highest rate tried that kept p99 < {AIM_P99_MS:.0f} ms: {ok[-1].rate}/s.")
    failures = sum(r.lost + r.twice for r in every_run)
    lines.append(
        f"- Lost or applied twice over all {len(every_run)} runs (re-runs included): "
        f"{failures} (checked in the database)."
    )
    retried = [f"{_label(r)} (kept try {r.attempts})" for r in results if r.attempts > 1]
    if retried:
        lines.append(
            "- Run again because other work on this shared machine contended for the cores: "
            + ", ".join(retried)
            + "."
        )
    errors = {k: v for r in results for k, v in r.write_errors.items()}
    if errors:
        lines.append(f"- Producer write errors: {errors}.")
    contended = [_label(r) for r in results if r.contended]
    if contended:
        lines.append(
            f"- **Contended** (other work on this shared machine used more than "
            f"{CONTENDED_PCT:.0f} % of a core during the window): {', '.join(contended)} "
            "events/s; those rows are pessimistic, see `others` in the CPU table."
        )
    if any(not r.drained for r in results):
        lines.append("- **Some run did not drain its outbox within the timeout.**")
    return lines


def capacity_table(capacities: Sequence[Capacity]) -> list[str]:
    header = ["operation", "concurrency", "ops/s", "nx CPU %", "nx CPU ms/op", "p50 ms", "p99 ms"]
    rows = [
        [
            c.operation,
            str(c.concurrency),
            f"{c.per_s:.0f}",
            f"{c.server_cpu_pct:.0f}",
            f"{c.server_cpu_ms_per_op:.2f}",
            _ms(c.round_trip.p50),
            _ms(c.round_trip.p99),
        ]
        for c in capacities
    ]
    return markdown_table(header, rows)


def render(
    results: Sequence[RateResult],
    context: Context,
    capacities: Sequence[Capacity] = (),
    every_run: Sequence[RateResult] = (),
) -> str:
    """The whole section (without hand-written analysis)."""
    cores = f"{len(os.sched_getaffinity(0))} cores, {100 * len(os.sched_getaffinity(0))} %"
    plain = [r for r in results if not r.profiled]
    focus = next((r for r in results if r.profiled), None) or next(
        (r for r in plain if r.rate == AIM_RATE), plain[-1] if plain else None
    )
    out = [
        HEADING,
        "",
        "Latency = wall clock when the consumer's effect write returned minus when the "
        "producer's write (the commit, aggregate + outbox in one document) returned, joined "
        "by event id across the two processes. Writes are offered open-loop at a fixed "
        "rate (half create, half read-and-replace of a recent aggregate); the producer "
        "process also runs the `OutboxRelay` (service defaults: batch 200, poll 500 ms, "
        "woken by each write); the consumer process runs an `EventConsumer` (prefetch 64) "
        "whose handler calls `AggregateStore.apply`. Exactly-once is checked in the "
        "consumer's database after each run (`applied` counter and stored event ids).",
        "",
        "```",
        context.command,
        "```",
        "",
        f"Run {context.date}. " + "; ".join(context.machine) + ".",
        "",
        *(f"- {line}" for line in context.setup),
        "",
        *verdict(results, every_run or results),
        "",
        "### Throughput and latency (commit → consumer effect)",
        "",
        *results_table(results),
        "",
        "### Where the time goes (ms)",
        "",
        *segments_table(results),
        "",
        f"### CPU during the measured window (100 % = one core; the machine has {cores})",
        "",
        *cpu_table(results),
        "",
    ]
    if focus is not None:
        out += [
            f"### MongoDB commands at {_label(focus)} events/s (client round trips)",
            "",
            *ops_table(focus),
            "",
        ]
    if capacities:
        out += [
            "### nx-27017 alone (closed loop from one client process; compare nx CPU ms/op above)",
            "",
            *capacity_table(capacities),
            "",
        ]
    for r in results:
        for process, text in r.profiles.items():
            out += [
                f"### cProfile of the {process} at {r.rate} events/s",
                "",
                "```",
                text.rstrip(),
                "```",
                "",
            ]
    return "\n".join(out)


def write_section(path: Path, section: str) -> None:
    """Replaces (or appends) the events section; other sections and `### Analysis` stay."""
    report_sections.write_section(path, HEADING, section)
