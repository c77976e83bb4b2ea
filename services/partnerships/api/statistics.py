"""Counts over the whole programme for the dashboards (not a page of a list).

`partnershipStatistics` counts the partnerships a `PartnershipFilter` selects, narrowed to
what the caller may see figures of: staff and viewers the whole programme, a coordinator the
partnerships their organisation takes part in (the list `partnerships` shows every caller
every partnership; its `filter.organisationId` gives a coordinator the same selection).

- `total`, `byStatus`, `byCountry`, `byTheme`: one `$facet` aggregation, each grouping a
  `$group` on one top-level field (plain MongoDB, answered alike by the embedded server).
- `steeringGroupIncomplete`, `meetingsBelowRule(year)`: the active partnerships among them
  (one query, loaded once per request however many of these fields are asked for), their
  members (one query) or completed visits of the year (one query per year), judged by the
  same domain rules and loaders as `Partnership.steeringGroupGaps` and
  `Partnership.meetingCompliance`, so the counts and the per-partnership fields agree.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Annotated, Any

import strawberry

from services.common.auth import Principal
from services.common.mongo import Document
from services.common.vocabulary import Theme

from ..domain.partnership import Partnership, PartnershipStatus, steering_group_gaps
from ..domain.visit import check_year, meeting_compliance
from ..repositories import Repositories
from .context import PartnershipsInfo, caller, partnerships_of, reads_everything, repos, today
from .partnerships import PartnershipFilter, partnership_query
from .people import person_loader
from .visits import completed_visits_loader, compliance_key

SWEDEN = "SE"
"""Every partnership's Swedish partner: left out of `byCountry`, which counts countries abroad."""

SUMMARY_FIELDS = ("audit", "_outbox", "_applied")
"""Left out when loading partnerships only to judge them (the audit trail grows)."""


@strawberry.type(name="KeyCount", description="How many partnerships fall under one key")
class KeyCountType:
    key: str
    count: int


def _ranked(counts: Iterable[tuple[str, int]]) -> list[KeyCountType]:
    """Most first, then by key."""
    return [
        KeyCountType(key=key, count=count)
        for key, count in sorted(counts, key=lambda row: (-row[1], row[0]))
    ]


def facet_pipeline(query: Document) -> list[Document]:
    def by(field: str) -> Document:
        return {"$group": {"_id": field, "n": {"$sum": 1}}}

    return [
        {"$match": query},
        {
            "$facet": {
                "total": [{"$count": "n"}],
                "status": [by("$status")],
                "theme": [{"$unwind": "$themes"}, by("$themes")],
                # Once per partnership and country: two partners may share a country.
                "country": [
                    {"$project": {"c": {"$setUnion": ["$countries", []]}}},
                    {"$unwind": "$c"},
                    {"$match": {"c": {"$ne": SWEDEN}}},
                    by("$c"),
                ],
            }
        },
    ]


def _rows(facet: Document, name: str) -> list[tuple[str, int]]:
    return [(str(row["_id"]), int(row["n"])) for row in facet.get(name, [])]


@dataclass
class _Selection:
    """The partnerships counted, and their active ones loaded once when first needed."""

    stores: Repositories
    query: Document
    _active: asyncio.Future[list[Partnership]] | None = field(default=None)

    async def active(self) -> list[Partnership]:
        if self._active is None:
            self._active = asyncio.ensure_future(self._load_active())
        return await self._active

    async def _load_active(self) -> list[Partnership]:
        store = self.stores.partnerships
        query = {"$and": [self.query, {"status": PartnershipStatus.ACTIVE.value}]}
        cursor = store.collection.find(query, dict.fromkeys(SUMMARY_FIELDS, 0))
        return [store.load(doc) async for doc in cursor]


async def _steering_group_incomplete(
    root: PartnershipStatisticsType, info: PartnershipsInfo
) -> int:
    active = await root.selection.active()
    ids = [m.person_id for p in active for m in p.steering_group]
    found = await person_loader(info).load_many(ids)
    people = {p.id: p for p in found if p is not None}
    return sum(1 for p in active if steering_group_gaps(p, people))


async def _meetings_below_rule(
    root: PartnershipStatisticsType, info: PartnershipsInfo, year: int | None = None
) -> int:
    counted_year = today().year if year is None else check_year(year)
    active = await root.selection.active()
    loader = completed_visits_loader(info)
    found = await loader.load_many([compliance_key(counted_year, p.id) for p in active])
    return sum(
        1 for visits in found if not meeting_compliance(counted_year, visits or [], {}).compliant
    )


@strawberry.type(
    name="PartnershipStatistics",
    description="Partnerships counted over the whole programme, as far as the caller may see",
)
class PartnershipStatisticsType:
    selection: strawberry.Private[_Selection]
    total: int
    by_status: list[KeyCountType] = strawberry.field(
        description="Per status (keys as PartnershipStatus), most first"
    )
    by_country: list[KeyCountType] = strawberry.field(
        description="Per country abroad (ISO 3166-1 alpha-2), a partnership once under each of"
        " its partners' countries (so the counts can add up to more than total), most first"
    )
    by_theme: list[KeyCountType] = strawberry.field(
        description="Per theme (keys as Theme), a partnership under each of its themes, most first"
    )
    steering_group_incomplete: int = strawberry.field(
        resolver=_steering_group_incomplete,
        description="Active partnerships whose steering group has gaps (steeringGroupGaps)",
    )
    meetings_below_rule: int = strawberry.field(
        resolver=_meetings_below_rule,
        description="Active partnerships whose partners have not met as the rule asks in the year"
        " (meetingCompliance(year) not compliant: fewer than two completed visits, or all hosted"
        " by one partner); the year defaults to the current one",
    )


def _enum_name(enum: Any, value: str) -> str:
    """The GraphQL name of a stored enum value (what filters take), e.g. active → ACTIVE."""
    name: str = enum(value).name
    return name


def _scoped(principal: Principal, query: Document) -> Document:
    if reads_everything(principal):
        return query
    return {"$and": [query, partnerships_of(principal)]}


async def _partnership_statistics(
    info: PartnershipsInfo,
    filter: Annotated[PartnershipFilter | None, strawberry.argument(name="filter")] = None,
) -> PartnershipStatisticsType:
    principal = caller(info)
    query = _scoped(principal, partnership_query(filter))
    stores = repos(info)
    cursor = await stores.partnerships.collection.aggregate(facet_pipeline(query))
    facets = await cursor.to_list()
    facet: Document = facets[0] if facets else {}
    total = facet.get("total") or [{"n": 0}]  # `$count` of nothing is no document
    return PartnershipStatisticsType(
        selection=_Selection(stores, query),
        total=int(total[0]["n"]),
        by_status=_ranked(
            (_enum_name(PartnershipStatus, key), n) for key, n in _rows(facet, "status")
        ),
        by_country=_ranked(_rows(facet, "country")),
        by_theme=_ranked((_enum_name(Theme, key), n) for key, n in _rows(facet, "theme")),
    )


@strawberry.type
class StatisticsQueries:
    partnership_statistics: PartnershipStatisticsType = strawberry.field(
        resolver=_partnership_statistics,
        description="Partnerships by status, country and theme, and the active ones with an"
        " incomplete steering group or too few meetings: exact over the whole programme for"
        " staff and viewers, over their organisation's partnerships for a coordinator",
    )
