"""The partnerships service's stores over its own database."""

from __future__ import annotations

from dataclasses import dataclass

from pymongo.asynchronous.database import AsyncDatabase

from services.common.mongo import Document, IndexSpec
from services.common.store import AggregateStore, OutboxNotifier

from .domain.organisation import Organisation

ORGANISATIONS = "organisations"

INDEXES = (
    IndexSpec(ORGANISATIONS, [("country", 1), ("name", 1)]),
    IndexSpec(ORGANISATIONS, [("name", 1)]),
)


@dataclass(frozen=True)
class Repositories:
    organisations: AggregateStore[Organisation]


def repositories(db: AsyncDatabase[Document], notifier: OutboxNotifier) -> Repositories:
    return Repositories(organisations=AggregateStore(db[ORGANISATIONS], Organisation, notifier))
