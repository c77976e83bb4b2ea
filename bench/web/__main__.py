"""python -m bench.web [--runs 20] [--warmup 3] [--partnership TITLE] [--web-dist DIR]

Starts the stack as the browser tests do (demo data, the console built from web/), signs in
as an officer and loads the dashboard and a partnership page in Chromium, cold and warm,
then writes the "Web console" section of docs/benchmarks.md with the medians.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shlex
import sys
import tempfile
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import httpx
from playwright.async_api import async_playwright

from bench.events.cpu import wait_until_quiet
from tests.support.browser import ensure_chromium

from . import browser, pages, report, stack, stats
from .browser import Load

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "benchmarks.md"
RESULTS = ROOT / "bench" / "results"
DEFAULT_PARTNERSHIP = "Kibaha – Region Gotland"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.web", description=__doc__)
    parser.add_argument("--runs", type=int, default=20, help="measured loads per page and cache")
    parser.add_argument("--warmup", type=int, default=3, help="discarded loads before them")
    parser.add_argument(
        "--partnership", default=DEFAULT_PARTNERSHIP, help="title of the partnership page"
    )
    parser.add_argument(
        "--web-dist",
        default=os.environ.get("DEVSTACK_WEB_DIST"),
        help="a console built elsewhere to serve (default: web/, built when stale)",
    )
    parser.add_argument(
        "--quiet-below",
        type=float,
        default=30,
        help="before each round, wait until the machine is less busy than this (100 = one core)",
    )
    parser.add_argument("--quiet-timeout", type=float, default=30, help="longest such wait (s)")
    parser.add_argument("--docs", type=Path, default=DOCS, help="Markdown file to update")
    parser.add_argument("--no-docs", action="store_true", help="print the section only")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")
    return args


def machine_facts(chromium_version: str) -> list[str]:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.machine(),
    )
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    return [
        f"nproc {len(os.sched_getaffinity(0))} ({model})",
        f"Linux {platform.release()}",
        f"Python {platform.python_version()}",
        f"Chromium {chromium_version} (headless)",
        f"load average before the run {load} (the machine is shared)",
    ]


async def measure(args: argparse.Namespace, work_dir: Path) -> tuple[list[Load], report.Context]:
    command = shlex.join([".venv/bin/python", "-m", "bench.web", *sys.argv[1:]])
    chromium = ensure_chromium()
    async with (
        stack.running(work_dir, args.web_dist) as running,
        httpx.AsyncClient(timeout=30) as http,
        async_playwright() as playwright,
    ):
        session = await stack.sign_in(http, running, "officer")
        partnership_id, title = await stack.partnership(
            http, running, session["token"], args.partnership
        )
        targets = [pages.dashboard(), pages.partnership_page(partnership_id, title)]
        launched = await playwright.chromium.launch(executable_path=str(chromium), headless=True)
        facts = machine_facts(launched.version)
        warm = {
            t.name: await browser.new_profile(launched, running.console_url, session, t)
            for t in targets
        }
        warm_pages = {name: await context.new_page() for name, context in warm.items()}
        loads: list[Load] = []
        busy_before: list[float] = []
        for round_number in range(args.warmup + args.runs):
            busy = await asyncio.to_thread(wait_until_quiet, args.quiet_below, args.quiet_timeout)
            if round_number >= args.warmup:
                busy_before.append(busy)
            for target in targets:
                cold = await browser.cold_load(
                    launched, running.console_url, session, target, running.gateway_url
                )
                again = await browser.load(
                    warm_pages[target.name], target, "warm", running.gateway_url
                )
                if round_number >= args.warmup:
                    loads += [cold, again]
            sys.stderr.write(f"bench.web: round {round_number + 1} of {args.warmup + args.runs}\n")
        await launched.close()
    context = report.Context(
        command=command,
        date=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        machine=facts,
        targets=targets,
        runs=args.runs,
        warmup=args.warmup,
        quiet_below=args.quiet_below,
        busy_before=busy_before,
    )
    return loads, context


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    work_dir = Path(tempfile.mkdtemp(prefix=f"web-{stamp}-", dir=RESULTS))
    sys.stderr.write(f"bench.web: runner output and loads in {work_dir}\n")
    loads, context = asyncio.run(measure(args, work_dir))
    (work_dir / "loads.json").write_text(json.dumps([asdict(item) for item in loads], indent=1))
    section = report.render(stats.summarise(loads), context)
    sys.stdout.write(section + "\n")
    if not args.no_docs:
        report.write_section(args.docs, section)
        sys.stderr.write(f"bench.web: wrote {args.docs}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
