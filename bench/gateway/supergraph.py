"""The scenario's supergraph: composed once by @apollo/composition, committed, and served
by all three gateways; other ports than the committed ones get a rewritten copy."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from . import node
from .schemas import SDL

FILE = Path(__file__).with_name("supergraph.graphql")
_GRAPH_URL = re.compile(r'(@join__graph\(name: "(?P<name>[^"]+)", url: ")(?P<url>[^"]*)(")')


class CompositionFailed(RuntimeError):
    """@apollo/composition rejected the subgraphs (its messages are in the text)."""


def urls(base_port: int) -> dict[str, str]:
    """Subgraph name → URL, on consecutive local ports in SDL order."""
    return {name: f"http://127.0.0.1:{base_port + i}/graphql" for i, name in enumerate(SDL)}


def compose(subgraph_urls: dict[str, str]) -> str:
    """The supergraph SDL, from the node script bench/gateway/node/compose.mjs."""
    subgraphs = [{"name": n, "url": subgraph_urls[n], "sdl": sdl} for n, sdl in SDL.items()]
    result = subprocess.run(
        ["node", str(node.DIR / "compose.mjs")],
        input=json.dumps(subgraphs).encode(),
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        raise CompositionFailed(result.stderr.decode().strip())
    return result.stdout.decode()


def graph_urls(supergraph: str) -> dict[str, str]:
    """Subgraph name → URL, as the join__Graph enum of a supergraph has them."""
    return {m["name"]: m["url"] for m in _GRAPH_URL.finditer(supergraph)}


def with_urls(supergraph: str, subgraph_urls: dict[str, str]) -> str:
    """The same supergraph with other subgraph URLs."""
    missing = set(graph_urls(supergraph)) ^ set(subgraph_urls)
    if missing:
        raise ValueError(f"subgraphs do not match the supergraph: {sorted(missing)}")
    return _GRAPH_URL.sub(lambda m: m[1] + subgraph_urls[m["name"]] + m[4], supergraph)


def for_ports(base_port: int, work_dir: Path) -> Path:
    """The committed supergraph file when its URLs fit, else a rewritten copy in work_dir."""
    wanted = urls(base_port)
    committed = FILE.read_text()
    if graph_urls(committed) == wanted:
        return FILE
    path = work_dir / "supergraph.graphql"
    path.write_text(with_urls(committed, wanted))
    return path
