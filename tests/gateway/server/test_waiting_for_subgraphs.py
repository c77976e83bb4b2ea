"""`python -m gateway --subgraph …` started before its subgraphs answer (or while their SDL
does not compose): it serves 503 (not ready) while it keeps trying, then serves; SIGTERM still
stops it while it waits."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from tests.gateway.support.serving import ServedApp
from tests.support.servers import free_port

from .conftest import SlowGate, things_subgraph

REPO = Path(__file__).resolve().parents[3]
QUERY = {"query": '{ thing(id: "4") { name } }'}
NOT_READY = {
    "errors": [
        {
            "message": "The gateway is not ready: no supergraph composed yet.",
            "extensions": {"code": "SERVICE_UNAVAILABLE"},
        }
    ]
}


def retries(log: Path) -> list[dict[str, Any]]:
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    return [line for line in lines if line["message"] == "no supergraph composed yet; retrying"]


@contextmanager
def gateway(subgraph_url: str, log: Path) -> Iterator[tuple[subprocess.Popen[bytes], httpx.Client]]:
    """The gateway composing from `subgraph_url`, once it has failed to compose once."""
    port = free_port()
    command = [sys.executable, "-m", "gateway", "--subgraph", f"things={subgraph_url}"]
    with log.open("wb") as output:
        process = subprocess.Popen(
            [*command, "--poll-interval", "0.2", "--port", str(port)],
            cwd=REPO,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30)
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            if retries(log):
                break
            time.sleep(0.05)
        yield process, client
    finally:
        client.close()
        if process.poll() is None:
            process.kill()
            process.wait()


def served_eventually(http: httpx.Client, log: Path) -> httpx.Response:
    deadline = time.monotonic() + 60
    while (response := http.post("/graphql", json=QUERY)).status_code != 200:
        assert time.monotonic() < deadline, log.read_text()
        time.sleep(0.1)
    return response


def test_waits_for_an_unreachable_subgraph_then_serves(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "log"
    gate = SlowGate()
    with gateway(f"http://127.0.0.1:{port}/graphql", log) as (process, http):
        health = http.get("/health")
        refused = http.post("/graphql", json=QUERY)
        with ServedApp(things_subgraph(gate), port=port):
            served = served_eventually(http, log)
            ready = http.get("/health")
        assert process.poll() is None
    assert health.status_code == 503
    assert health.json() == {"status": "unavailable", "reason": "no supergraph composed yet"}
    assert refused.status_code == 503
    assert refused.json() == NOT_READY
    assert served.json() == {"data": {"thing": {"name": "thing 4"}}}
    assert ready.json() == {"status": "ok"}
    first = retries(log)[0]
    assert first["attempt"] == 1
    assert first["errors"] == [
        f'SUBGRAPH_SDL_UNAVAILABLE: subgraph "things" at http://127.0.0.1:{port}/graphql: '
        "request failed: ConnectError('All connection attempts failed')"
    ]


def test_waits_for_subgraph_sdl_that_composes(tmp_path: Path) -> None:
    log = tmp_path / "log"
    subgraph = things_subgraph(SlowGate())
    good = subgraph.sdl
    subgraph.sdl = good.replace("name: String!", "name: Missing!")
    with ServedApp(subgraph) as served, gateway(served.url, log) as (_, http):
        health = http.get("/health")
        refused = http.post("/graphql", json=QUERY)
        subgraph.sdl = good
        answer = served_eventually(http, log)
    assert health.status_code == 503
    assert refused.json() == NOT_READY
    assert retries(log)[0]["errors"][0].startswith("INVALID_GRAPHQL")
    assert answer.json() == {"data": {"thing": {"name": "thing 4"}}}


def test_sigterm_stops_it_while_it_waits(tmp_path: Path) -> None:
    log = tmp_path / "log"
    with gateway(f"http://127.0.0.1:{free_port()}/graphql", log) as (process, http):
        assert http.get("/health").status_code == 503
        process.send_signal(signal.SIGTERM)
        assert process.wait(30) == 0, log.read_text()
