"""The two services in miniature: applications are written, a projection consumes them.

Mirrors the platform's own pattern (services/contracts/partnership_views.py): the producer's
aggregate emits `submitted`/`revised` events, the consumer keeps a view per application
ordered by `source_version`, applied with `AggregateStore.apply` (event id stored with
the effect).
"""

from __future__ import annotations

from pydantic import BaseModel

from services.common.events.catalogue import EventSpec
from services.common.store import Aggregate

PRODUCER_COLLECTION = "applications"
CONSUMER_COLLECTION = "application_views"
CONSUMER_SERVICE = "benchviews"
RETRY_DELAYS_MS = [1_000, 10_000, 60_000]
"""The platform's default retry delays (Settings.event_retry_delays_ms)."""


class ApplicationV1(BaseModel):
    """Event data: the application's state after the change."""

    id: str
    title: str
    budget_minor: int
    version: int


# Built directly, not registered: the platform's catalogue is for real event types only.
APPLICATION_SUBMITTED = EventSpec(
    "benchsrc", "application", "submitted", 1, ApplicationV1, "benchmark event"
)
APPLICATION_REVISED = EventSpec(
    "benchsrc", "application", "revised", 1, ApplicationV1, "benchmark event"
)


class Application(Aggregate):
    """The producer's aggregate."""

    title: str = ""
    budget_minor: int = 0


class ApplicationView(Aggregate):
    """The consumer's effect: a projection that also counts how often it was applied."""

    title: str = ""
    budget_minor: int = 0
    source_version: int = 0
    applied: int = 0


def event_data(application: Application) -> ApplicationV1:
    return ApplicationV1(
        id=application.id,
        title=application.title,
        budget_minor=application.budget_minor,
        version=application.version,
    )
