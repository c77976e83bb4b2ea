"""The finance service's stores over its own database."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from pymongo.asynchronous.database import AsyncDatabase

from services.common.mongo import Document, IndexSpec
from services.common.store import AggregateStore, OutboxNotifier
from services.contracts import organisation_views as org_projection
from services.contracts.organisation_views import OrganisationView
from services.contracts.partnership_views import COLLECTION as PARTNERSHIPS

from .domain.funding import Funding
from .domain.grant import Grant
from .domain.rules import BudgetRules, all_versions
from .projection import PartnershipView

GRANTS = "grants"
FUNDINGS = "fundings"
BUDGET_RULES = "budget_rules"

COLLECTIONS = (
    GRANTS,
    FUNDINGS,
    BUDGET_RULES,
    PARTNERSHIPS,
    org_projection.COLLECTION,
)

INDEXES = (
    IndexSpec(GRANTS, [("sort_key", 1)]),
    IndexSpec(GRANTS, [("partnership_id", 1), ("sort_key", 1)]),
    IndexSpec(GRANTS, [("status", 1), ("sort_key", 1)]),
    IndexSpec(GRANTS, [("countries", 1)]),
    IndexSpec(GRANTS, [("starts_on", 1)]),
    IndexSpec(FUNDINGS, [("workshop_ids", 1)]),
    IndexSpec(PARTNERSHIPS, [("organisation_ids", 1)]),
)


@dataclass(frozen=True)
class Repositories:
    organisations: AggregateStore[OrganisationView]
    partnerships: AggregateStore[PartnershipView]
    grants: AggregateStore[Grant]
    fundings: AggregateStore[Funding]
    rules: AggregateStore[BudgetRules]

    async def grants_of_partnerships(self, ids: Sequence[str]) -> dict[str, list[Grant]]:
        """One query for the grants of any number of partnerships, by case number."""
        found: dict[str, list[Grant]] = defaultdict(list)
        if not ids:
            return {}
        cursor = self.grants.collection.find({"partnership_id": {"$in": list(set(ids))}})
        async for doc in cursor.sort("sort_key", 1):
            grant = self.grants.load(doc)
            found[grant.partnership_id].append(grant)
        return {pid: found.get(pid, []) for pid in ids}

    async def grants_of(self, partnership_id: str) -> list[Grant]:
        return (await self.grants_of_partnerships([partnership_id]))[partnership_id]

    async def bookings_of_workshops(self, ids: Sequence[str]) -> dict[str, Funding]:
        """One query: the funding that booked each workshop (`$in` on the stored id list,
        which every MongoDB and the embedded server answer alike)."""
        if not ids:
            return {}
        wanted = set(ids)
        found: dict[str, Funding] = {}
        async for doc in self.fundings.collection.find({"workshop_ids": {"$in": list(wanted)}}):
            funding = self.fundings.load(doc)
            for booking in funding.bookings:
                if booking.workshop_id in wanted:
                    found[booking.workshop_id] = funding
        return found

    async def rule_versions(self) -> list[BudgetRules]:
        """Every version, the built-in one included, oldest first."""
        stored = [self.rules.load(doc) async for doc in self.rules.collection.find({})]
        return all_versions(stored)

    async def partnerships_of_organisation(self, org: str) -> list[str]:
        cursor = self.partnerships.collection.find({"organisation_ids": {"$in": [org]}}, {"_id": 1})
        return [doc["_id"] async for doc in cursor]


def repositories(db: AsyncDatabase[Document], notifier: OutboxNotifier) -> Repositories:
    return Repositories(
        organisations=AggregateStore(db[org_projection.COLLECTION], OrganisationView, notifier),
        partnerships=AggregateStore(db[PARTNERSHIPS], PartnershipView, notifier),
        grants=AggregateStore(db[GRANTS], Grant, notifier),
        fundings=AggregateStore(db[FUNDINGS], Funding, notifier),
        rules=AggregateStore(db[BUDGET_RULES], BudgetRules, notifier),
    )
