"""Grants: opened from approvals (exactly once), agreed, revised within the caps, moved
through their IATI statuses, finalised when the partnership closes, listed and federated."""

from __future__ import annotations

from datetime import date
from typing import Any

from services.common.auth import Role
from services.contracts.finance import GRANT_OPENED, GRANT_REVISED, GRANT_STATUS_CHANGED
from services.contracts.partnerships import (
    APPLICATION_DECIDED,
    PARTNERSHIP_CLOSED,
    PARTNERSHIP_STATUS_CHANGED,
    PartnershipStatusChangedV1,
)
from services.finance.domain.grant import grant_id_for

from ..support.broker import listening
from ..support.writes import snapshot
from .builders import (
    AGREE,
    CHANGE_STATUS,
    GRANT,
    GRANTS,
    REVISE,
    Partnership,
    World,
    consumed,
    coordinator,
)
from .queries import QUERY_LOG


def lines(*entries: tuple[int, str, str]) -> list[dict[str, Any]]:
    return [
        {"year": y, "category": c.upper(), "amount": {"amount": a, "currency": "SEK"}}
        for y, c, a in entries
    ]


def revision(
    grant: dict[str, Any], *entries: tuple[int, str, str], note: str = "Re-planned"
) -> dict[str, Any]:
    return {
        "input": {
            "id": grant["id"],
            "version": grant["version"],
            "lines": lines(*entries),
            "note": note,
        }
    }


async def close_partnership(world: World, partnership: Partnership) -> None:
    """Closes it as partnerships does: the status change, then the closing snapshot."""
    partnership.version += 1
    from_status, partnership.status = partnership.status, "closed"
    changed = PartnershipStatusChangedV1(
        id=partnership.id,
        version=partnership.version,
        from_status=from_status,
        to_status="closed",
        note=None,
    )
    await world.publish(PARTNERSHIP_STATUS_CHANGED.new(partnership.id, changed))
    await world.publish(PARTNERSHIP_CLOSED.new(partnership.id, partnership.snapshot()))


# --- opened from the decision -------------------------------------------------------------


async def test_an_approved_application_opens_its_grant_with_the_approved_budget(
    world: World,
) -> None:
    partnership = await world.partnership(("SE", "TZ"))
    decision = world.decision(partnership)
    async with listening(world.service, "finance.grant.*") as events:
        await world.publish(decision)
        grant = await world.grant_of(decision.subject)
        [opened] = await events.events(1)
    assert grant["id"] == grant_id_for(decision.subject)
    assert (grant["applicationId"], grant["partnershipId"]) == (decision.subject, partnership.id)
    assert (grant["application"], grant["partnership"]) == (
        {"id": decision.subject},
        {"id": partnership.id},
    )
    assert (grant["status"], grant["iatiActivityStatus"], grant["version"]) == ("PIPELINE", 1, 1)
    assert (grant["type"], grant["region"], grant["partnershipKind"]) == (
        "PROJECT",
        "AFRICA_ASIA",
        "bilateral",
    )
    assert (grant["decidedOn"], grant["startsOn"], grant["endsOn"], grant["years"]) == (
        "2024-01-15",
        "2024-01-15",
        "2026-01-14",
        2,
    )
    assert grant["approvedAmount"] == {"amount": "460000.00", "currency": "SEK"}
    assert grant["originalAmount"] == grant["approvedAmount"]
    assert grant["budget"]["number"] == 1
    assert (grant["budget"]["type"], grant["budget"]["iatiBudgetType"]) == ("ORIGINAL", 1)
    assert [
        (x["year"], x["category"], x["amount"]["amount"]) for x in grant["budget"]["lines"]
    ] == [
        (1, "INTERNATIONAL_TRAVEL", "120000.00"),
        (1, "ACCOMMODATION", "45000.00"),
        (1, "MEALS", "15000.00"),
        (1, "WORKING_HOURS", "150000.00"),
        (2, "INTERNATIONAL_TRAVEL", "110000.00"),
        (2, "INTERPRETATION", "20000.00"),
    ]
    assert (grant["budgetBreaches"], grant["rulesValidFrom"]) == ([], "2008-01-01")
    assert opened.type == GRANT_OPENED.type
    data = GRANT_OPENED.parse(opened)
    assert (data.approved_minor, data.iati_activity_status, data.case_number) == (
        46_000_000,
        1,
        grant["caseNumber"],
    )


async def test_a_decision_delivered_twice_opens_one_grant_once(world: World) -> None:
    partnership = await world.partnership()
    decision = world.decision(partnership)
    async with listening(world.service, "finance.grant.*") as events:
        before = consumed(APPLICATION_DECIDED.type)
        await world.publish(decision)
        await world.publish(decision)  # the same event id: a redelivery
        await world.handled(APPLICATION_DECIDED.type, before, 2)
        once = await snapshot(world.service)
        # Another event about the same decision (a new id): the grant id is the same.
        again = decision.model_copy(update={"id": "another-event-id"})
        await world.publish(again)
        await world.handled(APPLICATION_DECIDED.type, before, 3)
        assert await snapshot(world.service) == once
        published = await events.all()
    [grant] = once["grants"]
    assert (grant["version"], grant["_applied"]) == (1, [decision.id])
    assert [e.type for e in published] == [GRANT_OPENED.type]


async def test_a_rejected_application_opens_no_grant(world: World) -> None:
    partnership = await world.partnership()
    before = consumed(APPLICATION_DECIDED.type)
    rejected = world.decision(partnership, outcome="rejected")
    await world.publish(rejected)
    await world.handled(APPLICATION_DECIDED.type, before)
    assert (await world.data(GRANT, {"id": grant_id_for(rejected.subject)}))["grant"] is None
    assert (await snapshot(world.service))["grants"] == []


async def test_an_approval_with_conditions_opens_a_grant_with_them(world: World) -> None:
    grant = await world.opened_grant(outcome="approved_with_conditions")
    assert grant["conditions"] == "Report twice a year"


async def test_a_decided_budget_above_the_cap_waits_in_the_pipeline_for_a_revision(
    world: World,
) -> None:
    """Europe, two partners: a project is capped at 450 000 SEK a year."""
    serbia = await world.partnership(("SE", "RS"))
    grant = await world.opened_grant(
        serbia,
        lines=((1, "international_travel", "300000.00"), (1, "working_hours", "150000.01")),
        duration_months=12,
    )
    assert grant["region"] == "EUROPE"
    assert grant["budgetBreaches"] == [
        "the budget in year 1 is 450000.01 SEK, above the cap of 450000.00 SEK for a project"
        " grant (europe, two_partners)"
    ]
    agree = {"input": {"id": grant["id"], "version": 1, "startsOn": "2024-02-01"}}
    await world.assert_refused(AGREE, agree, "BAD_USER_INPUT", "budget")
    over = revision(grant, (1, "international_travel", "300000.01"), (1, "working_hours", "150000"))
    body = await world.assert_refused(REVISE, over, "BAD_USER_INPUT", "lines")
    assert body["errors"][0]["extensions"] == {
        "code": "BAD_USER_INPUT",
        "field": "lines",
        "cap": "450000.00",
        "total": "450000.01",
        "year": 1,
    }
    async with listening(world.service, "finance.grant.revised") as events:
        revised = (
            await world.data(
                REVISE,
                revision(
                    grant, (1, "international_travel", "300000"), (1, "working_hours", "150000")
                ),
            )
        )["reviseGrantBudget"]["grant"]
        [event] = await events.events(1)
    assert (revised["budgetBreaches"], revised["version"]) == ([], 2)
    assert (revised["budget"]["number"], revised["budget"]["type"]) == (2, "REVISED")
    assert revised["budget"]["iatiBudgetType"] == 2
    assert revised["approvedAmount"]["amount"] == "450000.00"
    assert revised["originalAmount"]["amount"] == "450000.01"
    assert event.type == GRANT_REVISED.type
    assert GRANT_REVISED.parse(event).approved_minor == 45_000_000
    agreed = await world.agree(revised, "2024-02-01")
    assert (agreed["status"], agreed["startsOn"], agreed["endsOn"]) == (
        "IMPLEMENTATION",
        "2024-02-01",
        "2025-01-31",
    )


async def test_a_revision_is_held_to_the_rules_of_the_grant(world: World) -> None:
    grant = await world.opened_grant()  # a two-year project in Tanzania
    cases = [
        (revision(grant, (3, "meals", "100")), "lines[0].year"),
        (revision(grant, (1, "meals", "100"), (1, "meals", "200")), "lines[1].category"),
        (revision(grant, (1, "meals", "0")), "lines[0].amount"),
        (revision(grant, (1, "meals", "10.005")), "lines[0].amount"),
        (revision(grant, (1, "meals", "500000.01")), "lines"),
        (revision(grant, (1, "meals", "100"), note=" "), "note"),
        (revision(grant), "lines"),
    ]
    for variables, field in cases:
        await world.assert_refused(REVISE, variables, "BAD_USER_INPUT", field)
    eur = revision(grant, (1, "meals", "100"))
    eur["input"]["lines"][0]["amount"]["currency"] = "EUR"
    await world.assert_refused(REVISE, eur, "BAD_USER_INPUT", "lines[0].amount.currency")
    stale = revision(grant, (1, "meals", "100"))
    stale["input"]["version"] = 7
    await world.assert_refused(REVISE, stale, "CONFLICT", "version")
    await world.assert_refused(
        REVISE, revision(grant, (1, "meals", "100")), "FORBIDDEN", **coordinator_of(world)
    )


def coordinator_of(world: World) -> dict[str, Any]:
    return coordinator(world.partnerships[-1])


# --- agreement and status -----------------------------------------------------------------


async def test_the_agreement_fixes_the_period_within_a_year_of_the_decision(world: World) -> None:
    grant = await world.opened_grant(duration_months=13)
    far = {"input": {"id": grant["id"], "version": 1, "startsOn": "2025-01-16"}}
    await world.assert_refused(AGREE, far, "BAD_USER_INPUT", "startsOn")
    await world.assert_refused(
        AGREE,
        {"input": {**far["input"], "startsOn": "2024-01-31"}},
        "FORBIDDEN",
        **coordinator_of(world),
    )
    async with listening(world.service, "finance.grant.status_changed") as events:
        agreed = await world.agree(grant, "2024-01-31")
        [event] = await events.events(1)
    # 13 months from 31 January: to 28 February of the next year (not a day in March).
    assert (agreed["startsOn"], agreed["endsOn"], agreed["years"]) == (
        "2024-01-31",
        "2025-02-27",
        2,
    )
    assert (agreed["status"], agreed["iatiActivityStatus"]) == ("IMPLEMENTATION", 2)
    changed = GRANT_STATUS_CHANGED.parse(event)
    assert (changed.from_status, changed.to_status, changed.iati_activity_status) == (
        "pipeline",
        "implementation",
        2,
    )
    again = {"input": {"id": grant["id"], "version": agreed["version"], "startsOn": "2024-02-01"}}
    await world.assert_refused(AGREE, again, "BAD_USER_INPUT", "status")


async def test_grant_statuses_follow_iati_and_their_transitions(world: World) -> None:
    grant = await world.agreed_grant()

    def move(g: dict[str, Any], status: str, note: str | None = None) -> dict[str, Any]:
        return {"input": {"id": g["id"], "version": g["version"], "status": status, "note": note}}

    await world.assert_refused(CHANGE_STATUS, move(grant, "SUSPENDED"), "BAD_USER_INPUT", "note")
    await world.assert_refused(CHANGE_STATUS, move(grant, "CLOSED"), "BAD_USER_INPUT", "status")
    await world.assert_refused(CHANGE_STATUS, move(grant, "PIPELINE"), "BAD_USER_INPUT", "status")
    await world.assert_refused(
        CHANGE_STATUS, move(grant, "SUSPENDED", "Audit"), "FORBIDDEN", role=Role.VIEWER
    )
    steps = [
        ("SUSPENDED", "Audit pending", 6),
        ("IMPLEMENTATION", None, 2),
        ("FINALISATION", None, 3),
        ("CLOSED", None, 4),
    ]
    async with listening(world.service, "finance.grant.*") as events:
        for status, note, code in steps:
            grant = (await world.data(CHANGE_STATUS, move(grant, status, note)))[
                "changeGrantStatus"
            ]["grant"]
            assert (grant["status"], grant["iatiActivityStatus"]) == (status, code)
        published = await events.events(5)
    assert [e.routing_key for e in published] == [
        *["finance.grant.status_changed"] * 4,
        "finance.grant.closed",
    ]
    pipeline = await world.opened_grant()
    cancelled = (await world.data(CHANGE_STATUS, move(pipeline, "CANCELLED", "Withdrawn")))[
        "changeGrantStatus"
    ]["grant"]
    assert (cancelled["status"], cancelled["iatiActivityStatus"]) == ("CANCELLED", 5)


async def test_a_closed_partnership_sends_its_open_grants_to_finalisation_once(
    world: World,
) -> None:
    partnership = await world.partnership()
    agreed = await world.agreed_grant(partnership)
    pipeline = await world.opened_grant(
        partnership, type="steering_group", duration_months=12, lines=((1, "meals", "1000"),)
    )
    cancelled = await world.opened_grant(
        partnership, type="inception", duration_months=12, lines=((1, "meals", "1000"),)
    )
    move = {"id": cancelled["id"], "version": 1, "status": "CANCELLED", "note": "Withdrawn"}
    await world.data(CHANGE_STATUS, {"input": move})

    async with listening(world.service, "finance.grant.status_changed") as events:
        before = consumed(PARTNERSHIP_CLOSED.type)
        await close_partnership(world, partnership)
        await world.handled(PARTNERSHIP_CLOSED.type, before)
        once = await snapshot(world.service)
        # Redelivered: nothing changes, nothing more is published.
        closed_again = partnership.snapshot()
        await world.publish(PARTNERSHIP_CLOSED.new(partnership.id, closed_again))
        await world.handled(PARTNERSHIP_CLOSED.type, before, 2)
        assert await snapshot(world.service) == once
        published = await events.all()
    statuses = {g["_id"]: g["status"] for g in once["grants"]}
    assert statuses == {
        agreed["id"]: "finalisation",
        pipeline["id"]: "finalisation",
        cancelled["id"]: "cancelled",
    }
    assert sorted(e.subject for e in published) == sorted([agreed["id"], pipeline["id"]])
    # An approval that arrives after the closing opens its grant in finalisation.
    late = await world.opened_grant(partnership)
    assert (late["status"], late["iatiActivityStatus"]) == ("FINALISATION", 3)


# --- lists and federation -----------------------------------------------------------------


async def test_grants_are_listed_with_filters_and_coordinators_see_their_own(world: World) -> None:
    tanzania = await world.partnership(("SE", "TZ"))
    colombia = await world.partnership(("SE", "CO", "GT"), themes=("youth",))
    first = await world.agreed_grant(tanzania)  # 2024-01-15 – 2026-01-14
    second = await world.opened_grant(
        colombia,
        type="inception",
        duration_months=12,
        decided_on=first_day(2023),
        lines=((1, "meals", "5000"),),
    )

    async def listed(filter: dict[str, Any] | None = None, **auth: Any) -> list[str]:
        data = await world.data(GRANTS, {"filter": filter}, **auth)
        return [n["id"] for n in data["grants"]["nodes"]]

    assert set(await listed()) == {first["id"], second["id"]}
    assert await listed({"status": "IMPLEMENTATION"}) == [first["id"]]
    assert await listed({"partnershipId": colombia.id}) == [second["id"]]
    assert await listed({"country": "gt"}) == [second["id"]]
    assert await listed({"type": "INCEPTION"}) == [second["id"]]
    assert await listed({"year": 2023}) == [second["id"]]
    assert await listed({"year": 2025}) == [first["id"]]
    assert set(await listed({"year": 2024})) == {first["id"], second["id"]}
    assert await listed(**coordinator(tanzania, 1)) == [first["id"]]
    assert await listed(role=Role.COORDINATOR, org="elsewhere") == []
    assert set(await listed(role=Role.VIEWER)) == {first["id"], second["id"]}
    body = await world.service.graphql(GRANTS, {"filter": {"country": "Sweden"}})
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "filter.country"}
    body = await world.service.graphql(GRANT, {"id": first["id"]}, **coordinator(colombia))
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    paged = await world.data(GRANTS, {"first": 1})
    assert (paged["grants"]["totalCount"], paged["grants"]["pageInfo"]["hasNextPage"]) == (2, True)


def first_day(year: int) -> date:
    return date(year, 6, 1)


ENTITIES = """
query($r: [_Any!]!) {
  _entities(representations: $r) {
    ... on Partnership {
      id
      grants { id caseNumber }
      funding { approved { amount } remaining { amount } grants activeGrantId }
    }
    ... on Application { id grant { id status } }
  }
}"""


async def test_partnerships_and_applications_get_their_grants_in_one_query_per_type(
    world: World,
) -> None:
    partnerships = [await world.partnership() for _ in range(3)]
    decisions = [world.decision(p) for p in partnerships[:2]]
    for decision in decisions:
        await world.publish(decision)
    grants = [await world.grant_of(d.subject) for d in decisions]
    await world.agree(grants[0], "2024-01-15")
    representations = [
        *({"__typename": "Partnership", "id": p.id} for p in partnerships),
        *({"__typename": "Application", "id": d.subject} for d in decisions),
        {"__typename": "Application", "id": "never-approved"},
    ]
    with QUERY_LOG.recording(world.service.runtime.db.name) as reads:
        data = await world.data(ENTITIES, {"r": representations}, role=Role.VIEWER)
    entities = data["_entities"]
    assert [len(e["grants"]) for e in entities[:3]] == [1, 1, 0]
    assert entities[0]["funding"] == {
        "approved": {"amount": "460000.00"},
        "remaining": {"amount": "460000.00"},
        "grants": 1,
        "activeGrantId": grants[0]["id"],
    }
    assert entities[1]["funding"]["activeGrantId"] is None
    assert [e["grant"] and e["grant"]["id"] for e in entities[3:]] == [
        grants[0]["id"],
        grants[1]["id"],
        None,
    ]
    # One query for the grants by partnership, one for the partnerships' projection (funding),
    # one for the grants by id (applications): one per type, whatever the number of entities.
    assert sorted(collection for _, collection in reads) == ["grants", "grants", "partnerships"]
    sdl = (await world.data("{ _service { sdl } }"))["_service"]["sdl"]
    for entity in ("Grant", "Partnership", "Application", "Network", "Workshop"):
        assert f'type {entity} @key(fields: "id")' in sdl
    # A coordinator of another organisation reads neither grants nor funding.
    other = await world.data(
        ENTITIES, {"r": representations[:1]}, role=Role.COORDINATOR, org="elsewhere"
    )
    assert other["_entities"][0]["grants"] == []
    assert other["_entities"][0]["funding"] is None
