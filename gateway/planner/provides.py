"""What a field's `@provides` gives in a subgraph: the external fields below it that the
subgraph resolves on that path, so the planner may count them as needing no fetch."""

from __future__ import annotations

from ..supergraph import FieldMeta
from ..supergraph.fieldsets import FieldSet


def provided_by(meta: FieldMeta, graph: str) -> FieldSet | None:
    """The field's @provides in `graph`; None where it provides nothing there."""
    in_graph = meta.graphs.get(graph)
    return in_graph.provides if in_graph is not None else None
