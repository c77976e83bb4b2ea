"""The networks service's stores over its own database."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from pymongo.asynchronous.database import AsyncDatabase

from services.common.countries import country_code
from services.common.errors import BadUserInput
from services.common.languages import language_code
from services.common.mongo import Document, IndexSpec
from services.common.store import AggregateStore, OutboxNotifier
from services.common.validation import clean_text, search_pattern
from services.common.views import require_known
from services.common.vocabulary import Theme
from services.contracts import organisation_views as org_projection
from services.contracts.partnership_views import COLLECTION as PARTNERSHIPS

from .domain.membership import Membership, MembershipStatus
from .domain.network import Network, NetworkStatus
from .domain.practice import Practice, check_tags
from .projection import RESEARCH_OUTPUTS, OrganisationView, PartnershipView, ResearchOutputView

NETWORKS = "networks"
MEMBERSHIPS = "memberships"
PRACTICES = "practices"

COLLECTIONS = (
    NETWORKS,
    MEMBERSHIPS,
    PRACTICES,
    PARTNERSHIPS,
    org_projection.COLLECTION,
    RESEARCH_OUTPUTS,
)

PRACTICE_TEXT_FIELDS = ("title", "challenge", "solution", "results", "lessons_learned", "tags")

INDEXES = (
    IndexSpec(NETWORKS, [("name", 1)]),
    IndexSpec(NETWORKS, [("theme", 1), ("name", 1)]),
    IndexSpec(NETWORKS, [("countries", 1)]),
    IndexSpec(MEMBERSHIPS, [("network_id", 1), ("status", 1), ("since", 1)]),
    IndexSpec(MEMBERSHIPS, [("partnership_id", 1), ("status", 1)]),
    IndexSpec(PRACTICES, [("sort_key", 1)]),
    IndexSpec(PRACTICES, [("network_id", 1), ("sort_key", 1)]),
    IndexSpec(PRACTICES, [("partnership_id", 1), ("sort_key", 1)]),
    IndexSpec(PRACTICES, [("tags", 1)]),
    IndexSpec(RESEARCH_OUTPUTS, [("network_ids", 1)]),
    # Practices are written in many languages (es, en, sv, ...): no stemming ("none"), and
    # MongoDB must not read the documents' `language` field (ISO 639-1, e.g. "sw") as the
    # text index's language, which it would refuse for unsupported ones: point the override
    # at a field no document has.
    IndexSpec(
        PRACTICES,
        [(field, "text") for field in PRACTICE_TEXT_FIELDS],
        {
            "name": "practice_text",
            "default_language": "none",
            "language_override": "text_language",
        },
    ),
)


@dataclass(frozen=True)
class Repositories:
    organisations: AggregateStore[OrganisationView]
    partnerships: AggregateStore[PartnershipView]
    networks: AggregateStore[Network]
    memberships: AggregateStore[Membership]
    practices: AggregateStore[Practice]
    research_outputs: AggregateStore[ResearchOutputView]

    async def outputs_of_networks(
        self, network_ids: Sequence[str]
    ) -> dict[str, list[ResearchOutputView]]:
        """The research outputs related to each network, newest first, in one query."""
        found: dict[str, list[ResearchOutputView]] = defaultdict(list)
        # `$in`: the embedded server misses element equality on a multikey index.
        query = {"network_ids": {"$in": list(dict.fromkeys(network_ids))}}
        sort = [("published_on", -1), ("_id", 1)]
        async for doc in self.research_outputs.collection.find(query).sort(sort):
            output = self.research_outputs.load(doc)
            for network_id in output.network_ids:
                found[network_id].append(output)
        return {nid: found[nid] for nid in network_ids}

    async def known_partnership(self, partnership_id: str) -> PartnershipView:
        """The partnership as projected here; NOT_FOUND until its events have arrived."""
        view = await self.partnerships.get(partnership_id)
        return require_known(view, "networks", "partnership", partnership_id, "partnershipId")

    async def memberships_of_partnerships(
        self, partnership_ids: Sequence[str]
    ) -> dict[str, list[Membership]]:
        """Every membership (active or past) of each partnership, in one query."""
        found: dict[str, list[Membership]] = defaultdict(list)
        query = {"partnership_id": {"$in": list(dict.fromkeys(partnership_ids))}}
        async for doc in self.memberships.collection.find(query).sort([("since", 1), ("_id", 1)]):
            membership = self.memberships.load(doc)
            found[membership.partnership_id].append(membership)
        return {pid: found[pid] for pid in partnership_ids}

    async def practices_of_partnerships(
        self, partnership_ids: Sequence[str]
    ) -> dict[str, list[Practice]]:
        """Every practice each partnership contributed, newest first, in one query."""
        found: dict[str, list[Practice]] = defaultdict(list)
        query = {"partnership_id": {"$in": list(dict.fromkeys(partnership_ids))}}
        sort = [("sort_key", 1), ("_id", 1)]
        async for doc in self.practices.collection.find(query).sort(sort):
            practice = self.practices.load(doc)
            found[practice.partnership_id].append(practice)
        return {pid: found[pid] for pid in partnership_ids}

    async def memberships_of_network(self, network_id: str) -> list[Membership]:
        cursor = self.memberships.collection.find({"network_id": network_id})
        return [self.memberships.load(doc) async for doc in cursor]

    async def active_memberships(
        self, *, network_id: str | None = None, partnership_id: str | None = None
    ) -> list[Membership]:
        query: Document = {"status": MembershipStatus.ACTIVE.value}
        if network_id is not None:
            query["network_id"] = network_id
        if partnership_id is not None:
            query["partnership_id"] = partnership_id
        cursor = self.memberships.collection.find(query).sort("_id", 1)
        return [self.memberships.load(doc) async for doc in cursor]


def network_query(
    *,
    theme: Theme | None = None,
    country: str | None = None,
    status: NetworkStatus | None = None,
    search: str | None = None,
) -> Document:
    """Networks on `theme`, in `country`, in `status`, with `search` in their name."""
    query: Document = {}
    if theme is not None:
        query["theme"] = theme.value
    if country is not None:
        # `$in`: the embedded server misses element equality on a multikey index.
        query["countries"] = {"$in": [country_code(country, "filter.country")]}
    if status is not None:
        query["status"] = status.value
    if search is not None:
        query["name"] = {"$regex": search_pattern(search, "filter.search"), "$options": "i"}
    return query


def practice_query(
    *,
    network_id: str | None = None,
    partnership_id: str | None = None,
    search: str | None = None,
    tags: Sequence[str] | None = None,
    language: str | None = None,
) -> Document:
    """Practices of a network, of a contributing partnership, matching text, tags, language."""
    query: Document = {}
    if network_id is not None:
        query["network_id"] = network_id
    if partnership_id is not None:
        query["partnership_id"] = partnership_id
    if search is not None:
        # A string, never an operator: `$search` takes words and phrases only.
        query["$text"] = {"$search": clean_text(search, "filter.search", max_length=200)}
    if tags:
        try:
            checked = check_tags(tags)
        except BadUserInput as exc:
            raise BadUserInput(exc.message, field="filter.tags") from exc
        # One `$in` per tag: `$all` and element equality miss on the embedded server's
        # multikey indexes, `$in` means the same on every MongoDB.
        query["$and"] = [{"tags": {"$in": [tag]}} for tag in checked]
    if language is not None:
        query["language"] = language_code(language, "filter.language")
    return query


def repositories(db: AsyncDatabase[Document], notifier: OutboxNotifier) -> Repositories:
    return Repositories(
        organisations=AggregateStore(db[org_projection.COLLECTION], OrganisationView, notifier),
        partnerships=AggregateStore(db[PARTNERSHIPS], PartnershipView, notifier),
        networks=AggregateStore(db[NETWORKS], Network, notifier),
        memberships=AggregateStore(db[MEMBERSHIPS], Membership, notifier),
        practices=AggregateStore(db[PRACTICES], Practice, notifier),
        research_outputs=AggregateStore(db[RESEARCH_OUTPUTS], ResearchOutputView, notifier),
    )
