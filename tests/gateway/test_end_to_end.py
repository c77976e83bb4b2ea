"""The gateway composing the four real services (`--subgraph name=url`), end to end.

Region Gotland and Kibaha's partnership has an approved application, whose grant finance opens
on the partnerships service's decision event; through the gateway it joins a network, and two
of its people register for the network's joint workshop. One query then reads all of it,
crossing every subgraph and coming back to partnerships for the people. Training's research
events then open a research grant in finance and put an output on the network.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from services.common.auth import Role
from services.common.events.bus import EventBus
from services.common.events.topology import Topology
from services.contracts.training import (
    RESEARCH_APPLICATION_DECIDED,
    RESEARCH_OUTPUT_PUBLISHED,
    ResearchApplicationDecidedV1,
    ResearchBudgetLineV1,
    ResearchOutputV1,
)
from tests.partnerships.applying import World, pinned, world
from tests.support.waiting import eventually

from .end_to_end.stack import Stack, stack

NETWORK = {
    "name": "Gender equality network Tanzania",
    "theme": "GENDER_EQUALITY",
    "countries": ["SE", "TZ"],
    "startsOn": "2024-01-01",
    "endsOn": "2026-12-31",
    "description": "Partnerships working on gender equality in local democracy",
}
WORKSHOP = {
    "kind": "NETWORK_WORKSHOP",
    "title": "Gender budgeting in practice",
    "city": "Dodoma",
    "country": "TZ",
    "startsOn": "2025-05-12",
    "endsOn": "2025-05-15",
    "capacity": 20,
    "costs": [],
}
JOINED_ON = "2025-06-02"
"""After the workshop's start: joining invites nobody to it (only to later workshops), so the
two registrations below are the only ones, whatever order the services see events in."""

CREATE_NETWORK = """
mutation($input: CreateNetworkInput!) { createNetwork(input: $input) { network { id version } } }
"""
ACTIVATE = """
mutation($input: ChangeNetworkStatusInput!) {
  changeNetworkStatus(input: $input) { network { status } }
}"""
JOIN = """
mutation($input: JoinNetworkInput!) { joinNetwork(input: $input) { membership { status } } }
"""
SCHEDULE = """
mutation($input: ScheduleWorkshopInput!) { scheduleWorkshop(input: $input) { workshop { id } } }
"""
REGISTER = """
mutation($input: RegisterParticipantInput!) {
  registerParticipant(input: $input) { registration { status } }
}"""
PROJECTED = """
query($partnership: ID!, $network: ID!, $majority: ID!, $senior: ID!) {
  networksKnownPartnership(id: $partnership) { id }
  trainingKnownPartnership(id: $partnership) { id }
  trainingKnownNetwork(id: $network) { status }
  majority: trainingKnownPerson(id: $majority) { id }
  senior: trainingKnownPerson(id: $senior) { id }
  network(id: $network) { funding { status } }
  partnership(id: $partnership) { grants { id } }
}"""
"""Staff diagnostics of each service's projections, through the gateway: what the other
services learnt from events before the writes below rely on it."""

OVERVIEW = """
query Overview($id: ID!) {
  partnership(id: $id) {
    title
    status
    swedishPartner { name country }
    partners { name country }
    networks {
      status
      joinedOn
      network {
        name
        countries
        workshops { title city startsOn }
        funding { kind name status totalSek { amount currency } }
      }
    }
    participants {
      status
      person { givenName familyName organisation { name } }
      workshop { title network { name } }
    }
    grants {
      caseNumber
      status
      approvedAmount { amount currency }
      application { title status }
    }
    funding { grants approved { amount currency } }
  }
}"""


def overview(participants: list[dict[str, Any]]) -> dict[str, Any]:
    """The OVERVIEW response, its fields in the order the query asks for them."""
    partnership = {
        "title": "Gotland and Kibaha",
        "status": "ACTIVE",
        "swedishPartner": {"name": "Region Gotland", "country": "SE"},
        "partners": [{"name": "Kibaha", "country": "TZ"}],
        "networks": [
            {
                "status": "ACTIVE",
                "joinedOn": JOINED_ON,
                "network": {
                    "name": "Gender equality network Tanzania",
                    "countries": ["SE", "TZ"],
                    "workshops": [
                        {
                            "title": "Gender budgeting in practice",
                            "city": "Dodoma",
                            "startsOn": "2025-05-12",
                        }
                    ],
                    "funding": {
                        "kind": "NETWORK",
                        "name": "Gender equality network Tanzania",
                        "status": "active",
                        "totalSek": {"amount": "0.00", "currency": "SEK"},
                    },
                },
            }
        ],
        "participants": participants,
        "grants": [
            {
                "caseNumber": "2025-0001",
                "status": "PIPELINE",
                "approvedAmount": {"amount": "249999.50", "currency": "SEK"},
                "application": {
                    "title": "Gender budgeting in Gotland and Kibaha",
                    "status": "APPROVED",
                },
            }
        ],
        "funding": {"grants": 1, "approved": {"amount": "249999.50", "currency": "SEK"}},
    }
    return {"data": {"partnership": partnership}}


def participant(family_name: str, organisation: str) -> dict[str, Any]:
    return {
        "status": "APPLIED",
        "person": {
            "givenName": "Anna",
            "familyName": family_name,
            "organisation": {"name": organisation},
        },
        "workshop": {
            "title": "Gender budgeting in practice",
            "network": {"name": "Gender equality network Tanzania"},
        },
    }


@dataclass
class Built:
    stack: Stack
    world: World


def assert_exact(body: object, expected: dict[str, Any]) -> None:
    """Equal, and in the same order: a response's field order is part of the spec."""
    assert body == expected
    assert json.dumps(body) == json.dumps(expected)


async def data(s: Stack, query: str, variables: dict[str, Any], token: str) -> Any:
    body = await s.post(query, variables, token)
    assert isinstance(body, dict), body
    assert "errors" not in body, body
    return body["data"]


@pytest.fixture(scope="module")
async def built(
    mongo_url: str, broker_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Built]:
    log = tmp_path_factory.mktemp("end_to_end") / "gateway.log"
    with pinned():  # the application's case number and decision day
        async with stack(mongo_url, broker_url, f"test-{uuid.uuid4().hex[:10]}", log) as s:
            yield Built(s, await _build(s))


async def _build(s: Stack) -> World:
    staff = s.token(Role.OFFICER)
    # Built on the partnerships service as its own tests build it: organisations, people,
    # the partnership, a call and an approved application.
    w = await world(s.services["partnerships"])
    await w.in_status("APPROVED")

    created = await data(s, CREATE_NETWORK, {"input": NETWORK}, staff)
    network = created["createNetwork"]["network"]
    activate = {"id": network["id"], "version": network["version"], "status": "ACTIVE"}
    await data(s, ACTIVATE, {"input": activate}, staff)
    majority, senior = w.people[f"{w.swedish}:majority"], w.people[f"{w.partner}:senior"]
    ids = {"partnership": w.partnership, "network": network["id"]}

    async def projected() -> bool:
        known = await data(s, PROJECTED, {**ids, "majority": majority, "senior": senior}, staff)
        return (
            None not in (known["networksKnownPartnership"], known["trainingKnownPartnership"])
            and None not in (known["majority"], known["senior"])
            and known["trainingKnownNetwork"] == {"status": "active"}
            and known["network"]["funding"]["status"] == "active"
            and len(known["partnership"]["grants"]) == 1
        )

    await eventually(projected, what="the partnership, network, people and grant everywhere")

    scheduled = await data(s, SCHEDULE, {"input": {**WORKSHOP, "networkId": network["id"]}}, staff)
    workshop_id = scheduled["scheduleWorkshop"]["workshop"]["id"]
    joining = {"networkId": network["id"], "partnershipId": w.partnership, "joinedOn": JOINED_ON}
    await data(s, JOIN, {"input": joining}, staff)
    for person in (majority, senior):
        registration = {
            "personId": person,
            "workshopId": workshop_id,
            "partnershipId": w.partnership,
        }
        await data(s, REGISTER, {"input": registration}, staff)
    return w


async def test_one_query_spans_all_four_subgraphs(built: Built) -> None:
    staff = built.stack.token(Role.OFFICER)

    body = await built.stack.post(OVERVIEW, {"id": built.world.partnership}, staff)

    participants = [participant("Majority", "Region Gotland"), participant("Senior", "Kibaha")]
    assert_exact(body, overview(participants))


async def test_the_callers_token_reaches_every_subgraph(built: Built) -> None:
    # A coordinator of Kibaha sees only registrations of Kibaha's people: training applied
    # its personal-data rule to the forwarded token on the gateway's entity fetch.
    coordinator = built.stack.token(Role.COORDINATOR, org=built.world.partner)

    body = await built.stack.post(OVERVIEW, {"id": built.world.partnership}, coordinator)

    assert_exact(body, overview([participant("Senior", "Kibaha")]))


async def test_without_a_token_the_subgraph_refuses_with_its_error_at_the_client_path(
    built: Built,
) -> None:
    query = """query($id: ID!) {
      overview: partnership(id: $id) { title participants { person { givenName } } }
    }"""

    body = await built.stack.post(query, {"id": built.world.partnership}, None)

    expected = {
        "errors": [
            {
                "message": "sign in: this operation needs a bearer token",
                "path": ["overview"],
                "extensions": {"code": "UNAUTHENTICATED", "serviceName": "partnerships"},
            }
        ],
        "data": {"overview": None},
    }
    assert_exact(body, expected)


RESEARCH = """
query($partnership: ID!) {
  partnership(id: $partnership) {
    networks { network { id researchOutputs { title output { id } } } }
  }
  grants(filter: { kind: RESEARCH }) {
    nodes { kind caseNumber partnership { id } researchApplication { id grant { caseNumber } } }
  }
}"""


async def test_research_reaches_finance_and_networks_through_the_gateway(built: Built) -> None:
    """Training's research events, as it publishes them: finance opens the research grant,
    networks shows the output on its network; one query reads both through the gateway."""
    s, staff = built.stack, built.stack.token(Role.OFFICER)
    ids = {"partnership": built.world.partnership}
    known = await data(s, RESEARCH, ids, staff)
    network_id = known["partnership"]["networks"][0]["network"]["id"]
    decision = ResearchApplicationDecidedV1(
        id="ra-e2e", version=5, case_number="R2025-0001", call_id="call-2025", kind="project",
        outcome="approved", principal_investigator_id="person-pi", organisation_id="org-uni",
        partnership_ids=[built.world.partnership], network_ids=[network_id], countries=["TZ"],
        themes=["gender_equality"], max_amount_minor=100_000_000, duration_months=12,
        approved_budget=[ResearchBudgetLineV1(year=1, category="working_hours",
                                              amount_minor=50_000_000, currency="SEK")],
    )  # fmt: skip
    output = ResearchOutputV1(
        id="out-e2e", version=1, application_id="ra-e2e", kind="policy_brief",
        title="Gender budgeting in Kibaha", published_on=date(2025, 6, 1), url=None,
        partnership_ids=[built.world.partnership], network_ids=[network_id],
        themes=["gender_equality"],
    )  # fmt: skip
    settings = s.services["finance"].settings
    bus = EventBus(settings.amqp_url, Topology(settings.events_prefix))
    await bus.connect()
    try:
        await bus.publish(RESEARCH_APPLICATION_DECIDED.new(decision.id, decision))
        await bus.publish(RESEARCH_OUTPUT_PUBLISHED.new(output.id, output))
    finally:
        await bus.close()

    expected = {
        "partnership": {
            "networks": [
                {
                    "network": {
                        "id": network_id,
                        "researchOutputs": [
                            {"title": "Gender budgeting in Kibaha", "output": {"id": "out-e2e"}}
                        ],
                    }
                }
            ]
        },
        "grants": {
            "nodes": [
                {
                    "kind": "RESEARCH",
                    "caseNumber": "R2025-0001",
                    "partnership": None,
                    "researchApplication": {"id": "ra-e2e", "grant": {"caseNumber": "R2025-0001"}},
                }
            ]
        },
    }

    async def arrived() -> bool:
        return bool(await data(s, RESEARCH, ids, staff) == expected)

    await eventually(arrived, what="the research grant and output through the gateway")
