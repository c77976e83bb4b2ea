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
EXPORTS = ROOT / "bench" / "results" / "gateway-commits"
"""Earlier commits' gateways, exported from git (ignored by git)."""


PROGRAMS = {
    "python": "this gateway (Python)",
    "apollo": "Apollo Gateway",
    "hive": "Hive Gateway",
}
"""Gateway program → its name in the report."""
BEFORE = "f28583f"
"""This gateway before the work on its speed (fewer fetches, in-flight sharing, fewer passes,
garbage collection on a clock), measured beside the current one on the same machine."""
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
    commit: str | None = None
    """This gateway at an earlier commit (its files exported from git into EXPORTS)."""

    def prepare(self) -> None:
        """Exports an earlier commit's gateway (and the services' code it imports)."""
        if self.commit is None:
            return
        target = self.cwd
        target.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(
            ["git", "archive", self.commit, "gateway", "services"],
            cwd=ROOT,
            capture_output=True,
            check=False,
        )
        if archive.returncode != 0:
            raise GatewayMissing(
                f"git cannot export {self.commit} ({archive.stderr.decode().strip()}): "
                f"leave out {self.name}"
            )
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)

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
        if self.commit is not None:
            return EXPORTS / self.commit
        return ROOT if self.program == "python" else node.DIR

    def versions(self) -> str:
        if self.program == "python":
            commit = self.commit or _commit()
            return f"this repository at {commit} (Python {sys.version.split()[0]})"
        if self.program == "apollo":
            packages = ["@apollo/gateway", "@apollo/server", "graphql"]
        else:
            packages = ["@graphql-hive/gateway-runtime", "@graphql-mesh/transport-http", "graphql"]
        return ", ".join(f"{p} {node.package_version(p)}" for p in packages)


GATEWAYS = {
    "python": Gateway("python", "this gateway (Python)", "python", dedup=True),
    "python-nodedup": Gateway("python-nodedup", "this gateway (Python, no dedup)", "python"),
    "python-before": Gateway(
        "python-before", f"this gateway at {BEFORE} (no dedup yet)", "python", commit=BEFORE
    ),
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
    """Raises GatewayMissing for a target that cannot run; exports earlier commits' ones."""
    python = any(GATEWAYS[n].program == "python" for n in names)
    if python and importlib.util.find_spec("gateway.__main__") is None:
        raise GatewayMissing(
            "this repository's gateway has no `python -m gateway` yet; "
            "measure the others with --gateways apollo,hive"
        )
    for name in names:
        GATEWAYS[name].prepare()


def _commit() -> str:
    result = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    return result.stdout.strip() or "unknown commit"
