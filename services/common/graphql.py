"""GraphQL plumbing shared by every subgraph: context, error codes, schema factory."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Generic, TypeVar

import strawberry
from graphql import GraphQLError
from starlette.requests import Request
from strawberry.dataloader import DataLoader
from strawberry.extensions import MaskErrors
from strawberry.federation.schema import FederationAny
from strawberry.types import ExecutionContext, ExecutionResult, Info
from strawberry.types.graphql import OperationType

from .auth import Principal, require_principal
from .entities import EntityTypes
from .errors import DomainError, Unauthenticated
from .limits import OperationLimits, OperationLimitsExtension, default_limits, limits_of
from .operation_timeout import TimedExecution, is_timeout, time_limit
from .request_errors import coded, request_error_code

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
    limits: OperationLimits = field(default_factory=default_limits)

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


def _is_expected(error: GraphQLError) -> bool:
    """Domain errors and errors of the request itself (unparsable, invalid, a bad variable)
    are the client's to see."""
    return (
        error.original_error is None
        or isinstance(error.original_error, DomainError)
        or request_error_code(error) is not None
    )


def _with_code(error: GraphQLError) -> GraphQLError:
    """Every error a client gets names its kind in `extensions.code`."""
    if (error.extensions or {}).get("code"):
        return error
    code = request_error_code(error)
    return error if code is None else coded(error, code)


class InternalErrorMasking(MaskErrors):
    """Hides unexpected exceptions behind `INTERNAL_SERVER_ERROR` (they are logged)."""

    def __init__(self) -> None:
        super().__init__(
            should_mask_error=lambda e: not _is_expected(e),
            error_message="Internal server error",
        )

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        masked = super().anonymise_error(error)
        masked.extensions = {"code": "INTERNAL_SERVER_ERROR"}
        return masked


class ServiceSchema(strawberry.federation.Schema):
    """Federation 2 schema that logs only the errors that are the server's fault, bounds
    each operation's time (`context.limits.timeout_s`) and guards `_entities`."""

    async def execute(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        allowed_operation_types: Iterable[OperationType] | None = None,
        operation_extensions: dict[str, Any] | None = None,
    ) -> ExecutionResult:
        timeout_s = limits_of(context_value).timeout_s
        with time_limit(timeout_s) as limit:
            result = await super().execute(
                query,
                variable_values,
                context_value,
                root_value,
                operation_name,
                allowed_operation_types,
                operation_extensions,
            )
        if limit.expired and any(is_timeout(e) for e in result.errors or ()):
            log.warning(
                "operation timed out",
                extra={"operation_name": operation_name, "timeout_s": timeout_s},
            )
            message = (
                f"The operation did not complete within {timeout_s:g} s and was stopped "
                "(a mutation may have been applied in part)."
            )
            return ExecutionResult(
                data=None, errors=[GraphQLError(message, extensions={"code": "TIMEOUT"})]
            )
        # Errors of the request itself skip the extensions when it fails parsing or
        # validation, so their codes are added here, for every path alike.
        if result.errors:
            result.errors = [_with_code(e) for e in result.errors]
        return result

    @cached_property
    def entity_types(self) -> EntityTypes:
        origins = {
            name: origin
            for name, definition in self.schema_converter.type_map.items()
            if isinstance(origin := getattr(definition.definition, "origin", None), type)
        }
        return EntityTypes(self._schema, origins)

    def entities_resolver(
        self, info: Info, representations: list[FederationAny]
    ) -> list[FederationAny]:
        """`_entities` for signed-in callers only, as every root field; a representation of a
        type this service does not resolve is a BAD_USER_INPUT error in its place."""
        info.context.require_principal()
        refusals = [self.entity_types.check(r) for r in representations]
        resolved = iter(
            super().entities_resolver(
                info,
                [r for r, refused in zip(representations, refusals, strict=True) if not refused],
            )
        )
        return [FederationAny(refused) if refused else next(resolved) for refused in refusals]

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        for error in errors:
            # A timeout is reported, and logged, as such by `execute`.
            if not _is_expected(error) and not is_timeout(error):
                log.error(
                    "resolver failed",
                    exc_info=error.original_error,
                    extra={"path": error.path},
                )


def build_schema(
    query: type, mutation: type | None = None, types: Iterable[type] = ()
) -> ServiceSchema:
    return ServiceSchema(
        query=query,
        mutation=mutation,
        types=list(types),
        extensions=[OperationLimitsExtension, InternalErrorMasking],
        execution_context_class=TimedExecution,
    )
