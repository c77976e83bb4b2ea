"""`POST /graphql` and `GET /graphql`: from an HTTP request to an engine result, with every
check that must happen before the engine plans anything."""

from __future__ import annotations

import asyncio
import logging
import os
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qsl

import orjson
from graphql import DocumentNode, OperationDefinitionNode, OperationType
from starlette.types import Receive, Scope, Send

from services.common import tracing
from services.common.logging import request_id

from ..metrics import GatewayMetrics
from ..requests import OperationRequest
from ..settings import GatewaySettings
from .apq import PersistedQueries
from .auth import BearerCheck
from .cors import IDEMPOTENCY_KEY, Cors
from .csrf import check_csrf
from .documents import DocumentCache, select_operation
from .engines import EngineSlot, LoadedEngine
from .errors import RequestError, bad_request
from .limits import Limits, Measurement, enforce, measure
from .operation_span import OperationSpan
from .params import GraphQLParams, from_json_body, from_query_string
from .shared_executions import Caller, SharedExecutions, execute

log = logging.getLogger(__name__)

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
REQUEST_ID = re.compile(r"[A-Za-z0-9._:\-]{1,128}")
INTERNAL_ERROR = orjson.dumps(
    {
        "errors": [
            {"message": "Internal server error", "extensions": {"code": "INTERNAL_SERVER_ERROR"}}
        ]
    }
)


@dataclass
class _Trace:
    """What the request log line, the operation's span and the metrics tell about the
    operation."""

    operation_name: str | None = None
    operation_type: str | None = None
    status: int = 200
    document_operation: str | None = None
    """The name of the operation chosen in the document (never a client's unchecked word)."""


class GraphQLEndpoint:
    def __init__(
        self,
        settings: GatewaySettings,
        slot: EngineSlot,
        metrics: GatewayMetrics,
        *,
        browser_page: bytes | None = None,
    ) -> None:
        """`browser_page` answers a browser opening /graphql itself (like Apollo's landing
        page): a GET without parameters that accepts HTML."""
        self._settings = settings
        self._browser_page = browser_page
        self._slot = slot
        self._metrics = metrics
        self._documents = DocumentCache(settings.parse_cache_size)
        self._apq = PersistedQueries(settings.apq_cache_size, enabled=settings.apq_enabled)
        self._bearer = BearerCheck(settings)
        self._shared = SharedExecutions(metrics) if settings.dedupe_operations else None
        self._cors = (
            Cors(
                settings.cors_origins,
                allow_credentials=settings.cors_allow_credentials,
                max_age_s=settings.cors_max_age_s,
            )
            if settings.cors_origins
            else None
        )
        self._limits = Limits(
            max_depth=settings.max_depth,
            max_aliases=settings.max_aliases,
            max_root_fields=settings.max_root_fields,
            max_cost=settings.max_cost,
            default_list_size=settings.default_list_size,
            introspection=settings.introspection,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """An ASGI app: no Request/Response objects on the hot path."""
        started = time.perf_counter()
        headers = {
            name.decode("latin-1").lower(): value.decode("latin-1")
            for name, value in scope["headers"]
        }
        method: str = scope["method"]
        cors = self._cors
        if method == "OPTIONS" and cors is not None:  # routed here only with CORS on
            status, preflight_headers, text = cors.preflight(headers)
            await _send(send, status, b"text/plain; charset=utf-8", text, preflight_headers)
            return
        if (
            method == "GET"
            and self._browser_page is not None
            and not scope["query_string"]
            and "text/html" in headers.get("accept", "")
        ):
            await _send(send, 200, b"text/html; charset=utf-8", self._browser_page, [])
            return
        incoming_id = headers.get("x-request-id")
        rid = (
            incoming_id
            if incoming_id and REQUEST_ID.fullmatch(incoming_id)
            else os.urandom(16).hex()
        )
        token = request_id.set(rid)
        trace = _Trace()
        span = OperationSpan.start(headers) if tracing.enabled() else None
        extra_headers: dict[str, str] = {}
        self._metrics.in_flight.inc()
        try:
            try:
                params, caller = await self._params(method, headers, scope, receive)
                trace.operation_name = params.operation_name
                payload, status = await self._run(
                    params, headers, rid, method == "GET", trace, caller
                )
            except RequestError as exc:
                payload, status, extra_headers = orjson.dumps(exc.body()), exc.status, exc.headers
            except Exception:
                log.exception("request failed")
                payload, status = INTERNAL_ERROR, 500
            trace.status = status
            response_headers = [
                (b"content-type", _media_type(headers.get("accept"))),
                (b"content-length", str(len(payload)).encode()),
                (b"x-request-id", rid.encode()),
            ]
            response_headers += [(k.encode(), v.encode()) for k, v in extra_headers.items()]
            if cors is not None:
                response_headers += cors.headers(headers.get("origin"))
            duration_s = time.perf_counter() - started
            # Before sending: a client that has the response finds it counted.
            self._metrics.observe_request(
                trace.document_operation, status, duration_s, executed=status == 200
            )
            await send(
                {"type": "http.response.start", "status": status, "headers": response_headers}
            )
            await send({"type": "http.response.body", "body": payload})
            log.info(
                "graphql request",
                extra={
                    "method": method,
                    "operation_name": trace.operation_name,
                    "status": status,
                    "duration_ms": round(duration_s * 1000, 2),
                },
            )
        finally:
            self._metrics.in_flight.dec()
            request_id.reset(token)
            if span is not None:
                span.end(trace.operation_type, trace.operation_name, trace.status)

    async def _params(
        self, method: str, headers: Mapping[str, str], scope: Scope, receive: Receive
    ) -> tuple[GraphQLParams, Caller]:
        if self._settings.csrf_prevention:
            check_csrf(headers)
        authorization = headers.get("authorization")
        principal = await self._bearer.check(authorization)
        caller = principal if principal is not None else authorization
        if method == "GET":
            query_string = scope["query_string"].decode("latin-1")
            return from_query_string(dict(parse_qsl(query_string, keep_blank_values=True))), caller
        content_type = headers.get("content-type", "")
        if content_type.split(";", 1)[0].strip().lower() != "application/json":
            raise RequestError(
                415, "POST requests must have Content-Type: application/json", "BAD_REQUEST"
            )
        return from_json_body(await self._body(headers, receive)), caller

    async def _body(self, headers: Mapping[str, str], receive: Receive) -> bytes:
        limit = self._settings.max_body_bytes
        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            raise _too_large(limit)
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise RequestError(400, "The client disconnected.", "BAD_REQUEST")
            chunk: bytes = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                raise _too_large(limit)
            chunks.append(chunk)
            if not message.get("more_body", False):
                return chunks[0] if len(chunks) == 1 else b"".join(chunks)

    async def _run(
        self,
        params: GraphQLParams,
        headers: Mapping[str, str],
        rid: str,
        is_get: bool,
        trace: _Trace,
        caller: Caller,
    ) -> tuple[bytes, int]:
        loaded = self._slot.current
        if loaded is None:
            raise RequestError(
                503, f"The gateway is not ready: {self._slot.problem}.", "SERVICE_UNAVAILABLE"
            )
        query = self._apq.resolve(params.query, params.extensions)
        if query is None:
            raise bad_request(
                "GraphQL operations must contain a non-empty `query` or a `persistedQuery` "
                "extension."
            )
        document = self._documents.parse(query)
        operation = select_operation(document, params.operation_name)
        if operation.name is not None:
            trace.operation_name = trace.document_operation = operation.name.value
        trace.operation_type = operation.operation.value
        if is_get and operation.operation is not OperationType.QUERY:
            raise RequestError(
                405,
                f"GET requests only support query operations, not "
                f"{operation.operation.value} operations",
                "BAD_REQUEST",
                headers={"allow": "POST"},
            )
        enforce(self._measure(loaded, query, params, document, operation), self._limits)
        forwarded = {**self._settings.subgraph_headers, "x-request-id": rid}
        if authorization := headers.get("authorization"):
            forwarded["authorization"] = authorization
        if (idempotency_key := headers.get(IDEMPOTENCY_KEY)) is not None:
            forwarded[IDEMPOTENCY_KEY] = idempotency_key  # each subgraph keeps its own record
        operation_request = OperationRequest(
            query=query,
            document=document,
            operation_name=params.operation_name,
            variables=params.variables,
            headers=forwarded,
        )
        timeout_s = self._settings.request_timeout_s
        try:
            async with asyncio.timeout(timeout_s):
                if self._shared is not None and operation.operation is OperationType.QUERY:
                    return await self._shared.execute(loaded.engine, operation_request, caller)
                return await execute(loaded.engine, operation_request)
        except TimeoutError as exc:
            raise RequestError(
                504, f"The operation did not complete within {timeout_s:g} s.", "GATEWAY_TIMEOUT"
            ) from exc

    def _measure(
        self,
        loaded: LoadedEngine,
        query: str,
        params: GraphQLParams,
        document: DocumentNode,
        operation: OperationDefinitionNode,
    ) -> Measurement:
        key = (query, params.operation_name)
        measurement = loaded.remembered(key)
        if measurement is None:
            measurement = measure(
                loaded.engine.api_schema, document, operation, params.variables, self._limits
            )
            if not measurement.uses_variables:
                loaded.remember(key, measurement)
        return measurement


async def _send(
    send: Send, status: int, media_type: bytes, body: bytes, headers: list[tuple[bytes, bytes]]
) -> None:
    headers = [
        (b"content-type", media_type),
        (b"content-length", str(len(body)).encode()),
        *headers,
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _too_large(limit: int) -> RequestError:
    return RequestError(413, f"The request body is larger than {limit} bytes.", "PAYLOAD_TOO_LARGE")


def _media_type(accept: str | None) -> bytes:
    if accept and GRAPHQL_RESPONSE_JSON in accept:
        return GRAPHQL_RESPONSE_JSON.encode()
    return b"application/json"
