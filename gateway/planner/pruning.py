"""Drops the type conditions a subgraph cannot accept from its operation.

Members of unions and interfaces differ between subgraphs, and a subgraph may declare a field
with a narrower type than the supergraph (a shareable `featured: Book` beside `featured:
Media`). A fragment on a type the subgraph does not have, or on one that shares no object type
with the selection it sits in, is refused by the subgraph ("Unknown type", "fragment cannot be
spread here"), and no object it returns could match it anyway. Every fragment is checked: below
fields, inside other fragments and at the top of an `_entities` selection (the subgraph's
`_Entity` union).
"""

from __future__ import annotations

from ..supergraph import Supergraph
from .selections import SubgraphSelection


def drop_impossible_fragments(
    selection: SubgraphSelection, graph: str, supergraph: Supergraph, *, entities: bool = False
) -> None:
    """Removes, at any depth, fragments whose type condition `graph` lacks or that share no
    object type with their enclosing selection. `entities`: `selection` is what an
    `_entities` field selects (its objects are the subgraph's entity types)."""
    scope = _entity_types(graph, supergraph) if entities else None
    _prune(selection, scope, graph, supergraph)


def _prune(
    selection: SubgraphSelection,
    scope: frozenset[str] | None,
    graph: str,
    supergraph: Supergraph,
) -> None:
    """`scope`: the object types the selection can apply to; None where any may."""
    for subgraph_field in selection.fields.values():
        if subgraph_field.selection is not None:
            named = subgraph_field.type.strip("[]!")
            below = _possible(named, graph, supergraph) if named else None
            _prune(subgraph_field.selection, below, graph, supergraph)
    for condition, fragment in list(selection.fragments.items()):
        possible = _possible(condition, graph, supergraph)
        if scope is not None:
            possible &= scope
        if possible:
            _prune(fragment, possible, graph, supergraph)
        else:
            del selection.fragments[condition]


def _possible(type_name: str, graph: str, supergraph: Supergraph) -> frozenset[str]:
    """The object types an object of `type_name` can be in `graph`; none if it lacks it."""
    meta = supergraph.types.get(type_name)
    if meta is None:
        return frozenset((type_name,))
    in_graph = meta.graphs.get(graph)
    if in_graph is None:
        return frozenset()
    if meta.kind == "object" or in_graph.interface_object:
        # An @interfaceObject is an object type in its subgraph.
        return frozenset((type_name,))
    return frozenset(supergraph.possible_types_in(type_name, graph))


def _entity_types(graph: str, supergraph: Supergraph) -> frozenset[str]:
    """The members of `graph`'s `_Entity` union: its object types with a @key."""
    return frozenset(
        name
        for name, meta in supergraph.types.items()
        if (in_graph := meta.graphs.get(graph)) is not None
        and in_graph.keys
        and (meta.kind == "object" or in_graph.interface_object)
    )
