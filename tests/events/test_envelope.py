"""The envelope's CloudEvents distributed-tracing extension: present only when the event was
made in a traced operation, and kept through the JSON a consumer reads."""

from __future__ import annotations

import orjson

from services.common.events.envelope import Event

TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"


def test_an_untraced_event_has_no_tracing_attributes() -> None:
    event = Event(source="/partnerships", type="se.icld.t.a.made.v1", subject="s")
    document = orjson.loads(event.to_json())
    assert "traceparent" not in document
    assert "tracestate" not in document
    assert Event.from_json(event.to_json()).trace_context == {}


def test_a_traced_event_carries_its_context_to_the_consumer() -> None:
    event = Event(
        source="/partnerships",
        type="se.icld.t.a.made.v1",
        subject="s",
        traceparent=TRACEPARENT,
        tracestate="icld=1",
    )
    document = orjson.loads(event.to_json())
    assert (document["traceparent"], document["tracestate"]) == (TRACEPARENT, "icld=1")
    received = Event.from_json(event.to_json())
    assert received.trace_context == {"traceparent": TRACEPARENT, "tracestate": "icld=1"}
    assert received == event
