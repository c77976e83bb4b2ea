"""The gateway's API schema, composed from the four services' own SDL without starting them.

The web console generates its typed operations from this file (`web/schema.graphql`);
`python -m devstack.api_schema` rewrites it, and a test fails when it is out of date.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from graphql import print_schema

from gateway.composition import SubgraphSource, compose
from gateway.supergraph import load_supergraph

from .config import ROOT
from .replicas import SERVICES

SCHEMA_FILE = ROOT / "web" / "schema.graphql"


class CompositionFailed(RuntimeError):
    """The services' SDL does not compose into a supergraph."""


def service_sdl(name: str) -> str:
    schema = importlib.import_module(f"services.{name}.service").SPEC.schema
    result = schema.execute_sync("{ _service { sdl } }")
    if result.errors or result.data is None:
        raise CompositionFailed(f"{name}: _service.sdl failed: {result.errors}")
    sdl: str = result.data["_service"]["sdl"]
    return sdl


def api_schema_sdl() -> str:
    sources = [
        SubgraphSource(name=name, url=f"http://{name}.invalid/graphql", sdl=service_sdl(name))
        for name in SERVICES
    ]
    result = compose(sources)
    if result.supergraph_sdl is None:
        raise CompositionFailed("; ".join(str(error) for error in result.errors))
    return print_schema(load_supergraph(result.supergraph_sdl).api_schema) + "\n"


def main(target: Path = SCHEMA_FILE) -> int:
    target.write_text(api_schema_sdl())
    sys.stdout.write(f"wrote {target.relative_to(ROOT)}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
