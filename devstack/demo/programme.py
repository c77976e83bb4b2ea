"""Demo step: a call, a project application per partnership, a year of visits.

The applications show the lifecycle at three stages: one approved (finance opens its
grant), one found eligible, one submitted. Each partnership has two completed visits in
the past year, one in each country, and one planned ahead.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from .model import Demo
from .partnerships import PARTNERSHIPS, PEOPLE, DemoPartnership

CALL_TITLE = "Municipal Partnership Programme – demo round"

FIND_CALLS = "query { calls(first: 100) { nodes { id title } } }"
CREATE_CALL = """
mutation($input: CreateCallInput!) { createCall(input: $input) { call { id } } }
"""
PARTNERSHIP_STATE = """
query($id: ID!) {
  partnership(id: $id) {
    swedishPartnerId partnerIds
    applications(first: 10) { nodes { id } }
    visits(first: 10) { totalCount }
  }
}
"""
CREATE_APPLICATION = """
mutation($input: CreateApplicationInput!) {
  createApplication(input: $input) { application { id version } }
}
"""
SUBMIT = """
mutation($input: SubmitApplicationInput!) {
  submitApplication(input: $input) { application { version caseNumber } }
}
"""
ASSESS = """
mutation($input: AssessApplicationInput!) {
  assessApplication(input: $input) { application { version } }
}
"""
DECIDE = """
mutation($input: DecideApplicationInput!) {
  decideApplication(input: $input) { application { version } }
}
"""
PLAN_VISIT = """
mutation($input: PlanVisitInput!) { planVisit(input: $input) { visit { id version } } }
"""
COMPLETE_VISIT = """
mutation($input: CompleteVisitInput!) { completeVisit(input: $input) { visit { id } } }
"""


def _call(demo: Demo, today: date) -> str:
    api = demo.apis["partnerships"]
    for call in api.execute(FIND_CALLS)["calls"]["nodes"]:
        if call["title"] == CALL_TITLE:
            return str(call["id"])
    created = api.execute(CREATE_CALL, {"input": {
        "title": CALL_TITLE,
        "allowedTypes": ["INCEPTION", "PROJECT", "STEERING_GROUP"],
        "opensOn": (today - timedelta(days=30)).isoformat(),
        "closesOn": (today + timedelta(days=30)).isoformat(),
    }})  # fmt: skip
    return str(created["createCall"]["call"]["id"])


def _application_input(spec: DemoPartnership, partnership_id: str, call_id: str) -> dict[str, Any]:
    indicator = {"name": "Staff trained", "unit": "people", "baseline": "0", "target": "40"}
    return {
        "partnershipId": partnership_id,
        "callId": call_id,
        "type": "PROJECT",
        "title": spec.focus,
        "durationMonths": 24,
        "theme": "GENDER_EQUALITY",
        "projectArea": "Gender equality",
        "sdgs": [5, 16],
        "resultsChain": {
            "goal": {"statement": "Women and girls live free from gender-based violence"},
            "outcomes": [{
                "statement": "The municipality prevents and responds to gender-based violence",
                "indicators": [indicator],
                "outputs": [{"statement": "A joint action plan adopted by both councils"}],
            }],
        },
        "requestedBudget": [
            {"year": 1, "category": "INTERNATIONAL_TRAVEL", "amount": {"amount": "120000.00"}},
            {"year": 1, "category": "ACCOMMODATION", "amount": {"amount": "45000.00"}},
            {"year": 1, "category": "WORKING_HOURS", "amount": {"amount": "150000.00"}},
            {"year": 2, "category": "INTERNATIONAL_TRAVEL", "amount": {"amount": "110000.00"}},
            {"year": 2, "category": "INTERPRETATION", "amount": {"amount": "20000.00"}},
        ],
    }  # fmt: skip


def _application(
    demo: Demo, spec: DemoPartnership, partnership_id: str, call_id: str, stage: int
) -> None:
    """Stage 0: approved; 1: eligible; 2: submitted."""
    api = demo.apis["partnerships"]
    app = api.execute(
        CREATE_APPLICATION, {"input": _application_input(spec, partnership_id, call_id)}
    )
    app_id, version = app["createApplication"]["application"]["id"], 1

    def step(query: str, mutation: str, **fields: str) -> int:
        result = api.execute(query, {"input": {"id": app_id, "version": version, **fields}})
        return int(result[mutation]["application"]["version"])

    version = step(SUBMIT, "submitApplication")
    if stage <= 1:
        version = step(ASSESS, "assessApplication", outcome="ELIGIBLE")
    if stage == 0:
        step(DECIDE, "decideApplication", outcome="APPROVED")


def _visits(demo: Demo, spec: DemoPartnership, partnership_id: str, today: date) -> None:
    api = demo.apis["partnerships"]
    swedish, partner = demo.organisations[spec.swedish], demo.organisations[spec.partner]
    travellers = {
        swedish: [demo.people[p.name] for p in PEOPLE[spec.partner][2:4]],
        partner: [demo.people[p.name] for p in PEOPLE[spec.swedish][2:4]],
    }
    schedule = [(partner, 200, True), (swedish, 60, True), (partner, -45, False)]
    for host, days_ago, completed in schedule:
        starts = today - timedelta(days=days_ago)
        planned = api.execute(PLAN_VISIT, {"input": {
            "partnershipId": partnership_id,
            "hostOrganisationId": host,
            "startsOn": starts.isoformat(),
            "endsOn": (starts + timedelta(days=5)).isoformat(),
            "participantIds": travellers[host],
            "purpose": "Steering group meeting and study visits",
        }})["planVisit"]["visit"]  # fmt: skip
        if completed:
            api.execute(
                COMPLETE_VISIT, {"input": {"id": planned["id"], "version": planned["version"]}}
            )


def load_programme(demo: Demo) -> str:
    today = datetime.now(UTC).date()
    call_id = _call(demo, today)
    applications = visits = 0
    for stage, spec in enumerate(PARTNERSHIPS):
        partnership_id = demo.partnerships[spec.title]
        state = demo.apis["partnerships"].execute(PARTNERSHIP_STATE, {"id": partnership_id})[
            "partnership"
        ]
        if not state["applications"]["nodes"]:
            _application(demo, spec, partnership_id, call_id, stage)
            applications += 1
        if not state["visits"]["totalCount"]:
            _visits(demo, spec, partnership_id, today)
            visits += 1
    return (
        f"a call, {len(PARTNERSHIPS)} project applications ({applications} new), a year of visits"
    )
