"""The two loads: a backlog of events for the service's consumers, and closed-loop queries
through the gateway to the service; each with the machine's CPU over its window."""

from __future__ import annotations

import asyncio
import os
import time
import uuid
from dataclasses import dataclass

import httpx

from bench.gateway.machine_cpu import cores_busy_s
from services.common.events.bus import EventBus
from services.common.events.topology import Topology
from services.common.mongo import connect
from services.contracts.organisation_views import COLLECTION
from services.contracts.partnerships import ORGANISATION_CREATED, OrganisationV1

from .cpu import load_average, own_cpu_s, tree_cpu_s

PUBLISH_BATCH = 200
POLL_S = 0.05
DRAIN_TIMEOUT_S = 600.0
CORES = list(range(os.cpu_count() or 1))


@dataclass(frozen=True)
class Cpu:
    """Over a measured window, 100 % = one core (the machine has 200 %)."""

    machine: float
    """Busy CPU of the whole machine, others' work included."""
    platform: float
    """The platform's processes (services, gateway, MongoDB server)."""
    generator: float
    """This process: the publisher or the clients."""
    load: float
    """The machine's 1-minute load average at the end."""


class CpuWindow:
    def __init__(self, platform_pid: int) -> None:
        self._pid = platform_pid
        self.started = time.monotonic()
        self._machine = cores_busy_s(CORES)
        self._platform = tree_cpu_s(platform_pid)
        self._own = own_cpu_s()

    def close(self) -> tuple[float, Cpu]:
        """The window's length and its CPU."""
        seconds = time.monotonic() - self.started
        return seconds, Cpu(
            machine=100 * (cores_busy_s(CORES) - self._machine) / seconds,
            platform=100 * (tree_cpu_s(self._pid) - self._platform) / seconds,
            generator=100 * (own_cpu_s() - self._own) / seconds,
            load=load_average(),
        )


@dataclass(frozen=True)
class EventFigures:
    events: int
    seconds: float
    """First publish → the last effect stored in the service's database."""
    cpu: Cpu

    @property
    def per_second(self) -> float:
        return self.events / self.seconds


@dataclass(frozen=True)
class GatewayFigures:
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p99_ms: float
    cpu: Cpu

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds


async def drain_events(
    amqp_url: str, prefix: str, mongodb_url: str, database: str, count: int, platform_pid: int
) -> EventFigures:
    """Publishes `count` organisation.created events (as the partnerships relay would) and
    waits until the service's projection holds them all."""
    bus = EventBus(amqp_url, Topology(prefix))
    await bus.connect()
    client = connect(mongodb_url)
    projection = client[database][COLLECTION]
    before = await projection.count_documents({})
    events = [
        ORGANISATION_CREATED.new(
            subject,
            OrganisationV1(
                id=subject, version=1, name=f"Bench {subject}", kind="MUNICIPALITY",
                country="SE", is_swedish=True,
            ),
        )
        for subject in (str(uuid.uuid4()) for _ in range(count))
    ]  # fmt: skip
    try:
        window = CpuWindow(platform_pid)
        for at in range(0, count, PUBLISH_BATCH):
            await asyncio.gather(*(bus.publish(e) for e in events[at : at + PUBLISH_BATCH]))
        while await projection.count_documents({}) < before + count:
            if time.monotonic() - window.started > DRAIN_TIMEOUT_S:
                raise RuntimeError(f"events not consumed within {DRAIN_TIMEOUT_S:.0f} s")
            await asyncio.sleep(POLL_S)
        seconds, cpu = window.close()
    finally:
        await bus.close()
        await client.close()
    return EventFigures(count, seconds, cpu)


async def query_gateway(
    url: str, token: str, query: str, *, seconds: float, concurrency: int, platform_pid: int
) -> GatewayFigures:
    """`concurrency` clients, each sending the next query once the last is answered."""
    latencies: list[float] = []
    errors = 0
    headers = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async with httpx.AsyncClient(timeout=30, limits=limits, headers=headers) as http:

        async def client(deadline: float) -> None:
            nonlocal errors
            while time.monotonic() < deadline:
                sent = time.monotonic()
                response = await http.post(url, json={"query": query})
                latencies.append(time.monotonic() - sent)
                if response.status_code != 200 or "errors" in response.json():
                    errors += 1

        # Warm-up: connections opened, plans cached, pools of every replica filled.
        await asyncio.gather(*(client(time.monotonic() + 2) for _ in range(concurrency)))
        latencies.clear()
        errors = 0
        window = CpuWindow(platform_pid)
        await asyncio.gather(*(client(window.started + seconds) for _ in range(concurrency)))
        elapsed, cpu = window.close()
    ordered = sorted(latencies)
    return GatewayFigures(
        requests=len(ordered),
        errors=errors,
        seconds=elapsed,
        p50_ms=1000 * ordered[len(ordered) // 2],
        p99_ms=1000 * ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))],
        cpu=cpu,
    )
