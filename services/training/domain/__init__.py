"""The training service's rules: programmes, cohorts, workshops, registrations, bookings."""

from __future__ import annotations


class NothingToApply(Exception):
    """Raised by a change that finds nothing to do, so that nothing is written.

    `AggregateStore.update`/`apply` run the change before writing and write nothing when it
    raises; without this they would bump the version of an unchanged aggregate.
    """


SYSTEM_ACTOR = "training-service"
"""The actor recorded for what the service does by itself (reactions to events, promotions)."""
