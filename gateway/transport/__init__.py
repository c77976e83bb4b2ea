"""Sending subgraph fetches: pooled keep-alive connections, replicas, timeouts, sharing
identical queries in flight."""

from .contract import SubgraphUnavailable, Transport
from .dedup import DeduplicatingTransport
from .http import HttpTransport

__all__ = ["DeduplicatingTransport", "HttpTransport", "SubgraphUnavailable", "Transport"]
