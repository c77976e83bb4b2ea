"""Executes client operations against the subgraphs of one supergraph."""

from .engine import Engine

__all__ = ["Engine"]
