"""The local platform (`python -m devstack --no-demo`) with N replicas of one service: its own
ports, data directory and broker prefix; stopped with SIGINT as a user stops it."""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from devstack.replicas import PORT_STEP, SERVICES
from devstack.summary import READY_LINE

ROOT = Path(__file__).resolve().parents[2]
READY_TIMEOUT_S = 300.0
STOP_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class Platform:
    base_port: int
    mongo_port: int
    prefix: str
    data_dir: Path
    pid: int
    """The runner's: the platform's processes are below it."""

    @property
    def gateway_url(self) -> str:
        return f"http://127.0.0.1:{self.base_port}/graphql"

    @property
    def mongodb_url(self) -> str:
        return f"mongodb://127.0.0.1:{self.mongo_port}/?directConnection=true"

    def log_dir(self) -> Path:
        return self.data_dir / "logs"


def _bindable(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _ports(service: str, replicas: int) -> tuple[int, int]:
    """A base port whose six ports and the service's further replicas' are free; MongoDB's."""
    offset = SERVICES.index(service) + 1
    for _ in range(200):
        base = random.randrange(20_000, 50_000)
        extra = [base + offset + PORT_STEP * n for n in range(1, replicas)]
        mongo = base + 7
        if all(_bindable(p) for p in [*range(base, base + 8), *extra]):
            return base, mongo
    raise RuntimeError("no free ports")


@contextmanager
def platform(work: Path, service: str, replicas: int) -> Iterator[Platform]:
    base, mongo = _ports(service, replicas)
    dist = work / "dist"
    dist.mkdir(parents=True, exist_ok=True)
    # The console is not measured: a one-page stand-in spares building web/.
    (dist / "index.html").write_text("<!doctype html><title>bench</title>")
    prefix = f"bench-replicas-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DEVSTACK_DATA_DIR": str(work / "data"),
        "DEVSTACK_PORT_BASE": str(base),
        "DEVSTACK_MONGO_PORT": str(mongo),
        "DEVSTACK_WEB_DIST": str(dist),
        "DEVSTACK_REPLICAS": f"{service}={replicas}",
        "EVENTS_PREFIX": prefix,
        "LOG_LEVEL": "WARNING",
        # Every client sends the same query: shared in-flight executions would answer most
        # of them without reaching a replica, and this measures the replicas.
        "GATEWAY_DEDUPE_OPERATIONS": "false",
        "GATEWAY_DEDUPE_SUBGRAPH_REQUESTS": "false",
    }
    env.pop("MONGODB_URL", None)
    output = work / "devstack.out"
    with output.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "devstack", "--no-demo"],
            cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        _wait_ready(process, output)
        yield Platform(base, mongo, prefix, work / "data", process.pid)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_ready(process: subprocess.Popen[bytes], output: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while READY_LINE not in output.read_text(errors="replace"):
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"devstack did not start:\n{output.read_text(errors='replace')}")
        time.sleep(0.5)
