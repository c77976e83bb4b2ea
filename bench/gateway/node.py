"""The Node side of the benchmark: its npm packages (locked) and their versions."""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
from pathlib import Path

logger = logging.getLogger(__name__)

DIR = Path(__file__).with_name("node")
PACKAGES = (
    "@apollo/composition",
    "@apollo/gateway",
    "@apollo/server",
    "@graphql-hive/gateway-runtime",
    "@graphql-mesh/transport-http",
    "graphql",
)


class NodeMissing(RuntimeError):
    """node or npm is not installed."""


def ensure_installed() -> None:
    """`npm ci` from package-lock.json when node_modules is missing (npm registry only)."""
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            raise NodeMissing(f"{tool} is not installed (Node 20 or later is needed)")
    if (DIR / "node_modules").is_dir():
        return
    logger.info("installing the Node gateways with npm ci in %s", DIR)
    subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=DIR, check=True
    )


def package_version(name: str) -> str:
    manifest = DIR / "node_modules" / name / "package.json"
    version: str = json.loads(manifest.read_text())["version"]
    return version


def node_version() -> str:
    result = subprocess.run(["node", "--version"], capture_output=True, check=True, text=True)
    return result.stdout.strip().removeprefix("v")
