"""The GraphQL-over-HTTP request parameters, from a JSON POST body or a GET query string."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from .errors import bad_request


@dataclass(frozen=True, slots=True)
class GraphQLParams:
    query: str | None
    operation_name: str | None
    variables: dict[str, Any]
    extensions: dict[str, Any]


def from_json_body(body: bytes) -> GraphQLParams:
    try:
        payload = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise bad_request(f"the request body is not valid JSON: {exc}") from exc
    if isinstance(payload, list):
        raise bad_request("batched operations are not supported: send one operation per request")
    if not isinstance(payload, dict):
        raise bad_request("the request body must be a JSON object")
    return _params(payload)


def from_query_string(params: Mapping[str, str]) -> GraphQLParams:
    payload: dict[str, Any] = {
        "query": params.get("query"),
        "operationName": params.get("operationName"),
    }
    for name in ("variables", "extensions"):
        raw = params.get(name)
        if raw:
            try:
                payload[name] = orjson.loads(raw)
            except orjson.JSONDecodeError as exc:
                raise bad_request(f"`{name}` is not valid JSON: {exc}") from exc
    return _params(payload)


def _params(payload: Mapping[str, Any]) -> GraphQLParams:
    query = payload.get("query")
    if query is not None and not isinstance(query, str):
        raise bad_request("`query` must be a string")
    operation_name = payload.get("operationName")
    if operation_name is not None and not isinstance(operation_name, str):
        raise bad_request("`operationName` must be a string")
    return GraphQLParams(
        query=query or None,
        operation_name=operation_name or None,
        variables=_object(payload, "variables"),
        extensions=_object(payload, "extensions"),
    )


def _object(payload: Mapping[str, Any], name: str) -> dict[str, Any]:
    value = payload.get(name)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise bad_request(f"`{name}` must be a JSON object")
    return value
