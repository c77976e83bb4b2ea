"""A Federation v2 subgraph from an SDL string and resolvers, executed by graphql-core.

The subgraph adds what the federation spec asks of every subgraph (`_Any`, `_Entity`,
`_Service`, `Query._entities`, `Query._service`, the federation directives), resolves entities in
one batched call per type, records every request it receives and can be told to fail.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    GraphQLObjectType,
    GraphQLResolveInfo,
    GraphQLSchema,
    InterfaceTypeDefinitionNode,
    InterfaceTypeExtensionNode,
    ObjectTypeDefinitionNode,
    ObjectTypeExtensionNode,
    build_ast_schema,
    graphql,
    parse,
)
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

Representation = dict[str, Any]
Row = dict[str, Any]
EntityResolver = Callable[[list[Representation]], Sequence[Any]]
FieldResolver = Callable[..., Any]

# Definitions the subgraph's own SDL may use without defining them (its @link imports).
FEDERATION_DEFINITIONS = """
scalar _Any
scalar FieldSet
scalar link__Import
enum link__Purpose { SECURITY EXECUTION }
type _Service { sdl: String! }
directive @link(url: String, as: String, for: link__Purpose, import: [link__Import])
  repeatable on SCHEMA
directive @key(fields: FieldSet!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
directive @requires(fields: FieldSet!) on FIELD_DEFINITION
directive @provides(fields: FieldSet!) on FIELD_DEFINITION
directive @external(reason: String) on OBJECT | FIELD_DEFINITION
directive @shareable repeatable on OBJECT | FIELD_DEFINITION
directive @override(from: String!, label: String) on FIELD_DEFINITION
directive @inaccessible on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION
  | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION
directive @tag(name: String!) repeatable on FIELD_DEFINITION | OBJECT | INTERFACE | UNION
  | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION
directive @interfaceObject on OBJECT
directive @extends on OBJECT | INTERFACE
directive @composeDirective(name: String!) repeatable on SCHEMA
"""


@dataclass(frozen=True)
class Received:
    """One GraphQL request as the subgraph got it."""

    query: str
    variables: dict[str, Any]
    operation_name: str | None
    headers: dict[str, str]

    @property
    def representations(self) -> list[Representation]:
        reps: list[Representation] = self.variables.get("representations", [])
        return reps

    @property
    def entity_calls(self) -> list[list[Representation]]:
        """The representations of each `_entities` call of the request (a gateway may send
        several, aliased, in one request), in the order of their variables."""
        names = sorted(
            (name for name in self.variables if name.startswith("representations")),
            key=lambda name: int(name.removeprefix("representations") or 0),
        )
        return [self.variables[name] for name in names]

    @property
    def is_entities_fetch(self) -> bool:
        return "_entities" in self.query


@dataclass(frozen=True)
class HttpFailure:
    """Answer every request with this status and a non-GraphQL body."""

    status: int = 500


@dataclass(frozen=True)
class GraphQLFailure:
    """Answer every request with HTTP 200, `data: null` and this error."""

    message: str
    extensions: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Stall:
    """Hold every request until `until` is set, then answer normally; answer HTTP 504 if it is
    not set within `max_s` (so a gateway that never sets it sees an error, not a slow pass)."""

    until: threading.Event
    max_s: float = 10


Failure = HttpFailure | GraphQLFailure | Stall


def _object_type_names(document: DocumentNode) -> list[str]:
    nodes = (ObjectTypeDefinitionNode, ObjectTypeExtensionNode)
    return [d.name.value for d in document.definitions if isinstance(d, nodes)]


TypeNode = (
    ObjectTypeDefinitionNode
    | ObjectTypeExtensionNode
    | InterfaceTypeDefinitionNode
    | InterfaceTypeExtensionNode
)


def _keyed_types(document: DocumentNode, *, interfaces: bool) -> list[str]:
    """Object types (and, if asked, interfaces) with a @key: the entities."""
    kinds: tuple[type[TypeNode], ...] = (ObjectTypeDefinitionNode, ObjectTypeExtensionNode)
    if interfaces:
        kinds += (InterfaceTypeDefinitionNode, InterfaceTypeExtensionNode)
    names: list[str] = []
    for definition in document.definitions:
        if not isinstance(definition, kinds):
            continue
        keyed = any(d.name.value == "key" for d in definition.directives or ())
        if keyed and definition.name.value not in names:
            names.append(definition.name.value)
    return names


def build_subgraph_schema(sdl: str) -> GraphQLSchema:
    """The executable subgraph schema: the SDL plus the federation additions."""
    document = parse(sdl)
    entities = _keyed_types(document, interfaces=False)
    additions = [FEDERATION_DEFINITIONS]
    root_fields = "_service: _Service!"
    if entities:
        additions.append(f"union _Entity = {' | '.join(entities)}")
        root_fields += "\n_entities(representations: [_Any!]!): [_Entity]!"
    query_exists = "Query" in _object_type_names(document)
    additions.append(f"{'extend type' if query_exists else 'type'} Query {{ {root_fields} }}")
    return build_ast_schema(parse(sdl + "\n" + "\n".join(additions)))


class Subgraph:
    """A subgraph's schema, resolvers, request log and failure switch (an ASGI app)."""

    def __init__(
        self,
        name: str,
        sdl: str,
        *,
        resolvers: Mapping[str, Mapping[str, FieldResolver]] | None = None,
        entities: Mapping[str, EntityResolver] | None = None,
    ) -> None:
        self.name = name
        self.sdl = sdl
        self.schema = build_subgraph_schema(sdl)
        self.received: list[Received] = []
        self.arrived = threading.Event()
        self._failure: Failure | None = None
        self._entity_resolvers = dict(entities or {})
        self._attach(resolvers or {})

    def _attach(self, resolvers: Mapping[str, Mapping[str, FieldResolver]]) -> None:
        for type_name, fields in resolvers.items():
            graphql_type = self.schema.get_type(type_name)
            if not isinstance(graphql_type, GraphQLObjectType):
                raise ValueError(f"{self.name}: no object type {type_name} for resolvers")
            for field_name, resolver in fields.items():
                if field_name not in graphql_type.fields:
                    raise ValueError(f"{self.name}: no field {type_name}.{field_name}")
                graphql_type.fields[field_name].resolve = resolver
        query = self.schema.query_type
        assert query is not None
        query.fields["_service"].resolve = lambda _root, _info: {"sdl": self.sdl}
        if "_entities" in query.fields:
            query.fields["_entities"].resolve = self._resolve_entities
        keyed = _keyed_types(parse(self.sdl), interfaces=True)
        unknown = set(self._entity_resolvers) - set(keyed)
        if unknown:
            raise ValueError(f"{self.name}: entity resolvers for types without @key: {unknown}")

    def _resolve_entities(
        self, _root: Any, _info: GraphQLResolveInfo[Any], representations: list[Representation]
    ) -> list[Any]:
        """One call per type with all its representations, results back in request order."""
        positions: dict[str, list[int]] = {}
        for index, representation in enumerate(representations):
            positions.setdefault(representation["__typename"], []).append(index)
        results: list[Any] = [None] * len(representations)
        for typename, indexes in positions.items():
            batch = [representations[i] for i in indexes]
            resolver = self._entity_resolvers.get(typename)
            found: Sequence[Any] = batch if resolver is None else resolver(batch)
            if len(found) != len(batch):
                raise ValueError(f"{self.name}: {typename} resolver returned a wrong count")
            for index, entity in zip(indexes, found, strict=True):
                # An entity interface's resolver answers with the concrete __typename.
                results[index] = None if entity is None else {"__typename": typename, **entity}
        return results

    def reset(self) -> None:
        self.received.clear()
        self.arrived.clear()
        self._failure = None

    @contextmanager
    def failing(self, failure: Failure) -> Iterator[None]:
        """Fails (or stalls) every request while the block runs."""
        self._failure = failure
        try:
            yield
        finally:
            self._failure = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        response = await self._respond(Request(scope, receive))
        await response(scope, receive, send)

    async def _respond(self, request: Request) -> Response:
        if request.url.path != "/graphql" or request.method != "POST":
            return Response(status_code=404)
        body = await request.json()
        received = Received(
            query=body["query"],
            variables=body.get("variables") or {},
            operation_name=body.get("operationName"),
            headers=dict(request.headers),
        )
        self.received.append(received)
        self.arrived.set()
        failure = self._failure
        if isinstance(failure, HttpFailure):
            return Response("subgraph failure", status_code=failure.status)
        if isinstance(failure, GraphQLFailure):
            error = {"message": failure.message, "extensions": failure.extensions}
            return _json({"data": None, "errors": [error]})
        if isinstance(failure, Stall):
            released = await asyncio.to_thread(failure.until.wait, failure.max_s)
            if not released:
                return Response("stalled", status_code=504)
        result = await graphql(
            self.schema,
            received.query,
            variable_values=received.variables,
            operation_name=received.operation_name,
        )
        return _json(result.formatted)


def _json(payload: Mapping[str, Any]) -> Response:
    return Response(json.dumps(payload), media_type="application/json")


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


def by_key(rows: Sequence[Mapping[str, Any]], *key: str) -> EntityResolver:
    """An entity resolver that finds rows by the key fields and keeps the representation's
    other fields (those a @requires asked for)."""

    def resolve(representations: list[Representation]) -> list[Any]:
        index = {tuple(_freeze(row[k]) for k in key): row for row in rows}
        found: list[Any] = []
        for representation in representations:
            row = index.get(tuple(_freeze(representation[k]) for k in key))
            found.append(None if row is None else {**representation, **row})
        return found

    return resolve


def _freeze(value: Any) -> Any:
    if isinstance(value, Mapping):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    return value
