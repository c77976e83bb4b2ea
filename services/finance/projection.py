"""This service's read-only copy of the partnerships, fed by partnership events.

Enough to authorise coordinators (organisation ids), to total by theme and country, and to
keep the completed visits that found no grant to take their travel costs (`unfunded`).
Never written by a mutation, never read from the partnerships service synchronously
(DESIGN.md §2).

Snapshot events (created, updated, closed) and status events can arrive out of order, so
details and status are versioned separately: each takes only a newer `version`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from services.common.events.envelope import Event
from services.common.store import Aggregate, Change
from services.partnerships.events import PartnershipStatusChangedV1, PartnershipV1

from .domain import NothingToApply
from .domain.expenses import VisitRecord

COLLECTION = "partnerships"
CLOSED = "closed"


class UnfundedVisit(BaseModel):
    model_config = ConfigDict(frozen=True)

    visit: VisitRecord
    reason: str


class PartnershipView(Aggregate):
    """A partnership as the finance service knows it."""

    title: str = ""
    organisation_ids: list[str] = Field(default_factory=list)
    """Every organisation, the Swedish one first."""
    countries: list[str] = Field(default_factory=list)
    kind: str = ""
    themes: list[str] = Field(default_factory=list)
    started_on: date | None = None
    status: str = ""
    source_version: int = 0
    """The partnership's version the details were taken from; 0: no snapshot seen yet."""
    status_version: int = 0
    unfunded: list[UnfundedVisit] = Field(default_factory=list)
    """Completed visits no grant took when they were reported (see domain.expenses)."""

    @property
    def known(self) -> bool:
        return self.source_version > 0


def take_snapshot(data: PartnershipV1) -> Change[PartnershipView]:
    def apply(view: PartnershipView) -> Sequence[Event]:
        newer_details = data.version > view.source_version
        newer_status = data.version > view.status_version
        if not (newer_details or newer_status):
            raise NothingToApply  # an older, late event
        if newer_details:
            view.title, view.organisation_ids = data.title, data.organisation_ids
            view.countries, view.kind = data.countries, data.kind
            view.themes, view.started_on = data.themes, data.started_on
            view.source_version = data.version
        if newer_status:
            view.status, view.status_version = data.status, data.version
        return ()

    return apply


def take_status(data: PartnershipStatusChangedV1) -> Change[PartnershipView]:
    def apply(view: PartnershipView) -> Sequence[Event]:
        if data.version <= view.status_version:
            raise NothingToApply
        view.status, view.status_version = data.to_status, data.version
        return ()

    return apply


def keep_unfunded(visit: VisitRecord, reason: str) -> Change[PartnershipView]:
    def apply(view: PartnershipView) -> Sequence[Event]:
        if any(u.visit.visit_id == visit.visit_id for u in view.unfunded):
            raise NothingToApply
        view.unfunded = [*view.unfunded, UnfundedVisit(visit=visit, reason=reason)]
        return ()

    return apply
