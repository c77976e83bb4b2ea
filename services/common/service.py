"""What a service declares about itself; the runtime does the rest."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from pymongo.asynchronous.database import AsyncDatabase

from .events.consumer import Handler
from .graphql import ServiceSchema
from .mongo import Document, IndexSpec
from .store import OutboxNotifier

R = TypeVar("R")


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
