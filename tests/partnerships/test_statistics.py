"""Programme figures for the dashboards: exact over every partnership the caller may see, and
equal to what the lists and the per-partnership fields say."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from services.common.auth import Role

from ..support.services import RunningService
from ..support.writes import assert_refused
from .applying import pinned
from .builders import change_status, organisation, partnership, person

TODAY = date(2024, 11, 20)
"""The service clock: visits of 2024 have taken place, and 2024 is the default year."""

STATS = """
query($filter: PartnershipFilter, $year: Int) {
  partnershipStatistics(filter: $filter) {
    total
    byStatus { key count } byCountry { key count } byTheme { key count }
    steeringGroupIncomplete meetingsBelowRule(year: $year)
  }
}"""
THIS_YEAR = """
query { partnershipStatistics { meetingsBelowRule } }"""
LIST = """
query($filter: PartnershipFilter, $year: Int!) {
  partnerships(first: 100, filter: $filter) {
    totalCount
    nodes { id status steeringGroupGaps meetingCompliance(year: $year) { compliant } }
  }
}"""
STEERING = """
mutation($input: SetSteeringGroupInput!) {
  setSteeringGroup(input: $input) { partnership { id } }
}"""
PLAN = """
mutation($input: PlanVisitInput!) { planVisit(input: $input) { visit { id version } } }"""
COMPLETE = """
mutation($input: CompleteVisitInput!) { completeVisit(input: $input) { visit { id } } }"""


@pytest.fixture(autouse=True)
def today() -> Iterator[date]:
    with pinned(TODAY) as day:
        yield day


@dataclass
class Programme:
    """Five partnerships (A–C active, D dormant, E closed):

    A Jönköping – Stellenbosch, Cape Town (ZA twice): gender equality, youth; complete
      steering group; met twice in 2024, hosted by both sides.
    B Jönköping – Kibaha (TZ): climate; no steering group; met once in 2024.
    C Robertsfors – Machakos (KE): gender equality; complete steering group; met twice in
      2024, both times in Machakos.
    D Robertsfors – Kibaha (TZ): inclusion; dormant.
    E Robertsfors – Stellenbosch (ZA): gender equality; closed.
    """

    service: RunningService
    jonkoping: str
    robertsfors: str
    stellenbosch: str
    machakos: str
    ids: dict[str, str]

    async def stats(self, variables: dict[str, Any] | None = None, **auth: Any) -> Any:
        return (await self.service.data(STATS, variables or {}, **auth))["partnershipStatistics"]

    async def listed(self, filter: dict[str, Any] | None = None, year: int = 2024) -> Any:
        data = await self.service.data(LIST, {"filter": filter, "year": year})
        return data["partnerships"]


async def full_steering_group(service: RunningService, p: Any) -> None:
    members = []
    for org in [p["swedishPartnerId"], *p["partnerIds"]]:
        members += [
            await person(service, org, role="POLITICIAN", side="MAJORITY"),
            await person(service, org, role="POLITICIAN", side="OPPOSITION"),
            await person(service, org, role="CIVIL_SERVANT", senior=True),
        ]
    variables = {"input": {"partnershipId": p["id"], "version": p["version"], "personIds": members}}
    await service.data(STEERING, variables)


async def completed_visit(
    service: RunningService, p: Any, host: str, starts_on: str, participants: list[str]
) -> None:
    plan = {
        "partnershipId": p["id"],
        "hostOrganisationId": host,
        "startsOn": starts_on,
        "endsOn": starts_on,
        "participantIds": participants,
        "purpose": "Steering group meeting",
    }
    visit = (await service.data(PLAN, {"input": plan}))["planVisit"]["visit"]
    await service.data(COMPLETE, {"input": {"id": visit["id"], "version": visit["version"]}})


@pytest.fixture
async def programme(partnerships: RunningService) -> Programme:
    s = partnerships
    jonkoping = await organisation(s, "Jönköping", "SE")
    robertsfors = await organisation(s, "Robertsfors", "SE")
    stellenbosch = await organisation(s, "Stellenbosch", "ZA", "LOCAL_GOVERNMENT")
    cape_town = await organisation(s, "Cape Town", "ZA", "LOCAL_GOVERNMENT")
    kibaha = await organisation(s, "Kibaha", "TZ", "LOCAL_GOVERNMENT")
    machakos = await organisation(s, "Machakos", "KE", "LOCAL_GOVERNMENT")

    a = await partnership(
        s, jonkoping, [stellenbosch, cape_town], title="A", themes=["GENDER_EQUALITY", "YOUTH"]
    )
    b = await partnership(s, jonkoping, [kibaha], title="B", themes=["CLIMATE_ACTION"])
    c = await partnership(s, robertsfors, [machakos], title="C", themes=["GENDER_EQUALITY"])
    d = await partnership(s, robertsfors, [kibaha], title="D", themes=["INCLUSION"])
    e = await partnership(s, robertsfors, [stellenbosch], title="E", themes=["GENDER_EQUALITY"])
    await change_status(s, d["id"], 1, "DORMANT")
    await change_status(s, e["id"], 1, "CLOSED")
    await full_steering_group(s, a)
    await full_steering_group(s, c)

    swede, south_african = await person(s, jonkoping), await person(s, stellenbosch)
    await completed_visit(s, a, stellenbosch, "2024-03-04", [swede, south_african])
    await completed_visit(s, a, jonkoping, "2024-09-09", [swede, south_african])
    await completed_visit(s, b, kibaha, "2024-05-06", [swede, await person(s, kibaha)])
    other_swede, kenyan = await person(s, robertsfors), await person(s, machakos)
    await completed_visit(s, c, machakos, "2024-02-05", [other_swede, kenyan])
    await completed_visit(s, c, machakos, "2024-10-07", [other_swede, kenyan])
    return Programme(
        service=s,
        jonkoping=jonkoping,
        robertsfors=robertsfors,
        stellenbosch=stellenbosch,
        machakos=machakos,
        ids={"A": a["id"], "B": b["id"], "C": c["id"], "D": d["id"], "E": e["id"]},
    )


def counts(rows: list[dict[str, Any]]) -> list[tuple[str, int]]:
    return [(r["key"], r["count"]) for r in rows]


async def test_counts_over_the_whole_programme(programme: Programme) -> None:
    stats = await programme.stats({"year": 2024})
    assert stats["total"] == 5
    assert counts(stats["byStatus"]) == [("ACTIVE", 3), ("CLOSED", 1), ("DORMANT", 1)]
    # A counts once under ZA although two of its partners are South African; Sweden, every
    # partnership's, is left out.
    assert counts(stats["byCountry"]) == [("TZ", 2), ("ZA", 2), ("KE", 1)]
    assert counts(stats["byTheme"]) == [
        ("GENDER_EQUALITY", 3),
        ("CLIMATE_ACTION", 1),
        ("INCLUSION", 1),
        ("YOUTH", 1),
    ]
    assert stats["steeringGroupIncomplete"] == 1  # B (D has none either, but is dormant)
    assert stats["meetingsBelowRule"] == 2  # B met once, C only ever in Machakos
    assert (await programme.stats({"year": 2023}))["meetingsBelowRule"] == 3
    this_year = await programme.service.data(THIS_YEAR)
    assert this_year["partnershipStatistics"]["meetingsBelowRule"] == 2  # 2024: the clock's


async def test_counts_equal_what_the_lists_say(programme: Programme) -> None:
    stats = await programme.stats({"year": 2024})
    assert (await programme.listed())["totalCount"] == stats["total"]
    for grouping, filter_field in [
        ("byStatus", "status"),
        ("byCountry", "country"),
        ("byTheme", "theme"),
    ]:
        for row in stats[grouping]:
            listed = await programme.listed({filter_field: row["key"]})
            assert listed["totalCount"] == row["count"], (grouping, row)

    active = [p for p in (await programme.listed())["nodes"] if p["status"] == "ACTIVE"]
    assert stats["steeringGroupIncomplete"] == sum(1 for p in active if p["steeringGroupGaps"])
    below = [p for p in active if not p["meetingCompliance"]["compliant"]]
    assert stats["meetingsBelowRule"] == len(below)
    assert sorted(p["id"] for p in below) == sorted([programme.ids["B"], programme.ids["C"]])


async def test_a_filter_narrows_every_count(programme: Programme) -> None:
    gender = {"theme": "GENDER_EQUALITY"}
    stats = await programme.stats({"filter": gender, "year": 2024})
    assert stats["total"] == 3 == (await programme.listed(gender))["totalCount"]
    assert counts(stats["byStatus"]) == [("ACTIVE", 2), ("CLOSED", 1)]
    assert counts(stats["byCountry"]) == [("ZA", 2), ("KE", 1)]
    assert (stats["steeringGroupIncomplete"], stats["meetingsBelowRule"]) == (0, 1)

    nothing = await programme.stats({"filter": {"search": "no such title"}})
    assert nothing == {
        "total": 0,
        "byStatus": [],
        "byCountry": [],
        "byTheme": [],
        "steeringGroupIncomplete": 0,
        "meetingsBelowRule": 0,
    }


async def test_a_coordinator_counts_only_their_organisations_partnerships(
    programme: Programme,
) -> None:
    jonkoping = {"role": Role.COORDINATOR, "org": programme.jonkoping}
    stats = await programme.stats({"year": 2024}, **jonkoping)
    own = await programme.listed({"organisationId": programme.jonkoping})
    assert stats["total"] == own["totalCount"] == 2  # A and B
    assert counts(stats["byStatus"]) == [("ACTIVE", 2)]
    assert counts(stats["byCountry"]) == [("TZ", 1), ("ZA", 1)]
    assert (stats["steeringGroupIncomplete"], stats["meetingsBelowRule"]) == (1, 1)

    # A partner abroad: A and E.
    stellenbosch = {"role": Role.COORDINATOR, "org": programme.stellenbosch}
    abroad = await programme.stats({"year": 2024}, **stellenbosch)
    assert abroad["total"] == 2
    assert counts(abroad["byStatus"]) == [("ACTIVE", 1), ("CLOSED", 1)]
    assert (abroad["steeringGroupIncomplete"], abroad["meetingsBelowRule"]) == (0, 0)

    # Another organisation's partnerships by filter: none of them.
    theirs = {"filter": {"organisationId": programme.robertsfors}, "year": 2024}
    assert (await programme.stats(theirs, **jonkoping))["total"] == 0
    assert (await programme.stats(theirs))["total"] == 3

    # A coordinator without an organisation sees no figures; viewers see the programme's.
    assert (await programme.stats(role=Role.COORDINATOR))["total"] == 0
    assert await programme.stats({"year": 2024}, role=Role.VIEWER) == await programme.stats(
        {"year": 2024}
    )


@pytest.mark.parametrize(
    ("variables", "field"),
    [
        ({"year": 0}, "year"),
        ({"year": 10_000}, "year"),
        ({"filter": {"country": "Atlantis"}}, "filter.country"),
    ],
)
async def test_bad_input_is_refused(
    programme: Programme, variables: dict[str, Any], field: str
) -> None:
    await assert_refused(programme.service, STATS, variables, "BAD_USER_INPUT", field)


async def test_figures_need_a_signed_in_caller(programme: Programme) -> None:
    await assert_refused(programme.service, STATS, {}, "UNAUTHENTICATED", role=None)
