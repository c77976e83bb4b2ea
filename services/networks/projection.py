"""This service's read-only copies of what other services own, fed by their events.

- organisations and partnerships: the shared readers of partnerships' contract
  (services/contracts/organisation_views.py, partnership_views.py); a partnership's status,
  themes, countries and start decide whether it may join a network, and its organisations
  who may act for it.
- research outputs (training): what the service shows on the networks an output relates to,
  and what practices may cite (fed by RESEARCH_OUTPUT_PUBLISHED).

Never written by a mutation, never read from the owner synchronously (docs/architecture.md).
Events can arrive out of order, so each view takes only a newer version than it holds.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date

from pydantic import Field

from services.common.events.envelope import Event
from services.common.store import Aggregate, AggregateStore
from services.contracts.organisation_views import OrganisationView
from services.contracts.partnership_views import PartnershipView

from .domain import NothingToApply

log = logging.getLogger(__name__)

RESEARCH_OUTPUTS = "research_outputs"


class ResearchOutputView(Aggregate):
    """A research output as the networks service knows it."""

    source_version: int = 0
    """The producer's version this copy reflects: older events change nothing."""
    application_id: str = ""
    kind: str = ""
    """publication, report, policy_brief or presentation."""
    title: str = ""
    published_on: date | None = None
    url: str | None = None
    partnership_ids: list[str] = Field(default_factory=list)
    network_ids: list[str] = Field(default_factory=list)
    themes: list[str] = Field(default_factory=list)


async def project_output(
    views: AggregateStore[ResearchOutputView], cause: Event, copy: ResearchOutputView
) -> None:
    """Keeps `copy` (its `source_version` the producer's) unless the view is as new already."""

    def apply(view: ResearchOutputView) -> Sequence[Event]:
        if copy.source_version <= view.source_version:
            raise NothingToApply
        kept = copy.model_dump(exclude={"id", "version", "created_at", "updated_at"})
        for name, value in kept.items():
            setattr(view, name, value)
        return ()

    try:
        await views.apply(cause, copy.id, apply, create=lambda: ResearchOutputView(id=copy.id))
    except NothingToApply:
        log.info("older research output event ignored", extra={"output": copy.id})


__all__ = [
    "RESEARCH_OUTPUTS",
    "OrganisationView",
    "PartnershipView",
    "ResearchOutputView",
    "project_output",
]
