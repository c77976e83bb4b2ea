"""Automatic persisted queries (Apollo's protocol): clients send a query's SHA-256 instead of
its text, and register the text once when the gateway does not know the hash yet."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import Any

from .errors import RequestError, bad_request


class PersistedQueries:
    """An in-memory LRU of query texts by hash."""

    def __init__(self, size: int, *, enabled: bool = True) -> None:
        self._size = size
        self._enabled = enabled
        self._queries: OrderedDict[str, str] = OrderedDict()

    def resolve(self, query: str | None, extensions: dict[str, Any]) -> str | None:
        """The query text to run; registers `query` under its hash when both are given."""
        persisted = extensions.get("persistedQuery")
        if persisted is None:
            return query
        if not self._enabled:
            raise RequestError(200, "PersistedQueryNotSupported", "PERSISTED_QUERY_NOT_SUPPORTED")
        if not isinstance(persisted, dict) or persisted.get("version") != 1:
            raise bad_request("Unsupported persisted query version")
        sha = persisted.get("sha256Hash")
        if not isinstance(sha, str) or not sha:
            raise bad_request("`extensions.persistedQuery.sha256Hash` must be a string")
        if query is None:
            known = self._queries.get(sha)
            if known is None:
                # 200, as Apollo answers: clients take it as "send the query text".
                raise RequestError(
                    200,
                    "PersistedQueryNotFound",
                    "PERSISTED_QUERY_NOT_FOUND",
                    headers={"cache-control": "private, no-cache, must-revalidate"},
                )
            self._queries.move_to_end(sha)
            return known
        if hashlib.sha256(query.encode()).hexdigest() != sha:
            raise RequestError(
                400, "provided sha does not match query", "PERSISTED_QUERY_HASH_MISMATCH"
            )
        self._queries[sha] = query
        self._queries.move_to_end(sha)
        while len(self._queries) > self._size:
            self._queries.popitem(last=False)
        return query
