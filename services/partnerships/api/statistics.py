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

from collections.abc import Iterable
from typing import Annotated, Any

import strawberry

from services.common.mongo import Document
from services.common.vocabulary import Theme

from ..domain.partnership import PartnershipStatus
from .context import ActivePartnerships, PartnershipsInfo, caller, repos, scoped_partnerships
from .inputs import PartnershipFilter
from .partnerships import partnership_query
from .types import KeyCountType, PartnershipStatisticsType

SWEDEN = "SE"
"""Every partnership's Swedish partner: left out of `byCountry`, which counts countries abroad."""


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


def _enum_name(enum: Any, value: str) -> str:
    """The GraphQL name of a stored enum value (what filters take), e.g. active → ACTIVE."""
    name: str = enum(value).name
    return name


async def _partnership_statistics(
    info: PartnershipsInfo,
    filter: Annotated[PartnershipFilter | None, strawberry.argument(name="filter")] = None,
) -> PartnershipStatisticsType:
    query = scoped_partnerships(caller(info), partnership_query(filter))
    stores = repos(info)
    cursor = await stores.partnerships.collection.aggregate(facet_pipeline(query))
    facets = await cursor.to_list()
    facet: Document = facets[0] if facets else {}
    total = facet.get("total") or [{"n": 0}]  # `$count` of nothing is no document
    return PartnershipStatisticsType(
        selection=ActivePartnerships(stores, query),
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
