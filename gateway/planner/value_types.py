"""Routes back into a subgraph for fields of value types (object types without @key).

A subgraph can only be asked about an object it is given a way to: an entity by its key
(`_entities`), or the root of a query. A value type's field that only another subgraph
resolves (`Category.banner` where the fetch has `Category` from a subgraph without it) is
reached by re-entering that subgraph at the nearest ancestor it can be asked about and
selecting the same fields down to the value again: every subgraph resolves a @shareable
field to the same value, so its answer merges into the same objects (lists by position, as
Apollo Gateway merges them). A mutation's root is never re-entered: that would run it again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from graphql import (
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLOutputType,
    get_named_type,
)

from ..supergraph import FieldMeta, Supergraph
from .aliasing import subgraph_type
from .drafts import FetchDraft
from .selections import SubgraphSelection


@dataclass(frozen=True)
class Step:
    """How the planner got from `parent` to a position: the field it selected there (by
    response key), and the type condition it then took at an abstract type, if any."""

    parent: Located
    key: str
    name: str
    arguments: str
    variables: frozenset[str] = frozenset()
    condition: str | None = None


class Located(Protocol):
    """A place in a fetch's selection the planner adds fields at."""

    fetch: FetchDraft
    path: tuple[str, ...]
    type_name: str
    client_keys: Mapping[str, tuple[str, str]]
    trail: Step | None

    @property
    def origin(self) -> Located | None: ...


@dataclass(frozen=True)
class Route:
    """Re-enter the subgraph at `entry` (an entity by its key, or the query root) and select
    `steps` from there down to the value."""

    entry: Located
    steps: tuple[Step, ...]

    @property
    def at_root(self) -> bool:
        return not self.entry.fetch.entity and self.entry.path == ()


def reentry_route(
    supergraph: Supergraph,
    operation_kind: str,
    start: Located,
    graph: str,
    resolves: Callable[[FieldMeta, str], bool],
) -> Route | None:
    """The route into `graph` through the nearest ancestor of `start` that `graph` can be
    asked about and below which it `resolves` every field down to `start`; None if none."""
    steps: list[Step] = []
    current = start
    while not _enterable(supergraph, operation_kind, current, graph):
        step = current.trail
        if step is None:
            return None
        meta = supergraph.types[step.parent.type_name].fields.get(step.name)
        if meta is None or not resolves(meta, graph):
            return None
        if step.condition is not None and not _has_member(supergraph, meta, step.condition, graph):
            return None
        steps.append(step)
        current = step.parent
    # The same entities as an earlier fetch had them: entering from there waits for less.
    while (
        current.origin is not None
        and current.origin.type_name == current.type_name
        and _enterable(supergraph, operation_kind, current.origin, graph)
    ):
        current = current.origin
    return Route(current, tuple(reversed(steps)))


def select_route(
    supergraph: Supergraph, route: Route, graph: str, node: SubgraphSelection
) -> SubgraphSelection | None:
    """Adds the route's fields below `node` (the entry in `graph`'s fetch); returns where
    the value's fields go, or None if a response key there is taken by another field."""
    type_name = route.entry.type_name
    for step in route.steps:
        meta = supergraph.types[type_name].fields[step.name]
        field_type = _field_type(supergraph, meta)
        added = node.add_field(
            step.key, step.name, step.arguments, True, subgraph_type(meta, graph, field_type)
        )
        if added is None or added.selection is None:
            return None
        node = added.selection
        type_name = get_named_type(field_type).name
        if step.condition is not None:
            node.add_typename()
            node = node.fragment(step.condition)
            type_name = step.condition
    return node


def _enterable(supergraph: Supergraph, operation_kind: str, position: Located, graph: str) -> bool:
    if not position.fetch.entity and position.path == ():
        return operation_kind == "query" and position.type_name == supergraph.query_type
    meta = supergraph.types[position.type_name]
    type_in_graph = meta.graphs.get(graph)
    return (
        meta.kind == "object" and type_in_graph is not None and bool(type_in_graph.resolvable_keys)
    )


def _has_member(supergraph: Supergraph, meta: FieldMeta, condition: str, graph: str) -> bool:
    """Whether the field's abstract type can be a `condition` in `graph`."""
    named = get_named_type(_field_type(supergraph, meta))
    return condition in supergraph.possible_types_in(named.name, graph)


def _field_type(supergraph: Supergraph, meta: FieldMeta) -> GraphQLOutputType:
    parent = supergraph.schema.get_type(meta.parent)
    assert isinstance(parent, GraphQLObjectType | GraphQLInterfaceType)
    definition: GraphQLField = parent.fields[meta.name]
    return definition.type
