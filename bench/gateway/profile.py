"""python -m bench.gateway.profile [--query deep] [--operations 300] [--top 15]

Profiles the gateway's engine alone (cProfile): the benchmark's query executed over and over
in one process against canned subgraph answers (each subgraph request executed in-process once,
then answered from memory), so the profile holds planning-cache lookups, fetch preparation,
merging and shaping, and no network or subgraph time. Prints the subgraph requests per
operation; the CPU time per operation without the profiler (and, as in the gateway process,
without Python's automatic cyclic garbage collection); then the profile: its CPU time per
operation (cProfile's own cost inflates that of every Python call, so it overstates call-heavy
code against C such as `orjson.loads`) and the functions with the most time of their own.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import pstats
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from graphql import parse

from gateway.engine.engine import Engine
from gateway.requests import OperationRequest

from . import scenario, subgraph
from .schemas import SDL

SUPERGRAPH = Path(__file__).resolve().parent / "supergraph.graphql"


class CannedTransport:
    """Answers each distinct request as the subgraph would, computed once."""

    def __init__(self) -> None:
        self.apps = {name: subgraph.app(name) for name in SDL}
        self.answers: dict[tuple[str, bytes], bytes] = {}
        self.requests = 0

    async def fetch(
        self, subgraph: str, body: bytes, headers: Mapping[str, str], *, idempotent: bool
    ) -> bytes:
        self.requests += 1
        answer = self.answers.get((subgraph, body))
        if answer is None:
            answer = self.answers[(subgraph, body)] = self.apps[subgraph].execute(body)
        return answer


async def _run(engine: Engine, request: OperationRequest, operations: int) -> None:
    for _ in range(operations):
        response = await engine.execute(request)
        if "errors" in response:
            raise RuntimeError(f"the query failed: {response['errors']}")


def _unprofiled(loop: asyncio.AbstractEventLoop, run: Any) -> float:
    """CPU seconds of `run`, with the automatic garbage collector off as in the gateway
    process (`gateway.server.garbage`: it collects on a clock instead)."""
    gc.collect()
    gc.disable()
    try:
        started = time.process_time()
        loop.run_until_complete(run)
        return time.process_time() - started
    finally:
        gc.enable()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.gateway.profile", description=__doc__)
    parser.add_argument("--query", choices=sorted(scenario.QUERIES), default="deep")
    parser.add_argument("--operations", type=int, default=300)
    parser.add_argument("--top", type=int, default=15, help="functions listed")
    args = parser.parse_args(argv)
    transport = CannedTransport()
    engine = Engine.from_supergraph(SUPERGRAPH.read_text(), transport)
    text = scenario.QUERIES[args.query]
    request = OperationRequest(text, parse(text), scenario.OPERATION_NAMES[args.query])
    loop = asyncio.new_event_loop()
    loop.run_until_complete(_run(engine, request, 1))  # plans, compiles and fills the answers
    per_operation = transport.requests
    elapsed = _unprofiled(loop, _run(engine, request, args.operations))
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    loop.run_until_complete(_run(engine, request, args.operations))
    profiler.disable()
    loop.close()
    stats = pstats.Stats(profiler)
    total: float = stats.total_tt  # type: ignore[attr-defined]
    sys.stdout.write(
        f"{args.query}: {per_operation} subgraph requests per operation, "
        f"{elapsed / args.operations * 1e3:.3f} ms CPU per operation, "
        f"{total / args.operations * 1e3:.3f} under cProfile ({args.operations} operations)\n\n"
    )
    stats.sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
