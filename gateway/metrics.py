"""Prometheus metrics of one gateway app: requests by operation, subgraph fetches, requests
shared with identical ones in flight, the plan cache, connections and requests in flight.

Each app has a registry of its own (a test process runs many apps; a gateway process one).
Operation names come from clients, so the label set is bounded: an operation gets its own
label only when named, executed, and among the first `max_operations` names seen; everything
else (anonymous, invalid, unknown, past the bound) counts under `OTHER`. Persisted-query
hashes are never labels.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

OTHER = "(other)"
"""No GraphQL name can contain parentheses, so no operation is mistaken for it."""

MAX_NAME_LENGTH = 100

CONTENT_TYPE = CONTENT_TYPE_LATEST


class GatewayMetrics:
    def __init__(self, max_operations: int) -> None:
        self.registry = CollectorRegistry()
        self._max_operations = max_operations
        self._operations: set[str] = set()
        self._children: dict[tuple[Any, ...], Any] = {}
        """Labelled series by metric and labels: `labels()` takes a lock and checks its
        arguments on every call (a few % of a one-field query's time)."""
        self.requests = Histogram(
            "icld_gateway_request_seconds",
            "GraphQL requests by operation name and HTTP status, and their duration",
            ["operation", "status"],
            registry=self.registry,
        )
        self.in_flight = Gauge(
            "icld_gateway_requests_in_flight",
            "GraphQL requests being answered",
            registry=self.registry,
        )
        self.open_connections = Gauge(
            "icld_gateway_open_connections",
            "Client connections open to this gateway process",
            registry=self.registry,
        )
        self.subgraph_fetches = Histogram(
            "icld_gateway_subgraph_fetch_seconds",
            "Fetches from subgraphs (failover to other replicas included) and their duration",
            ["subgraph"],
            registry=self.registry,
        )
        self.subgraph_errors = Counter(
            "icld_gateway_subgraph_fetch_errors_total",
            "Fetches that got no usable answer from any replica of the subgraph",
            ["subgraph"],
            registry=self.registry,
        )
        self.shared_subgraph_requests = Counter(
            "icld_gateway_shared_subgraph_requests_total",
            "Subgraph queries that shared an identical one in flight instead of being sent",
            ["subgraph"],
            registry=self.registry,
        )
        self.shared_operations = Counter(
            "icld_gateway_shared_operations_total",
            "Query operations that shared an identical one in flight instead of being executed",
            registry=self.registry,
        )
        self.plan_cache = Counter(
            "icld_gateway_plan_cache_total",
            "Query plan lookups, by result (hit: the plan was cached; miss: it was built)",
            ["result"],
            registry=self.registry,
        )
        for result in ("hit", "miss"):
            self.plan_cache.labels(result)

    def observe_request(
        self, operation: str | None, status: int, duration_s: float, *, executed: bool
    ) -> None:
        """`operation`: the name in the document of the operation chosen, if any; `executed`:
        the operation was valid against the schema and ran."""
        label = self._operation_label(operation, executed)
        self._child(self.requests, label, status).observe(duration_s)

    def observe_fetch(self, subgraph: str, duration_s: float) -> None:
        self._child(self.subgraph_fetches, subgraph).observe(duration_s)

    def fetch_failed(self, subgraph: str) -> None:
        self._child(self.subgraph_errors, subgraph).inc()

    def plan_looked_up(self, hit: bool) -> None:
        self._child(self.plan_cache, "hit" if hit else "miss").inc()

    def subgraph_request_shared(self, subgraph: str) -> None:
        self._child(self.shared_subgraph_requests, subgraph).inc()

    def count_connections(self, count: Callable[[], int]) -> None:
        """Reports `count()` as the open connections (the server knows them, not the app)."""
        self.open_connections.set_function(count)

    def render(self) -> bytes:
        return generate_latest(self.registry)

    def _child(self, metric: Histogram | Counter, *labels: str | int) -> Any:
        """The series of `metric` with these labels (bounded: see the module's docstring)."""
        key = (metric, *labels)
        child = self._children.get(key)
        if child is None:
            child = self._children[key] = metric.labels(*map(str, labels))
        return child

    def _operation_label(self, operation: str | None, executed: bool) -> str:
        if operation is None or len(operation) > MAX_NAME_LENGTH:
            return OTHER
        if operation in self._operations:
            return operation
        if not executed:
            return OTHER
        if len(self._operations) >= self._max_operations:
            return OTHER
        self._operations.add(operation)
        return operation
