"""fetch_subgraph_sdl and SupergraphPoller against real tiny subgraphs over HTTP."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from gateway.composition import (
    CompositionFailed,
    SubgraphSdlUnavailable,
    SubgraphSource,
    SupergraphPoller,
    compose,
    fetch_subgraph_sdl,
)
from tests.gateway.support.serving import ServedApp, unreachable_url

LINK = '@link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])'
PRODUCTS = f"""extend schema {LINK}
type Product @key(fields: "id") {{ id: ID! name: String }}
type Query {{ products: [Product!]! }}"""
REVIEWS = f"""extend schema {LINK}
type Product @key(fields: "id") {{ id: ID! stars: Int }}
type Query {{ topReviewed: [Product!]! }}"""
REVIEWS_WITH_BODY = REVIEWS.replace("stars: Int", "stars: Int body: String")
# Product.name as Int clashes with its String type in products.
REVIEWS_BROKEN = REVIEWS.replace("stars: Int", "stars: Int name: Int @shareable")


@dataclass
class Subgraph:
    """What the fake subgraph answers to `{ _service { sdl } }`."""

    sdl: str | None
    errors: list[dict[str, Any]] | None = None


def subgraph_app(state: Subgraph) -> Starlette:
    async def graphql(request: Request) -> JSONResponse:
        body = await request.json()
        assert "_service" in body["query"]
        if state.errors is not None:
            return JSONResponse({"errors": state.errors, "data": None})
        return JSONResponse({"data": {"_service": {"sdl": state.sdl}}})

    return Starlette(routes=[Route("/graphql", graphql, methods=["POST"])])


async def test_fetch_returns_the_sdl() -> None:
    with ServedApp(subgraph_app(Subgraph(PRODUCTS))) as served:
        source = await fetch_subgraph_sdl("products", served.url)

    assert source == SubgraphSource("products", served.url, PRODUCTS)


async def test_fetch_from_unreachable_subgraph_raises() -> None:
    url = unreachable_url()

    with pytest.raises(SubgraphSdlUnavailable) as raised:
        await fetch_subgraph_sdl("products", url, timeout_s=2)

    assert raised.value.name == "products"
    assert raised.value.url == url
    assert str(raised.value).startswith(f'subgraph "products" at {url}: request failed: ')


async def test_fetch_reports_graphql_errors() -> None:
    state = Subgraph(None, errors=[{"message": "Cannot query field '_service' on type 'Query'."}])
    with ServedApp(subgraph_app(state)) as served, pytest.raises(SubgraphSdlUnavailable) as raised:
        await fetch_subgraph_sdl("products", served.url)

    assert raised.value.reason == "GraphQL errors: Cannot query field '_service' on type 'Query'."


async def test_fetch_reports_missing_sdl() -> None:
    with (
        ServedApp(subgraph_app(Subgraph(None))) as served,
        pytest.raises(SubgraphSdlUnavailable) as raised,
    ):
        await fetch_subgraph_sdl("products", served.url)

    assert raised.value.reason == "response has no _service.sdl"


class Changes:
    def __init__(self) -> None:
        self.supergraphs: list[str] = []
        self.arrived = asyncio.Event()

    async def __call__(self, sdl: str) -> None:
        self.supergraphs.append(sdl)
        self.arrived.set()


def expected(products_url: str, reviews_url: str, reviews_sdl: str) -> str:
    result = compose(
        [
            SubgraphSource("products", products_url, PRODUCTS),
            SubgraphSource("reviews", reviews_url, reviews_sdl),
        ]
    )
    assert result.supergraph_sdl is not None
    return result.supergraph_sdl


async def test_poller_follows_changes_and_keeps_the_last_good_supergraph(
    caplog: pytest.LogCaptureFixture,
) -> None:
    reviews = Subgraph(REVIEWS)
    changes = Changes()
    with ServedApp(subgraph_app(Subgraph(PRODUCTS))) as products_app:
        reviews_app = ServedApp(subgraph_app(reviews))
        poller = SupergraphPoller(
            [("products", products_app.url), ("reviews", reviews_app.url)], 10.0, changes
        )

        first = await poller.first()
        assert first == expected(products_app.url, reviews_app.url, REVIEWS)
        assert "stars: Int @join__field(graph: REVIEWS)" in first

        await poller.poll_once()
        assert changes.supergraphs == []

        reviews.sdl = REVIEWS_WITH_BODY
        await poller.poll_once()
        changed = expected(products_app.url, reviews_app.url, REVIEWS_WITH_BODY)
        assert changes.supergraphs == [changed]
        assert poller.supergraph == changed

        reviews.sdl = REVIEWS_BROKEN
        with caplog.at_level(logging.WARNING, logger="gateway.composition.poller"):
            await poller.poll_once()
        assert changes.supergraphs == [changed]
        assert poller.supergraph == changed
        [broken] = caplog.records
        assert broken.getMessage() == "composition failed; keeping the last good supergraph"
        assert broken.errors == [  # type: ignore[attr-defined]
            'FIELD_TYPE_MISMATCH: Type of field "Product.name" is incompatible across '
            'subgraphs: it has type "String" in subgraph "products" but type "Int" in '
            'subgraph "reviews"',
            'INVALID_FIELD_SHARING: Non-shareable field "Product.name" is resolved from '
            'multiple subgraphs: it is resolved from subgraphs "products" and "reviews" and '
            'defined as non-shareable in subgraph "products"',
        ]
        caplog.clear()

        reviews_app.stop()
        with caplog.at_level(logging.WARNING, logger="gateway.composition.poller"):
            await poller.poll_once()
        assert changes.supergraphs == [changed]
        assert poller.supergraph == changed
        [unreachable] = caplog.records
        assert unreachable.getMessage() == (
            "fetching subgraph SDL failed; keeping the last good supergraph"
        )
        [error] = unreachable.errors  # type: ignore[attr-defined]
        assert error.startswith(
            f'SUBGRAPH_SDL_UNAVAILABLE: subgraph "reviews" at {reviews_app.url}: request failed'
        )


async def test_poller_run_loop_calls_on_change() -> None:
    reviews = Subgraph(REVIEWS)
    changes = Changes()
    with (
        ServedApp(subgraph_app(Subgraph(PRODUCTS))) as products_app,
        ServedApp(subgraph_app(reviews)) as reviews_app,
    ):
        poller = SupergraphPoller(
            [("products", products_app.url), ("reviews", reviews_app.url)], 0.05, changes
        )
        await poller.first()
        running = asyncio.create_task(poller.run())
        try:
            reviews.sdl = REVIEWS_WITH_BODY
            await asyncio.wait_for(changes.arrived.wait(), timeout=60)
        finally:
            running.cancel()
            with pytest.raises(asyncio.CancelledError):
                await running

    assert changes.supergraphs == [expected(products_app.url, reviews_app.url, REVIEWS_WITH_BODY)]


async def test_first_composition_failure_lists_every_error() -> None:
    with (
        ServedApp(subgraph_app(Subgraph(PRODUCTS))) as products_app,
        ServedApp(subgraph_app(Subgraph(REVIEWS_BROKEN))) as reviews_app,
    ):
        poller = SupergraphPoller(
            [("products", products_app.url), ("reviews", reviews_app.url)], 10.0, Changes()
        )
        with pytest.raises(CompositionFailed) as raised:
            await poller.first()

    assert [e.code for e in raised.value.errors] == ["FIELD_TYPE_MISMATCH", "INVALID_FIELD_SHARING"]
    assert poller.supergraph is None
