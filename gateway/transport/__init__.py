"""Sending subgraph fetches: pooled keep-alive connections, replicas, timeouts."""

from .contract import SubgraphUnavailable, Transport
from .http import HttpTransport

__all__ = ["HttpTransport", "SubgraphUnavailable", "Transport"]
