"""What a service declares about itself; the runtime does the rest."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from pymongo.asynchronous.database import AsyncDatabase

from .events.consumer import Handler
from .graphql import ServiceSchema
from .mongo import Document, IndexSpec
from .store import OutboxNotifier

R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)


class Storage(Protocol[R_co]):
    """A service's `repositories` module: its stores, aggregate collections and indexes."""

    @property
    def COLLECTIONS(self) -> tuple[str, ...]: ...

    @property
    def INDEXES(self) -> tuple[IndexSpec, ...]: ...

    def repositories(self, db: AsyncDatabase[Document], notifier: OutboxNotifier) -> R_co: ...


@dataclass(frozen=True)
class ServiceSpec(Generic[R]):
    """One subgraph service: its schema, storage and the events it reacts to."""

    name: str
    default_port: int
    schema: ServiceSchema
    repositories: Callable[[AsyncDatabase[Document], OutboxNotifier], R]
    """Builds the service's repositories (its stores) over its own database."""
    aggregate_collections: tuple[str, ...]
    """Collections holding aggregates, hence outboxes the relay must drain."""
    indexes: tuple[IndexSpec, ...] = ()
    handlers: Callable[[R], Mapping[str, Handler]] = field(default=lambda _repos: {})

    @classmethod
    def declare(
        cls,
        name: str,
        default_port: int,
        schema: ServiceSchema,
        storage: Storage[R],
        handlers: Callable[[R], Mapping[str, Handler]],
    ) -> ServiceSpec[R]:
        """The spec of a service laid out as every service is: its `repositories` module
        gives the stores, the collections holding aggregates and the indexes."""
        return cls(
            name=name,
            default_port=default_port,
            schema=schema,
            repositories=storage.repositories,
            aggregate_collections=storage.COLLECTIONS,
            indexes=storage.INDEXES,
            handlers=handlers,
        )
