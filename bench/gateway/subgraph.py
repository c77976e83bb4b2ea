"""One subgraph of the scenario as a raw ASGI app: `python -m bench.gateway.subgraph NAME PORT`.

POST any path: a GraphQL request executed by graphql-core. A request body seen before is
answered from memory (the response of its first execution), so that the benchmark measures
the gateways, not the subgraphs. GET /stats: requests served and cache misses so far.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import orjson
import uvicorn
from graphql import GraphQLSchema, graphql_sync

from . import federated_schema
from .data import generate
from .resolvers import BY_SUBGRAPH
from .schemas import SDL

logger = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

CACHE_LIMIT = 10_000
"""Distinct request bodies remembered; a gateway sends a handful per benchmark query."""
_JSON = [(b"content-type", b"application/json")]


class SubgraphApp:
    def __init__(self, schema: GraphQLSchema, *, cache: bool = True) -> None:
        self.schema = schema
        self.cache_enabled = cache
        self.cache: dict[bytes, bytes] = {}
        self.requests = 0
        self.misses = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        if scope["method"] == "GET" and scope["path"] == "/stats":
            stats = {"requests": self.requests, "misses": self.misses, "cached": len(self.cache)}
            await _respond(send, 200, orjson.dumps(stats))
            return
        if scope["method"] != "POST":
            await _respond(send, 405, b'{"errors":[{"message":"POST a GraphQL request"}]}')
            return
        body = await _read_body(receive)
        self.requests += 1
        response = self.cache.get(body)
        if response is None:
            self.misses += 1
            response = self.execute(body)
            if self.cache_enabled and len(self.cache) < CACHE_LIMIT:
                self.cache[body] = response
        await _respond(send, 200, response)

    def execute(self, body: bytes) -> bytes:
        try:
            request = orjson.loads(body)
        except orjson.JSONDecodeError as error:
            return orjson.dumps({"errors": [{"message": f"body is not JSON: {error}"}]})
        result = graphql_sync(
            self.schema,
            request.get("query") or "",
            variable_values=request.get("variables"),
            operation_name=request.get("operationName"),
        )
        payload: dict[str, Any] = {}
        if result.errors:
            payload["errors"] = [e.formatted for e in result.errors]
            logger.warning("subgraph errors: %s", payload["errors"])
        payload["data"] = result.data
        return orjson.dumps(payload)


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


async def _respond(send: Send, status: int, body: bytes) -> None:
    headers = [*_JSON, (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def app(name: str, *, cache: bool = True) -> SubgraphApp:
    resolvers = BY_SUBGRAPH[name](generate())
    return SubgraphApp(federated_schema.build(SDL[name], resolvers), cache=cache)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.gateway.subgraph", description=__doc__)
    parser.add_argument("name", choices=sorted(SDL))
    parser.add_argument("port", type=int)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--no-cache", action="store_true", help="execute every request")
    args = parser.parse_args(argv)
    uvicorn.run(
        app(args.name, cache=not args.no_cache),
        host=args.host,
        port=args.port,
        loop="uvloop",
        http="httptools",
        lifespan="off",
        access_log=False,
        log_level="warning",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
