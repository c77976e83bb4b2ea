"""The partnerships service's stores over its own database.

Case numbers come from an atomic `$inc` on one counter document per year, so concurrent
submissions on any number of replicas never get the same one. A unique index on
`applications.case_number` is the last line of defence. A submission that fails after
taking a number (it lost a race on the application's version) leaves a gap.
"""

from __future__ import annotations

from dataclasses import dataclass

from pymongo import ReturnDocument
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from services.common.errors import Busy
from services.common.mongo import Document, IndexSpec
from services.common.store import AggregateStore, OutboxNotifier

from .domain.application import Application
from .domain.call import Call
from .domain.case_numbers import CASE_NUMBER, format_case_number
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

SUMMARY_FIELDS = ("audit", "_outbox", "_applied")
"""Left out when loading partnerships only to judge them (the audit trail grows)."""


class CaseNumbers:
    """The per-year counters, in a collection of their own (`_id` is the year)."""

    def __init__(
        self, collection: AsyncCollection[Document], numbered: AsyncCollection[Document]
    ) -> None:
        self.collection = collection
        self.numbered = numbered
        """Where case numbers are given (`case_number` field): the applications."""

    async def take(self, year: int) -> str:
        # Only `$inc` here: it is atomic on every MongoDB and on the embedded server.
        for _ in range(3):
            try:
                counter = await self.collection.find_one_and_update(
                    {"_id": str(year)},
                    {"$inc": {"last": 1}},
                    upsert=True,
                    return_document=ReturnDocument.AFTER,
                )
            except DuplicateKeyError:
                continue  # two first submissions of the year raced to create the counter
            if counter is not None:
                return format_case_number(year, int(counter["last"]))
        raise Busy("no case number could be taken: retry", field="caseNumber")

    async def skip_past_used(self, year: int) -> None:
        """Moves the year's counter past the highest number already given, if it is behind.

        Only needed when the unique index refused a number (the counter lost its place, e.g.
        restored from an older backup); the conditional `$set` never moves it backwards.
        """
        cursor = self.numbered.find(
            {"case_number": {"$regex": f"^{year:04d}-"}}, {"case_number": 1}
        )
        highest = 0
        async for doc in cursor:
            match = CASE_NUMBER.match(str(doc.get("case_number")))
            if match:
                highest = max(highest, int(match.group(2)))
        await self.collection.update_one(
            {"_id": str(year), "last": {"$lt": highest}}, {"$set": {"last": highest}}
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
