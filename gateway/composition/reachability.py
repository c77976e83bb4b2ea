"""A part of Apollo's satisfiability check: every field of an object type can be resolved
wherever a subgraph returns that type.

A subgraph that returns objects of type T can give a client each field of T only if it
resolves the field itself, or if T is an entity some other subgraph resolves the field of,
reachable through a key whose fields this subgraph has. A value type (no key) defined
differently in two subgraphs fails this; Apollo reports it as SATISFIABILITY_ERROR. The
full analysis (paths through @requires, @provides and chains of keys) is not done here.
"""

from __future__ import annotations

from graphql import GraphQLInterfaceType, GraphQLObjectType, GraphQLUnionType, get_named_type

from ..supergraph import Supergraph, load_supergraph
from ..supergraph.model import TypeMeta
from .public_types import CompositionError


def unreachable_fields(supergraph_sdl: str) -> list[CompositionError]:
    supergraph = load_supergraph(supergraph_sdl)
    errors: list[CompositionError] = []
    returned = _returned_types(supergraph)
    api = supergraph.api_schema
    roots = {supergraph.query_type, supergraph.mutation_type}
    for type_name, graphs in returned.items():
        if type_name in roots:
            continue
        meta = supergraph.types[type_name]
        api_type = api.get_type(type_name)
        if not isinstance(api_type, GraphQLObjectType):
            continue
        for graph in sorted(graphs):
            for field_name in api_type.fields:
                if not _reachable(supergraph, meta, field_name, graph):
                    errors.append(
                        CompositionError(
                            "SATISFIABILITY_ERROR",
                            f'Field "{type_name}.{field_name}" cannot be resolved where '
                            f'subgraph "{graph}" returns a "{type_name}": "{graph}" does not '
                            f"resolve it and no subgraph that does can be reached from "
                            f'"{graph}" through a @key of "{type_name}".',
                        )
                    )
    return errors


def _returned_types(supergraph: Supergraph) -> dict[str, set[str]]:
    """Object type → the subgraphs that have a field resolving to it (directly, or to an
    interface or union it belongs to there)."""
    schema = supergraph.schema
    returned: dict[str, set[str]] = {}
    for parent in supergraph.types.values():
        parent_type = schema.get_type(parent.name)
        if not isinstance(parent_type, GraphQLObjectType | GraphQLInterfaceType):
            continue
        for field in parent.fields.values():
            target = get_named_type(parent_type.fields[field.name].type)
            if not isinstance(target, GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType):
                continue
            for graph, in_graph in field.graphs.items():
                if in_graph.external:
                    continue
                for type_name in supergraph.possible_types_in(target.name, graph):
                    if graph in supergraph.types[type_name].graphs:
                        returned.setdefault(type_name, set()).add(graph)
    return returned


def _reachable(supergraph: Supergraph, meta: TypeMeta, field_name: str, graph: str) -> bool:
    field = meta.fields.get(field_name)
    if field is None or not field.graphs:
        return True  # no graph named: composition added it for an @interfaceObject
    return any(
        other in field.graphs and not field.graphs[other].external for other in _jumps(meta, graph)
    )


def _jumps(meta: TypeMeta, start: str) -> set[str]:
    """The subgraphs an object of this type in `start` can reach through keys (chains
    included): those with a resolvable key whose fields a reached subgraph has."""
    reached = {start}
    frontier = [start]
    while frontier:
        graph = frontier.pop()
        for other, target in meta.graphs.items():
            if other in reached:
                continue
            if any(
                all(_has(meta, s.name, graph) for s in key.fields) for key in target.resolvable_keys
            ):
                reached.add(other)
                frontier.append(other)
    return reached


def _has(meta: TypeMeta, name: str, graph: str) -> bool:
    """Whether the subgraph can give this field of an object: it resolves it, or it is one
    of the type's key fields there (echoed from the representation)."""
    field = meta.fields.get(name)
    in_graph = field.graphs.get(graph) if field is not None else None
    if in_graph is not None and not in_graph.external:
        return True
    type_in_graph = meta.graphs.get(graph)
    return type_in_graph is not None and any(
        selection.name == name for key in type_in_graph.keys for selection in key.fields
    )
