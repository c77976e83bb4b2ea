"""Sending subgraph fetches: pooled keep-alive connections, replicas, timeouts."""
