"""A supergraph composed elsewhere whose API schema is invalid (a default value naming an
@inaccessible enum value, which Apollo's composition and ours refuse) is refused when it is
loaded: the gateway keeps the last good one, or does not start, and never fails every request."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.gateway.support.subgraph import Subgraph

from .conftest import QueuedSupergraph, gateway, supergraph

REPO = Path(__file__).resolve().parents[3]
QUERY = {"query": '{ thing(id: "3") { name } }'}
REASON = (
    "the API schema is invalid: Query.thingsOf(kind:) has invalid default value: "
    "Value 'SECRET' does not exist in 'Kind' enum."
)


def hidden_default_supergraph(url: str) -> str:
    """The test scenario's supergraph plus `thingsOf(kind: Kind = SECRET)` where SECRET is
    @inaccessible: what composition refuses with DEFAULT_VALUE_USES_INACCESSIBLE."""
    sdl = supergraph(url)
    sdl = sdl.replace(
        '  @link(url: "https://specs.apollo.dev/join/v0.4", for: EXECUTION)\n',
        '  @link(url: "https://specs.apollo.dev/join/v0.4", for: EXECUTION)\n'
        '  @link(url: "https://specs.apollo.dev/inaccessible/v0.2", for: SECURITY)\n',
        1,
    )
    sdl = sdl.replace(
        "  slow(ms: Int!): String!\n",
        "  slow(ms: Int!): String!\n  thingsOf(kind: Kind = SECRET): [Thing!]!\n",
        1,
    )
    assert "inaccessible/v0.2" in sdl
    assert "thingsOf" in sdl
    return (
        sdl + "\ndirective @inaccessible on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | "
        "ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | "
        "INPUT_FIELD_DEFINITION\n"
        "\nenum Kind @join__type(graph: THINGS) {\n  PUBLIC\n  SECRET @inaccessible\n}\n"
    )


def test_the_gateway_keeps_its_last_good_supergraph(things: Subgraph, things_url: str) -> None:
    source = QueuedSupergraph(supergraph(things_url))
    with gateway(source) as http, source:
        source.push(hidden_default_supergraph(things_url))
        served = http.post("/graphql", json=QUERY)
        health = http.get("/health")
    assert served.json() == {"data": {"thing": {"name": "thing 3"}}}
    assert health.json() == {"status": "ok"}


def test_a_first_supergraph_with_an_invalid_api_schema_is_refused(things_url: str) -> None:
    source = QueuedSupergraph(hidden_default_supergraph(things_url))
    with gateway(source) as http, source:
        health = http.get("/health")
        refused = http.post("/graphql", json=QUERY)
    assert health.status_code == 503
    assert health.json() == {"status": "unavailable", "reason": f"supergraph rejected: {REASON}"}
    assert refused.status_code == 503


def test_the_cli_does_not_start_with_it(tmp_path: Path) -> None:
    path = tmp_path / "supergraph.graphql"
    path.write_text(hidden_default_supergraph("http://127.0.0.1:9/graphql"))
    result = subprocess.run(
        [sys.executable, "-m", "gateway", "--supergraph", str(path), "--port", "0"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.endswith(f"gateway: supergraph rejected: {REASON}\n")
