"""The event catalogue in docs/ is the one the code declares."""

from __future__ import annotations

from services.common.events.catalogue import catalogue
from services.contracts.catalogue import DOC, render


def test_docs_events_md_is_up_to_date() -> None:
    assert DOC.read_text(encoding="utf-8") == render(), (
        "run: python -m services.contracts.catalogue"
    )


def test_every_event_type_is_versioned_and_routable() -> None:
    for spec in catalogue:
        assert spec.type == f"se.icld.{spec.routing_key}.v{spec.version}"
        assert spec.routing_key.split(".")[0] == spec.service
