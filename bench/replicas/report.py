"""The benchmark's section of docs/benchmarks.md."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.report_sections import markdown_table, write_section

from .load import Cpu, EventFigures, GatewayFigures

HEADING = "## Replicas: one service scaled out locally"


@dataclass(frozen=True)
class Row:
    replicas: int
    events: EventFigures
    queries: GatewayFigures
    served: list[int]
    """Requests each replica of the service answered while the gateway was measured."""


def describe(row: Row) -> str:
    return (
        f"replicas={row.replicas} events/s={row.events.per_second:.0f}"
        f" ({_cpu(row.events.cpu)}) gateway req/s={row.queries.per_second:.0f}"
        f" p50={row.queries.p50_ms:.1f} ms p99={row.queries.p99_ms:.1f} ms"
        f" errors={row.queries.errors} ({_cpu(row.queries.cpu)}) served={row.served}"
    )


def section(
    rows: Sequence[Row],
    *,
    service: str,
    command: str,
    machine: str,
    when: str,
    events: int,
    seconds: float,
    concurrency: int,
) -> str:
    lines = [
        HEADING,
        "",
        f"`.venv/bin/{command}` ({when}; {machine}). The whole platform runs locally through"
        f" `python -m devstack` with 1–3 replicas of {service}, the busiest consumer (it follows"
        " organisations, partnerships, applications, visits, workshops and networks); the load"
        " generator runs on the same machine.",
        "",
        f"- Events: {events} `organisation.created` events published to the broker at once;"
        f" the time from the first publish until {service}'s projection holds all of them"
        " (networks and training consume them too, as they do in production).",
        f"- Gateway: {concurrency} clients for {seconds:g} s, each sending the next query once"
        f" the last is answered; the query is answered by {service} alone, so the gateway"
        " balances every request over its replicas.",
        "",
        *markdown_table(
            [
                "replicas",
                "events/s",
                "CPU (events)",
                "gateway req/s",
                "p50 ms",
                "p99 ms",
                "errors",
                "CPU (gateway)",
                "requests per replica",
            ],
            [
                [
                    str(r.replicas),
                    f"{r.events.per_second:.0f}",
                    _cpu(r.events.cpu),
                    f"{r.queries.per_second:.0f}",
                    f"{r.queries.p50_ms:.1f}",
                    f"{r.queries.p99_ms:.1f}",
                    str(r.queries.errors),
                    _cpu(r.queries.cpu),
                    " / ".join(str(n) for n in r.served),
                ]
                for r in rows
            ],
        ),
        "",
        "CPU over the measured window, 100 % = one core (the machine has 200 %): the whole"
        " machine / the platform's processes / the load generator; then the machine's 1-minute"
        " load average at the end (above 2, other work waited for the cores too).",
    ]
    return "\n".join(lines)


def _cpu(cpu: Cpu) -> str:
    return f"{cpu.machine:.0f} / {cpu.platform:.0f} / {cpu.generator:.0f} %, load {cpu.load:.1f}"


def write(path: Path, text: str) -> None:
    write_section(path, HEADING, text)
