"""The partnerships service's stores over its own database.

Case numbers come from the per-year counters of services/common/case_numbers.py; a unique
index on `applications.case_number` is their last line of defence.
"""

from __future__ import annotations

from dataclasses import dataclass

from pymongo.asynchronous.database import AsyncDatabase

from services.common.case_numbers import CaseNumbers, unique_case_numbers
from services.common.mongo import Document, IndexSpec
from services.common.store import AggregateStore, OutboxNotifier

from .domain.application import Application
from .domain.call import Call
from .domain.organisation import Organisation
from .domain.partnership import Partnership, PartnershipStatus
from .domain.person import Person
from .domain.visit import Visit

ORGANISATIONS = "organisations"
PEOPLE = "people"
PARTNERSHIPS = "partnerships"
VISITS = "visits"
CALLS = "calls"
APPLICATIONS = "applications"
CASE_NUMBERS = "case_numbers"
"""Per-year case-number counters (not aggregates: no outbox)."""

COLLECTIONS = (ORGANISATIONS, PEOPLE, PARTNERSHIPS, VISITS, CALLS, APPLICATIONS)

INDEXES = (
    IndexSpec(ORGANISATIONS, [("country", 1), ("name", 1)]),
    IndexSpec(ORGANISATIONS, [("name", 1)]),
    IndexSpec(PEOPLE, [("organisation_id", 1), ("family_name", 1)]),
    IndexSpec(PARTNERSHIPS, [("title", 1)]),
    IndexSpec(PARTNERSHIPS, [("countries", 1)]),
    IndexSpec(PARTNERSHIPS, [("swedish_partner_id", 1)]),
    IndexSpec(PARTNERSHIPS, [("partner_ids", 1)]),
    IndexSpec(VISITS, [("partnership_id", 1), ("starts_on", 1)]),
    IndexSpec(VISITS, [("starts_on", 1)]),
    IndexSpec(CALLS, [("opens_on", 1)]),
    IndexSpec(CALLS, [("open_until", 1)]),
    unique_case_numbers(APPLICATIONS),
    IndexSpec(APPLICATIONS, [("sort_key", 1)]),
    IndexSpec(APPLICATIONS, [("partnership_id", 1), ("sort_key", 1)]),
    IndexSpec(APPLICATIONS, [("call_id", 1), ("sort_key", 1)]),
    IndexSpec(APPLICATIONS, [("status", 1), ("sort_key", 1)]),
    IndexSpec(APPLICATIONS, [("year", 1), ("sort_key", 1)]),
)

SUMMARY_FIELDS = ("audit", "_outbox", "_applied")
"""Left out when loading partnerships only to judge them (the audit trail grows)."""


@dataclass(frozen=True)
class Repositories:
    organisations: AggregateStore[Organisation]
    people: AggregateStore[Person]
    partnerships: AggregateStore[Partnership]
    visits: AggregateStore[Visit]
    calls: AggregateStore[Call]
    applications: AggregateStore[Application]
    case_numbers: CaseNumbers

    async def partnership_ids(self, query: Document) -> list[str]:
        cursor = self.partnerships.collection.find(query, {"_id": 1})
        return [doc["_id"] async for doc in cursor]

    async def active_partnerships(self, query: Document) -> list[Partnership]:
        """The active partnerships among those `query` selects, without their audit trail."""
        store = self.partnerships
        active = {"$and": [query, {"status": PartnershipStatus.ACTIVE.value}]}
        cursor = store.collection.find(active, dict.fromkeys(SUMMARY_FIELDS, 0))
        return [store.load(doc) async for doc in cursor]


def repositories(db: AsyncDatabase[Document], notifier: OutboxNotifier) -> Repositories:
    return Repositories(
        organisations=AggregateStore(db[ORGANISATIONS], Organisation, notifier),
        people=AggregateStore(db[PEOPLE], Person, notifier),
        partnerships=AggregateStore(db[PARTNERSHIPS], Partnership, notifier),
        visits=AggregateStore(db[VISITS], Visit, notifier),
        calls=AggregateStore(db[CALLS], Call, notifier),
        applications=AggregateStore(db[APPLICATIONS], Application, notifier),
        case_numbers=CaseNumbers(db[CASE_NUMBERS], db[APPLICATIONS]),
    )
