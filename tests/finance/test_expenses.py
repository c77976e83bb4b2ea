"""Expenses: exact conversion to the öre, every rule that ties an expense to its grant, who
may record, drafts from completed visits (exactly once) and visits waiting for a grant."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from services.common.auth import Role
from services.contracts.finance import EXPENSE_RECORDED
from services.contracts.partnerships import VISIT_COMPLETED, ApplicationDecidedV1
from services.finance.domain.expenses import VisitRecord, add_visit_drafts
from services.finance.domain.grant import GrantStatus, from_decision
from services.finance.domain.rules import DEFAULT_RULES
from services.finance.handlers import decision_of

from ..support.broker import listening
from ..support.waiting import eventually
from ..support.writes import snapshot
from .builders import (
    COMPLETE,
    DECIDED_ON,
    GRANT,
    RECORD,
    SUBMIT_REPORT,
    WITHDRAW,
    World,
    budget,
    consumed,
    coordinator,
    expense_input,
)

BUDGET_VS_ACTUALS = """
query($id: ID!, $year: Int, $category: CostCategory) {
  grant(id: $id) {
    spent { amount }
    budgetVsActuals(year: $year, category: $category) {
      rows { year category budget { amount } actual { amount } variance { amount } drafts }
      budget { amount } actual { amount } variance { amount }
    }
  }
}"""
FUNDING = """
query($r: [_Any!]!) {
  _entities(representations: $r) {
    ... on Partnership { funding { activeGrantId unfundedVisits { visitId participants } } }
  }
}"""


async def test_an_expense_in_local_currency_is_converted_half_to_even_to_the_ore(
    world: World,
) -> None:
    partnership = await world.partnership()
    grant = await world.agreed_grant(partnership)
    async with listening(world.service, "finance.expense.recorded") as events:
        travel = await world.record(grant, coordinator(partnership, 1))
        [event] = await events.events(1)
    # 1 234 567.89 TZS x 0.0041 = 5 061.728349 SEK → 5 061.73
    assert travel["sekAmount"] == {"amount": "5061.73", "currency": "SEK"}
    assert travel["amount"] == {"amount": "1234567.89", "currency": "TZS"}
    assert (travel["exchangeRate"], travel["rateDate"], travel["year"]) == (
        "0.0041",
        "2024-03-01",
        1,
    )
    assert (travel["status"], travel["source"], travel["version"]) == ("RECORDED", "MANUAL", 1)
    recorded = EXPENSE_RECORDED.parse(event)
    assert (recorded.sek_minor, recorded.amount_minor, recorded.currency) == (
        506_173,
        123_456_789,
        "TZS",
    )
    assert (recorded.exchange_rate, recorded.grant_id) == ("0.0041", grant["id"])
    # Ties go to the even öre: 1.25 EUR x 0.5 = 0.625 → 0.62; 0.35 EUR x 0.5 = 0.175 → 0.18.
    down = await world.record(
        grant, amount={"amount": "1.25", "currency": "EUR"}, exchangeRate="0.5", category="MEALS"
    )
    up = await world.record(
        grant, amount={"amount": "0.35", "currency": "EUR"}, exchangeRate="0.5", category="MEALS"
    )
    # An amount in SEK has the rate 1 (given or not), dated the expense's day.
    sek = await world.record(
        grant,
        amount={"amount": "1999.99", "currency": "SEK"},
        exchangeRate=None,
        rateDate=None,
        category="ACCOMMODATION",
    )
    # Uganda's shilling has no minor unit.
    ugx = await world.record(
        grant,
        amount={"amount": "350000", "currency": "UGX"},
        exchangeRate="0.00283",
        category="MEALS",
    )
    assert [e["sekAmount"]["amount"] for e in (down, up, sek, ugx)] == [
        "0.62",
        "0.18",
        "1999.99",
        "990.50",
    ]
    assert (sek["exchangeRate"], sek["rateDate"]) == ("1", "2024-03-04")
    stored = (await world.data(BUDGET_VS_ACTUALS, {"id": grant["id"], "year": 1}))["grant"]
    # 5 061.73 + 0.62 + 0.18 + 1 999.99 + 990.50
    assert stored["spent"] == {"amount": "8053.02"}
    rows = {r["category"]: r for r in stored["budgetVsActuals"]["rows"]}
    assert rows["MEALS"]["actual"] == {"amount": "991.30"}
    assert rows["MEALS"]["variance"] == {"amount": "14008.70"}
    assert rows["ACCOMMODATION"]["variance"] == {"amount": "43000.01"}
    assert stored["budgetVsActuals"]["budget"] == {"amount": "330000.00"}
    assert stored["budgetVsActuals"]["variance"] == {"amount": "321946.98"}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"category": "VISA"}, "category"),  # no budget line for visas
        ({"category": "INTERPRETATION"}, "category"),  # a line, but in year 2 only
        ({"incurredOn": "2024-01-14", "rateDate": "2024-01-14"}, "incurredOn"),  # before
        ({"incurredOn": "2026-01-15", "rateDate": "2025-06-01"}, "incurredOn"),  # future
        ({"amount": {"amount": "10.001", "currency": "SEK"}, "exchangeRate": None}, "amount"),
        ({"amount": {"amount": "0", "currency": "TZS"}}, "amount"),
        ({"amount": {"amount": "-5", "currency": "TZS"}}, "amount"),
        ({"amount": {"amount": "10", "currency": "XYZ"}}, "amount.currency"),
        ({"amount": {"amount": "10.5", "currency": "UGX"}}, "amount"),
        ({"amount": {"amount": "0.01", "currency": "TZS"}}, "amount"),  # under one öre
        ({"exchangeRate": None}, "exchangeRate"),
        ({"exchangeRate": "1e-3"}, "exchangeRate"),
        ({"exchangeRate": "-0.004"}, "exchangeRate"),
        ({"exchangeRate": "0"}, "exchangeRate"),
        ({"exchangeRate": "0,0041"}, "exchangeRate"),
        ({"rateDate": None}, "rateDate"),
        ({"rateDate": "2025-06-17"}, "rateDate"),
        ({"rateDate": "2022-12-31"}, "rateDate"),
        ({"amount": {"amount": "100", "currency": "SEK"}, "exchangeRate": "1.1"}, "exchangeRate"),
        ({"receiptReference": "  "}, "receiptReference"),
        ({"sourceRef": "visit-1"}, "sourceRef"),
        ({"source": "WORKSHOP"}, "sourceRef"),
        ({"grantId": "no-such-grant"}, "grantId"),
        # Beyond what decimal arithmetic holds by default (was InvalidOperation, a 500).
        (
            {
                "amount": {"amount": "999999999999999999", "currency": "UGX"},
                "exchangeRate": "999999999.999999999999",
            },
            "amount",
        ),
        ({"amount": {"amount": "1e999999999", "currency": "TZS"}}, "amount"),
        ({"amount": {"amount": "NaN", "currency": "TZS"}}, "amount"),
        ({"incurredOn": "9999-12-31", "rateDate": "9999-12-31"}, "incurredOn"),
    ],
)
async def test_a_bad_expense_is_refused_naming_the_field_and_nothing_is_written(
    world: World, overrides: dict[str, Any], field: str
) -> None:
    grant = await world.agreed_grant()
    code = "NOT_FOUND" if field == "grantId" else "BAD_USER_INPUT"
    variables = {"input": expense_input(grant["id"], **overrides)}
    await world.assert_refused(RECORD, variables, code, field)


async def test_expenses_wait_for_the_agreement_and_a_workshop_is_a_source(world: World) -> None:
    grant = await world.opened_grant()
    await world.assert_refused(
        RECORD, {"input": expense_input(grant["id"])}, "BAD_USER_INPUT", "grantId"
    )
    agreed = await world.agree(grant, grant["decidedOn"])
    trip = await world.record(agreed, source="WORKSHOP", sourceRef="ws-bogota-2024")
    assert (trip["source"], trip["sourceRef"]) == ("WORKSHOP", "ws-bogota-2024")


async def test_only_staff_and_the_partnership_coordinators_record_expenses(world: World) -> None:
    partnership = await world.partnership()
    grant = await world.agreed_grant(partnership)
    variables = {"input": expense_input(grant["id"])}
    await world.assert_refused(RECORD, variables, "FORBIDDEN", role=Role.COORDINATOR, org="x")
    await world.assert_refused(RECORD, variables, "FORBIDDEN", role=Role.VIEWER)
    await world.assert_refused(RECORD, variables, "UNAUTHENTICATED", role=None)
    for auth in (coordinator(partnership, 0), coordinator(partnership, 1), {"role": Role.ADMIN}):
        await world.data(RECORD, variables, **auth)


async def test_a_reported_year_is_fixed_until_the_report_is_reopened(world: World) -> None:
    grant = await world.agreed_grant()
    travel = await world.record(grant)
    report = await world.report(grant["id"], 1)
    await world.step(SUBMIT_REPORT, "submitFinancialReport", grant["id"], report)
    await world.assert_refused(
        RECORD, {"input": expense_input(grant["id"])}, "BAD_USER_INPUT", "incurredOn"
    )
    withdraw = {"grantId": grant["id"], "expenseId": travel["id"], "version": 1, "note": "Wrong"}
    await world.assert_refused(WITHDRAW, {"input": withdraw}, "BAD_USER_INPUT", "expenseId")
    # Year 2 is open (it has a line for international travel).
    await world.record(grant, incurredOn="2025-02-03", rateDate="2025-02-03")


async def test_a_withdrawn_expense_stays_in_the_trail_and_counts_nowhere(world: World) -> None:
    grant = await world.agreed_grant()
    travel = await world.record(grant)
    kept = await world.record(
        grant, amount={"amount": "100", "currency": "SEK"}, exchangeRate=None, category="MEALS"
    )
    withdraw = {"grantId": grant["id"], "expenseId": travel["id"], "version": 1, "note": "Twice"}
    stale = {"input": {**withdraw, "version": 2}}
    await world.assert_refused(WITHDRAW, stale, "CONFLICT", "version")
    await world.assert_refused(
        WITHDRAW, {"input": {**withdraw, "note": ""}}, "BAD_USER_INPUT", "note"
    )
    withdrawn = (await world.data(WITHDRAW, {"input": withdraw}))["withdrawExpense"]["expense"]
    assert (withdrawn["status"], withdrawn["version"]) == ("WITHDRAWN", 2)
    await world.assert_refused(
        WITHDRAW, {"input": {**withdraw, "version": 2}}, "BAD_USER_INPUT", "expenseId"
    )
    after = await world.grant(grant["id"])
    assert after["spent"]["amount"] == kept["sekAmount"]["amount"] == "100.00"
    assert after["expenses"]["totalCount"] == 2
    assert after["auditTrail"][-1]["action"] == "expense withdrawn"


# --- drafts from visits -------------------------------------------------------------------


async def test_a_completed_visit_drafts_its_travel_costs_once(world: World) -> None:
    partnership = await world.partnership()
    grant = await world.agreed_grant(partnership)
    visit = world.visit(partnership, date(2024, 5, 6))
    before = consumed(VISIT_COMPLETED.type)
    await world.publish(visit)
    await world.publish(visit)  # delivered twice
    await world.handled(VISIT_COMPLETED.type, before, 2)
    once = await snapshot(world.service)
    again = visit.model_copy(update={"id": "another-event-about-the-visit"})
    await world.publish(again)
    await world.handled(VISIT_COMPLETED.type, before, 3)
    assert await snapshot(world.service) == once
    drafted = await world.grant(grant["id"])
    drafts = drafted["expenses"]["nodes"]
    assert drafted["version"] == grant["version"] + 1
    assert sorted((d["participantId"], d["category"]) for d in drafts) == [
        (person, category)
        for person in ("person-a", "person-b")
        for category in ("ACCOMMODATION", "INTERNATIONAL_TRAVEL", "MEALS")
    ]
    assert {
        (d["status"], d["source"], d["sourceRef"], d["incurredOn"], d["year"]) for d in drafts
    } == {("DRAFT", "VISIT", visit.subject, "2024-05-06", 1)}
    assert all(d["amount"] is None and d["sekAmount"] is None for d in drafts)
    summary = await world.data(BUDGET_VS_ACTUALS, {"id": grant["id"], "category": "MEALS"})
    assert summary["grant"]["budgetVsActuals"]["rows"][0]["drafts"] == 2

    # The coordinator completes one draft with its amounts; it is then recorded (and announced).
    draft = next(d for d in drafts if d["category"] == "INTERNATIONAL_TRAVEL")
    complete = {
        "grantId": grant["id"],
        "expenseId": draft["id"],
        "version": 1,
        "amount": {"amount": "8450.50", "currency": "SEK"},
        "receiptReference": "SAS-88121",
    }
    async with listening(world.service, "finance.expense.recorded") as events:
        done = (await world.data(COMPLETE, {"input": complete}, **coordinator(partnership)))[
            "completeExpense"
        ]["expense"]
        [event] = await events.events(1)
    assert (done["status"], done["version"], done["sekAmount"]["amount"]) == (
        "RECORDED",
        2,
        "8450.50",
    )
    assert (done["incurredOn"], done["participantId"]) == ("2024-05-06", draft["participantId"])
    assert EXPENSE_RECORDED.parse(event).source == "visit"
    await world.assert_refused(
        COMPLETE, {"input": {**complete, "version": 2}}, "BAD_USER_INPUT", "expenseId"
    )
    # A visit in year 2, where only international travel has a line: one draft per person.
    second = world.visit(partnership, date(2025, 2, 10), participants=("person-c",))
    await world.publish(second)

    async def drafted_too() -> bool:
        count: int = (await world.grant(grant["id"]))["expenses"]["totalCount"]
        return count == 7

    await eventually(drafted_too, what="second visit drafted")
    latest = (await world.grant(grant["id"]))["expenses"]["nodes"]
    assert [(d["category"], d["year"]) for d in latest if d["sourceRef"] == second.subject] == [
        ("INTERNATIONAL_TRAVEL", 2)
    ]


async def test_a_visit_without_a_grant_waits_and_is_drafted_when_one_is_agreed(
    world: World,
) -> None:
    partnership = await world.partnership()
    pipeline = await world.opened_grant(partnership)
    visit = world.visit(partnership, date(2024, 5, 6))
    outside = world.visit(partnership, date(2023, 5, 8))  # before any grant's period
    before = consumed(VISIT_COMPLETED.type)
    for event in (visit, outside, visit):
        await world.publish(event)
    await world.handled(VISIT_COMPLETED.type, before, 3)
    known = await world.known(partnership.id)
    assert [(u["visitId"], u["participants"]) for u in known["unfundedVisits"]] == [
        (visit.subject, 2),
        (outside.subject, 2),
    ]
    assert "no grant in implementation" in known["unfundedVisits"][0]["reason"]
    assert (await world.grant(pipeline["id"]))["expenses"]["totalCount"] == 0

    agreed = await world.agree(pipeline, pipeline["decidedOn"])
    assert {d["sourceRef"] for d in agreed["expenses"]["nodes"]} == {visit.subject}
    assert agreed["expenses"]["totalCount"] == 6
    representation = {"r": [{"__typename": "Partnership", "id": partnership.id}]}
    funding = (await world.data(FUNDING, representation))["_entities"][0]["funding"]
    assert funding["activeGrantId"] == agreed["id"]
    assert [u["visitId"] for u in funding["unfundedVisits"]] == [outside.subject]


async def test_drafts_keep_a_report_from_being_submitted(world: World) -> None:
    partnership = await world.partnership()
    grant = await world.agreed_grant(partnership)
    before = consumed(VISIT_COMPLETED.type)
    await world.publish(world.visit(partnership, date(2024, 5, 6), participants=("p",)))
    await world.handled(VISIT_COMPLETED.type, before)
    report = await world.report(grant["id"], 1)
    variables = {"input": {"grantId": grant["id"], "reportId": report["id"], "version": 1}}
    body = await world.assert_refused(SUBMIT_REPORT, variables, "BAD_USER_INPUT", "reportId")
    assert len(body["errors"][0]["extensions"]["drafts"]) == 3
    for draft in (await world.grant(grant["id"]))["expenses"]["nodes"]:
        withdraw = {
            "grantId": grant["id"],
            "expenseId": draft["id"],
            "version": 1,
            "note": "Paid by the host",
        }
        await world.data(WITHDRAW, {"input": withdraw}, **coordinator(partnership, 1))
    submitted = await world.step(SUBMIT_REPORT, "submitFinancialReport", grant["id"], report)
    assert submitted["status"] == "SUBMITTED"
    got = (await world.data(GRANT, {"id": grant["id"]}))["grant"]
    assert got["spent"]["amount"] == "0.00"


async def test_an_expense_after_the_grant_period_is_refused(world: World) -> None:
    """A one-year grant agreed from 2024-01-15 ends on 2025-01-14 (before TODAY)."""
    grant = await world.agreed_grant(
        lines=((1, "international_travel", "1000"),), duration_months=12
    )
    late = expense_input(grant["id"], incurredOn="2025-01-15", rateDate="2025-01-15")
    body = await world.assert_refused(RECORD, {"input": late}, "BAD_USER_INPUT", "incurredOn")
    assert "outside the grant period 2024-01-15 – 2025-01-14" in body["errors"][0]["message"]
    last_day = expense_input(grant["id"], incurredOn="2025-01-14", rateDate="2025-01-14")
    await world.data(RECORD, {"input": last_day})


def test_a_grant_drafts_a_visit_only_once() -> None:
    """The grant document itself refuses a second draft of a visit (replicas racing on two
    deliveries get past the handler's check; only one write can hold the drafts)."""
    decided = ApplicationDecidedV1(
        id="app-1",
        version=4,
        case_number="2024-0001",
        partnership_id="p",
        partnership_kind="bilateral",
        countries=["SE", "TZ"],
        type="project",
        outcome="approved",
        conditions=None,
        duration_months=24,
        approved_budget=budget(),
    )
    grant = from_decision(decision_of(decided), DECIDED_ON, [DEFAULT_RULES])
    grant.status = GrantStatus.IMPLEMENTATION
    visit = VisitRecord(
        visit_id="v1",
        starts_on=date(2024, 5, 6),
        ends_on=date(2024, 5, 9),
        host_country="TZ",
        participant_ids=["a"],
    )
    assert add_visit_drafts(grant, visit, "test") == 3
    assert add_visit_drafts(grant, visit, "test") == 0
    assert len(grant.expenses) == 3
