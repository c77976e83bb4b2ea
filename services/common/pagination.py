"""Relay cursor connections over MongoDB queries (`first`/`after`, `pageInfo`, `totalCount`)."""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import re
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

import orjson
import strawberry
from pymongo.asynchronous.collection import AsyncCollection

from .errors import BadUserInput
from .gateway_credential import request_credential
from .mongo import Document
from .store import Aggregate, AggregateStore

MAX_PAGE = 100
CursorValue = str | int | None
_MAC_BYTES = 16
_MAX_CURSOR = 2048
_B64 = re.compile(r"[A-Za-z0-9_-]*")
T = TypeVar("T")
N = TypeVar("N")
A = TypeVar("A", bound=Aggregate)


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


@functools.cache
def cursor_key(secret: bytes) -> bytes:
    """The key for cursors derived from a gateway credential (SUBGRAPH_SECRET): every replica
    has it, production refuses the built-in one, and a cursor key tells nothing of it."""
    return hmac.new(secret, b"icld paging cursors v1", hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    """Strict: the canonical unpadded form only, so one cursor has one spelling."""
    if not _B64.fullmatch(text):
        raise ValueError("not unpadded base64url")
    data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    if _b64(data) != text:
        raise ValueError("not the canonical spelling")
    return data


def _signature(secret: bytes, scope: str, payload: bytes) -> bytes:
    mac = hmac.new(cursor_key(secret), scope.encode() + b"\x00" + payload, hashlib.sha256)
    return mac.digest()[:_MAC_BYTES]


def encode_cursor(values: Sequence[CursorValue], scope: str) -> str:
    """An opaque cursor: the position's key values, signed for the list `scope` names.

    Signed with the credential the gateway presented: while SUBGRAPH_SECRET is rotated, a
    gateway still sending the previous value gets cursors that the replicas not yet given
    the new one accept too."""
    payload = orjson.dumps(list(values))
    signature = _signature(request_credential().presented, scope, payload)
    return f"{_b64(payload)}.{_b64(signature)}"


def decode_cursor(cursor: str, scope: str, size: int) -> list[CursorValue]:
    """The `size` key values of a cursor this service made for `scope`; anything else (forged,
    truncated, re-encoded, from another list) is BAD_USER_INPUT on `after`."""
    if len(cursor) > _MAX_CURSOR:
        raise BadUserInput("the cursor is not one this list gave out", field="after")
    try:
        encoded_payload, encoded_mac = cursor.split(".")
        payload, mac = _unb64(encoded_payload), _unb64(encoded_mac)
    except ValueError as exc:
        raise BadUserInput("the cursor is not one this list gave out", field="after") from exc
    accepted = request_credential().accepted
    if not any([hmac.compare_digest(mac, _signature(s, scope, payload)) for s in accepted]):
        raise BadUserInput("the cursor is not one this list gave out", field="after")
    values = orjson.loads(payload)
    # Signed by us, so well-formed unless the code changed: checked all the same, since a
    # value reaches a database query.
    if not (isinstance(values, list) and len(values) == size and all(map(_valid, values))):
        raise BadUserInput("the cursor is not one this list gave out", field="after")
    return values


def _valid(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return -(2**63) <= value < 2**63
    return value is None or isinstance(value, str)


def collection_scope(collection: AsyncCollection[Document], keys: Sequence[str]) -> str:
    return f"{collection.name}:{','.join(keys)}"


async def paginate(
    collection: AsyncCollection[Document],
    query: Document,
    *,
    sort: Sequence[str],
    first: int | None,
    after: str | None,
    to_node: Callable[[Document], N],
) -> Connection[N]:
    """Keyset pagination on `sort` fields, each ascending or, written `-field`, descending;
    `_id` (ascending) is always the last tie-breaker."""
    order = [*[_direction(k) for k in sort if k.lstrip("-") != "_id"], ("_id", 1)]
    keys = [k for k, _ in order]
    scope = collection_scope(collection, [k if d > 0 else f"-{k}" for k, d in order])
    limit = page_size(first)
    page_query = dict(query)
    if after is not None:
        values = decode_cursor(after, scope, len(keys))
        page_query = {"$and": [query, _after_clause(order, values)]}
    docs = await collection.find(page_query).sort(order).limit(limit + 1).to_list()
    total = await collection.count_documents(query)
    page = docs[:limit]
    edges = [
        Edge(cursor=encode_cursor([d.get(k) for k in keys], scope), node=to_node(d)) for d in page
    ]
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


def page_size(first: int | None) -> int:
    """How many items a page holds: `first`, at most MAX_PAGE (all up to it when omitted)."""
    limit = MAX_PAGE if first is None else first
    if not 0 <= limit <= MAX_PAGE:
        raise BadUserInput(f"first must be between 0 and {MAX_PAGE}", field="first")
    return limit


def _direction(key: str) -> tuple[str, int]:
    return (key[1:], -1) if key.startswith("-") else (key, 1)


def _after_clause(order: Sequence[tuple[str, int]], values: Sequence[Any]) -> Document:
    """(k1 after v1) or (k1 = v1 and k2 after v2) or …, "after" in each key's direction."""
    branches = []
    for i, (key, direction) in enumerate(order):
        branch = {k: values[j] for j, (k, _) in enumerate(order[:i])}
        branch[key] = {"$gt" if direction > 0 else "$lt": values[i]}
        branches.append(branch)
    return {"$or": branches}


async def page_of(
    store: AggregateStore[A],
    query: Document,
    *,
    sort: Sequence[str],
    first: int | None,
    after: str | None,
    of: Callable[[A], N],
) -> Connection[N]:
    """A page of a store's aggregates matching `query`, each as `of` shows it."""
    return await paginate(
        store.collection,
        query,
        sort=sort,
        first=first,
        after=after,
        to_node=lambda doc: of(store.load(doc)),
    )
