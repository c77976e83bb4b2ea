"""Research grants: opened from training's approval exactly once through RabbitMQ, refused
over the call's cap (dead-lettered), paid as an advance and, after the final report, the
rest; listed with the partnership grants, filterable by kind, counted in the totals."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from services.common.auth import Role
from services.common.events.deadletters import list_dead_letters
from services.common.events.envelope import Event
from services.contracts.training import (
    RESEARCH_APPLICATION_DECIDED,
    RESEARCH_APPLICATION_REPORTED,
    ResearchApplicationDecidedV1,
    ResearchApplicationReportedV1,
    ResearchBudgetLineV1,
)
from services.finance.domain.research_grant import ADVANCE_PERCENT, research_grant_id_for

from ..support.keyed import twice
from ..support.waiting import eventually
from .builders import GRANTS, MONEY, World, at, consumed

DECIDED_ON = date(2025, 3, 3)
UNIVERSITY = "org-uni-lund"
CAP_MINOR = 100_000_000
"""The call's cap: 1 000 000 SEK."""
BUDGET = ((1, "working_hours", 60_000_000), (1, "international_travel", 15_000_000),
          (2, "working_hours", 25_000_000))  # fmt: skip
"""1 000 000 SEK over two years: the advance is 800 000 SEK, the final payment 200 000."""

PAYMENT = "id stage amount { amount currency } status approvedOn paidOn"
RESEARCH_GRANT = f"""
query($id: ID!) {{
  grant(id: $id) {{
    id kind applicationId caseNumber status partnershipId partnership {{ id }}
    application {{ id }} researchApplication {{ id }} type region countries
    approvedAmount {MONEY} disbursed {MONEY} remaining {MONEY} spent {MONEY}
    budget {{ total {MONEY} lines {{ year category amount {MONEY} }} }}
    reports {{ id }} disbursements {{ id }} reportDeadlines {{ accountingYear }}
    expenses {{ totalCount }} budgetVsActuals {{ budget {MONEY} }}
    version auditTrail {{ action toStatus }}
    research {{
      callId researchKind principalInvestigatorId organisationId partnershipIds networkIds
      themes cap {MONEY} advanceAmount {MONEY} finalAmount {MONEY} reportedOn
      payments {{ {PAYMENT} }}
    }}
  }}
}}"""
APPROVE = f"""
mutation($input: ApproveResearchPaymentInput!) {{
  approveResearchPayment(input: $input) {{
    grant {{ id status remaining {MONEY} }} payment {{ {PAYMENT} }}
  }}
}}"""
PAY = f"""
mutation($input: PayResearchPaymentInput!) {{
  payResearchPayment(input: $input) {{
    grant {{ id status disbursed {MONEY} remaining {MONEY} }} payment {{ {PAYMENT} }}
  }}
}}"""
AGREE = """
mutation($input: AgreeGrantInput!) { agreeGrant(input: $input) { grant { id } } }"""
TOTALS = """
query($by: FundingTotalsGrouping!) {
  fundingTotals(groupBy: $by) { key committed { amount } disbursed { amount } }
}"""
RESEARCH_APPLICATION_GRANT = """query($reps: [_Any!]!) {
  _entities(representations: $reps) { ... on ResearchApplication { grant { id } } }
}"""


def representation(application_id: str) -> dict[str, str]:
    return {"__typename": "ResearchApplication", "id": application_id}


DUE = 'query { financialReportsDue(asOf: "2027-06-01") { grantId } }'


def decided(
    *,
    outcome: str = "approved",
    budget: tuple[tuple[int, str, int], ...] = BUDGET,
    cap_minor: int = CAP_MINOR,
    application_id: str | None = None,
) -> Event:
    """RESEARCH_APPLICATION_DECIDED as training publishes it (not yet published)."""
    data = ResearchApplicationDecidedV1(
        id=application_id or f"ra-{uuid.uuid4().hex[:8]}",
        version=7,
        case_number=f"R2025-{uuid.uuid4().int % 10_000:04d}",
        call_id="call-2025",
        kind="project",
        outcome=outcome,
        principal_investigator_id="person-pi",
        organisation_id=UNIVERSITY,
        partnership_ids=["p-kibaha"],
        network_ids=["n-gender"],
        countries=["SE", "CO", "GT"],
        themes=["gender_equality", "citizen_participation"],
        max_amount_minor=cap_minor,
        approved_budget=[
            ResearchBudgetLineV1(year=y, category=c, amount_minor=m, currency="SEK")
            for y, c, m in budget
        ]
        if outcome == "approved"
        else [],
        duration_months=24,
    )
    return at(DECIDED_ON, RESEARCH_APPLICATION_DECIDED.new(data.id, data))


def reported(application_id: str, accepted_on: date = date(2025, 6, 2)) -> Event:
    data = ResearchApplicationReportedV1(
        id=application_id, version=9, case_number="R2025-0001", accepted_on=accepted_on
    )
    return RESEARCH_APPLICATION_REPORTED.new(application_id, data)


async def research_grant(world: World, application_id: str, **auth: Any) -> dict[str, Any] | None:
    variables = {"id": research_grant_id_for(application_id)}
    found: dict[str, Any] | None = (await world.data(RESEARCH_GRANT, variables, **auth))["grant"]
    return found


async def opened(world: World, event: Event | None = None) -> dict[str, Any]:
    event = event or decided()
    await world.publish(event)

    async def there() -> bool:
        return await research_grant(world, event.subject) is not None

    await eventually(there, what="research grant opened")
    found = await research_grant(world, event.subject)
    assert found is not None
    return found


async def approve(world: World, grant_id: str, stage: str) -> dict[str, Any]:
    data = await world.data(APPROVE, {"input": {"grantId": grant_id, "stage": stage}})
    approved: dict[str, Any] = data["approveResearchPayment"]
    return approved


async def pay(world: World, grant_id: str, payment_id: str, paid_on: str) -> dict[str, Any]:
    variables = {"input": {"grantId": grant_id, "paymentId": payment_id, "paidOn": paid_on}}
    paid: dict[str, Any] = (await world.data(PAY, variables))["payResearchPayment"]
    return paid


async def test_an_approved_research_application_opens_its_grant_exactly_once(
    world: World,
) -> None:
    event = decided()
    before = consumed(RESEARCH_APPLICATION_DECIDED.type)
    await world.publish(event)
    await world.publish(event)  # redelivered
    same = ResearchApplicationDecidedV1.model_validate(event.data)
    again = RESEARCH_APPLICATION_DECIDED.new(event.subject, same)  # the decision, a new event
    await world.publish(at(DECIDED_ON, again))
    await world.handled(RESEARCH_APPLICATION_DECIDED.type, before, 3)

    grant = await research_grant(world, event.subject)
    assert grant is not None
    assert grant["version"] == 1
    assert [e["action"] for e in grant["auditTrail"]] == ["opened"]
    assert (grant["kind"], grant["status"], grant["caseNumber"]) == (
        "RESEARCH",
        "IMPLEMENTATION",
        event.data["case_number"],
    )
    assert grant["researchApplication"] == {"id": event.subject}
    assert grant["applicationId"] == event.subject
    assert (grant["partnershipId"], grant["partnership"], grant["application"]) == (None,) * 3
    assert (grant["type"], grant["region"]) == (None, None)
    assert grant["countries"] == ["SE", "CO", "GT"]
    assert grant["approvedAmount"] == {"amount": "1000000.00", "currency": "SEK"}
    assert grant["remaining"]["amount"] == "1000000.00"
    assert grant["budget"]["lines"][0] == {
        "year": 1,
        "category": "WORKING_HOURS",
        "amount": {"amount": "600000.00", "currency": "SEK"},
    }
    assert (grant["reports"], grant["disbursements"], grant["reportDeadlines"]) == ([], [], [])
    assert grant["expenses"]["totalCount"] == 0
    assert grant["budgetVsActuals"]["budget"]["amount"] == "0.00"
    research = grant["research"]
    assert research["cap"]["amount"] == "1000000.00"
    assert research["advanceAmount"]["amount"] == "800000.00"
    assert research["finalAmount"]["amount"] == "200000.00"
    assert (research["organisationId"], research["researchKind"]) == (UNIVERSITY, "project")
    assert (research["networkIds"], research["partnershipIds"]) == (["n-gender"], ["p-kibaha"])
    assert (research["reportedOn"], research["payments"]) == (None, [])


async def test_rejected_and_waitlisted_applications_open_no_grant(world: World) -> None:
    before = consumed(RESEARCH_APPLICATION_DECIDED.type)
    events = [decided(outcome="rejected"), decided(outcome="waitlisted")]
    for event in events:
        await world.publish(event)
    await world.handled(RESEARCH_APPLICATION_DECIDED.type, before, 2)
    for event in events:
        assert await research_grant(world, event.subject) is None


async def test_a_decision_over_the_calls_cap_opens_nothing_and_is_dead_lettered(
    world: World,
) -> None:
    over = decided(cap_minor=99_999_999)
    await world.publish(over)

    async def dead() -> bool:
        return len(await list_dead_letters(world.bus, "finance")) == 1

    await eventually(dead, what="the over-cap decision dead-lettered")
    (letter,) = await list_dead_letters(world.bus, "finance")
    assert letter.event_id == over.id
    assert "above the call's cap" in letter.reason
    assert letter.error_type == "DecisionRefused"
    assert await research_grant(world, over.subject) is None


async def test_the_advance_is_paid_first_and_the_rest_only_after_the_final_report(
    world: World,
) -> None:
    event = decided()
    grant = await opened(world, event)
    grant_id = grant["id"]
    early = {"input": {"grantId": grant_id, "stage": "FINAL"}}
    body = await world.assert_refused(APPROVE, early, "BAD_USER_INPUT", "stage")
    assert "final report" in body["errors"][0]["message"]

    advance = await approve(world, grant_id, "ADVANCE")
    assert advance["payment"]["amount"]["amount"] == "800000.00"
    assert advance["grant"]["remaining"]["amount"] == "200000.00"
    twice = {"input": {"grantId": grant_id, "stage": "ADVANCE"}}
    await world.assert_refused(APPROVE, twice, "CONFLICT", "stage")
    paid = await pay(world, grant_id, advance["payment"]["id"], "2025-06-16")
    assert paid["grant"]["disbursed"]["amount"] == "800000.00"
    await world.assert_refused(APPROVE, early, "BAD_USER_INPUT", "stage")

    before = consumed(RESEARCH_APPLICATION_REPORTED.type)
    report = reported(event.subject)
    await world.publish(report)
    await world.publish(report)
    await world.handled(RESEARCH_APPLICATION_REPORTED.type, before, 2)
    after_report = await research_grant(world, event.subject)
    assert after_report is not None
    assert after_report["status"] == "FINALISATION"
    assert after_report["research"]["reportedOn"] == "2025-06-02"

    final = await approve(world, grant_id, "FINAL")
    assert final["payment"]["amount"]["amount"] == "200000.00"
    closed = await pay(world, grant_id, final["payment"]["id"], "2025-06-16")
    assert closed["grant"]["status"] == "CLOSED"
    assert closed["grant"]["disbursed"]["amount"] == "1000000.00"
    assert closed["grant"]["remaining"]["amount"] == "0.00"
    done = await research_grant(world, event.subject)
    assert done is not None
    assert [(p["stage"], p["status"]) for p in done["research"]["payments"]] == [
        ("ADVANCE", "PAID"),
        ("FINAL", "PAID"),
    ]
    assert ADVANCE_PERCENT == 80


async def test_only_staff_pay_and_the_universitys_researchers_and_coordinators_read(
    world: World,
) -> None:
    event = decided()
    grant = await opened(world, event)
    for role in (Role.COORDINATOR, Role.RESEARCHER):
        of_university = {"role": role, "org": UNIVERSITY}
        approve_advance = {"input": {"grantId": grant["id"], "stage": "ADVANCE"}}
        await world.assert_refused(APPROVE, approve_advance, "FORBIDDEN", **of_university)
        assert await research_grant(world, event.subject, **of_university) is not None
        entity = await world.data(
            RESEARCH_APPLICATION_GRANT, {"reps": [representation(event.subject)]}, **of_university
        )
        assert entity["_entities"] == [{"grant": {"id": grant["id"]}}]
        for elsewhere in ({"role": role, "org": "org-elsewhere"}, {"role": role}):
            other = await world.service.graphql(RESEARCH_GRANT, {"id": grant["id"]}, **elsewhere)
            assert [e["extensions"]["code"] for e in other["errors"]] == ["FORBIDDEN"]
            hidden = await world.data(
                RESEARCH_APPLICATION_GRANT, {"reps": [representation(event.subject)]}, **elsewhere
            )
            assert hidden["_entities"] == [{"grant": None}]


async def test_research_grants_are_listed_by_kind_counted_in_totals_and_kept_apart(
    world: World,
) -> None:
    partnership = await world.partnership(("SE", "TZ"), themes=("climate",))
    partnership_grant = await world.opened_grant(partnership)
    research = await opened(world)

    async def listed(kind: str | None) -> list[str]:
        variables = {"filter": None if kind is None else {"kind": kind}}
        return [g["id"] for g in (await world.data(GRANTS, variables))["grants"]["nodes"]]

    assert sorted(await listed(None)) == sorted([partnership_grant["id"], research["id"]])
    assert await listed("RESEARCH") == [research["id"]]
    assert await listed("PARTNERSHIP") == [partnership_grant["id"]]

    by_theme = {
        t["key"]: t["committed"]["amount"]
        for t in (await world.data(TOTALS, {"by": "THEME"}))["fundingTotals"]
    }
    assert by_theme["gender_equality"] == "1000000.00"
    assert by_theme["citizen_participation"] == "1000000.00"
    assert by_theme["climate"] == partnership_grant["approvedAmount"]["amount"]
    by_country = {t["key"] for t in (await world.data(TOTALS, {"by": "COUNTRY"}))["fundingTotals"]}
    assert by_country == {"TZ", "CO", "GT"}
    assert (await world.data(DUE))["financialReportsDue"] == []

    agree = {"input": {"id": research["id"], "version": 1, "startsOn": "2025-03-03"}}
    body = await world.assert_refused(AGREE, agree, "BAD_USER_INPUT", "id")
    assert "research grant" in body["errors"][0]["message"]


async def test_the_universitys_researchers_and_coordinators_list_its_research_grants(
    world: World,
) -> None:
    partnership = await world.partnership()
    partnership_grant = await world.opened_grant(partnership)
    research = await opened(world)

    async def listed(role: Role, org: str, kind: str | None = None) -> list[str]:
        variables = {"filter": None if kind is None else {"kind": kind}}
        found = await world.data(GRANTS, variables, role=role, org=org)
        return sorted(g["id"] for g in found["grants"]["nodes"])

    for role in (Role.RESEARCHER, Role.COORDINATOR):
        assert await listed(role, UNIVERSITY) == [research["id"]], role
        assert await listed(role, UNIVERSITY, "PARTNERSHIP") == [], role
        assert await listed(role, "org-elsewhere") == [], role
    swedish = partnership.swedish_partner_id
    assert await listed(Role.COORDINATOR, swedish) == [partnership_grant["id"]]
    assert await listed(Role.COORDINATOR, swedish, "RESEARCH") == []
    assert await listed(Role.RESEARCHER, swedish) == []


async def test_a_retried_payment_approval_approves_once(world: World) -> None:
    event = decided()
    grant = await opened(world, event)
    variables = {"input": {"grantId": grant["id"], "stage": "ADVANCE"}}
    answer = await twice(world.service, APPROVE, variables, str(uuid.uuid4()))
    stored = await research_grant(world, event.subject)
    assert stored is not None
    approved = answer["data"]["approveResearchPayment"]["payment"]
    assert [p["id"] for p in stored["research"]["payments"]] == [approved["id"]]
    assert stored["version"] == grant["version"] + 1


async def test_a_report_without_its_grant_is_dead_lettered_to_replay(world: World) -> None:
    report = reported(f"ra-{uuid.uuid4().hex[:8]}")
    await world.publish(report)

    async def dead() -> bool:
        return len(await list_dead_letters(world.bus, "finance")) == 1

    await eventually(dead, what="the report without a grant dead-lettered")
    (letter,) = await list_dead_letters(world.bus, "finance")
    assert (letter.event_id, letter.error_type) == (report.id, "NoResearchGrant")
