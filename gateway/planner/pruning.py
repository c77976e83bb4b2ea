"""Drops the type conditions a subgraph cannot accept from its operation.

A field can return a concrete type in a subgraph and an abstract one in the supergraph (a
shareable `featured: Book` beside `featured: Media`). The planner plans abstract positions by
the supergraph's type, and a fragment on another member there is refused by the subgraph
("fragment cannot be spread here"); no object it returns can match such a fragment anyway.
"""

from __future__ import annotations

from ..supergraph import Supergraph
from .selections import SubgraphSelection


def drop_impossible_fragments(
    selection: SubgraphSelection, graph: str, supergraph: Supergraph
) -> None:
    """Below every field: removes fragments whose type condition shares no object type with
    the field's type as `graph` declares it."""
    for subgraph_field in selection.fields.values():
        below = subgraph_field.selection
        if below is None:
            continue
        named = subgraph_field.type.strip("[]!")
        if named:
            possible = _possible(named, graph, supergraph)
            for condition in list(below.fragments):
                if condition != named and not possible & _possible(condition, graph, supergraph):
                    del below.fragments[condition]
        drop_impossible_fragments(below, graph, supergraph)
    for fragment in selection.fragments.values():
        drop_impossible_fragments(fragment, graph, supergraph)


def _possible(type_name: str, graph: str, supergraph: Supergraph) -> set[str]:
    if type_name not in supergraph.types:
        return {type_name}
    return set(supergraph.possible_types_in(type_name, graph))
