"""The partnerships service's stores over its own database."""

from __future__ import annotations

from dataclasses import dataclass

from pymongo.asynchronous.database import AsyncDatabase

from services.common.mongo import Document, IndexSpec
from services.common.store import AggregateStore, OutboxNotifier

from .domain.application import Application
from .domain.call import Call
from .domain.case_numbers import CaseNumbers
from .domain.organisation import Organisation
from .domain.partnership import Partnership
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

AGGREGATE_COLLECTIONS = (ORGANISATIONS, PEOPLE, PARTNERSHIPS, VISITS, CALLS, APPLICATIONS)

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
    # Unique among submitted applications; drafts have none (null). A sparse index would
    # still index the stored nulls, so the index is partial: only string case numbers.
    IndexSpec(
        APPLICATIONS,
        [("case_number", 1)],
        {"unique": True, "partialFilterExpression": {"case_number": {"$type": "string"}}},
    ),
    IndexSpec(APPLICATIONS, [("sort_key", 1)]),
    IndexSpec(APPLICATIONS, [("partnership_id", 1), ("sort_key", 1)]),
    IndexSpec(APPLICATIONS, [("call_id", 1), ("sort_key", 1)]),
    IndexSpec(APPLICATIONS, [("status", 1), ("sort_key", 1)]),
    IndexSpec(APPLICATIONS, [("year", 1), ("sort_key", 1)]),
)


@dataclass(frozen=True)
class Repositories:
    organisations: AggregateStore[Organisation]
    people: AggregateStore[Person]
    partnerships: AggregateStore[Partnership]
    visits: AggregateStore[Visit]
    calls: AggregateStore[Call]
    applications: AggregateStore[Application]
    case_numbers: CaseNumbers


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
