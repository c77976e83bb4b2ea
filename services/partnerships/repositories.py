"""The partnerships service's stores over its own database."""

from __future__ import annotations

from dataclasses import dataclass

from pymongo.asynchronous.database import AsyncDatabase

from services.common.mongo import Document, IndexSpec
from services.common.store import AggregateStore, OutboxNotifier

from .domain.organisation import Organisation
from .domain.partnership import Partnership
from .domain.person import Person

ORGANISATIONS = "organisations"
PEOPLE = "people"
PARTNERSHIPS = "partnerships"

AGGREGATE_COLLECTIONS = (ORGANISATIONS, PEOPLE, PARTNERSHIPS)

INDEXES = (
    IndexSpec(ORGANISATIONS, [("country", 1), ("name", 1)]),
    IndexSpec(ORGANISATIONS, [("name", 1)]),
    IndexSpec(PEOPLE, [("organisation_id", 1), ("family_name", 1)]),
    IndexSpec(PARTNERSHIPS, [("title", 1)]),
    IndexSpec(PARTNERSHIPS, [("countries", 1)]),
    IndexSpec(PARTNERSHIPS, [("swedish_partner_id", 1)]),
    IndexSpec(PARTNERSHIPS, [("partner_ids", 1)]),
)


@dataclass(frozen=True)
class Repositories:
    organisations: AggregateStore[Organisation]
    people: AggregateStore[Person]
    partnerships: AggregateStore[Partnership]


def repositories(db: AsyncDatabase[Document], notifier: OutboxNotifier) -> Repositories:
    return Repositories(
        organisations=AggregateStore(db[ORGANISATIONS], Organisation, notifier),
        people=AggregateStore(db[PEOPLE], Person, notifier),
        partnerships=AggregateStore(db[PARTNERSHIPS], Partnership, notifier),
    )
