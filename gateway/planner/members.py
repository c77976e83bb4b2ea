"""Which members of an abstract type a subgraph's answer can hold at one field.

Unions and interfaces may have other members in each subgraph (`join__unionMember`,
`join__implements`), and a subgraph may declare a field with a narrower type than the
supergraph (`pick: Book` beside the supergraph's `pick: Item`, where Book is no Item in that
subgraph). A fetch asks only for the members its subgraph can return there: a type condition on
another would be refused, and one the declared type rules out would leave the objects it can
return without their fields.
"""

from __future__ import annotations

from ..supergraph import FieldMeta, Supergraph


def declared_type(meta: FieldMeta, graph: str) -> str | None:
    """The named type `graph` declares the field with, where it differs from the supergraph's."""
    in_graph = meta.graphs.get(graph)
    if in_graph is None or in_graph.type_name is None:
        return None
    return in_graph.type_name.strip("[]!")


def members_in(
    supergraph: Supergraph, type_name: str, graph: str, declared: str | None = None
) -> list[str]:
    """The object types of supergraph type `type_name` that `graph` can return at a field it
    declares with type `declared` (None: the supergraph's own)."""
    runtime = supergraph.runtime_types.get(type_name, frozenset((type_name,)))
    own = declared if declared in supergraph.types else type_name
    return [name for name in supergraph.possible_types_in(own, graph) if name in runtime]
