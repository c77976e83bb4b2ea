"""`python -m gateway` as a process: serving a supergraph file, composing from subgraphs,
`compose`, refusing to start with a supergraph file that does not load, and a graceful
SIGTERM."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.gateway.support.serving import ServedApp, unreachable_url
from tests.gateway.support.subgraph import Subgraph
from tests.support.servers import free_port

from .conftest import SlowGate, supergraph, things_subgraph

REPO = Path(__file__).resolve().parents[3]
QUERY = {"query": '{ thing(id: "4") { name } }'}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gateway", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )


@contextmanager
def serving(*args: str, log: Path) -> Iterator[tuple[subprocess.Popen[bytes], httpx.Client]]:
    port = free_port()
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "gateway", *args, "--port", str(port)],
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
            try:
                if client.get("/health").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        yield process, client
    finally:
        client.close()
        if process.poll() is None:
            process.kill()
            process.wait()


def is_listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def supergraph_file(tmp_path: Path, url: str) -> str:
    path = tmp_path / "supergraph.graphql"
    path.write_text(supergraph(url))
    return str(path)


def test_sigterm_finishes_the_request_in_flight_and_exits_0(
    tmp_path: Path, things: Subgraph, things_url: str, slow_gate: SlowGate
) -> None:
    args = ("--supergraph", supergraph_file(tmp_path, things_url))
    with serving(*args, log=tmp_path / "log") as (process, http), ThreadPoolExecutor(1) as pool:
        port = http.base_url.port
        assert port is not None
        in_flight = pool.submit(http.post, "/graphql", json={"query": "{ slow(ms: 5) }"})
        assert slow_gate.entered.wait(30)
        process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 30
        while is_listening(port):
            assert time.monotonic() < deadline, "still accepting connections after SIGTERM"
            time.sleep(0.02)
        slow_gate.gate.set()
        response = in_flight.result(30)
        assert process.wait(30) == 0
    assert response.status_code == 200
    assert response.json() == {"data": {"slow": "waited 5"}}


def test_subgraph_url_overrides_the_supergraph(tmp_path: Path, things_url: str) -> None:
    args = ("--supergraph", supergraph_file(tmp_path, unreachable_url()))
    override = ("--subgraph-url", f"things={things_url}")
    with serving(*args, *override, log=tmp_path / "log") as (_, http):
        response = http.post("/graphql", json=QUERY)
    assert response.json() == {"data": {"thing": {"name": "thing 4"}}}


def test_composes_from_subgraph_replicas(tmp_path: Path, things: Subgraph, things_url: str) -> None:
    gate = SlowGate()
    gate.gate.set()
    replica = things_subgraph(gate)
    with (
        ServedApp(replica) as served,
        serving("--subgraph", f"things={things_url},{served.url}", log=tmp_path / "log") as (
            _,
            http,
        ),
    ):
        things.reset()
        responses = [http.post("/graphql", json=QUERY).json() for _ in range(4)]
    assert responses == [{"data": {"thing": {"name": "thing 4"}}}] * 4
    assert (len(things.received), len(replica.received)) == (2, 2)


def test_compose_prints_the_supergraph(things_url: str) -> None:
    result = run("compose", "--subgraph", f"things={things_url}")
    assert result.returncode == 0, result.stderr
    assert result.stdout == supergraph(things_url)


def test_compose_exits_2_when_a_subgraph_is_unreachable() -> None:
    """(Serving waits for it instead: test_waiting_for_subgraphs.)"""
    url = unreachable_url()
    result = run("compose", "--subgraph", f"things={url}")
    assert result.returncode == 2
    assert "SUBGRAPH_SDL_UNAVAILABLE" in result.stderr
    assert url in result.stderr


def test_missing_supergraph_file_exits_2(tmp_path: Path) -> None:
    result = run("--supergraph", str(tmp_path / "nope.graphql"))
    assert result.returncode == 2
    assert (
        result.stderr
        == f"gateway: cannot read {tmp_path / 'nope.graphql'}: No such file or directory\n"
    )


def test_bad_supergraph_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "bad.graphql"
    path.write_text("type Query { broken")
    result = run("--supergraph", str(path))
    assert result.returncode == 2
    assert result.stderr.endswith(
        "gateway: supergraph rejected: supergraph SDL: Syntax Error: Expected ':', found <EOF>.\n"
    )


def test_usage_errors_exit_2() -> None:
    assert run().returncode == 2
    assert run("--subgraph", "things").returncode == 2
    both = run("--subgraph", "a=http://a/graphql", "--subgraph-url", "a=http://b/graphql")
    assert both.returncode == 2
    assert "--subgraph-url goes with --supergraph" in both.stderr


def test_recomposes_when_a_subgraph_schema_changes(tmp_path: Path) -> None:
    gate = SlowGate()
    gate.gate.set()
    subgraph = things_subgraph(gate)
    fields = {"query": '{ __type(name: "Query") { fields { name } } }'}
    with (
        ServedApp(subgraph) as served,
        serving(
            "--subgraph", f"things={served.url}", "--poll-interval", "0.1", log=tmp_path / "log"
        ) as (_, http),
    ):
        before = http.post("/graphql", json=fields).json()
        subgraph.sdl = subgraph.sdl.replace("type Query {", "type Query {\n  added: String")
        deadline = time.monotonic() + 30
        while (after := http.post("/graphql", json=fields).json()) == before:
            assert time.monotonic() < deadline, (tmp_path / "log").read_text()
            time.sleep(0.05)
    assert before == {
        "data": {"__type": {"fields": [{"name": n} for n in ("thing", "things", "slow")]}}
    }
    assert after == {
        "data": {"__type": {"fields": [{"name": n} for n in ("added", "thing", "things", "slow")]}}
    }
