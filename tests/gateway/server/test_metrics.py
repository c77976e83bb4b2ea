"""The gateway's /metrics over real HTTP: requests by operation name (bounded), subgraph
fetches and their failures, the plan cache, requests in flight and open connections."""

from __future__ import annotations

import hashlib
import socket
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from gateway.metrics import OTHER
from gateway.server import create_app
from gateway.server.sources import StaticSupergraph
from tests.gateway.support.serving import ServedApp, unreachable_url
from tests.gateway.support.subgraph import Subgraph

from .conftest import SlowGate, settings, supergraph
from .test_cli import serving, supergraph_file

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]

THINGS = "query Things { things(first: 2) { id } }"


@contextmanager
def gateway(url: str, **overrides: Any) -> Iterator[httpx.Client]:
    """The app as the gateway process builds it (its own engine factory, so plans count)."""
    app = create_app(settings(**overrides), StaticSupergraph(supergraph(url)))
    with (
        ServedApp(app) as served,
        httpx.Client(base_url=f"http://127.0.0.1:{served.port}", timeout=30) as client,
    ):
        yield client


def scrape(client: httpx.Client) -> Samples:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def requests(samples: Samples, operation: str, status: int) -> float:
    name = "icld_gateway_request_seconds_count"
    return value(samples, name, operation=operation, status=str(status))


def operation_labels(samples: Samples) -> set[str]:
    return {
        dict(labels)["operation"]
        for name, labels in samples
        if name == "icld_gateway_request_seconds_count"
    }


def test_requests_by_operation_name(things: Subgraph, things_url: str) -> None:
    sha = hashlib.sha256(THINGS.encode()).hexdigest()
    persisted = {"persistedQuery": {"version": 1, "sha256Hash": sha}}
    with gateway(things_url) as client:
        assert client.post("/graphql", json={"query": THINGS}).status_code == 200
        assert client.post("/graphql", json={"query": THINGS, "extensions": persisted}).json()
        by_hash = client.post("/graphql", json={"extensions": persisted})
        assert by_hash.json() == {"data": {"things": [{"id": "0"}, {"id": "1"}]}}
        assert client.post("/graphql", json={"query": "{ things(first: 1) { id } }"}).json()
        invalid = client.post("/graphql", json={"query": "query Broken { nothing }"})
        assert invalid.status_code == 400
        unknown_hash = {"persistedQuery": {"version": 1, "sha256Hash": "f" * 64}}
        client.post("/graphql", json={"extensions": unknown_hash})
        garbage = client.post(
            "/graphql", content=b"{", headers={"content-type": "application/json"}
        )
        assert garbage.status_code == 400
        samples = scrape(client)

    assert requests(samples, "Things", 200) == 3  # by text, registering and by hash
    assert requests(samples, OTHER, 200) == 2  # anonymous, and the unknown hash
    assert requests(samples, OTHER, 400) == 2  # invalid operation, unreadable body
    assert operation_labels(samples) == {"Things", OTHER}
    assert value(samples, "icld_gateway_request_seconds_sum", operation="Things", status="200") > 0


def test_operation_labels_are_bounded(things: Subgraph, things_url: str) -> None:
    with gateway(things_url, metrics_max_operations=2) as client:
        for name in ("First", "Second", "Third", "First", "Third"):
            query = f"query {name} {{ things(first: 1) {{ id }} }}"
            assert client.post("/graphql", json={"query": query}).status_code == 200
        samples = scrape(client)

    assert requests(samples, "First", 200) == 2
    assert requests(samples, "Second", 200) == 1
    assert requests(samples, OTHER, 200) == 2
    assert operation_labels(samples) == {"First", "Second", OTHER}


def test_subgraph_fetches_and_their_failures(things: Subgraph, things_url: str) -> None:
    with gateway(things_url) as client:
        client.post("/graphql", json={"query": THINGS})
        client.post("/graphql", json={"query": '{ thing(id: "3") { name } }'})
        answered = scrape(client)
    with gateway(unreachable_url()) as client:
        failed = client.post("/graphql", json={"query": THINGS}).json()
        unanswered = scrape(client)

    fetches, errors = (
        "icld_gateway_subgraph_fetch_seconds_count",
        "icld_gateway_subgraph_fetch_errors_total",
    )
    assert value(answered, fetches, subgraph="things") == 2
    assert value(answered, errors, subgraph="things") == 0
    assert failed["errors"][0]["extensions"]["code"] == "SUBGRAPH_UNAVAILABLE"
    assert value(unanswered, fetches, subgraph="things") == 1
    assert value(unanswered, errors, subgraph="things") == 1


def test_plan_cache_hits_and_misses(things: Subgraph, things_url: str) -> None:
    with gateway(things_url) as client:
        for _ in range(3):
            client.post("/graphql", json={"query": THINGS})
        client.post("/graphql", json={"query": '{ thing(id: "3") { name } }'})
        samples = scrape(client)

    assert value(samples, "icld_gateway_plan_cache_total", result="miss") == 2
    assert value(samples, "icld_gateway_plan_cache_total", result="hit") == 2


def test_requests_in_flight(things: Subgraph, things_url: str, slow_gate: SlowGate) -> None:
    with gateway(things_url) as client, ThreadPoolExecutor(1) as pool:
        slow = pool.submit(client.post, "/graphql", json={"query": "{ slow(ms: 5) }"})
        assert slow_gate.entered.wait(30)
        during = scrape(client)
        slow_gate.gate.set()
        assert slow.result(30).json() == {"data": {"slow": "waited 5"}}
        after = _eventually(client, lambda s: value(s, "icld_gateway_requests_in_flight") == 0)

    assert value(during, "icld_gateway_requests_in_flight") == 1
    assert value(after, "icld_gateway_requests_in_flight") == 0


def test_open_connections_of_a_gateway_process(
    tmp_path: Path, things: Subgraph, things_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Idle connections stay open for the whole test, whatever the machine's speed.
    monkeypatch.setenv("GATEWAY_HEADER_TIMEOUT_S", "600")
    monkeypatch.setenv("GATEWAY_KEEP_ALIVE_S", "300")
    args = ("--supergraph", supergraph_file(tmp_path, things_url))
    with serving(*args, log=tmp_path / "log") as (_, http), ExitStack() as stack:
        port = http.base_url.port
        assert port is not None
        idle = [
            stack.enter_context(socket.create_connection(("127.0.0.1", port))) for _ in range(3)
        ]
        opened = _eventually(http, lambda s: _connections(s) == 4)  # the 3 and the scraper's
        for connection in idle[:2]:
            connection.close()
        closed = _eventually(http, lambda s: _connections(s) == 2)

    assert (_connections(opened), _connections(closed)) == (4, 2)


def _connections(samples: Samples) -> float:
    return value(samples, "icld_gateway_open_connections")


def _eventually(client: httpx.Client, check: Any, timeout_s: float = 60) -> Samples:
    """Scrapes until `check(samples)` holds; the bound is generous, the outcome is asserted."""
    deadline = time.monotonic() + timeout_s
    while not check(samples := scrape(client)):
        assert time.monotonic() < deadline, "metrics never reached the expected values"
        time.sleep(0.05)
    return samples
