"""The networks service's stores over its own database."""

from __future__ import annotations

from dataclasses import dataclass

from pymongo.asynchronous.database import AsyncDatabase

from services.common.mongo import Document
from services.common.projections import organisations as org_projection
from services.common.projections.organisations import OrganisationView
from services.common.store import AggregateStore, OutboxNotifier

COLLECTIONS = (org_projection.COLLECTION,)


@dataclass(frozen=True)
class Repositories:
    organisations: AggregateStore[OrganisationView]


def repositories(db: AsyncDatabase[Document], notifier: OutboxNotifier) -> Repositories:
    return Repositories(
        organisations=AggregateStore(db[org_projection.COLLECTION], OrganisationView, notifier)
    )
