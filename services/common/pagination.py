"""Relay cursor connections over MongoDB queries (`first`/`after`, `pageInfo`, `totalCount`)."""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

import orjson
import strawberry
from pymongo.asynchronous.collection import AsyncCollection

from .errors import BadUserInput
from .mongo import Document

MAX_PAGE = 100
T = TypeVar("T")
N = TypeVar("N")


# Defined alike in several subgraphs: Federation 2 composes such value types only if
# each subgraph marks them shareable.
@strawberry.federation.type(shareable=True)
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.federation.type(shareable=True)
class Edge(Generic[N]):
    cursor: str
    node: N


@strawberry.federation.type(shareable=True)
class Connection(Generic[N]):
    edges: list[Edge[N]]
    page_info: PageInfo
    total_count: int

    @strawberry.field
    def nodes(self) -> list[N]:
        return [edge.node for edge in self.edges]


def encode_cursor(values: Sequence[Any]) -> str:
    return base64.urlsafe_b64encode(orjson.dumps(list(values))).decode()


def decode_cursor(cursor: str) -> list[Any]:
    try:
        values = orjson.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, orjson.JSONDecodeError) as exc:
        raise BadUserInput("malformed cursor", field="after") from exc
    if not isinstance(values, list) or not all(isinstance(v, str | int | None) for v in values):
        raise BadUserInput("malformed cursor", field="after")
    return values


async def paginate(
    collection: AsyncCollection[Document],
    query: Document,
    *,
    sort: Sequence[str],
    first: int | None,
    after: str | None,
    to_node: Callable[[Document], N],
) -> Connection[N]:
    """Keyset pagination ascending on `sort` fields; `_id` is always the last tie-breaker."""
    keys = [*[k for k in sort if k != "_id"], "_id"]
    limit = MAX_PAGE if first is None else first
    if not 0 <= limit <= MAX_PAGE:
        raise BadUserInput(f"first must be between 0 and {MAX_PAGE}", field="first")
    page_query = dict(query)
    if after is not None:
        values = decode_cursor(after)
        if len(values) != len(keys):
            raise BadUserInput("cursor does not belong to this list", field="after")
        page_query = {"$and": [query, _after_clause(keys, values)]}
    docs = await collection.find(page_query).sort([(k, 1) for k in keys]).limit(limit + 1).to_list()
    total = await collection.count_documents(query)
    page = docs[:limit]
    edges = [Edge(cursor=encode_cursor([d.get(k) for k in keys]), node=to_node(d)) for d in page]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=len(docs) > limit,
            has_previous_page=after is not None,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=total,
    )


def _after_clause(keys: Sequence[str], values: Sequence[Any]) -> Document:
    """(k1 > v1) or (k1 = v1 and k2 > v2) or …"""
    branches = []
    for i, key in enumerate(keys):
        branch = {k: values[j] for j, k in enumerate(keys[:i])}
        branch[key] = {"$gt": values[i]}
        branches.append(branch)
    return {"$or": branches}
