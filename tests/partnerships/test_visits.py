"""Visits between partners and meeting compliance, through the partnerships subgraph."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from services.common.auth import Role
from services.common.errors import BadUserInput
from services.contracts.partnerships import VISIT_CANCELLED, VISIT_COMPLETED, VISIT_PLANNED
from services.partnerships.commands.visits import completing as complete
from services.partnerships.domain.visit import Visit, VisitStatus, meeting_compliance

from ..support.broker import listening
from ..support.services import RunningService, error_codes
from ..support.writes import assert_refused, snapshot
from .builders import change_status, organisation, partnership, person

VISIT_FIELDS = """
  id partnershipId hostOrganisationId hostCountry startsOn endsOn participantIds purpose
  status version auditTrail { actor action fromStatus toStatus note version }
"""
PLAN = f"""
mutation($input: PlanVisitInput!) {{ planVisit(input: $input) {{ visit {{ {VISIT_FIELDS} }} }} }}"""
UPDATE = f"""
mutation($input: UpdateVisitInput!) {{
  updateVisit(input: $input) {{ visit {{ {VISIT_FIELDS} }} }}
}}"""
COMPLETE = f"""
mutation($input: CompleteVisitInput!) {{
  completeVisit(input: $input) {{ visit {{ {VISIT_FIELDS} }} }}
}}"""
CANCEL = f"""
mutation($input: CancelVisitInput!) {{
  cancelVisit(input: $input) {{ visit {{ {VISIT_FIELDS} }} }}
}}"""
VISIT = """
query($id: ID!) {
  visit(id: $id) {
    id status
    partnership { id title }
    hostOrganisation { id name }
    participants { id organisationId givenName familyName email auditTrail { action } }
  }
}"""
VISITS = """
query($first: Int, $after: String, $filter: VisitFilter) {
  visits(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id startsOn status }
  }
}"""
PARTNERSHIP_VISITS = """
query($id: ID!, $status: VisitStatus, $year: Int) {
  partnership(id: $id) { visits(status: $status, year: $year) { totalCount nodes { id } } }
}"""
COMPLIANCE = """
query($id: ID!, $year: Int!) {
  partnership(id: $id) {
    meetingCompliance(year: $year) {
      year completedVisits hostOrganisationIds compliant reason
    }
  }
}"""


@dataclass
class World:
    """Jönköping (SE) and Stellenbosch (ZA) in partnership; Kibaha (TZ) outside it."""

    service: RunningService
    swedish: str
    partner: str
    outsider: str
    partnership: str
    swede: str
    south_african: str
    south_african_2: str
    stranger: str

    def plan_input(self, **overrides: Any) -> dict[str, Any]:
        return {
            "partnershipId": self.partnership,
            "hostOrganisationId": self.partner,
            "startsOn": "2024-03-04",
            "endsOn": "2024-03-08",
            "participantIds": [self.swede, self.south_african],
            "purpose": "Study visit on municipal gender-equality plans",
            **overrides,
        }

    async def plan(self, **overrides: Any) -> Any:
        data = await self.service.data(PLAN, {"input": self.plan_input(**overrides)})
        return data["planVisit"]["visit"]

    async def complete(self, visit: Any, **auth: Any) -> Any:
        data = await self.service.data(
            COMPLETE, {"input": {"id": visit["id"], "version": visit["version"]}}, **auth
        )
        return data["completeVisit"]["visit"]

    async def cancel(self, visit: Any, note: str = "Flights cancelled", **auth: Any) -> Any:
        data = await self.service.data(
            CANCEL,
            {"input": {"id": visit["id"], "version": visit["version"], "note": note}},
            **auth,
        )
        return data["cancelVisit"]["visit"]

    async def completed(self, host: str, starts_on: str, ends_on: str | None = None) -> Any:
        visit = await self.plan(
            hostOrganisationId=host, startsOn=starts_on, endsOn=ends_on or starts_on
        )
        return await self.complete(visit)

    async def compliance(self, year: int, partnership_id: str | None = None) -> Any:
        data = await self.service.data(
            COMPLIANCE, {"id": partnership_id or self.partnership, "year": year}
        )
        return data["partnership"]["meetingCompliance"]


@pytest.fixture
async def world(partnerships: RunningService) -> World:
    swedish = await organisation(partnerships, "Jönköping", "SE")
    partner = await organisation(partnerships, "Stellenbosch", "ZA", "LOCAL_GOVERNMENT")
    outsider = await organisation(partnerships, "Kibaha", "TZ", "LOCAL_GOVERNMENT")
    created = await partnership(partnerships, swedish, [partner])
    return World(
        service=partnerships,
        swedish=swedish,
        partner=partner,
        outsider=outsider,
        partnership=created["id"],
        swede=await person(partnerships, swedish, given_name="Sven"),
        south_african=await person(partnerships, partner, given_name="Thandi"),
        south_african_2=await person(partnerships, partner, given_name="Sipho"),
        stranger=await person(partnerships, outsider, given_name="Neema"),
    )


def days_from_today(days: int) -> str:
    return (datetime.now(UTC).date() + timedelta(days=days)).isoformat()


# --- planning -----------------------------------------------------------------------------


async def test_plan_records_the_visit_and_publishes_it(world: World) -> None:
    async with listening(world.service, "partnerships.visit.*") as broker:
        visit = await world.plan()
        assert visit["status"] == "PLANNED"
        assert visit["version"] == 1
        assert visit["hostCountry"] == "ZA"
        assert visit["participantIds"] == [world.swede, world.south_african]
        assert visit["auditTrail"] == [
            {
                "actor": "dev-officer",
                "action": "planned",
                "fromStatus": None,
                "toStatus": "planned",
                "note": None,
                "version": 1,
            }
        ]
        stored = (await snapshot(world.service))["visits"]
        assert [(d["_id"], d["_outbox"], d["_pending"]) for d in stored] == [
            (visit["id"], [], False)
        ]
        [event] = await broker.all()
    assert event.type == VISIT_PLANNED.type
    assert event.subject == visit["id"]
    data = VISIT_PLANNED.parse(event)
    assert (data.host_organisation_id, data.host_country, data.status) == (
        world.partner,
        "ZA",
        "planned",
    )
    assert (data.starts_on, data.ends_on) == (date(2024, 3, 4), date(2024, 3, 8))
    assert data.partnership_id == world.partnership
    assert data.participant_ids == [world.swede, world.south_african]


async def test_a_visit_may_last_21_days_and_start_on_the_partnerships_first_day(
    world: World,
) -> None:
    visit = await world.plan(startsOn="2020-01-01", endsOn="2020-01-21")
    assert (visit["startsOn"], visit["endsOn"]) == ("2020-01-01", "2020-01-21")


async def test_a_dormant_partnership_can_plan_visits(world: World) -> None:
    await change_status(world.service, world.partnership, 1, "DORMANT")
    assert (await world.plan())["status"] == "PLANNED"


Overrides = Callable[[World], dict[str, Any]]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        pytest.param(lambda w: {"hostOrganisationId": w.outsider}, "hostOrganisationId", id="host"),
        pytest.param(lambda w: {"hostOrganisationId": "nope"}, "hostOrganisationId", id="no-host"),
        pytest.param(lambda w: {"endsOn": "2024-03-03"}, "endsOn", id="ends-before-start"),
        pytest.param(lambda w: {"endsOn": "2024-03-25"}, "endsOn", id="22-days"),
        pytest.param(
            lambda w: {"startsOn": "2019-12-31", "endsOn": "2020-01-02"},
            "startsOn",
            id="before-partnership",
        ),
        pytest.param(lambda w: {"participantIds": []}, "participantIds", id="no-participants"),
        pytest.param(
            lambda w: {"participantIds": [w.swede, w.south_african, w.swede]},
            "participantIds",
            id="duplicate",
        ),
        pytest.param(
            lambda w: {"participantIds": [w.swede, "nobody"]}, "participantIds", id="unknown"
        ),
        pytest.param(
            lambda w: {"participantIds": [w.swede, w.stranger]}, "participantIds", id="outsider"
        ),
        pytest.param(
            lambda w: {"participantIds": [w.south_african, w.south_african_2]},
            "participantIds",
            id="nobody-travels",
        ),
        pytest.param(
            lambda w: {"participantIds": [w.swede, *(f"p{i}" for i in range(50))]},
            "participantIds",
            id="too-many",
        ),
        pytest.param(lambda w: {"purpose": "   "}, "purpose", id="empty-purpose"),
        pytest.param(lambda w: {"purpose": "$where"}, "purpose", id="operator-purpose"),
        pytest.param(lambda w: {"purpose": "x" * 1001}, "purpose", id="long-purpose"),
    ],
)
async def test_bad_plans_are_refused_and_change_nothing(
    world: World, overrides: Overrides, field: str
) -> None:
    await assert_refused(
        world.service,
        PLAN,
        {"input": world.plan_input(**overrides(world))},
        "BAD_USER_INPUT",
        field,
    )


async def test_a_visit_has_participants(world: World) -> None:
    body = await assert_refused(
        world.service,
        PLAN,
        {"input": world.plan_input(participantIds=[])},
        "BAD_USER_INPUT",
        "participantIds",
    )
    assert "at least one participant" in body["errors"][0]["message"]
    assert "other than the host" not in body["errors"][0]["message"]


async def test_planning_for_an_unknown_partnership_is_not_found(world: World) -> None:
    await assert_refused(
        world.service,
        PLAN,
        {"input": world.plan_input(partnershipId="nope")},
        "NOT_FOUND",
        "partnershipId",
    )


async def test_a_closed_partnership_plans_no_visits(world: World) -> None:
    await change_status(world.service, world.partnership, 1, "CLOSED")
    await assert_refused(
        world.service, PLAN, {"input": world.plan_input()}, "BAD_USER_INPUT", "partnershipId"
    )


@pytest.mark.parametrize("side", ["swedish", "partner"])
async def test_coordinators_of_either_partner_plan_visits(world: World, side: str) -> None:
    org = world.swedish if side == "swedish" else world.partner
    data = await world.service.data(
        PLAN, {"input": world.plan_input()}, role=Role.COORDINATOR, org=org
    )
    assert data["planVisit"]["visit"]["auditTrail"][0]["actor"] == "dev-coordinator"


@pytest.mark.parametrize(
    ("role", "org"),
    [(Role.VIEWER, None), (Role.COORDINATOR, "outsider"), (Role.COORDINATOR, None)],
)
async def test_others_may_not_plan_visits(world: World, role: Role, org: str | None) -> None:
    await assert_refused(
        world.service,
        PLAN,
        {"input": world.plan_input()},
        "FORBIDDEN",
        role=role,
        org=world.outsider if org else None,
    )


async def test_planning_needs_a_token(world: World) -> None:
    await assert_refused(
        world.service, PLAN, {"input": world.plan_input()}, "UNAUTHENTICATED", role=None
    )


# --- updating -----------------------------------------------------------------------------


async def test_update_changes_the_plan_and_publishes_it_again(world: World) -> None:
    visit = await world.plan()
    async with listening(world.service, "partnerships.visit.*") as broker:
        data = await world.service.data(
            UPDATE,
            {
                "input": {
                    "id": visit["id"],
                    "version": 1,
                    "hostOrganisationId": world.swedish,
                    "participantIds": [world.south_african, world.south_african_2],
                    "endsOn": "2024-03-10",
                }
            },
            role=Role.COORDINATOR,
            org=world.partner,
        )
        updated = data["updateVisit"]["visit"]
        await snapshot(world.service)
        [event] = await broker.all()
    assert updated["version"] == 2
    assert (updated["hostOrganisationId"], updated["hostCountry"]) == (world.swedish, "SE")
    assert (updated["startsOn"], updated["endsOn"]) == ("2024-03-04", "2024-03-10")
    assert updated["purpose"] == visit["purpose"]
    assert updated["status"] == "PLANNED"
    assert updated["auditTrail"][-1] == {
        "actor": "dev-coordinator",
        "action": "plan changed",
        "fromStatus": None,
        "toStatus": None,
        "note": "host_organisation_id, ends_on, participant_ids",
        "version": 2,
    }
    assert event.type == VISIT_PLANNED.type
    data_v2 = VISIT_PLANNED.parse(event)
    assert (data_v2.version, data_v2.host_country, data_v2.ends_on) == (2, "SE", date(2024, 3, 10))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        pytest.param({"endsOn": "2024-03-01"}, "endsOn", id="ends-before-existing-start"),
        pytest.param({"startsOn": "2024-02-01"}, "endsOn", id="now-too-long"),
        pytest.param({"purpose": "$set"}, "purpose", id="operator"),
        pytest.param({"participantIds": []}, "participantIds", id="no-participants"),
        pytest.param({"hostOrganisationId": "nope"}, "hostOrganisationId", id="unknown-host"),
    ],
)
async def test_bad_updates_are_refused_and_change_nothing(
    world: World, changes: dict[str, Any], field: str
) -> None:
    visit = await world.plan()
    await assert_refused(
        world.service,
        UPDATE,
        {"input": {"id": visit["id"], "version": 1, **changes}},
        "BAD_USER_INPUT",
        field,
    )


async def test_changing_the_host_checks_that_someone_still_travels(world: World) -> None:
    visit = await world.plan(participantIds=[world.swede])  # hosted by the partner
    await assert_refused(
        world.service,
        UPDATE,
        {"input": {"id": visit["id"], "version": 1, "hostOrganisationId": world.swedish}},
        "BAD_USER_INPUT",
        "participantIds",
    )


async def test_a_stale_update_is_a_conflict(world: World) -> None:
    visit = await world.plan()
    await world.service.data(UPDATE, {"input": {"id": visit["id"], "version": 1, "purpose": "A"}})
    await assert_refused(
        world.service,
        UPDATE,
        {"input": {"id": visit["id"], "version": 1, "purpose": "B"}},
        "CONFLICT",
        "version",
    )


@pytest.mark.parametrize("finish", ["complete", "cancel"])
async def test_only_planned_visits_can_be_updated(world: World, finish: str) -> None:
    visit = await world.plan()
    done = await (world.complete(visit) if finish == "complete" else world.cancel(visit))
    await assert_refused(
        world.service,
        UPDATE,
        # the status is reported first, even when the changes are bad too
        {"input": {"id": visit["id"], "version": done["version"], "endsOn": "2024-01-01"}},
        "BAD_USER_INPUT",
        "status",
    )


async def test_updating_an_unknown_visit_is_not_found(world: World) -> None:
    await assert_refused(
        world.service, UPDATE, {"input": {"id": "nope", "version": 1}}, "NOT_FOUND", "id"
    )


async def test_updates_of_a_closed_partnerships_visit_are_refused(world: World) -> None:
    visit = await world.plan()
    await change_status(world.service, world.partnership, 1, "CLOSED")
    await assert_refused(
        world.service,
        UPDATE,
        {"input": {"id": visit["id"], "version": 1, "purpose": "Later"}},
        "BAD_USER_INPUT",
        "partnershipId",
    )


# --- completing and cancelling ----------------------------------------------------------------


async def test_complete_a_visit_that_took_place(world: World) -> None:
    visit = await world.plan()
    async with listening(world.service, "partnerships.visit.*") as broker:
        done = await world.complete(visit, role=Role.COORDINATOR, org=world.swedish)
        await snapshot(world.service)
        [event] = await broker.all()
    assert (done["status"], done["version"]) == ("COMPLETED", 2)
    assert done["auditTrail"][-1] == {
        "actor": "dev-coordinator",
        "action": "completed",
        "fromStatus": "planned",
        "toStatus": "completed",
        "note": None,
        "version": 2,
    }
    assert event.type == VISIT_COMPLETED.type
    data = VISIT_COMPLETED.parse(event)
    assert (data.id, data.version, data.status, data.host_country) == (
        visit["id"],
        2,
        "completed",
        "ZA",
    )


async def test_a_visit_that_has_not_started_cannot_be_completed(world: World) -> None:
    visit = await world.plan(startsOn=days_from_today(30), endsOn=days_from_today(35))
    await assert_refused(
        world.service,
        COMPLETE,
        {"input": {"id": visit["id"], "version": 1}},
        "BAD_USER_INPUT",
        "startsOn",
    )


def _visit(starts_on: date, status: VisitStatus = VisitStatus.PLANNED, host: str = "za") -> Visit:
    return Visit(
        id=f"v-{host}-{starts_on.isoformat()}-{status.value}",
        version=1,
        partnership_id="p",
        host_organisation_id=host,
        host_country="ZA",
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=2),
        participant_ids=["a"],
        purpose="Workshop",
        status=status,
    )


def test_the_clock_decides_when_a_visit_can_be_completed() -> None:
    visit = _visit(date(2024, 3, 4))
    with pytest.raises(BadUserInput) as refused:
        complete("officer", visit, "ZA", today=date(2024, 3, 3))
    assert refused.value.field == "startsOn"
    change = complete("officer", visit, "ZA", today=date(2024, 3, 4))  # its first day
    [event] = change(visit)
    assert (visit.status, event.type) == (VisitStatus.COMPLETED, VISIT_COMPLETED.type)


@pytest.mark.parametrize("first", ["complete", "cancel"])
@pytest.mark.parametrize("then", ["complete", "cancel"])
async def test_completed_and_cancelled_visits_are_final(
    world: World, first: str, then: str
) -> None:
    visit = await world.plan()
    done = await (world.complete(visit) if first == "complete" else world.cancel(visit))
    query, extra = (COMPLETE, {}) if then == "complete" else (CANCEL, {"note": "Again"})
    body = await assert_refused(
        world.service,
        query,
        {"input": {"id": visit["id"], "version": done["version"], **extra}},
        "BAD_USER_INPUT",
        "status",
    )
    extensions = body["errors"][0]["extensions"]
    assert (extensions["fromStatus"], extensions["toStatus"]) == (
        done["status"].lower(),
        "completed" if then == "complete" else "cancelled",
    )


async def test_cancel_a_planned_visit_with_a_note(world: World) -> None:
    visit = await world.plan(startsOn=days_from_today(30), endsOn=days_from_today(32))
    async with listening(world.service, "partnerships.visit.*") as broker:
        cancelled = await world.cancel(visit, "  Elections moved to that week ")
        await snapshot(world.service)
        [event] = await broker.all()
    assert (cancelled["status"], cancelled["version"]) == ("CANCELLED", 2)
    assert cancelled["auditTrail"][-1]["note"] == "Elections moved to that week"
    assert (cancelled["auditTrail"][-1]["fromStatus"], cancelled["auditTrail"][-1]["toStatus"]) == (
        "planned",
        "cancelled",
    )
    assert event.type == VISIT_CANCELLED.type
    assert VISIT_CANCELLED.parse(event).status == "cancelled"


@pytest.mark.parametrize("note", ["", "   ", "$where"])
async def test_cancelling_needs_a_proper_note(world: World, note: str) -> None:
    visit = await world.plan()
    await assert_refused(
        world.service,
        CANCEL,
        {"input": {"id": visit["id"], "version": 1, "note": note}},
        "BAD_USER_INPUT",
        "note",
    )


@pytest.mark.parametrize("query", [COMPLETE, CANCEL], ids=["complete", "cancel"])
async def test_stale_completion_or_cancellation_is_a_conflict(world: World, query: str) -> None:
    visit = await world.plan()
    await world.service.data(UPDATE, {"input": {"id": visit["id"], "version": 1, "purpose": "A"}})
    await assert_refused(
        world.service,
        query,
        {"input": {"id": visit["id"], "version": 1, "note": "x"}},
        "CONFLICT",
        "version",
    )


@pytest.mark.parametrize("query", [COMPLETE, CANCEL], ids=["complete", "cancel"])
async def test_unknown_visits_are_not_found(world: World, query: str) -> None:
    await assert_refused(
        world.service,
        query,
        {"input": {"id": "nope", "version": 1, "note": "x"}},
        "NOT_FOUND",
        "id",
    )


@pytest.mark.parametrize(
    ("query", "extra"),
    [(UPDATE, {"purpose": "Mine"}), (COMPLETE, {}), (CANCEL, {"note": "Mine"})],
    ids=["update", "complete", "cancel"],
)
@pytest.mark.parametrize(("role", "outsider"), [(Role.VIEWER, False), (Role.COORDINATOR, True)])
async def test_others_may_not_change_visits(
    world: World, query: str, extra: dict[str, str], role: Role, outsider: bool
) -> None:
    visit = await world.plan()
    await assert_refused(
        world.service,
        query,
        {"input": {"id": visit["id"], "version": 1, **extra}},
        "FORBIDDEN",
        role=role,
        org=world.outsider if outsider else None,
    )


async def test_a_closed_partnerships_visits_can_still_be_completed_or_cancelled(
    world: World,
) -> None:
    took_place = await world.plan()
    called_off = await world.plan(startsOn=days_from_today(30), endsOn=days_from_today(32))
    await change_status(world.service, world.partnership, 1, "CLOSED")
    assert (await world.complete(took_place))["status"] == "COMPLETED"
    assert (await world.cancel(called_off))["status"] == "CANCELLED"


# --- reading ------------------------------------------------------------------------------


async def test_participants_personal_data_follows_the_person_rules(world: World) -> None:
    visit = await world.plan()

    async def names(**auth: Any) -> list[Any]:
        data = await world.service.data(VISIT, {"id": visit["id"]}, **auth)
        return [(p["id"], p["givenName"], p["email"]) for p in data["visit"]["participants"]]

    assert await names() == [
        (world.swede, "Sven", "anna@example.org"),
        (world.south_african, "Thandi", "anna@example.org"),
    ]
    assert await names(role=Role.COORDINATOR, org=world.partner) == [
        (world.swede, None, None),
        (world.south_african, "Thandi", "anna@example.org"),
    ]
    assert await names(role=Role.VIEWER) == [
        (world.swede, None, None),
        (world.south_african, None, None),
    ]
    data = await world.service.data(VISIT, {"id": visit["id"]}, role=Role.VIEWER)
    assert data["visit"]["participants"][0]["auditTrail"] is None
    assert data["visit"]["partnership"]["id"] == world.partnership
    assert data["visit"]["hostOrganisation"] == {"id": world.partner, "name": "Stellenbosch"}


async def test_reading_visits_needs_a_token(world: World) -> None:
    body = await world.service.graphql(VISIT, {"id": "x"}, role=None)
    assert error_codes(body) == ["UNAUTHENTICATED"]
    assert (await world.service.data(VISIT, {"id": "x"}))["visit"] is None


async def test_visits_are_listed_by_start_with_filters_and_pages(world: World) -> None:
    other = await partnership(world.service, world.swedish, [world.outsider])
    a = await world.plan(startsOn="2023-11-01", endsOn="2023-11-03")
    b = await world.completed(world.swedish, "2024-02-01")
    c = await world.plan(startsOn="2024-05-01", endsOn="2024-05-02")
    d = await world.service.data(
        PLAN,
        {
            "input": world.plan_input(
                partnershipId=other["id"],
                hostOrganisationId=world.outsider,
                participantIds=[world.swede],
                startsOn="2024-06-01",
                endsOn="2024-06-02",
            )
        },
    )
    d_id = d["planVisit"]["visit"]["id"]

    async def listed(**filter: Any) -> list[str]:
        data = await world.service.data(VISITS, {"filter": filter})
        return [n["id"] for n in data["visits"]["nodes"]]

    assert await listed() == [a["id"], b["id"], c["id"], d_id]
    assert await listed(partnershipId=world.partnership) == [a["id"], b["id"], c["id"]]
    assert await listed(year=2024) == [b["id"], c["id"], d_id]
    assert await listed(status="COMPLETED") == [b["id"]]
    assert await listed(hostOrganisationId=world.partner) == [a["id"], c["id"]]
    assert await listed(partnershipId=world.partnership, year=2024, status="PLANNED") == [c["id"]]

    first = (await world.service.data(VISITS, {"first": 2}))["visits"]
    assert first["totalCount"] == 4
    assert first["pageInfo"]["hasNextPage"]
    rest = await world.service.data(VISITS, {"first": 2, "after": first["pageInfo"]["endCursor"]})
    assert [n["id"] for n in first["nodes"] + rest["visits"]["nodes"]] == [
        a["id"],
        b["id"],
        c["id"],
        d_id,
    ]

    on_partnership = await world.service.data(
        PARTNERSHIP_VISITS, {"id": world.partnership, "status": "PLANNED", "year": 2024}
    )
    assert on_partnership["partnership"]["visits"] == {"totalCount": 1, "nodes": [{"id": c["id"]}]}


@pytest.mark.parametrize("year", [0, 10_000, -1])
async def test_impossible_years_are_bad_input(world: World, year: int) -> None:
    body = await world.service.graphql(VISITS, {"filter": {"year": year}})
    assert error_codes(body) == ["BAD_USER_INPUT"]
    assert body["errors"][0]["extensions"]["field"] == "filter.year"
    body = await world.service.graphql(COMPLIANCE, {"id": world.partnership, "year": year})
    assert error_codes(body) == ["BAD_USER_INPUT"]
    assert body["errors"][0]["extensions"]["field"] == "year"
    body = await world.service.graphql(PARTNERSHIP_VISITS, {"id": world.partnership, "year": year})
    assert error_codes(body) == ["BAD_USER_INPUT"]


async def test_visit_entities_are_resolved_in_one_query(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [(await world.plan(purpose=f"Visit {i}"))["id"] for i in range(4)]
    store = world.service.runtime.repos.visits
    batches: list[list[str]] = []
    real_get_many = store.get_many

    async def counting_get_many(keys: list[str]) -> Any:
        batches.append(list(keys))
        return await real_get_many(keys)

    monkeypatch.setattr(store, "get_many", counting_get_many)
    reps = [{"__typename": "Visit", "id": i} for i in [*ids, "missing", ids[0]]]
    query = "query($r: [_Any!]!) { _entities(representations: $r) { ... on Visit { purpose } } }"
    data = await world.service.data(query, {"r": reps})
    assert [e and e["purpose"] for e in data["_entities"]] == [
        *(f"Visit {i}" for i in range(4)),
        None,
        "Visit 0",
    ]
    assert len(batches) == 1
    assert sorted(batches[0]) == sorted([*ids, "missing"])
    sdl = (await world.service.data("{ _service { sdl } }"))["_service"]["sdl"]
    assert 'type Visit @key(fields: "id")' in sdl


# --- meeting compliance -------------------------------------------------------------------


async def test_no_visits_is_not_compliant(world: World) -> None:
    assert await world.compliance(2024) == {
        "year": 2024,
        "completedVisits": 0,
        "hostOrganisationIds": [],
        "compliant": False,
        "reason": "no completed visit in 2024: partners meet at least twice a year",
    }


async def test_one_visit_is_not_compliant(world: World) -> None:
    await world.completed(world.partner, "2024-03-04")
    result = await world.compliance(2024)
    assert (result["completedVisits"], result["compliant"]) == (1, False)
    assert (
        result["reason"] == "only one completed visit in 2024: partners meet at least twice a year"
    )


async def test_two_visits_to_the_same_host_are_not_compliant(world: World) -> None:
    await world.completed(world.partner, "2024-03-04")
    await world.completed(world.partner, "2024-10-07")
    result = await world.compliance(2024)
    assert result["completedVisits"] == 2
    assert result["hostOrganisationIds"] == [world.partner]
    assert not result["compliant"]
    assert result["reason"] == (
        "every completed visit in 2024 was hosted by Stellenbosch: "
        "partners meet by visiting each other"
    )


async def test_two_visits_hosted_by_each_partner_are_compliant(world: World) -> None:
    await world.completed(world.swedish, "2024-09-02")
    await world.completed(world.partner, "2024-03-04")
    assert await world.compliance(2024) == {
        "year": 2024,
        "completedVisits": 2,
        "hostOrganisationIds": [world.partner, world.swedish],
        "compliant": True,
        "reason": None,
    }


async def test_planned_and_cancelled_visits_do_not_count(world: World) -> None:
    await world.completed(world.partner, "2024-03-04")
    await world.plan(hostOrganisationId=world.swedish, startsOn="2024-09-02", endsOn="2024-09-06")
    called_off = await world.plan(
        hostOrganisationId=world.swedish, startsOn="2024-10-01", endsOn="2024-10-03"
    )
    await world.cancel(called_off)
    result = await world.compliance(2024)
    assert (result["completedVisits"], result["hostOrganisationIds"], result["compliant"]) == (
        1,
        [world.partner],
        False,
    )


async def test_visits_count_in_the_year_they_start(world: World) -> None:
    await world.completed(world.partner, "2023-06-05")
    await world.completed(world.swedish, "2023-12-29", "2024-01-04")
    await world.completed(world.swedish, "2024-05-06")
    assert (await world.compliance(2023))["compliant"]
    result_2024 = await world.compliance(2024)
    assert (result_2024["completedVisits"], result_2024["compliant"]) == (1, False)
    assert (await world.compliance(2025))["completedVisits"] == 0


async def test_compliance_of_many_partnerships_in_one_request(world: World) -> None:
    other = await partnership(world.service, world.swedish, [world.outsider], title="Kibaha")
    await world.completed(world.swedish, "2024-03-04")
    await world.completed(world.partner, "2024-09-02")
    await world.service.data(
        PLAN,
        {
            "input": world.plan_input(
                partnershipId=other["id"],
                hostOrganisationId=world.outsider,
                participantIds=[world.swede],
            )
        },
    )
    query = """
    { partnerships(first: 10) { nodes { id
        now: meetingCompliance(year: 2024) { completedVisits compliant }
        before: meetingCompliance(year: 2023) { completedVisits }
    } } }"""
    nodes = (await world.service.data(query))["partnerships"]["nodes"]
    by_id = {n["id"]: n for n in nodes}
    assert by_id[world.partnership]["now"] == {"completedVisits": 2, "compliant": True}
    assert by_id[other["id"]]["now"] == {"completedVisits": 0, "compliant": False}
    assert by_id[world.partnership]["before"] == {"completedVisits": 0}


def test_compliance_rule_counts_only_completed_visits_of_the_year() -> None:
    visits = [
        _visit(date(2024, 3, 4), VisitStatus.COMPLETED, "za"),
        _visit(date(2024, 9, 2), VisitStatus.CANCELLED, "se"),
        _visit(date(2024, 10, 2), VisitStatus.PLANNED, "se"),
        _visit(date(2023, 10, 2), VisitStatus.COMPLETED, "se"),
    ]
    assert not meeting_compliance(2024, visits, {}).compliant
    visits.append(_visit(date(2024, 11, 4), VisitStatus.COMPLETED, "se"))
    result = meeting_compliance(2024, visits, {})
    assert (result.compliant, result.completed_visits, result.host_organisation_ids) == (
        True,
        2,
        ["za", "se"],
    )
