"""The finance service's rules: budget rules, grants (budgets, expenses, reports,
disbursements) and the funding of networks and training programmes."""

from __future__ import annotations

from services.common.store import NothingToApply

__all__ = ["SYSTEM_ACTOR", "NothingToApply"]


SYSTEM_ACTOR = "finance-service"
"""The audit trail's actor for what the service does by itself (reactions to events)."""
