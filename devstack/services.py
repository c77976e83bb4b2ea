"""The four subgraph services and the gateway: ports, URLs, command lines."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .config import ROOT, Config
from .processes import Child

HOST = "127.0.0.1"
SERVICES = ("partnerships", "networks", "training", "finance")
"""In port order: the gateway takes the base port, these the next four."""


@dataclass(frozen=True)
class Endpoint:
    name: str
    port: int

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
    return [Endpoint(name, config.port_base + i) for i, name in enumerate(SERVICES, start=1)]


def gateway_endpoint(config: Config) -> Endpoint:
    return Endpoint("gateway", config.port_base)


def gateway_built() -> bool:
    return (ROOT / "gateway" / "__main__.py").is_file()


def start_service(endpoint: Endpoint, config: Config, env: Mapping[str, str]) -> Child:
    return Child.start(
        endpoint.name,
        [sys.executable, "-m", f"services.{endpoint.name}"],
        env={**env, "HOST": HOST, "PORT": str(endpoint.port)},
        log_path=config.log_dir / f"{endpoint.name}.log",
    )


def start_gateway(
    endpoint: Endpoint, subgraphs: Sequence[Endpoint], config: Config, env: Mapping[str, str]
) -> Child:
    argv = [sys.executable, "-m", "gateway", "--port", str(endpoint.port)]
    for subgraph in subgraphs:
        argv += ["--subgraph", f"{subgraph.name}={subgraph.graphql}"]
    return Child.start(
        "gateway",
        argv,
        env={**env, "HOST": HOST, "PORT": str(endpoint.port)},
        log_path=config.log_dir / "gateway.log",
    )
