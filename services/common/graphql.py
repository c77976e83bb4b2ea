"""GraphQL plumbing shared by every subgraph: context, error codes, schema factory."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import strawberry
from graphql import GraphQLError
from starlette.requests import Request
from strawberry.dataloader import DataLoader
from strawberry.exceptions import StrawberryInputCoercionError
from strawberry.extensions import MaskErrors, QueryDepthLimiter
from strawberry.types import ExecutionContext

from .auth import Principal, require_principal
from .errors import DomainError, Unauthenticated

log = logging.getLogger(__name__)

R = TypeVar("R")
T = TypeVar("T")


@dataclass
class Context(Generic[R]):
    """Per-request context: the caller and the service's repositories."""

    request: Request | None
    repos: R
    principal_or_error: Principal | Unauthenticated | None
    cache: dict[str, Any] = field(default_factory=dict)
    """Per-request memo, e.g. for dataloaders."""

    @property
    def principal(self) -> Principal | None:
        if isinstance(self.principal_or_error, Unauthenticated):
            raise self.principal_or_error
        return self.principal_or_error

    def require_principal(self) -> Principal:
        return require_principal(self.principal)

    def loader(
        self, name: str, load_many: Callable[[Sequence[str]], Awaitable[dict[str, T]]]
    ) -> DataLoader[str, T | None]:
        """A per-request loader: all keys asked for in one tick become one `load_many` call."""
        if name not in self.cache:

            async def batch(keys: list[str]) -> list[T | None]:
                found = await load_many(keys)
                return [found.get(key) for key in keys]

            self.cache[name] = DataLoader(load_fn=batch)
        loader: DataLoader[str, T | None] = self.cache[name]
        return loader


def _is_bad_variable(error: GraphQLError) -> bool:
    """A variable's value its scalar cannot take (e.g. `"2025-02-30"` for a `Date`)."""
    return isinstance(error.original_error, StrawberryInputCoercionError)


def _is_expected(error: GraphQLError) -> bool:
    """Domain errors, GraphQL validation errors and bad variables are the client's to see."""
    return (
        error.original_error is None
        or isinstance(error.original_error, DomainError)
        or _is_bad_variable(error)
    )


class InternalErrorMasking(MaskErrors):
    """Hides unexpected exceptions behind `INTERNAL_SERVER_ERROR` (they are logged); a bad
    variable is reported as `BAD_USER_INPUT` with its message."""

    def __init__(self) -> None:
        super().__init__(
            should_mask_error=lambda e: not _is_expected(e) or _is_bad_variable(e),
            error_message="Internal server error",
        )

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        if _is_bad_variable(error):
            return GraphQLError(
                error.message,
                nodes=error.nodes,
                source=error.source,
                positions=error.positions,
                path=error.path,
                extensions={"code": "BAD_USER_INPUT"},
            )
        masked = super().anonymise_error(error)
        masked.extensions = {"code": "INTERNAL_SERVER_ERROR"}
        return masked


class ServiceSchema(strawberry.federation.Schema):
    """Federation 2 schema that logs only the errors that are the server's fault."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        for error in errors:
            if not _is_expected(error):
                log.error(
                    "resolver failed",
                    exc_info=error.original_error,
                    extra={"path": error.path},
                )


def build_schema(
    query: type, mutation: type | None = None, types: Iterable[type] = (), max_depth: int = 15
) -> ServiceSchema:
    return ServiceSchema(
        query=query,
        mutation=mutation,
        types=list(types),
        extensions=[InternalErrorMasking, lambda: QueryDepthLimiter(max_depth=max_depth)],
    )
