"""`python -m devstack`: the whole platform starts, answers, and Ctrl-C leaves nothing behind."""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import signal
import socket
import sys
import uuid
from pathlib import Path

import httpx

from services.common.auth import Role
from services.common.settings import Settings
from services.common.tokens import mint

from .support.servers import amqp_url, delete_broker_objects, free_port

ROOT = Path(__file__).resolve().parent.parent
SERVICES = ["partnerships", "networks", "training", "finance"]
RETRY_DELAYS_MS = Settings().event_retry_delays_ms
READY_LINE = b"devstack: ready"
READY_TIMEOUT_S = 120
STOP_TIMEOUT_S = 60

CREATE_ORGANISATION = """
mutation Create($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { organisation { id name } }
}
"""


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


async def read_until_ready(stream: asyncio.StreamReader, output: list[bytes]) -> None:
    while line := await stream.readline():
        output.append(line)
        if line.rstrip() == READY_LINE:
            return
    raise AssertionError("devstack exited before it was ready")


async def test_devstack_runs_the_platform_and_stops_everything_it_started(tmp_path: Path) -> None:
    prefix = f"test-devstack-{uuid.uuid4().hex[:10]}"
    base, mongo_port = free_port_range(5), free_port()
    service_ports = [base + i for i in range(1, len(SERVICES) + 1)]
    env = {
        **os.environ,
        "DEVSTACK_DATA_DIR": str(tmp_path / "data"),
        "DEVSTACK_PORT_BASE": str(base),
        "DEVSTACK_MONGO_PORT": str(mongo_port),
        "EVENTS_PREFIX": prefix,
        "AMQP_URL": amqp_url(),
    }
    env.pop("MONGODB_URL", None)  # the embedded server is what this test is about
    runner = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "devstack", "--no-demo",
        cwd=ROOT, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    assert runner.stdout is not None
    output: list[bytes] = []
    started: dict[int, str | None] = {}
    try:
        try:
            await asyncio.wait_for(read_until_ready(runner.stdout, output), READY_TIMEOUT_S)
        except (TimeoutError, AssertionError) as exc:
            raise AssertionError(f"not ready: {exc!r}\n{b''.join(output).decode()}") from exc
        log = b"".join(output).decode(errors="replace")
        started = {pid: start_time(pid) for pid in descendants(runner.pid)}
        assert len(started) >= len(SERVICES) + 1, f"expected the services and nx-27017: {started}"

        token = mint(Settings(), Role.OFFICER)
        async with httpx.AsyncClient(timeout=30) as http:
            for port in service_ports:
                ready = await http.get(f"http://127.0.0.1:{port}/health/ready")
                assert ready.status_code == 200, (port, ready.text)
            created = await http.post(
                f"http://127.0.0.1:{service_ports[0]}/graphql",
                headers={"Authorization": f"Bearer {token}"},
                json={
                    "query": CREATE_ORGANISATION,
                    "variables": {
                        "input": {"name": prefix, "kind": "MUNICIPALITY", "country": "SE"}
                    },
                },
            )
        body = created.json()
        assert "errors" not in body, body
        organisation = body["data"]["createOrganisation"]["organisation"]
        assert organisation["name"] == prefix
        assert organisation["id"]

        runner.send_signal(signal.SIGINT)
        rest = await asyncio.wait_for(runner.stdout.read(), STOP_TIMEOUT_S)
        code = await asyncio.wait_for(runner.wait(), STOP_TIMEOUT_S)
        log += rest.decode(errors="replace")
        assert code == 0, log
        survivors = [pid for pid, since in started.items() if since and start_time(pid) == since]
        assert survivors == [], log
        assert [p for p in [*service_ports, mongo_port] if listening(p)] == [], log
    finally:
        if runner.returncode is None:
            runner.kill()
            await runner.wait()
        for pid, since in started.items():
            if since and start_time(pid) == since:
                os.kill(pid, signal.SIGKILL)
        await delete_broker_objects(amqp_url(), prefix, SERVICES, RETRY_DELAYS_MS)
