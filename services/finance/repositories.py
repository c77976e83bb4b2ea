"""The finance service's stores over its own database, and the queries over them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from services.common.errors import BadUserInput
from services.common.mongo import Document, IndexSpec
from services.common.store import A, AggregateStore, OutboxNotifier
from services.contracts import organisation_views as org_projection
from services.contracts.organisation_views import OrganisationView
from services.contracts.partnership_views import COLLECTION as PARTNERSHIPS

from .domain.funding import Funding
from .domain.grant import BOOKABLE, Grant, GrantStatus
from .domain.research_grant import GrantKind, ResearchGrant
from .domain.rules import ApplicationType, BudgetRules, all_versions
from .domain.totals import LedgerSum, TotalsGrouping
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

NOT_RESEARCH: Document = {"kind": {"$ne": GrantKind.RESEARCH.value}}
"""The partnership grants: their documents from before grant kinds have no `kind`."""

DEADLINE_FIELDS = ("expenses", "disbursements", "ledger", "audit", "_outbox", "_applied")
"""Not needed to judge deadlines: left out of the query (the grant model defaults them)."""


@dataclass(frozen=True)
class GrantQuery:
    """Which grants a list shows; every part given narrows it."""

    status: GrantStatus | None = None
    partnership_id: str | None = None
    year: int | None = None
    """Grants whose period overlaps this calendar year."""
    country: str | None = None
    """Any organisation's country (ISO 3166-1 alpha-2)."""
    type: ApplicationType | None = None
    kind: GrantKind | None = None
    readable: Sequence[str] | None = None
    """The partnerships whose grants the caller may read (None: every grant)."""
    readable_university: str | None = None
    """With `readable`: the university whose research grants the caller reads as well."""

    def filter(self) -> Document:
        query: Document = {}
        if self.status is not None:
            query["status"] = self.status.value
        if self.partnership_id is not None:
            query["partnership_id"] = self.partnership_id
        if self.year is not None:
            query["starts_on"] = {"$lte": f"{self.year:04d}-12-31"}
            query["ends_on"] = {"$gte": f"{self.year:04d}-01-01"}
        if self.country is not None:
            # `$in` on the array field: the embedded server misses element equality there.
            query["countries"] = {"$in": [self.country]}
        if self.type is not None:
            query["type"] = self.type.value
        if self.kind is GrantKind.RESEARCH:
            query["kind"] = GrantKind.RESEARCH.value
        elif self.kind is GrantKind.PARTNERSHIP:
            query.update(NOT_RESEARCH)
        if self.readable is None or self.readable_university is None:
            return within(query, self.readable)
        research = {"kind": GrantKind.RESEARCH.value, "organisation_id": self.readable_university}
        return {"$or": [within(query, self.readable), {"$and": [query, research]}]}


def within(query: Document, readable: Sequence[str] | None) -> Document:
    """`query` narrowed to the grants of the `readable` partnerships (None: every one)."""
    if readable is None:
        return query
    return {"$and": [query, {"partnership_id": {"$in": list(readable)}}]}


def ledger_pipeline(by: TotalsGrouping, year: int | None) -> list[dict[str, Any]]:
    """Sums of the grants' ledger entries per key and kind, keyed `<key>|<kind>`.

    Flattens with `$project` before `$group` and groups by one string: plain MongoDB that
    the embedded server (which neither reads nested paths in `$group` after an `$unwind`
    nor evaluates compound `_id` documents) answers alike. Themes are keyed by partnership
    (the themes come from the projection), a research grant's by its own id (its themes are
    its own).
    """
    stages: list[dict[str, Any]] = []
    if by is TotalsGrouping.COUNTRY:
        stages.append({"$unwind": "$partner_countries"})
    stages.append({"$unwind": "$ledger"})
    if year is not None:
        stages.append({"$match": {"ledger.year": year}})
    key: Any = {
        TotalsGrouping.COUNTRY: "$partner_countries",
        TotalsGrouping.THEME: {"$ifNull": ["$partnership_id", "$_id"]},
        TotalsGrouping.YEAR: {"$toString": "$ledger.year"},
    }[by]
    stages.append({"$project": {"k": {"$concat": [key, "|", "$ledger.kind"]},
                                "m": "$ledger.minor"}})  # fmt: skip
    stages.append({"$group": {"_id": "$k", "t": {"$sum": "$m"}}})
    return stages


class GrantsOfKind(AggregateStore[A]):
    """The grants of one kind in the collection both kinds share: an id of the other kind
    is refused by name, never misread."""

    def __init__(
        self,
        collection: AsyncCollection[Document],
        model: type[A],
        kind: GrantKind,
        notifier: OutboxNotifier,
    ) -> None:
        super().__init__(collection, model, notifier)
        self.kind = kind

    def load(self, doc: Document) -> A:
        found = kind_of(doc)
        if found is not self.kind:
            raise BadUserInput(
                f"grant {doc['_id']!r} is a {found.value} grant, not a {self.kind.value} one",
                field="id",
                kind=found.value,
            )
        return super().load(doc)


def kind_of(doc: Document) -> GrantKind:
    return GrantKind(doc.get("kind", GrantKind.PARTNERSHIP.value))


@dataclass(frozen=True)
class Repositories:
    organisations: AggregateStore[OrganisationView]
    partnerships: AggregateStore[PartnershipView]
    grants: AggregateStore[Grant]
    fundings: AggregateStore[Funding]
    rules: AggregateStore[BudgetRules]
    research_grants: AggregateStore[ResearchGrant]

    def load_any_grant(self, doc: Document) -> Grant | ResearchGrant:
        if kind_of(doc) is GrantKind.RESEARCH:
            return self.research_grants.load(doc)
        return self.grants.load(doc)

    async def any_grants(self, ids: Sequence[str]) -> dict[str, Grant | ResearchGrant]:
        """One query for grants of either kind."""
        if not ids:
            return {}
        cursor = self.grants.collection.find({"_id": {"$in": list(dict.fromkeys(ids))}})
        return {doc["_id"]: self.load_any_grant(doc) async for doc in cursor}

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

    async def rules_of(self, grant: Grant) -> BudgetRules | None:
        """The version of the budget rules the grant is held to (None: none were in force)."""
        if grant.rules_valid_from is None:
            return None
        for version in await self.rule_versions():
            if version.valid_from == grant.rules_valid_from:
                return version
        return None

    async def partnerships_of_organisation(self, org: str) -> list[str]:
        cursor = self.partnerships.collection.find({"organisation_ids": {"$in": [org]}}, {"_id": 1})
        return [doc["_id"] async for doc in cursor]

    async def themes_of(self, keys: Sequence[str]) -> dict[str, list[str]]:
        """The themes of each partnership the projection knows, and of each research grant
        (the keys of totals by theme)."""
        views = await self.partnerships.get_many(keys)
        themes = {pid: view.themes for pid, view in views.items()}
        rest = [key for key in keys if key not in themes]
        cursor = self.grants.collection.find(
            {"_id": {"$in": rest}, "kind": GrantKind.RESEARCH.value}, {"themes": 1}
        )
        async for doc in cursor:
            themes[doc["_id"]] = list(doc.get("themes", []))
        return themes

    async def grants_owing_reports(
        self,
        as_of: date,
        partnership_ids: Sequence[str] | None,
        readable: Sequence[str] | None,
    ) -> list[Grant]:
        """The grants that can owe a report on `as_of` (agreed, started, reports still
        taken), of `partnership_ids` when given, of the `readable` partnerships; loaded
        without the parts that grow with use (enough for the deadlines, never shown as
        grants)."""
        query: Document = {
            "status": {"$in": sorted(s.value for s in BOOKABLE)},
            "starts_on": {"$lte": as_of.isoformat()},
            **NOT_RESEARCH,
        }
        if partnership_ids is not None:
            query["partnership_id"] = {"$in": list(partnership_ids)}
        cursor = self.grants.collection.find(
            within(query, readable), dict.fromkeys(DEADLINE_FIELDS, 0)
        )
        return [self.grants.load(doc) async for doc in cursor]

    async def ledger_sums(self, by: TotalsGrouping, year: int | None) -> list[LedgerSum]:
        cursor = await self.grants.collection.aggregate(ledger_pipeline(by, year))
        sums = []
        async for doc in cursor:
            key, _, kind = str(doc["_id"]).rpartition("|")
            sums.append(LedgerSum(key=key, kind=kind, minor=int(doc["t"] or 0)))
        return sums


def repositories(db: AsyncDatabase[Document], notifier: OutboxNotifier) -> Repositories:
    return Repositories(
        organisations=AggregateStore(db[org_projection.COLLECTION], OrganisationView, notifier),
        partnerships=AggregateStore(db[PARTNERSHIPS], PartnershipView, notifier),
        grants=GrantsOfKind(db[GRANTS], Grant, GrantKind.PARTNERSHIP, notifier),
        fundings=AggregateStore(db[FUNDINGS], Funding, notifier),
        rules=AggregateStore(db[BUDGET_RULES], BudgetRules, notifier),
        research_grants=GrantsOfKind(db[GRANTS], ResearchGrant, GrantKind.RESEARCH, notifier),
    )
