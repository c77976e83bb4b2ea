"""The CloudEvents 1.0 envelope (structured JSON mode) that every event travels in.

An event made inside a traced operation carries its trace context in the CloudEvents
distributed-tracing extension (`traceparent`, `tracestate`): it is stored with the event in
the outbox, so the relay's publish and every consumer's apply continue that trace, however
much later they run.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import orjson
from pydantic import BaseModel, ConfigDict, Field

CONTENT_TYPE = "application/cloudevents+json"
TYPE_PREFIX = "se.icld."


class Event(BaseModel):
    """One domain event as published: CloudEvents attributes plus `data`."""

    model_config = ConfigDict(frozen=True, populate_by_name=True)

    specversion: str = "1.0"
    id: str = Field(default_factory=lambda: str(uuid.uuid4()))
    source: str
    type: str
    subject: str
    time: datetime = Field(default_factory=lambda: datetime.now(UTC))
    datacontenttype: str = "application/json"
    data: dict[str, Any] = Field(default_factory=dict)
    traceparent: str | None = None
    tracestate: str | None = None

    @property
    def routing_key(self) -> str:
        """`<service>.<aggregate>.<event>`: the type without prefix and version suffix."""
        return routing_key_of(self.type)

    @property
    def trace_context(self) -> dict[str, str]:
        """The W3C trace context the event was made in (empty when it was not traced)."""
        found = {"traceparent": self.traceparent, "tracestate": self.tracestate}
        return {name: value for name, value in found.items() if value}

    def envelope(self) -> dict[str, Any]:
        """The JSON document; extension attributes only when present, as CloudEvents has it."""
        return self.model_dump(
            mode="json", exclude=set(_ABSENT_EXTENSIONS - self.trace_context.keys())
        )

    def to_json(self) -> bytes:
        return orjson.dumps(self.envelope())

    @classmethod
    def from_json(cls, body: bytes) -> Event:
        return cls.model_validate_json(body)


_ABSENT_EXTENSIONS = frozenset({"traceparent", "tracestate"})


def routing_key_of(event_type: str) -> str:
    name = event_type.removeprefix(TYPE_PREFIX)
    head, _, version = name.rpartition(".")
    return head if version.startswith("v") and version[1:].isdigit() else name


def event_attributes(event: Event, destination: str) -> dict[str, str]:
    """OpenTelemetry's messaging and CloudEvents span attributes of one event."""
    return {
        "messaging.system": "rabbitmq",
        "messaging.destination.name": destination,
        "messaging.rabbitmq.destination.routing_key": event.routing_key,
        "messaging.message.id": event.id,
        "cloudevents.event_id": event.id,
        "cloudevents.event_source": event.source,
        "cloudevents.event_type": event.type,
        "cloudevents.event_subject": event.subject,
    }
