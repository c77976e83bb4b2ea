"""A local platform with several replicas (`python -m devstack` with DEVSTACK_REPLICAS): its
ports, each replica's metrics, its databases."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import httpx
from prometheus_client.parser import text_string_to_metric_families

from devstack.replicas import PORT_STEP
from tests.support.runner import SERVICES, Devstack, Ports, bindable

REPLICAS = {"finance": 3, "partnerships": 2, "gateway": 2}


def spec(replicas: Mapping[str, int]) -> str:
    return ",".join(f"{name}={count}" for name, count in replicas.items())


def free_ports(replicas: Mapping[str, int]) -> Ports:
    """Ports whose further replicas' ports (first + 100, + 200, …) are free as well."""
    for _ in range(100):
        ports = Ports.free()
        if all(bindable(port) for _, port in replica_ports(ports, replicas, extra_only=True)):
            return ports
    raise RuntimeError("no free ports for the replicas")


def replica_ports(
    ports: Ports, replicas: Mapping[str, int], *, extra_only: bool = False
) -> list[tuple[str, int]]:
    """(`finance-2`, port) for every replica, as the runner names and places them."""
    firsts = {"gateway": ports.gateway, **dict(zip(SERVICES, ports.services, strict=True))}
    found = []
    for name, first in firsts.items():
        for n in range(2 if extra_only else 1, replicas.get(name, 1) + 1):
            found.append((name if n == 1 else f"{name}-{n}", first + PORT_STEP * (n - 1)))
    return found


@dataclass
class Platform:
    running: Devstack
    data_dir: Path

    def port(self, replica: str) -> int:
        return dict(replica_ports(self.running.ports, REPLICAS))[replica]

    def replicas(self, service: str) -> list[str]:
        return [
            label
            for label, _ in replica_ports(self.running.ports, REPLICAS)
            if label == service or label.startswith(f"{service}-")
        ]

    def graphql_url(self, replica: str) -> str:
        return f"http://127.0.0.1:{self.port(replica)}/graphql"

    @property
    def mongodb_url(self) -> str:
        return f"mongodb://127.0.0.1:{self.running.ports.mongo}/?directConnection=true"

    def log(self, replica: str) -> str:
        path = self.data_dir / "logs" / f"{replica}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    async def counter(
        self, http: httpx.AsyncClient, replica: str, metric: str, **labels: str
    ) -> float:
        """The sum of a counter's samples matching `labels` on one replica's /metrics."""
        response = await http.get(f"http://127.0.0.1:{self.port(replica)}/metrics")
        response.raise_for_status()
        total = 0.0
        for family in text_string_to_metric_families(response.text):
            for sample in family.samples:
                if sample.name == metric and labels.items() <= sample.labels.items():
                    total += sample.value
        return total
