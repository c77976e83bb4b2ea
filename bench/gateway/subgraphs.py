"""The four subgraph processes of a benchmark, pinned to the load cores."""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from . import processes
from .gateways import ROOT
from .schemas import SDL


@dataclass(frozen=True)
class Counts:
    by_subgraph: dict[str, int]
    """Subgraph name → requests it served."""
    misses: int
    """Response-cache misses, over all four."""

    @property
    def requests(self) -> int:
        return sum(self.by_subgraph.values())

    def since(self, before: Counts) -> Counts:
        """What was served between `before` and these counts."""
        return Counts(
            {name: n - before.by_subgraph.get(name, 0) for name, n in self.by_subgraph.items()},
            self.misses - before.misses,
        )


@dataclass
class Subgraphs:
    servers: dict[str, processes.Server]
    ports: dict[str, int]

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.ports[name]}/graphql"

    def counts(self) -> Counts:
        """Requests (per subgraph) and response-cache misses so far."""
        by_subgraph: dict[str, int] = {}
        misses = 0
        for name, port in self.ports.items():
            stats = httpx.get(f"http://127.0.0.1:{port}/stats", timeout=10).json()
            by_subgraph[name] = stats["requests"]
            misses += stats["misses"]
        return Counts(by_subgraph, misses)

    def settled(self, quiet_s: float = 0.5, timeout_s: float = 30.0) -> Counts:
        """The counts once no subgraph request has arrived for `quiet_s` (at most `timeout_s`):
        a gateway still finishing the client requests of a warm-up that wrk has left must not
        add their subgraph requests to the next window."""
        deadline = time.monotonic() + timeout_s
        last = self.counts()
        while time.monotonic() < deadline:
            time.sleep(quiet_s)
            now = self.counts()
            if now == last:
                return now
            last = now
        return last

    def cpu_s(self) -> float:
        return sum(server.cpu_s() for server in self.servers.values())


def _answers(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/stats", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


@contextmanager
def running(base_port: int, cpus: Sequence[int], log_dir: Path) -> Iterator[Subgraphs]:
    ports = {name: base_port + i for i, name in enumerate(SDL)}
    taken = [p for p in ports.values() if not processes.port_is_free(p)]
    if taken:
        raise processes.ServerFailed(f"ports {taken} are in use; choose --subgraph-port")
    servers: dict[str, processes.Server] = {}
    try:
        for name, port in ports.items():
            command = [sys.executable, "-m", "bench.gateway.subgraph", name, str(port)]
            servers[name] = processes.start(name, command, cpus, log_dir, cwd=ROOT)
        for name, server in servers.items():
            server.wait_ready(functools.partial(_answers, ports[name]), timeout_s=60)
        yield Subgraphs(servers, ports)
    finally:
        for server in servers.values():
            server.stop()
