"""python -m bench.replicas [--service finance] [--replicas 1,2,3] [--events 3000]
[--seconds 20] [--concurrency 32] [--no-write]

For each replica count: the local platform (`python -m devstack`) with that many replicas of
the service; a backlog of events for its consumers (first publish → last effect stored), then
closed-loop queries through the gateway that only the service answers. Writes its section of
docs/benchmarks.md."""

from __future__ import annotations

import argparse
import asyncio
import functools
import os
import platform as host
import shlex
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import httpx
from prometheus_client.parser import text_string_to_metric_families

from devstack.config import DEFAULT_AMQP_URL
from devstack.replicas import PORT_STEP, SERVICES
from services.common.auth import Role
from services.common.mongo import connect
from services.common.settings import Settings
from services.common.tokens import mint
from services.contracts.organisation_views import COLLECTION

from . import report
from .load import drain_events, query_gateway
from .platform import Platform, platform

DOCS = Path(__file__).resolve().parents[2] / "docs" / "benchmarks.md"
QUERY = '{ %sKnownOrganisation(id: "%s") { id name country sourceVersion } }'


def _counts(text: str) -> list[int]:
    counts = [int(part) for part in text.split(",") if part.strip()]
    if not counts or not all(1 <= c <= 9 for c in counts):
        raise argparse.ArgumentTypeError("replica counts from 1 to 9, comma-separated")
    return counts


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.replicas", description=__doc__)
    parser.add_argument("--service", default="finance", choices=SERVICES)
    parser.add_argument("--replicas", type=_counts, default=[1, 2, 3])
    parser.add_argument("--events", type=int, default=3000)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--no-write", action="store_true", help="print, leave docs/ alone")
    return parser.parse_args(argv)


async def served_by_replica(running: Platform, service: str, replicas: int) -> list[int]:
    """POST /graphql requests each replica of the service answered (its own /metrics)."""
    first = running.base_port + SERVICES.index(service) + 1
    served = []
    async with httpx.AsyncClient(timeout=30) as http:
        for n in range(replicas):
            text = (await http.get(f"http://127.0.0.1:{first + PORT_STEP * n}/metrics")).text
            served.append(
                int(
                    sum(
                        s.value
                        for f in text_string_to_metric_families(text)
                        for s in f.samples
                        if s.name == "icld_http_request_seconds_count"
                        and s.labels.get("path") == "/graphql"
                    )
                )
            )
    return served


async def measure(args: argparse.Namespace, replicas: int, work: Path) -> report.Row:
    amqp_url = os.environ.get("AMQP_URL") or DEFAULT_AMQP_URL
    with platform(work, args.service, replicas) as running:
        database = f"icld_{args.service}"
        # A small first backlog warms every consumer up; the second one is measured.
        drain = functools.partial(
            drain_events, amqp_url, running.prefix, running.mongodb_url, database
        )
        await drain(200, running.pid)
        events = await drain(args.events, running.pid)
        known = await _some_id(running, database)
        token = mint(Settings(), Role.OFFICER)
        queries = await query_gateway(
            running.gateway_url,
            token,
            QUERY % (args.service, known),
            seconds=args.seconds,
            concurrency=args.concurrency,
            platform_pid=running.pid,
        )
        spread = await served_by_replica(running, args.service, replicas)
    return report.Row(replicas, events, queries, spread)


async def _some_id(running: Platform, database: str) -> str:
    client = connect(running.mongodb_url)
    try:
        doc = await client[database][COLLECTION].find_one({})
    finally:
        await client.close()
    if doc is None:
        raise RuntimeError("no organisation in the projection")
    return str(doc["_id"])


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    rows = []
    for replicas in args.replicas:
        with tempfile.TemporaryDirectory(prefix="bench-replicas-") as tmp:
            row = asyncio.run(measure(args, replicas, Path(tmp)))
        print(report.describe(row), flush=True)
        rows.append(row)
    section = report.section(
        rows,
        service=args.service,
        command="python -m bench.replicas " + shlex.join(argv),
        machine=f"{host.machine()}, {os.cpu_count()} cores, {host.python_version()}",
        when=datetime.now(UTC).strftime("%Y-%m-%d"),
        events=args.events,
        seconds=args.seconds,
        concurrency=args.concurrency,
    )
    if args.no_write:
        print(section)
    else:
        report.write(DOCS, section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
