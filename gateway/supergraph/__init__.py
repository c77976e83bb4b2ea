"""A supergraph (Apollo join spec v0.3–v0.5): which subgraph resolves what, and the API schema."""

from .errors import SupergraphError
from .loader import load_supergraph
from .model import FieldInGraph, FieldMeta, Graph, Key, Supergraph, TypeInGraph, TypeMeta

__all__ = [
    "FieldInGraph",
    "FieldMeta",
    "Graph",
    "Key",
    "Supergraph",
    "SupergraphError",
    "TypeInGraph",
    "TypeMeta",
    "load_supergraph",
]
