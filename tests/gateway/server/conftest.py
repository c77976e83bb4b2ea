"""The gateway's app (create_app with the real engine) served by uvicorn in front of a real
`things` subgraph; each test gets a fresh gateway and an emptied subgraph request log."""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from graphql import GraphQLResolveInfo

from gateway.server import create_app
from gateway.server.app import engine_from_supergraph
from gateway.server.engines import EngineFactory
from gateway.server.sources import StaticSupergraph, SupergraphSource
from gateway.settings import GatewaySettings
from tests.gateway.support.serving import ServedApp
from tests.gateway.support.subgraph import Subgraph

SCENARIO = Path(__file__).parent / "scenario"
ENGINE: EngineFactory = engine_from_supergraph
"""The engine every server test runs; the one place to change to try another."""

JWT_SECRET = "gateway-server-tests-secret-of-32-bytes-or-more"
THINGS = [{"id": str(i), "name": f"thing {i}"} for i in range(30)]


def supergraph(url: str) -> str:
    sdl = (SCENARIO / "supergraph.graphql").read_text()
    return sdl.replace("http://things.test/graphql", url)


class SlowGate:
    """`slow` answers only once the test opens the gate; `entered` tells it has started."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.gate = threading.Event()

    async def resolve(self, _root: Any, _info: GraphQLResolveInfo[Any], ms: int) -> str:
        self.entered.set()
        await asyncio.to_thread(self.gate.wait, 30)
        return f"waited {ms}"


def things_subgraph(slow: SlowGate, prefix: str = "") -> Subgraph:
    def named(row: dict[str, str]) -> dict[str, str]:
        return {**row, "name": prefix + row["name"]}

    def things(_root: Any, _info: Any, first: int | None = None) -> list[dict[str, str]]:
        return [named(t) for t in THINGS[:first]]

    def thing(_root: Any, _info: Any, id: str) -> dict[str, str] | None:
        return named(THINGS[int(id)]) if id.isdigit() and int(id) < len(THINGS) else None

    def parts(root: dict[str, str], _info: Any, limit: int | None = None) -> list[Any]:
        return [named(t) for t in THINGS[: limit if limit is not None else 2]]

    def rename(_root: Any, _info: Any, id: str, name: str) -> dict[str, str]:
        return {"id": id, "name": name}

    return Subgraph(
        "things",
        (SCENARIO / "things.graphql").read_text(),
        resolvers={
            "Query": {"things": things, "thing": thing, "slow": slow.resolve},
            "Mutation": {"rename": rename},
            "Thing": {"parts": parts},
        },
    )


@pytest.fixture(scope="module")
def slow_gate() -> SlowGate:
    return SlowGate()


@pytest.fixture(scope="module")
def served_things(slow_gate: SlowGate) -> Iterator[tuple[Subgraph, ServedApp]]:
    subgraph = things_subgraph(slow_gate)
    with ServedApp(subgraph) as served:
        yield subgraph, served


@pytest.fixture
def things(served_things: tuple[Subgraph, ServedApp], slow_gate: SlowGate) -> Subgraph:
    subgraph, _ = served_things
    subgraph.reset()
    slow_gate.entered.clear()
    slow_gate.gate.clear()
    return subgraph


@pytest.fixture
def things_url(served_things: tuple[Subgraph, ServedApp]) -> str:
    return served_things[1].url


def settings(**overrides: Any) -> GatewaySettings:
    """Defaults, with a JWT secret of the tests (not whatever the environment has)."""
    return GatewaySettings(**{"jwt_secret": JWT_SECRET, **overrides})


@contextmanager
def gateway(
    source: SupergraphSource,
    gateway_settings: GatewaySettings | None = None,
    *,
    engine: EngineFactory = ENGINE,
) -> Iterator[httpx.Client]:
    """An HTTP client of a gateway app served on a free port."""
    app = create_app(gateway_settings or settings(), source, engine_factory=engine)
    with (
        ServedApp(app) as served,
        httpx.Client(base_url=f"http://127.0.0.1:{served.port}", timeout=30) as client,
    ):
        yield client


@pytest.fixture
def client(things: Subgraph, things_url: str) -> Iterator[httpx.Client]:
    with gateway(StaticSupergraph(supergraph(things_url))) as http:
        yield http


def gateway_with(things_url: str, **overrides: Any) -> Any:
    return gateway(StaticSupergraph(supergraph(things_url)), settings(**overrides))


class QueuedSupergraph:
    """A source the test feeds: `push(sdl)` delivers a new supergraph and waits until the
    gateway has taken it (or refused it)."""

    def __init__(self, first: str) -> None:
        self._first = first
        self._pending: queue.Queue[str | None] = queue.Queue()
        self._taken: queue.Queue[str] = queue.Queue()

    async def first(self) -> str:
        return self._first

    async def watch(self, on_change: Callable[[str], None]) -> None:
        while (sdl := await asyncio.to_thread(self._pending.get)) is not None:
            on_change(sdl)
            self._taken.put(sdl)

    def push(self, sdl: str) -> None:
        self._pending.put(sdl)
        self._taken.get(timeout=30)

    def close(self) -> None:
        self._pending.put(None)

    def __enter__(self) -> QueuedSupergraph:
        return self

    def __exit__(self, *_: object) -> None:
        """Ends `watch` while the gateway still runs: its thread would block shutdown."""
        self.close()


class GatedSupergraph:
    """A source whose first supergraph arrives only when the test opens the gate."""

    def __init__(self, sdl: str) -> None:
        self._sdl = sdl
        self.gate = threading.Event()

    async def first(self) -> str:
        await asyncio.to_thread(self.gate.wait, 30)
        return self._sdl

    async def watch(self, on_change: Callable[[str], None]) -> None:
        return None


def errors(response: httpx.Response) -> list[dict[str, Any]]:
    body: dict[str, Any] = response.json()
    found: list[dict[str, Any]] = body["errors"]
    return found
