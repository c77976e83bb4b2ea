"""A gateway app (create_app with the real engine) in front of two real subgraphs whose
answers the test holds until the requests it expects have arrived: no sleeps."""

from __future__ import annotations

import asyncio
import contextvars
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
from prometheus_client.parser import text_string_to_metric_families
from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from gateway.composition import compose
from gateway.composition.public_types import SubgraphSource
from gateway.server import create_app
from gateway.server.app import engine_from_supergraph
from gateway.server.sources import StaticSupergraph
from gateway.settings import GatewaySettings
from tests.gateway.support.serving import ServedApp
from tests.gateway.support.subgraph import Subgraph

SCENARIO = Path(__file__).parent / "scenario"
JWT_SECRET = "gateway-dedup-tests-secret-of-32-bytes-or-more"
HOLD_S = 20
"""Bound on every wait: a wrong sharing shows as a failed test, never a hung one."""
THINGS = [{"id": str(i), "name": f"thing {i}"} for i in range(3)]

CALLER: contextvars.ContextVar[str | None] = contextvars.ContextVar("caller", default=None)
"""The `sub` of the token the request being resolved carries (unverified: the gateway's
tests only need to see whose request it was)."""


class Held:
    """A subgraph (ASGI) whose every request waits until the test opens `gate`; counts the
    requests that arrived and were answered, and tells the resolvers whose request it is
    (`CALLER`)."""

    def __init__(self, subgraph: Subgraph) -> None:
        self.subgraph = subgraph
        self.gate = threading.Event()
        self._arrived = 0
        self._answered = 0
        self._changed = threading.Condition()

    def reset(self) -> None:
        self.subgraph.reset()
        self.gate.clear()
        with self._changed:
            self._arrived = self._answered = 0

    def wait_for_arrivals(self, count: int) -> None:
        self._wait(lambda: self._arrived >= count, f"{count} requests arriving")

    def wait_for_answers(self, count: int) -> None:
        self._wait(lambda: self._answered >= count, f"{count} requests answered")

    def _wait(self, condition: Callable[[], bool], what: str) -> None:
        with self._changed:
            if not self._changed.wait_for(condition, HOLD_S):
                raise AssertionError(f"{self.subgraph.name}: never saw {what}")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.subgraph(scope, receive, send)
            return
        with self._changed:
            self._arrived += 1
            self._changed.notify_all()
        if not await asyncio.to_thread(self.gate.wait, HOLD_S):
            await Response("held too long", status_code=504)(scope, receive, send)
            return
        CALLER.set(_subject(Headers(scope=scope).get("authorization")))
        await self.subgraph(scope, receive, send)
        with self._changed:
            self._answered += 1
            self._changed.notify_all()


def _subject(authorization: str | None) -> str | None:
    if not authorization:
        return None
    claims = jwt.decode(authorization.removeprefix("Bearer "), options={"verify_signature": False})
    subject: str = claims["sub"]
    return subject


class Touches:
    """`Mutation.touch`: how many times it ran, so each mutation's answer is its own."""

    def __init__(self) -> None:
        self.count = 0
        self._lock = threading.Lock()

    def touch(self, _root: Any, _info: Any) -> int:
        with self._lock:
            self.count += 1
            return self.count


def things_subgraph(touches: Touches) -> Subgraph:
    return Subgraph(
        "things",
        (SCENARIO / "things.graphql").read_text(),
        resolvers={
            "Query": {"things": lambda *_: THINGS, "me": lambda *_: CALLER.get()},
            "Mutation": {"touch": touches.touch},
        },
    )


def extras_subgraph() -> Subgraph:
    def extra(thing: dict[str, Any], _info: Any, n: int) -> str:
        return f"{thing['id']}:{n}"

    return Subgraph(
        "extras", (SCENARIO / "extras.graphql").read_text(), resolvers={"Thing": {"extra": extra}}
    )


def labels_subgraph() -> Subgraph:
    def label(thing: dict[str, Any], _info: Any) -> str:
        return f"label {thing['id']}"

    return Subgraph(
        "labels", (SCENARIO / "labels.graphql").read_text(), resolvers={"Thing": {"label": label}}
    )


class Stack:
    """The subgraphs of the tests, served for the module."""

    def __init__(self) -> None:
        self.touches = Touches()
        self.things = Held(things_subgraph(self.touches))
        self.extras = Held(extras_subgraph())
        self.labels = Held(labels_subgraph())
        self.held = (self.things, self.extras, self.labels)
        self._served = [ServedApp(held) for held in self.held]
        result = compose(
            [
                SubgraphSource(held.subgraph.name, served.url, held.subgraph.sdl)
                for held, served in zip(self.held, self._served, strict=True)
            ]
        )
        assert result.supergraph_sdl is not None, result.errors
        self.supergraph = result.supergraph_sdl

    def stop(self) -> None:
        for served in self._served:
            served.stop()


@pytest.fixture(scope="module")
def module_stack() -> Iterator[Stack]:
    stack = Stack()
    try:
        yield stack
    finally:
        stack.stop()


@pytest.fixture
def stack(module_stack: Stack) -> Stack:
    for held in module_stack.held:
        held.reset()
    module_stack.touches.count = 0
    return module_stack


@contextmanager
def gateway(stack: Stack, **overrides: Any) -> Iterator[httpx.Client]:
    """A client of a gateway app served on a free port, with these settings."""
    settings = GatewaySettings(**{"jwt_secret": JWT_SECRET, **overrides})
    app = create_app(
        settings, StaticSupergraph(stack.supergraph), engine_factory=engine_from_supergraph
    )
    with (
        ServedApp(app) as served,
        httpx.Client(base_url=f"http://127.0.0.1:{served.port}", timeout=HOLD_S * 2) as client,
    ):
        yield client


def token(sub: str, *, exp: int = 4102444800) -> dict[str, str]:
    claims = {"sub": sub, "exp": exp, "iss": "icld-dev", "aud": "icld-platform", "roles": []}
    return {"authorization": f"Bearer {jwt.encode(claims, JWT_SECRET)}"}


def metric(client: httpx.Client, name: str, **labels: str) -> float:
    """A sample of the gateway's /metrics (0 when it has none yet)."""
    for family in text_string_to_metric_families(client.get("/metrics").text):
        for sample in family.samples:
            if sample.name == name and sample.labels == labels:
                return float(sample.value)
    return 0.0


def wait_until(condition: Callable[[], bool], what: str) -> None:
    """Waits for a state the gateway reaches by itself (requests joining a shared one)."""
    deadline = time.monotonic() + HOLD_S
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"never reached: {what}")
        time.sleep(0.01)
