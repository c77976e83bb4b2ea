"""The three gateways under test: how each is started on a supergraph file and a port."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from . import node

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Gateway:
    name: str
    label: str

    def command(self, supergraph: Path, port: int) -> list[str]:
        common = ["--supergraph", str(supergraph), "--port", str(port)]
        if self.name == "python":
            return [sys.executable, "-m", "gateway", *common, "--host", "127.0.0.1"]
        return ["node", str(node.DIR / f"{self.name}.mjs"), *common, "--host", "127.0.0.1"]

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        if self.name != "python":
            env["NODE_ENV"] = "production"
            env["APOLLO_TELEMETRY_DISABLED"] = "1"
        return env

    @property
    def cwd(self) -> Path:
        return ROOT if self.name == "python" else node.DIR

    def versions(self) -> str:
        if self.name == "python":
            return f"this repository at {_commit()} (Python {sys.version.split()[0]})"
        if self.name == "apollo":
            packages = ["@apollo/gateway", "@apollo/server", "graphql"]
        else:
            packages = ["@graphql-hive/gateway-runtime", "@graphql-mesh/transport-http", "graphql"]
        return ", ".join(f"{p} {node.package_version(p)}" for p in packages)


GATEWAYS = {
    "python": Gateway("python", "this gateway (Python)"),
    "apollo": Gateway("apollo", "Apollo Gateway"),
    "hive": Gateway("hive", "Hive Gateway"),
}


class GatewayMissing(RuntimeError):
    pass


def check_available(names: list[str]) -> None:
    if "python" in names and importlib.util.find_spec("gateway.__main__") is None:
        raise GatewayMissing(
            "this repository's gateway has no `python -m gateway` yet; "
            "measure the others with --gateways apollo,hive"
        )


def _commit() -> str:
    result = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    return result.stdout.strip() or "unknown commit"
