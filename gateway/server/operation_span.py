"""The span of one GraphQL operation at the gateway: the root of the operation's trace, or a
child of the caller's (`traceparent`); its subgraph fetches are its children."""

from __future__ import annotations

from collections.abc import Mapping
from contextvars import Token

from opentelemetry import context, trace
from opentelemetry.context import Context
from opentelemetry.trace import SpanKind, StatusCode

from services.common import tracing


class OperationSpan:
    """Current from `start` to `end`, which must run in the same task."""

    def __init__(self, span: trace.Span, token: Token[Context]) -> None:
        self._span = span
        self._token = token

    @classmethod
    def start(cls, headers: Mapping[str, str]) -> OperationSpan:
        # Named once the operation is known; a request refused before that keeps this name.
        span = tracing.tracer().start_span(
            "graphql", context=tracing.extract(headers), kind=SpanKind.SERVER
        )
        return cls(span, context.attach(trace.set_span_in_context(span)))

    def end(self, operation_type: str | None, operation_name: str | None, status: int) -> None:
        """Names the span as OpenTelemetry's GraphQL conventions do (`mutation DecideApp`)."""
        context.detach(self._token)
        span = self._span
        kind = operation_type or "graphql"
        span.update_name(f"{kind} {operation_name}" if operation_name else kind)
        if operation_type is not None:
            span.set_attribute("graphql.operation.type", operation_type)
        if operation_name is not None:
            span.set_attribute("graphql.operation.name", operation_name)
        span.set_attribute("http.response.status_code", status)
        if status >= 500:
            span.set_status(StatusCode.ERROR)
        span.end()
