"""The four subgraph services and the gateway, each in one or more replicas: ports, URLs,
command lines."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from . import replicas
from .config import ROOT, Config
from .processes import Child
from .replicas import GATEWAY, SERVICES

HOST = "127.0.0.1"


@dataclass(frozen=True)
class Endpoint:
    name: str
    """The service (or `gateway`, `web console`)."""
    port: int
    replica: int = 1
    """Which replica, from 1."""

    @property
    def label(self) -> str:
        """The process's name in logs and the summary: `finance`, `finance-2`, …"""
        return self.name if self.replica == 1 else f"{self.name}-{self.replica}"

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def graphql(self) -> str:
        return f"{self.base_url}/graphql"

    @property
    def health(self) -> str:
        """The gateway's health check."""
        return f"{self.base_url}/health"

    @property
    def ready(self) -> str:
        return f"{self.base_url}/health/ready"

    @property
    def metrics(self) -> str:
        return f"{self.base_url}/metrics"


def service_endpoints(config: Config) -> list[Endpoint]:
    """Every replica of every service, replicas of one service together."""
    return [
        endpoint
        for i, name in enumerate(SERVICES, start=1)
        for endpoint in _replicas(name, config.port_base + i, config)
    ]


def gateway_endpoints(config: Config) -> list[Endpoint]:
    return _replicas(GATEWAY, config.port_base, config)


def first_replicas(endpoints: Sequence[Endpoint]) -> list[Endpoint]:
    return [e for e in endpoints if e.replica == 1]


def _replicas(name: str, first_port: int, config: Config) -> list[Endpoint]:
    count = replicas.count(config.replicas, name)
    return [Endpoint(name, replicas.port(first_port, n), n) for n in range(1, count + 1)]


def gateway_built() -> bool:
    return (ROOT / "gateway" / "__main__.py").is_file()


def start_service(endpoint: Endpoint, config: Config, env: Mapping[str, str]) -> Child:
    return Child.start(
        endpoint.label,
        [sys.executable, "-m", f"services.{endpoint.name}"],
        env={**env, "HOST": HOST, "PORT": str(endpoint.port)},
        log_path=config.log_dir / f"{endpoint.label}.log",
    )


def start_gateway(
    endpoint: Endpoint, subgraphs: Sequence[Endpoint], config: Config, env: Mapping[str, str]
) -> Child:
    """The gateway is given every replica of each subgraph; it balances over them."""
    argv = [sys.executable, "-m", "gateway", "--port", str(endpoint.port)]
    urls: dict[str, list[str]] = {}
    for subgraph in subgraphs:
        urls.setdefault(subgraph.name, []).append(subgraph.graphql)
    for name, replica_urls in urls.items():
        argv += ["--subgraph", f"{name}={','.join(replica_urls)}"]
    return Child.start(
        endpoint.label,
        argv,
        env={**env, "HOST": HOST, "PORT": str(endpoint.port)},
        log_path=config.log_dir / f"{endpoint.label}.log",
    )
