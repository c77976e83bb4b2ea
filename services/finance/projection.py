"""Finance's partnership projection: the shared one (services/contracts/partnership_views.py)
and the completed visits that found no grant to take their travel costs (`unfunded`)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from pydantic import Field

from services.common.events.envelope import Event
from services.common.store import Change
from services.contracts import partnership_views as shared

from .domain import NothingToApply
from .domain.expenses import UnfundedVisit, VisitRecord

log = logging.getLogger(__name__)


class PartnershipView(shared.PartnershipView):
    """A partnership as the finance service knows it."""

    unfunded: list[UnfundedVisit] = Field(default_factory=list)
    """Completed visits no grant took when they were reported (see domain.expenses)."""


def keep_unfunded(visit: VisitRecord, reason: str) -> Change[PartnershipView]:
    def apply(view: PartnershipView) -> Sequence[Event]:
        if any(u.visit.visit_id == visit.visit_id for u in view.unfunded):
            raise NothingToApply
        view.unfunded = [*view.unfunded, UnfundedVisit(visit=visit, reason=reason)]
        return ()

    return apply
