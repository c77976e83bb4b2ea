"""The CloudEvents 1.0 envelope (structured JSON mode) that every event travels in."""

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

    @property
    def routing_key(self) -> str:
        """`<service>.<aggregate>.<event>`: the type without prefix and version suffix."""
        return routing_key_of(self.type)

    def to_json(self) -> bytes:
        return orjson.dumps(self.model_dump(mode="json"))

    @classmethod
    def from_json(cls, body: bytes) -> Event:
        return cls.model_validate_json(body)


def routing_key_of(event_type: str) -> str:
    name = event_type.removeprefix(TYPE_PREFIX)
    head, _, version = name.rpartition(".")
    return head if version.startswith("v") and version[1:].isdigit() else name
