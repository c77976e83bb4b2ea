"""python -m bench.gateway [--gateways python,apollo,hive] [--queries public] [--repeats 3] ...

Measures the gateways with wrk on the federated scenario's queries and writes the "Gateway"
section of docs/benchmarks.md. A short smoke run: `--queries public --gateways python,hive-dedup
--repeats 1 --duration 2 --warmup 1 --no-docs`. `python -m bench.gateway compose` re-composes
bench/gateway/supergraph.graphql from the subgraph SDLs with @apollo/composition.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import subprocess
import sys
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from . import (
    check,
    gateways,
    node,
    processes,
    report,
    runner,
    scenario,
    stats,
    subgraphs,
    supergraph,
    wrk,
)
from .runner import Settings
from .scenario import Workload

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "benchmarks.md"
RESULTS = ROOT / "bench" / "results"


def _names(allowed: list[str]) -> Callable[[str], list[str]]:
    def parse(text: str) -> list[str]:
        names = [part.strip() for part in text.split(",") if part.strip()]
        unknown = [n for n in names if n not in allowed]
        if not names or unknown:
            raise argparse.ArgumentTypeError(f"choose from {','.join(allowed)}")
        return list(dict.fromkeys(names))

    return parse


def _cpus(text: str) -> list[int]:
    try:
        cpus = [int(part) for part in text.split(",") if part.strip()]
    except ValueError as error:
        raise argparse.ArgumentTypeError("CPU numbers, comma-separated") from error
    if not cpus:
        raise argparse.ArgumentTypeError("CPU numbers, comma-separated")
    return cpus


def parse_args(argv: list[str]) -> argparse.Namespace:
    available = sorted(os.sched_getaffinity(0))
    parser = argparse.ArgumentParser(prog="python -m bench.gateway", description=__doc__)
    parser.add_argument(
        "--gateways",
        type=_names(list(gateways.GATEWAYS)),
        default=list(gateways.GATEWAYS),
        help="targets, comma-separated (default all): " + ", ".join(gateways.GATEWAYS),
    )
    parser.add_argument(
        "--queries",
        type=_names(list(scenario.QUERIES)),
        default=list(scenario.QUERIES),
        help="scenarios, comma-separated (default all): " + ", ".join(scenario.QUERIES),
    )
    parser.add_argument("--repeats", type=int, default=3, help="runs of each gateway, interleaved")
    parser.add_argument("--duration", type=float, default=30, help="measured seconds per run")
    parser.add_argument("--warmup", type=float, default=10, help="discarded seconds before it")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument(
        "--low-connections",
        type=int,
        default=1,
        help=f"also run the {' and '.join(scenario.LOW_LOAD_QUERIES)} queries at this many "
        "connections, for latency without queueing (0: not)",
    )
    parser.add_argument("--subgraph-port", type=int, default=scenario.SUBGRAPH_PORT)
    parser.add_argument("--gateway-port", type=int, default=scenario.GATEWAY_PORT)
    parser.add_argument(
        "--gateway-cpus", type=_cpus, default=available[:1], help="cores of the gateway"
    )
    parser.add_argument(
        "--load-cpus",
        type=_cpus,
        default=available[1:] or available,
        help="cores of the subgraphs and wrk",
    )
    parser.add_argument(
        "--quiet-below",
        type=float,
        default=30,
        help="before each run, wait until the machine is less busy than this (100 = one core)",
    )
    parser.add_argument("--quiet-timeout", type=float, default=120, help="longest such wait (s)")
    parser.add_argument("--docs", type=Path, default=DOCS, help="Markdown file to update")
    parser.add_argument("--no-docs", action="store_true", help="print the section only")
    args = parser.parse_args(argv)
    if min(args.repeats, args.connections) < 1 or min(args.duration, args.warmup) < 1:
        parser.error("--repeats, --connections, --duration and --warmup must be at least 1")
    return args


def workloads(args: argparse.Namespace) -> list[Workload]:
    """Each query at --connections, then the low-load ones at --low-connections."""
    found = [Workload(query, args.connections) for query in args.queries]
    if args.low_connections > 0:
        found += [
            Workload(query, args.low_connections)
            for query in args.queries
            if query in scenario.LOW_LOAD_QUERIES
        ]
    return list(dict.fromkeys(found))


def machine_facts() -> list[str]:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.machine(),
    )
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()[:2]
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    return [
        f"nproc {len(os.sched_getaffinity(0))} ({model})",
        f"Linux {platform.release()}",
        f"Python {platform.python_version()}",
        f"Node {node.node_version()}",
        " ".join(wrk_version),
        f"load average before the run {load} (the machine is shared)",
    ]


def setup_lines(args: argparse.Namespace) -> list[str]:
    targets = [gateways.GATEWAYS[g] for g in args.gateways]
    programs = {t.program: t for t in targets if t.commit is None}
    versions = [f"{gateways.PROGRAMS[p]}: {gateway.versions()}" for p, gateway in programs.items()]
    versions += [f"{t.label}: {t.versions()}" for t in targets if t.commit is not None]
    uvicorn = metadata.version("uvicorn")
    graphql_core = metadata.version("graphql-core")
    low = f"{', '.join(scenario.LOW_LOAD_QUERIES)}: {args.low_connections}"
    return [
        *versions,
        "Targets: " + "; ".join(f"{gateways.GATEWAYS[g].label} (`{g}`)" for g in args.gateways),
        "In-flight deduplication (every client here sends the same query, so a gateway that "
        "shares work between identical requests in flight does less of it): this gateway with "
        f"`{'`, `'.join(gateways.DEDUPE_SETTINGS)}` true (its default: identical subgraph "
        "requests share one HTTP exchange, identical operations of one identity one execution) "
        "and, for `python-nodedup`, false; Hive Gateway with its transport's "
        "`deduplicateInflightRequests` (on by default: identical subgraph requests share one "
        "response) off, and on for `hive-dedup` (its inbound deduplication of operations is off "
        "by default and stays off); Apollo Gateway has none",
        "Node gateways: `NODE_ENV=production`, no usage reporting, telemetry, landing page, "
        "response cache or other plugins (`bench/gateway/node/*.mjs`); Hive Gateway as "
        "`createGatewayRuntime` on `node:http`",
        f"Subgraphs: one process each, graphql-core {graphql_core} executing the SDL with "
        f"batched `_entities`, a raw ASGI app under uvicorn {uvicorn} (httptools, uvloop), "
        "with a response cache keyed by request body",
        f"Cores: gateway on {processes_cpus(args.gateway_cpus)}, subgraphs and wrk on "
        f"{processes_cpus(args.load_cpus)}",
        f"wrk: 2 threads, {args.connections} connections (and {low}), {args.warmup:g} s "
        f"warm-up (discarded), then {args.duration:g} s measured; {args.repeats} repeats, "
        "targets interleaved and started afresh for every run; a run with socket errors or "
        "non-2xx answers is invalid",
        "Subgraph requests: counted by the subgraphs, for one client request alone (before the "
        "load) and per client request over the measured window",
        "Peak RSS: VmHWM of the gateway process (and any children) at the end of the run",
    ]


def processes_cpus(cpus: list[int]) -> str:
    return ("core " if len(cpus) == 1 else "cores ") + ",".join(map(str, cpus))


def compose_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.gateway compose",
        description="Composes the scenario's supergraph with @apollo/composition.",
    )
    parser.add_argument("--subgraph-port", type=int, default=scenario.SUBGRAPH_PORT)
    parser.add_argument("--output", type=Path, default=supergraph.FILE)
    args = parser.parse_args(argv)
    node.ensure_installed()
    args.output.write_text(supergraph.compose(supergraph.urls(args.subgraph_port)))
    sys.stderr.write(f"bench.gateway: wrote {args.output}\n")
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["compose"]:
        return compose_main(argv[1:])
    args = parse_args(argv)
    wrk.check_installed()
    node.ensure_installed()
    try:
        gateways.check_available(args.gateways)
    except gateways.GatewayMissing as error:
        sys.stderr.write(f"bench.gateway: {error}\n")
        return 2
    command = shlex.join([".venv/bin/python", "-m", "bench.gateway", *argv])
    work_dir = RESULTS / f"gateway-{datetime.now(UTC).strftime('%Y%m%dT%H%M%S')}"
    work_dir.mkdir(parents=True)
    facts = machine_facts()
    settings = Settings(
        gateways=args.gateways,
        workloads=workloads(args),
        repeats=args.repeats,
        duration_s=args.duration,
        warmup_s=args.warmup,
        gateway_port=args.gateway_port,
        gateway_cpus=args.gateway_cpus,
        load_cpus=args.load_cpus,
        supergraph=supergraph.for_ports(args.subgraph_port, work_dir),
        work_dir=work_dir,
        quiet_below=args.quiet_below,
        quiet_timeout_s=args.quiet_timeout,
    )
    sys.stderr.write(f"bench.gateway: logs and wrk output in {work_dir}\n")
    try:
        with subgraphs.running(args.subgraph_port, args.load_cpus, work_dir) as running:
            references = runner.check_all(settings, running)
            sys.stderr.write("bench.gateway: every target answers each query identically\n")
            runs = runner.measure_all(settings, running, references)
    except (check.ResponsesDiffer, check.BadResponse, processes.ServerFailed) as error:
        sys.stderr.write(f"bench.gateway: {error}\n")
        return 2
    (work_dir / "runs.json").write_text(
        json.dumps([asdict(r) for r in runs], indent=1, default=str)
    )
    summaries = stats.summarise(runs)
    context = report.Context(
        command=command,
        date=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        machine=facts,
        setup=setup_lines(args),
        response_bytes={
            query: len(check.canonical(answer).encode())
            for query, (_, answer) in references.items()
        },
        workloads=settings.workloads,
        main_connections=args.connections,
        load_cpus=len(args.load_cpus),
    )
    section = report.render(summaries, runs, context)
    sys.stdout.write(section + "\n")
    if not args.no_docs:
        report.write_section(args.docs, section)
        sys.stderr.write(f"bench.gateway: wrote {args.docs}\n")
    return 0 if all(r.valid for r in runs) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
