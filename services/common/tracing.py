"""OpenTelemetry traces, exported over OTLP/HTTP when an endpoint is configured.

Without an endpoint no tracer provider is installed and nothing is instrumented: the API's
tracers hand out non-recording spans, and the hot paths ask `enabled()` before making even
those, so a platform without a collector pays nothing for tracing.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

TRACER = "icld"
TRACES_PATH = "/v1/traces"
"""Appended to OTEL_EXPORTER_OTLP_ENDPOINT, as the OTLP exporter specification says."""

_W3C = TraceContextTextMapPropagator()
_state = {"enabled": False}


def configure_tracing(service_name: str, endpoint: str) -> bool:
    """Installs the exporting tracer provider when `endpoint` is set; whether it did.

    The provider flushes its spans when the process exits (its own exit hook)."""
    if not endpoint:
        return False
    # Imported only when traces are exported: processes without a collector never load them.
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import SERVICE_NAME, Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    provider = TracerProvider(resource=Resource.create({SERVICE_NAME: service_name}))
    exporter = OTLPSpanExporter(endpoint=endpoint.rstrip("/") + TRACES_PATH)
    provider.add_span_processor(BatchSpanProcessor(exporter))
    trace.set_tracer_provider(provider)
    _state["enabled"] = True
    return True


def enabled() -> bool:
    return _state["enabled"]


def tracer() -> trace.Tracer:
    return trace.get_tracer(TRACER)


def inject(carrier: dict[str, str]) -> None:
    """Adds the current span's W3C `traceparent` (and `tracestate`) to `carrier`; nothing
    outside a recorded span."""
    _W3C.inject(carrier)


def extract(carrier: Mapping[str, str]) -> Context:
    """The context a W3C `traceparent` in `carrier` continues (empty without one)."""
    return _W3C.extract(carrier)


def current_trace_context() -> dict[str, str]:
    """`traceparent`/`tracestate` of the current span, empty outside one."""
    carrier: dict[str, str] = {}
    if enabled():
        inject(carrier)
    return carrier


def not_sampled() -> dict[str, str]:
    """A `traceparent` that asks the callee to record nothing (its sampler follows the
    caller's decision): for calls that are nobody's operation, such as polls."""
    return {"traceparent": f"00-{os.urandom(16).hex()}-{os.urandom(8).hex()}-00"}
