"""`python -m devstack` as a subprocess: free ports, its own data directory and broker
prefix, waiting for its ready line, and making sure nothing it started outlives it."""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import re
import signal
import socket
import sys
import time
import uuid
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from devstack.summary import READY_LINE
from services.common.settings import Settings

from .servers import amqp_url, delete_broker_objects, free_port

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ["partnerships", "networks", "training", "finance"]
PORTS = 6
"""The gateway's base port, the four services' and the web console's (base + 5)."""
CONSOLE_OFFSET = 5
READY_TIMEOUT_S = 120.0
DEMO_READY_TIMEOUT_S = 300.0
STOP_TIMEOUT_S = 60.0


def bindable(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def free_port_range(count: int) -> int:
    """A base port such that base .. base+count-1 are all free."""
    for _ in range(200):
        base = random.randrange(20_000, 60_000)
        if all(bindable(base + i) for i in range(count)):
            return base
    raise RuntimeError(f"no {count} consecutive free ports found")


def listening(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def descendants(pid: int) -> list[int]:
    """Every process below `pid`, from /proc (children of all its threads, recursively)."""
    found: list[int] = []
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(FileNotFoundError, ProcessLookupError):
            for child in map(int, children.read_text().split()):
                found += [child, *descendants(child)]
    return found


def start_time(pid: int) -> str | None:
    """When `pid` started (tells it apart from a later process reusing the pid); None once
    it has exited (a zombie has exited too)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    state, *fields = stat.rsplit(")", 1)[1].split()  # the name in parentheses may hold spaces
    return None if state == "Z" else fields[18]


def survivors(started: Mapping[int, str | None]) -> list[int]:
    """Those of `started` that still run (the same processes, not reused pids)."""
    return [pid for pid, since in started.items() if since and start_time(pid) == since]


@dataclass
class Ports:
    base: int
    mongo: int

    @classmethod
    def free(cls) -> Ports:
        return cls(free_port_range(PORTS), free_port())

    @property
    def gateway(self) -> int:
        return self.base

    @property
    def services(self) -> list[int]:
        return [self.base + i for i in range(1, len(SERVICES) + 1)]

    @property
    def console(self) -> int:
        return self.base + CONSOLE_OFFSET

    def all(self) -> list[int]:
        return [self.gateway, *self.services, self.console, self.mongo]


def runner_env(data_dir: Path, ports: Ports, prefix: str, **extra: str) -> dict[str, str]:
    """The test process's environment for a runner of its own (embedded MongoDB)."""
    env = {
        **os.environ,
        "DEVSTACK_DATA_DIR": str(data_dir),
        "DEVSTACK_PORT_BASE": str(ports.base),
        "DEVSTACK_MONGO_PORT": str(ports.mongo),
        "EVENTS_PREFIX": prefix,
        "AMQP_URL": amqp_url(),
        **extra,
    }
    env.pop("MONGODB_URL", None)
    return env


@dataclass
class Devstack:
    """A runner that printed its ready line."""

    process: asyncio.subprocess.Process
    ports: Ports
    output: Path
    started: dict[int, str | None]
    """The processes below the runner once it was ready, with their start times."""

    @property
    def gateway_url(self) -> str:
        return f"http://127.0.0.1:{self.ports.gateway}/graphql"

    @property
    def console_url(self) -> str:
        return f"http://127.0.0.1:{self.ports.console}"

    def log(self) -> str:
        return self.output.read_text(errors="replace")

    def pid_of(self, process: str) -> int:
        """The pid of the runner's latest child named `process`, from its `started` line."""
        return started_pids(self.log(), process)[-1]


def started_pids(log: str, process: str) -> list[int]:
    """The pids of the children named `process` that the runner said it started, in order."""
    line = re.compile(rf"^devstack: started process={re.escape(process)} pid=(\d+)( |$)", re.M)
    pids = [int(m.group(1)) for m in line.finditer(log)]
    assert pids, f"no started line for {process}:\n{log}"
    return pids


@asynccontextmanager
async def devstack(
    tmp: Path,
    *,
    demo: bool,
    extra_env: Mapping[str, str] | None = None,
    ports: Ports | None = None,
) -> AsyncIterator[Devstack]:
    """Runs `python -m devstack` in `tmp` until the block ends, then stops it with SIGINT as
    a user does, and kills whatever it left (the test that cares asserts it left nothing).

    `ports` are free ones by default; a caller that must name the console's URL before the
    start (an identity provider's redirect URIs) picks them with `Ports.free()` first."""
    prefix = f"test-devstack-{uuid.uuid4().hex[:10]}"
    ports = ports or Ports.free()
    output = tmp / "devstack.out"
    process = await _launch(tmp, prefix, ports, output, demo=demo, extra_env=extra_env)
    running = Devstack(process, ports, output, {})
    try:
        await _wait_ready(running, DEMO_READY_TIMEOUT_S if demo else READY_TIMEOUT_S)
        running.started = {pid: start_time(pid) for pid in descendants(process.pid)}
        yield running
    finally:
        await stop(running)
        for pid in survivors(running.started):
            os.kill(pid, signal.SIGKILL)
        await delete_broker_objects(amqp_url(), prefix, SERVICES, Settings().event_retry_delays_ms)


async def run_until_it_stops(
    tmp: Path, extra_env: Mapping[str, str], timeout_s: float = READY_TIMEOUT_S
) -> tuple[int, str]:
    """Runs `python -m devstack --no-demo`, expected to stop on its own: its exit code and
    output. Still running after `timeout_s` (a safety net), it is stopped and the test fails."""
    prefix = f"test-devstack-{uuid.uuid4().hex[:10]}"
    ports = Ports.free()
    output = tmp / "devstack.out"
    process = await _launch(tmp, prefix, ports, output, demo=False, extra_env=extra_env)
    running = Devstack(process, ports, output, {})
    try:
        code = await asyncio.wait_for(process.wait(), timeout_s)
    except TimeoutError:
        await stop(running)
        message = f"devstack still ran after {timeout_s:.0f} s:\n{running.log()}"
        raise AssertionError(message) from None
    finally:
        await delete_broker_objects(amqp_url(), prefix, SERVICES, Settings().event_retry_delays_ms)
    return code, running.log()


async def _launch(
    tmp: Path,
    prefix: str,
    ports: Ports,
    output: Path,
    *,
    demo: bool,
    extra_env: Mapping[str, str] | None,
) -> asyncio.subprocess.Process:
    env = runner_env(tmp / "data", ports, prefix, **(extra_env or {}))
    args = [] if demo else ["--no-demo"]
    with output.open("wb") as out:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "devstack", *args,
            cwd=ROOT, env=env, stdin=asyncio.subprocess.DEVNULL, stdout=out,
            stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip


async def stop(running: Devstack) -> int:
    """SIGINT, then its exit code (killed when it does not stop in time)."""
    process = running.process
    if process.returncode is None:
        process.send_signal(signal.SIGINT)
        try:
            await asyncio.wait_for(process.wait(), STOP_TIMEOUT_S)
        except TimeoutError:
            process.kill()
            await process.wait()
    assert process.returncode is not None
    return process.returncode


async def _wait_ready(running: Devstack, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while True:
        lines = running.log().splitlines()
        if READY_LINE in (line.rstrip() for line in lines):
            return
        if running.process.returncode is not None or time.monotonic() > deadline:
            state = (
                f"exited with {running.process.returncode}"
                if running.process.returncode is not None
                else f"not ready within {timeout_s:.0f} s"
            )
            raise AssertionError(f"devstack {state}:\n{running.log()}")
        await asyncio.sleep(0.2)
