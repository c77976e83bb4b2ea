"""The gateways under test (three programs, two of them with and without in-flight
deduplication): how each is started on a supergraph file and a port."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from . import node

ROOT = Path(__file__).resolve().parents[2]


PROGRAMS = {
    "python": "this gateway (Python)",
    "apollo": "Apollo Gateway",
    "hive": "Hive Gateway",
}
"""Gateway program → its name in the report."""
DEDUPE_SETTINGS = ("GATEWAY_DEDUPE_SUBGRAPH_REQUESTS", "GATEWAY_DEDUPE_OPERATIONS")
"""This gateway's in-flight deduplication (identical subgraph requests, identical operations)."""


@dataclass(frozen=True)
class Gateway:
    """One target: a gateway program with its in-flight deduplication on or off."""

    name: str
    label: str
    program: str
    """python, apollo or hive."""
    dedup: bool = False

    def command(self, supergraph: Path, port: int) -> list[str]:
        common = ["--supergraph", str(supergraph), "--port", str(port), "--host", "127.0.0.1"]
        if self.program == "python":
            return [sys.executable, "-m", "gateway", *common]
        dedup = ["--dedup"] if self.program == "hive" and self.dedup else []
        return ["node", str(node.DIR / f"{self.program}.mjs"), *common, *dedup]

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        if self.program == "python":
            # Set both ways, so that neither the gateway's default nor the caller's environment
            # decides what a target measures.
            env.update(dict.fromkeys(DEDUPE_SETTINGS, "true" if self.dedup else "false"))
        else:
            env["NODE_ENV"] = "production"
            env["APOLLO_TELEMETRY_DISABLED"] = "1"
        return env

    @property
    def cwd(self) -> Path:
        return ROOT if self.program == "python" else node.DIR

    def versions(self) -> str:
        if self.program == "python":
            return f"this repository at {_commit()} (Python {sys.version.split()[0]})"
        if self.program == "apollo":
            packages = ["@apollo/gateway", "@apollo/server", "graphql"]
        else:
            packages = ["@graphql-hive/gateway-runtime", "@graphql-mesh/transport-http", "graphql"]
        return ", ".join(f"{p} {node.package_version(p)}" for p in packages)


GATEWAYS = {
    "python": Gateway("python", "this gateway (Python)", "python", dedup=True),
    "python-nodedup": Gateway("python-nodedup", "this gateway (Python, no dedup)", "python"),
    "apollo": Gateway("apollo", "Apollo Gateway", "apollo"),
    "hive": Gateway("hive", "Hive Gateway", "hive"),
    "hive-dedup": Gateway("hive-dedup", "Hive Gateway (dedup)", "hive", dedup=True),
}
"""Targets by name, in the order each round runs them. Apollo Gateway has no in-flight
deduplication; Hive Gateway's (of identical subgraph requests, on by default) is measured
both ways, as is this gateway's (of subgraph requests and of operations, on by default)."""


class GatewayMissing(RuntimeError):
    pass


def check_available(names: list[str]) -> None:
    python = any(GATEWAYS[n].program == "python" for n in names)
    if python and importlib.util.find_spec("gateway.__main__") is None:
        raise GatewayMissing(
            "this repository's gateway has no `python -m gateway` yet; "
            "measure the others with --gateways apollo,hive"
        )


def _commit() -> str:
    result = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    return result.stdout.strip() or "unknown commit"
