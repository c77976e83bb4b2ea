"""The training service's rules: programmes, cohorts, workshops, registrations, bookings."""

from __future__ import annotations

from services.common.store import NothingToApply

__all__ = ["SYSTEM_ACTOR", "NothingToApply"]


SYSTEM_ACTOR = "training-service"
"""The audit trail's actor for what the service does by itself (reactions to events)."""
