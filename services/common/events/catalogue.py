"""Versioned event schemas: each producer declares its events once, in code (services/contracts)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from ..tracing import current_trace_context
from .envelope import TYPE_PREFIX, Event

D = TypeVar("D", bound=BaseModel)


@dataclass(frozen=True)
class EventSpec(Generic[D]):
    """One event type: `<service>.<aggregate>.<event>` at a schema version."""

    service: str
    aggregate: str
    name: str
    version: int
    schema: type[D]
    description: str

    @property
    def type(self) -> str:
        return f"{TYPE_PREFIX}{self.routing_key}.v{self.version}"

    @property
    def routing_key(self) -> str:
        return f"{self.service}.{self.aggregate}.{self.name}"

    def new(self, subject: str, data: D) -> Event:
        """A fresh event of this type about `subject`, in the trace of the work making it."""
        return Event(
            source=f"/{self.service}",
            type=self.type,
            subject=subject,
            data=data.model_dump(mode="json"),
            **current_trace_context(),
        )

    def parse(self, event: Event) -> D:
        """The event's data validated against this schema."""
        return self.schema.model_validate(event.data)


class Catalogue:
    """All event types known to the platform, for docs, validation and bindings."""

    def __init__(self) -> None:
        self._specs: dict[str, EventSpec[Any]] = {}

    def register(self, spec: EventSpec[D]) -> EventSpec[D]:
        if spec.type in self._specs:
            raise ValueError(f"event type {spec.type} registered twice")
        self._specs[spec.type] = spec
        return spec

    def get(self, event_type: str) -> EventSpec[Any] | None:
        return self._specs.get(event_type)

    def __iter__(self) -> Iterator[EventSpec[Any]]:
        return iter(sorted(self._specs.values(), key=lambda s: s.type))


catalogue = Catalogue()


def event_type(
    service: str, aggregate: str, name: str, version: int, schema: type[D], description: str
) -> EventSpec[D]:
    """Declare and register one event type."""
    return catalogue.register(EventSpec(service, aggregate, name, version, schema, description))
