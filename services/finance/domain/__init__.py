"""The finance service's rules: budget rules, grants (budgets, expenses, reports,
disbursements) and the funding of networks and training programmes."""

from __future__ import annotations

BUDGET_CURRENCY = "SEK"
"""Budgets, caps, reports and disbursements are in SEK (DOMAIN.md §6, ISO 4217)."""

SYSTEM_ACTOR = "finance-service"
"""The audit trail's actor for what the service does by itself (reactions to events)."""


class NothingToApply(Exception):
    """Raised by a change that finds nothing to do, so that nothing is written.

    `AggregateStore.update`/`apply` run the change before writing and write nothing when it
    raises; without this they would bump the version of an unchanged aggregate.
    """
