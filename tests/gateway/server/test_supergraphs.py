"""Health follows the supergraph; a new supergraph is swapped in atomically; a bad one is
refused while the last good one keeps serving."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.gateway.support.serving import ServedApp
from tests.gateway.support.subgraph import Subgraph

from .conftest import (
    GatedSupergraph,
    QueuedSupergraph,
    SlowGate,
    gateway,
    supergraph,
    things_subgraph,
)

QUERY = {"query": '{ thing(id: "2") { name } }'}


def wait_healthy(http: httpx.Client) -> httpx.Response:
    deadline = time.monotonic() + 30
    while (response := http.get("/health")).status_code != 200:
        assert time.monotonic() < deadline, response.text
        time.sleep(0.02)
    return response


def test_health_is_503_until_a_supergraph_is_loaded(things: Subgraph, things_url: str) -> None:
    source = GatedSupergraph(supergraph(things_url))
    try:
        with gateway(source) as http:
            before = http.get("/health")
            refused = http.post("/graphql", json=QUERY)
            source.gate.set()
            after = wait_healthy(http)
            served = http.post("/graphql", json=QUERY)
    finally:
        source.gate.set()
    assert before.status_code == 503
    assert before.json() == {"status": "unavailable", "reason": "no supergraph loaded yet"}
    assert refused.status_code == 503
    assert refused.json() == {
        "errors": [
            {
                "message": "The gateway is not ready: no supergraph loaded yet.",
                "extensions": {"code": "SERVICE_UNAVAILABLE"},
            }
        ]
    }
    assert after.json() == {"status": "ok"}
    assert served.json() == {"data": {"thing": {"name": "thing 2"}}}


def test_a_bad_first_supergraph_keeps_health_at_503() -> None:
    source = QueuedSupergraph("this is not a supergraph")
    with gateway(source) as http, source:
        response = http.get("/health")
    assert response.status_code == 503
    assert response.json()["reason"].startswith("supergraph rejected: supergraph SDL: Syntax Error")


@pytest.fixture
def second_things() -> Iterator[tuple[Subgraph, str]]:
    """Another `things` subgraph (and its URL) whose names start with "v2 "."""
    gate = SlowGate()
    gate.gate.set()
    subgraph = things_subgraph(gate, prefix="v2 ")
    with ServedApp(subgraph) as served:
        yield subgraph, served.url


def test_swap_keeps_requests_in_flight_on_their_engine(
    things: Subgraph,
    things_url: str,
    slow_gate: SlowGate,
    second_things: tuple[Subgraph, str],
) -> None:
    second, second_url = second_things
    source = QueuedSupergraph(supergraph(things_url))
    with gateway(source) as http, source, ThreadPoolExecutor(1) as pool:
        in_flight = pool.submit(http.post, "/graphql", json={"query": "{ slow(ms: 1) }"})
        assert slow_gate.entered.wait(30)
        source.push(supergraph(second_url))
        after = http.post("/graphql", json=QUERY)
        source.push("type Query { broken")
        after_bad = http.post("/graphql", json=QUERY)
        health = http.get("/health")
        slow_gate.gate.set()
        slow = in_flight.result(30)
    assert slow.json() == {"data": {"slow": "waited 1"}}
    assert after.json() == {"data": {"thing": {"name": "v2 thing 2"}}}
    assert after_bad.json() == {"data": {"thing": {"name": "v2 thing 2"}}}
    assert health.json() == {"status": "ok"}
    assert len(things.received) == 1
    assert len(second.received) == 2
