"""Prometheus metrics of a service replica (one process, so the default registry)."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

EVENTS_PUBLISHED = Counter(
    "icld_events_published_total", "Events confirmed by the broker", ["type"]
)
EVENTS_CONSUMED = Counter(
    "icld_events_consumed_total",
    "Events taken from the service queue, by outcome",
    ["type", "outcome"],
)
RELAY_ERRORS = Counter("icld_outbox_relay_errors_total", "Relay rounds that failed")
HTTP_REQUESTS = Histogram(
    "icld_http_request_seconds", "HTTP request duration", ["method", "path", "status"]
)
