"""Executing operations: identical queries in flight at the same time, from the same caller,
share one execution and its serialized response."""

from __future__ import annotations

from collections.abc import Hashable

import orjson

from services.common.auth import Principal

from ..inflight import InFlight
from ..metrics import GatewayMetrics
from ..requests import OperationRequest
from .cors import IDEMPOTENCY_KEY
from .engines import GatewayEngine

Executed = tuple[bytes, int]
"""The response body and its HTTP status: immutable, so sharers cannot alter each other's."""

Caller = Principal | str | None
"""Who asks: the verified token's principal (subject, roles, organisation), else the raw
`Authorization` header (tokens not verified here), else nobody."""


async def execute(engine: GatewayEngine, request: OperationRequest) -> Executed:
    result = await engine.execute(request)
    # No "data" means the operation was not executed (a validation error): a request error.
    return orjson.dumps(result), 200 if "data" in result else 400


class SharedExecutions:
    def __init__(self, metrics: GatewayMetrics) -> None:
        self._in_flight: InFlight[Hashable, Executed] = InFlight(
            on_shared=lambda _: metrics.shared_operations.inc()
        )

    async def execute(
        self, engine: GatewayEngine, request: OperationRequest, caller: Caller
    ) -> Executed:
        """Runs a query operation, or waits for the identical one in flight: same engine
        (supergraph), document, operation name, variables, caller and `Idempotency-Key`."""
        key = (
            engine,
            request.query,
            request.operation_name,
            orjson.dumps(request.variables, option=orjson.OPT_SORT_KEYS),
            caller,
            request.headers.get(IDEMPOTENCY_KEY),
        )
        return await self._in_flight.run(key, lambda: execute(engine, request))
