"""The research demo as the runner loads it, read through the gateway: the current year's
call with an application at every stage, two reviewers of other universities on each eligible
one, the ranking and the decision within the call's budget, the research grants in finance,
the output on the gender-equality network; and a second load of the demo changing nothing."""

from __future__ import annotations

import asyncio
from collections import Counter
from decimal import Decimal
from typing import Any

import pytest

from devstack import demo
from devstack.demo.networks import NETWORK
from devstack.signals import StopSignal
from services.common.auth import Role
from services.common.clock import clock
from services.common.settings import Settings
from services.common.tokens import mint
from tests.support.gateway_api import GatewayAPI
from tests.support.runner import SERVICES, Devstack

STAGES = ("DRAFT", "SUBMITTED", "INELIGIBLE", "IN_REVIEW", "RANKED", "APPROVED", "REJECTED",
          "WAITLISTED", "REPORTED")  # fmt: skip
REVIEWED = {"IN_REVIEW", "RANKED", "APPROVED", "REJECTED", "WAITLISTED", "REPORTED"}
FIRST_ROUND = ["REPORTED", "APPROVED", "WAITLISTED", "REJECTED"]
"""The decided applications by position: approved from the top while the budget lasts (the
reported one was approved first), one waitlisted, the rest rejected."""

MONEY = "{ amount currency }"
PERSON = "id organisationId organisation { kind }"
CALLS = f"""{{ researchCalls(first: 100) {{
  nodes {{ id title open opensOn closesOn version totalBudget {MONEY} }} }} }}"""
GRANT = f"""id kind status version caseNumber approvedAmount {MONEY}
  researchApplication {{ id }}
  research {{ reportedOn payments {{ stage status amount {MONEY} }} }}"""
APPLICATIONS = f"""query($callId: ID!) {{
  researchApplications(first: 20, filter: {{callId: $callId}}) {{ nodes {{
    id title status version caseNumber organisationId principalInvestigatorId coApplicantIds
    principalInvestigator {{ {PERSON} }} coApplicants {{ {PERSON} }} reviewers {{ {PERSON} }}
    ineligibleReasons reviewerIds reviews {{ reviewerId scores {{ total }} }}
    ranking {{ position meanTotal }} decision {{ outcome }} feedback requested {MONEY}
    networkIds grant {{ {GRANT} }}
  }} }} }}"""
RESEARCH_GRANTS = (
    f"""{{ grants(first: 100, filter: {{kind: RESEARCH}}) {{ nodes {{ {GRANT} }} }} }}"""
)
NETWORKS = """query($search: String!) { networks(first: 10, filter: {search: $search}) { nodes {
  id name
  researchOutputs { id kind title applicationId networkIds }
  research { outputs { id applicationId } }
  practices(first: 10) { nodes { id title version citedOutputIds } }
} } }"""


@pytest.fixture
def officer() -> str:
    return mint(Settings(), Role.OFFICER, sub="test-demo-research")


async def research(gateway: GatewayAPI, token: str) -> dict[str, Any]:
    """The year's call, its applications (with their grants), the research grants and the
    network as the gateway answers them."""
    title = f"Research on local democracy {clock.today().year}"
    calls = (await gateway.data(CALLS, token=token))["researchCalls"]["nodes"]
    [call] = [c for c in calls if c["title"] == title]
    applications = (await gateway.data(APPLICATIONS, {"callId": call["id"]}, token=token))[
        "researchApplications"
    ]["nodes"]
    grants = (await gateway.data(RESEARCH_GRANTS, token=token))["grants"]["nodes"]
    networks = (await gateway.data(NETWORKS, {"search": NETWORK}, token=token))["networks"]
    [network] = [n for n in networks["nodes"] if n["name"] == NETWORK]
    return {
        "call": call,
        "applications": {a["status"]: a for a in applications},
        "statuses": Counter(a["status"] for a in applications),
        "grants": sorted(grants, key=lambda g: g["id"]),
        "network": network,
    }


async def test_the_call_has_an_application_at_every_stage(
    gateway: GatewayAPI, officer: str
) -> None:
    found = await research(gateway, officer)

    call = found["call"]
    assert call["open"] is True
    year = clock.today().year
    assert (call["opensOn"][:4], call["closesOn"][:4]) == (str(year), str(year))
    assert found["statuses"] == Counter(STAGES)
    by_stage = found["applications"]
    assert by_stage["DRAFT"]["caseNumber"] is None
    for stage in set(STAGES) - {"DRAFT"}:
        assert by_stage[stage]["caseNumber"].startswith(f"R{year}-")
    assert by_stage["INELIGIBLE"]["ineligibleReasons"]


async def test_researchers_and_two_reviewers_of_other_universities(
    gateway: GatewayAPI, officer: str
) -> None:
    applications = (await research(gateway, officer))["applications"]

    # The application's people, resolved by partnerships through the gateway.
    people: dict[str, dict[str, Any]] = {}
    for application in applications.values():
        assert application["principalInvestigator"]["id"] == application["principalInvestigatorId"]
        assert [p["id"] for p in application["coApplicants"]] == application["coApplicantIds"]
        assert [p["id"] for p in application["reviewers"]] == application["reviewerIds"]
        for person in (
            application["principalInvestigator"],
            *application["coApplicants"],
            *application["reviewers"],
        ):
            people[person["id"]] = person
    assert {p["organisation"]["kind"] for p in people.values()} == {"UNIVERSITY"}
    for stage, application in applications.items():
        pi = people[application["principalInvestigatorId"]]
        assert pi["organisationId"] == application["organisationId"]
        reviewers = application["reviewerIds"]
        if stage not in REVIEWED:
            assert (reviewers, application["reviews"]) == ([], [])
            continue
        assert len(set(reviewers)) == 2, stage
        assert sorted(r["reviewerId"] for r in application["reviews"]) == sorted(reviewers)
        applicants = {application["principalInvestigatorId"], *application["coApplicantIds"]}
        for reviewer in reviewers:
            assert people[reviewer]["organisationId"] != application["organisationId"], stage
            assert reviewer not in applicants


async def test_the_ranking_and_the_decision_within_the_budget(
    gateway: GatewayAPI, officer: str
) -> None:
    found = await research(gateway, officer)
    applications = found["applications"]

    ranked = sorted(
        (a for a in applications.values() if a["ranking"]),
        key=lambda a: a["ranking"]["position"],
    )
    assert [a["ranking"]["position"] for a in ranked] == [1, 2, 3, 4, 5]
    assert [a["status"] for a in ranked] == [*FIRST_ROUND, "RANKED"]
    means = [Decimal(a["ranking"]["meanTotal"]) for a in ranked[:4]]
    assert means == sorted(means, reverse=True)
    outcomes = {a["status"]: (a["decision"] or {}).get("outcome") for a in ranked}
    assert outcomes == {
        "REPORTED": "APPROVED",
        "APPROVED": "APPROVED",
        "WAITLISTED": "WAITLISTED",
        "REJECTED": "REJECTED",
        "RANKED": None,
    }
    funded = sum(Decimal(applications[s]["requested"]["amount"]) for s in ("REPORTED", "APPROVED"))
    budget = Decimal(found["call"]["totalBudget"]["amount"])
    assert funded <= budget < funded + Decimal(applications["WAITLISTED"]["requested"]["amount"])
    for stage in FIRST_ROUND:
        assert applications[stage]["feedback"], stage


async def test_the_approved_applications_have_their_research_grants_in_finance(
    gateway: GatewayAPI, officer: str
) -> None:
    found = await research(gateway, officer)
    applications = found["applications"]

    approved, reported = applications["APPROVED"]["grant"], applications["REPORTED"]["grant"]
    assert {s for s, a in applications.items() if a["grant"]} == {"APPROVED", "REPORTED"}
    of_call = [g for g in found["grants"] if g["researchApplication"]["id"] in
               {a["id"] for a in applications.values()}]  # fmt: skip
    assert sorted(g["id"] for g in of_call) == sorted([approved["id"], reported["id"]])
    assert approved["researchApplication"] == {"id": applications["APPROVED"]["id"]}
    assert approved["kind"] == "RESEARCH"
    assert approved["approvedAmount"] == applications["APPROVED"]["requested"]
    assert approved["status"] == "IMPLEMENTATION"
    assert [(p["stage"], p["status"]) for p in approved["research"]["payments"]] == [
        ("ADVANCE", "PAID")
    ]
    assert reported["status"] == "CLOSED"
    assert reported["research"]["reportedOn"] is not None
    assert [(p["stage"], p["status"]) for p in reported["research"]["payments"]] == [
        ("ADVANCE", "PAID"),
        ("FINAL", "PAID"),
    ]


OWN_GRANT = "query($id: ID!) { researchApplication(id: $id) { id grant { id caseNumber } } }"


async def test_the_universitys_researchers_read_their_research_grant(
    gateway: GatewayAPI, officer: str
) -> None:
    """Through the gateway: training shows the application to its university, finance the
    grant to the university's researchers and coordinators (no one else's)."""
    approved = (await research(gateway, officer))["applications"]["APPROVED"]
    university = approved["organisationId"]

    for role in (Role.RESEARCHER, Role.COORDINATOR):
        token = mint(Settings(), role, sub=f"test-demo-{role.value}", org=university)
        seen = await gateway.data(OWN_GRANT, {"id": approved["id"]}, token=token)
        assert seen["researchApplication"]["grant"] == {
            "id": approved["grant"]["id"],
            "caseNumber": approved["grant"]["caseNumber"],
        }, role
    elsewhere = mint(Settings(), Role.RESEARCHER, sub="test-demo-elsewhere", org="org-elsewhere")
    hidden = await gateway.data(OWN_GRANT, {"id": approved["id"]}, token=elsewhere)
    assert hidden["researchApplication"] is None


async def test_the_reported_research_output_is_on_the_network(
    gateway: GatewayAPI, officer: str
) -> None:
    found = await research(gateway, officer)
    reported, network = found["applications"]["REPORTED"], found["network"]

    assert network["id"] in reported["networkIds"]
    [output] = [o for o in network["researchOutputs"] if o["applicationId"] == reported["id"]]
    assert output["networkIds"] == [network["id"]]
    assert {"id": output["id"], "applicationId": reported["id"]} in network["research"]["outputs"]
    citing = [p for p in network["practices"]["nodes"] if output["id"] in p["citedOutputIds"]]
    assert len(citing) == 1


async def test_loading_the_demo_again_changes_nothing(
    gateway: GatewayAPI, officer: str, running_stack: Devstack
) -> None:
    before = await research(gateway, officer)
    urls = {
        name: f"http://127.0.0.1:{port}/graphql"
        for name, port in zip(SERVICES, running_stack.ports.services, strict=True)
    }

    lines = await asyncio.to_thread(demo.load, urls, StopSignal())

    assert await research(gateway, officer) == before
    assert len(lines) == len(demo.STEPS)
