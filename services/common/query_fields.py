"""Builds the root query fields every subgraph has alike, for signed-in callers only: one item
by id, and a page of a list with the arguments `first: Int = 20, after: String, filter`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

import strawberry
from strawberry.types import Info

from .auth import Principal, Role
from .graphql import Context
from .mongo import Document
from .pagination import Connection, page_of
from .store import Aggregate, AggregateStore

A = TypeVar("A")
G = TypeVar("G", bound=Aggregate)
F = TypeVar("F")
N = TypeVar("N")

AnyInfo = Info[Context[Any], None]
Page = Callable[[AnyInfo, F | None, int | None, str | None], Awaitable[Connection[N]]]
"""A list's page: (info, filter, first, after)."""


def by_id_field(
    find: Callable[[AnyInfo, str], Awaitable[A | None]],
    of: Callable[[A], N],
    *,
    readers: frozenset[Role] | None = None,
    name: str | None = None,
    description: str | None = None,
) -> N | None:
    """A field `(id: ID!)`: what `find` finds, as `of` shows it, or null; for callers with
    one of the roles `readers` where given. Its GraphQL type is the annotation of the class
    attribute it is assigned to."""

    async def resolve(info: AnyInfo, id: strawberry.ID) -> N | None:
        principal = info.context.require_principal()
        if readers is not None:
            principal.require(*readers)
        found = await find(info, str(id))
        return None if found is None else of(found)

    return strawberry.field(resolver=resolve, name=name, description=description)


def page_field(
    filter_type: type[F], page: Page[F, N], *, description: str | None = None
) -> Connection[N]:
    """A list field `(first: Int = 20, after: String, filter: <filter_type>)` answered by
    `page`. Its GraphQL type is the annotation of the class attribute it is assigned to."""

    async def resolve(
        info: AnyInfo, first: int | None = 20, after: str | None = None, filter: Any = None
    ) -> Connection[N]:
        info.context.require_principal()
        return await page(info, filter, first, after)

    # The filter's input type is the one thing that differs between lists' arguments.
    resolve.__annotations__["filter"] = filter_type | None
    field: Connection[N] = strawberry.field(resolver=resolve, description=description)
    return field


def store_page(
    store: Callable[[AnyInfo], AggregateStore[G]],
    query: Callable[[F | None], Document],
    *,
    sort: Sequence[str],
    of: Callable[[G], N],
) -> Page[F, N]:
    """The page of a store's aggregates that match the filter's query, each as `of` shows it."""

    async def page(
        info: AnyInfo, where: F | None, first: int | None, after: str | None
    ) -> Connection[N]:
        return await page_of(store(info), query(where), sort=sort, first=first, after=after, of=of)

    return page


def viewer_page(
    store: Callable[[AnyInfo], AggregateStore[G]],
    query: Callable[[F | None], Document],
    *,
    sort: Sequence[str],
    of: Callable[[G, Principal], N],
    readable: Callable[[Principal], Document] = lambda viewer: {},
) -> Page[F, N]:
    """Like `store_page`, for nodes that show what the caller may see of them, among the
    aggregates the caller may list (`readable`: a query, applied over the filter's)."""

    async def page(
        info: AnyInfo, where: F | None, first: int | None, after: str | None
    ) -> Connection[N]:
        viewer = info.context.require_principal()
        return await page_of(
            store(info),
            {**query(where), **readable(viewer)},
            sort=sort,
            first=first,
            after=after,
            of=lambda aggregate: of(aggregate, viewer),
        )

    return page
