"""The four real services on real sockets and `python -m gateway` composing them, as a process.

The services are served by uvicorn in the test's own event loop: their database and broker
clients belong to that loop (started by `running_service`), so the test talks to the gateway
with an async client and never blocks the loop.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import AsyncExitStack, asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import uvicorn

from services.common.app import create_app
from services.common.auth import Role
from services.common.tokens import mint
from services.finance.service import SPEC as FINANCE
from services.networks.service import SPEC as NETWORKS
from services.partnerships.service import SPEC as PARTNERSHIPS
from services.training.service import SPEC as TRAINING
from tests.support.servers import free_port
from tests.support.services import RunningService, running_service

REPO = Path(__file__).resolve().parents[3]
SPECS = (PARTNERSHIPS, NETWORKS, TRAINING, FINANCE)
START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 30.0


class _InLoopServer(uvicorn.Server):
    """uvicorn without its signal handlers: the test runner keeps SIGINT, and four servers
    in one loop would otherwise restore each other's handlers out of order."""

    @contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


@asynccontextmanager
async def served(service: RunningService) -> AsyncIterator[str]:
    """The service's app on a free port of 127.0.0.1; yields its GraphQL URL."""
    port = free_port()
    config = uvicorn.Config(
        create_app(service.runtime),
        host="127.0.0.1",
        port=port,
        lifespan="off",  # running_service started the runtime and stops it
        log_level="warning",
        access_log=False,
    )
    server = _InLoopServer(config)
    task = asyncio.create_task(server.serve())
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not server.started:
            if task.done():
                task.result()  # raises why it stopped
                raise RuntimeError(f"{service.runtime.spec.name} did not start on {port}")
            assert time.monotonic() < deadline, f"{service.runtime.spec.name} did not start"
            await asyncio.sleep(0.02)
        yield f"http://127.0.0.1:{port}/graphql"
    finally:
        server.should_exit = True
        await task


@dataclass
class Stack:
    services: dict[str, RunningService]
    urls: dict[str, str]
    gateway: httpx.AsyncClient
    log: Path

    def token(self, role: Role, org: str | None = None) -> str:
        return mint(self.services["partnerships"].settings, role, org=org)

    async def post(self, query: str, variables: dict[str, object], token: str | None) -> object:
        """The gateway's whole response body to a POST /graphql."""
        headers = {"authorization": f"Bearer {token}"} if token else {}
        response = await self.gateway.post(
            "/graphql", json={"query": query, "variables": variables}, headers=headers
        )
        assert response.status_code == 200, (response.status_code, response.text)
        body: object = response.json()
        return body


@asynccontextmanager
async def gateway_process(
    urls: dict[str, str], log: Path, env: Mapping[str, str] | None = None
) -> AsyncIterator[httpx.AsyncClient]:
    """`python -m gateway --subgraph name=url` for each service, on a free port, once
    `GET /health` is 200; stopped with SIGTERM, as an orchestrator stops it. `env`: variables
    set for it on top of the test's environment."""
    port = free_port()
    subgraphs = [arg for name, url in urls.items() for arg in ("--subgraph", f"{name}={url}")]
    with log.open("wb") as output:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "gateway",
            *subgraphs,
            "--port",
            str(port),
            cwd=REPO,
            env={**os.environ, **env} if env else None,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    client = httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=60)
    try:
        await _wait_healthy(process, client, log)
        yield client
    finally:
        await client.aclose()
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), STOP_TIMEOUT_S)
            except TimeoutError:
                process.kill()
                await process.wait()


async def _wait_healthy(
    process: asyncio.subprocess.Process, client: httpx.AsyncClient, log: Path
) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while process.returncode is None and time.monotonic() < deadline:
        try:
            if (await client.get("/health")).status_code == 200:
                return
        except httpx.TransportError:
            pass  # not listening yet
        await asyncio.sleep(0.05)
    output = await asyncio.to_thread(log.read_text)
    raise AssertionError(f"the gateway is not healthy (exit {process.returncode}):\n{output}")


@asynccontextmanager
async def stack(mongo_url: str, broker_url: str, prefix: str, log: Path) -> AsyncIterator[Stack]:
    """The four services sharing one broker prefix (so their events reach each other) and
    the gateway in front of them."""
    async with AsyncExitStack() as exits:
        services = {
            spec.name: await exits.enter_async_context(
                running_service(spec, mongo_url, broker_url, prefix)
            )
            for spec in SPECS
        }
        urls = {
            name: await exits.enter_async_context(served(service))
            for name, service in services.items()
        }
        gateway = await exits.enter_async_context(gateway_process(urls, log))
        yield Stack(services, urls, gateway, log)
