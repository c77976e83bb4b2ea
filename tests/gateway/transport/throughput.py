"""Requests/s of HttpTransport against httpx.AsyncClient, both fetching from one trivial
uvicorn server (its own process), with the same concurrency, interleaved and repeated.

python -m tests.gateway.transport.throughput [--seconds 5] [--rounds 3] [--concurrency 32]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import uvloop

from gateway.transport import HttpTransport
from tests.support.servers import free_port

BODY = b'{"data":{"hello":"world"}}'
QUERY = b'{"query":"{ hello }"}'
HEADERS = {"x-request-id": "bench"}


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """The trivial subgraph: reads the request, answers a fixed JSON body."""
    if scope["type"] != "http":
        return
    more = True
    while more:
        message = await receive()
        more = message.get("more_body", False)
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"application/json")],
        }
    )
    await send({"type": "http.response.body", "body": BODY})


Fetch = Callable[[], Awaitable[bytes]]


async def rate(fetch: Fetch, seconds: float, concurrency: int) -> float:
    done = 0
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        nonlocal done
        while time.perf_counter() < deadline:
            body = await fetch()
            if body != BODY:
                raise AssertionError(body)
            done += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return done / (time.perf_counter() - started)


async def measure(url: str, seconds: float, rounds: int, concurrency: int) -> None:
    ours = HttpTransport(pool_size=concurrency)
    ours.set_subgraphs({"bench": [url]})
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    theirs = httpx.AsyncClient(limits=limits, timeout=5)

    async def fetch_ours() -> bytes:
        return await ours.fetch("bench", QUERY, HEADERS, idempotent=True)

    async def fetch_httpx() -> bytes:
        response = await theirs.post(
            url, content=QUERY, headers={**HEADERS, "content-type": "application/json"}
        )
        response.raise_for_status()
        return response.content

    results: dict[str, list[float]] = {"HttpTransport": [], "httpx.AsyncClient": []}
    try:
        for fetch in (fetch_ours, fetch_httpx):  # warm-up: connections, caches
            await rate(fetch, 1, concurrency)
        for _ in range(rounds):
            results["HttpTransport"].append(await rate(fetch_ours, seconds, concurrency))
            results["httpx.AsyncClient"].append(await rate(fetch_httpx, seconds, concurrency))
    finally:
        await ours.aclose()
        await theirs.aclose()
    for name, rates in results.items():
        runs = ", ".join(f"{r:.0f}" for r in rates)
        print(f"{name:18} median {statistics.median(rates):7.0f} req/s  (runs: {runs})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "tests.gateway.transport.throughput:app",
            "--port",
            str(port),
            "--loop",
            "uvloop",
            "--http",
            "httptools",
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        cwd=Path(__file__).resolve().parents[3],
    )
    url = f"http://127.0.0.1:{port}/graphql"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.post(url, content=QUERY)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.1)
        uvloop.run(measure(url, args.seconds, args.rounds, args.concurrency))
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
