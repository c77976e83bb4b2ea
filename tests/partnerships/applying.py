"""A partnership ready to apply, calls and applications, built through the API.

Every test pins the service clock (`pinned`), so deadlines and case-number years never
depend on the day the tests run.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import aio_pika

from services.common.auth import Role
from services.common.clock import clock
from services.partnerships.repositories import CASE_NUMBERS

from ..support.services import RunningService
from ..support.waiting import eventually
from ..support.writes import assert_refused

TODAY = date(2025, 3, 10)

CALL_FIELDS = """
  id title programme allowedTypes opensOn closesOn extendedTo openUntil version
  auditTrail { actor action note version }
"""
CREATE_CALL = f"""
mutation($input: CreateCallInput!) {{ createCall(input: $input) {{ call {{ {CALL_FIELDS} }} }} }}"""
UPDATE_CALL = f"""
mutation($input: UpdateCallInput!) {{ updateCall(input: $input) {{ call {{ {CALL_FIELDS} }} }} }}"""
EXTEND_CALL = f"""
mutation($input: ExtendCallInput!) {{ extendCall(input: $input) {{ call {{ {CALL_FIELDS} }} }} }}"""

APPLICATION_FIELDS = """
  id caseNumber status type title durationMonths projectArea sdgs theme year submittedOn
  partnershipId callId version
  resultsChain {
    goal { statement indicators { name unit baseline target } }
    outcomes {
      statement indicators { name unit baseline target }
      outputs { statement indicators { name unit baseline target } }
    }
  }
  requestedBudget { year category amount { amount currency } }
  requestedTotal { amount currency }
  decision {
    outcome conditions decidedAt decidedBy
    approvedBudget { year category amount { amount currency } }
    approvedTotal { amount currency }
  }
  auditTrail { actor action fromStatus toStatus note version }
"""


def _mutation(name: str, input_type: str) -> str:
    return (
        f"mutation($input: {input_type}!) {{ {name}(input: $input)"
        f" {{ application {{ {APPLICATION_FIELDS} }} }} }}"
    )


CREATE = _mutation("createApplication", "CreateApplicationInput")
UPDATE = _mutation("updateApplication", "UpdateApplicationInput")
SUBMIT = _mutation("submitApplication", "SubmitApplicationInput")
RETURN = _mutation("returnApplication", "ReturnApplicationInput")
ASSESS = _mutation("assessApplication", "AssessApplicationInput")
DECIDE = _mutation("decideApplication", "DecideApplicationInput")
GET = f"query($id: ID!) {{ application(id: $id) {{ {APPLICATION_FIELDS} }} }}"
LIST = """
query($first: Int, $after: String, $filter: ApplicationFilter) {
  applications(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id caseNumber status type year }
  }
}"""

CREATE_ORGANISATION = """
mutation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { organisation { id } }
}"""
CREATE_PERSON = """
mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }"""
UPDATE_PERSON = """
mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { person { id } } }"""
CREATE_PARTNERSHIP = """
mutation($input: CreatePartnershipInput!) {
  createPartnership(input: $input) { partnership { id version } }
}"""
SET_STEERING_GROUP = """
mutation($input: SetSteeringGroupInput!) {
  setSteeringGroup(input: $input) { partnership { id version steeringGroupGaps } }
}"""
CHANGE_PARTNERSHIP_STATUS = """
mutation($input: ChangePartnershipStatusInput!) {
  changePartnershipStatus(input: $input) { partnership { id version status } }
}"""


@contextlib.contextmanager
def pinned(day: date = TODAY) -> Iterator[date]:
    clock.pin(day)
    try:
        yield day
    finally:
        clock.pin(None)


def call_input(**overrides: Any) -> dict[str, Any]:
    """A call that is open on TODAY (opened 23 days before, closes 5 days after)."""
    return {
        "title": "Municipal partnerships, spring 2025",
        "programme": "municipal_partnership",
        "allowedTypes": ["INCEPTION", "PROJECT", "STEERING_GROUP"],
        "opensOn": (TODAY - timedelta(days=23)).isoformat(),
        "closesOn": (TODAY + timedelta(days=5)).isoformat(),
        **overrides,
    }


async def create_call(service: RunningService, **overrides: Any) -> dict[str, Any]:
    data = await service.data(CREATE_CALL, {"input": call_input(**overrides)})
    call: dict[str, Any] = data["createCall"]["call"]
    return call


def indicator(name: str = "Women on the council", target: str = "50") -> dict[str, Any]:
    return {"name": name, "unit": "%", "baseline": "31.5", "target": target}


def results_chain() -> dict[str, Any]:
    return {
        "goal": {
            "statement": "Local democracy where women and men take part on equal terms",
            "indicators": [indicator()],
        },
        "outcomes": [
            {
                "statement": "The council plans with gender-disaggregated data",
                "indicators": [indicator("Plans using the data", "3")],
                "outputs": [
                    {
                        "statement": "Staff trained in gender budgeting",
                        "indicators": [indicator("Staff trained", "40")],
                    }
                ],
            }
        ],
    }


def budget(*amounts: str, years: tuple[int, ...] = (1, 2)) -> list[dict[str, Any]]:
    """One line per amount, in the given years in turn (SEK)."""
    amounts = amounts or ("150000.00", "99999.50")
    categories = ["INTERNATIONAL_TRAVEL", "ACCOMMODATION", "WORKING_HOURS", "INTERPRETATION"]
    return [
        {
            "year": years[i % len(years)],
            "category": categories[i % len(categories)],
            "amount": {"amount": amount, "currency": "SEK"},
        }
        for i, amount in enumerate(amounts)
    ]


@dataclass
class World:
    """Region Gotland and Kibaha with a complete steering group and an open call."""

    service: RunningService
    swedish: str = ""
    partner: str = ""
    other: str = ""
    """An organisation outside the partnership (its coordinator may not touch it)."""
    partnership: str = ""
    call: str = ""
    people: dict[str, str] = field(default_factory=dict)
    """`<org>:<seat>` → person id (seats: majority, opposition, senior)."""

    def as_coordinator(self, org: str | None = None) -> dict[str, Any]:
        return {"role": Role.COORDINATOR, "org": org or self.swedish}

    def application_input(self, **overrides: Any) -> dict[str, Any]:
        """A complete project application (it passes every submission rule)."""
        return {
            "partnershipId": self.partnership,
            "callId": self.call,
            "type": "PROJECT",
            "title": "Gender budgeting in Gotland and Kibaha",
            "durationMonths": 24,
            "theme": "GENDER_EQUALITY",
            "projectArea": "Municipal planning and budgeting",
            "sdgs": [5, 16, 5],
            "resultsChain": results_chain(),
            "requestedBudget": budget(),
            **overrides,
        }

    async def draft(self, *, auth: dict[str, Any] | None = None, **overrides: Any) -> Any:
        data = await self.service.data(
            CREATE, {"input": self.application_input(**overrides)}, **(auth or {})
        )
        return data["createApplication"]["application"]

    async def act(
        self, mutation: str, application: Any, auth: dict[str, Any] | None = None, **fields: Any
    ) -> Any:
        """Runs a lifecycle mutation on the application at its current version."""
        data = await self.service.data(
            mutation,
            {"input": {"id": application["id"], "version": application["version"], **fields}},
            **(auth or {}),
        )
        return next(iter(data.values()))["application"]

    async def submitted(self, **overrides: Any) -> Any:
        return await self.act(SUBMIT, await self.draft(**overrides))

    async def in_status(self, status: str) -> Any:
        """A project application brought to `status` by the allowed path."""
        application = await self.draft()
        if status == "DRAFT":
            return application
        application = await self.act(SUBMIT, application)
        if status == "SUBMITTED":
            return application
        if status == "RETURNED":
            return await self.act(RETURN, application, note="Add the letter of intent")
        if status in ("ELIGIBLE", "INELIGIBLE"):
            return await self.act(ASSESS, application, outcome=status, note="Checked")
        application = await self.act(ASSESS, application, outcome="ELIGIBLE")
        conditions = "Report gender data" if status == "APPROVED_WITH_CONDITIONS" else None
        return await self.act(DECIDE, application, outcome=status, conditions=conditions)


async def organisation(service: RunningService, name: str, country: str) -> str:
    data = await service.data(
        CREATE_ORGANISATION, {"input": {"name": name, "kind": "MUNICIPALITY", "country": country}}
    )
    org_id: str = data["createOrganisation"]["organisation"]["id"]
    return org_id


def profile(seat: str) -> dict[str, Any]:
    role, side, senior = {
        "majority": ("POLITICIAN", "MAJORITY", False),
        "opposition": ("POLITICIAN", "OPPOSITION", False),
        "senior": ("CIVIL_SERVANT", None, True),
    }[seat]
    return {
        "givenName": "Anna",
        "familyName": seat.title(),
        "gender": "WOMAN",
        "role": role,
        "politicalSide": side,
        "senior": senior,
    }


async def world(service: RunningService, *, steering_group: bool = True) -> World:
    w = World(service)
    w.swedish = await organisation(service, "Region Gotland", "SE")
    w.partner = await organisation(service, "Kibaha", "TZ")
    w.other = await organisation(service, "Jönköping", "SE")
    data = await service.data(
        CREATE_PARTNERSHIP,
        {
            "input": {
                "title": "Gotland and Kibaha",
                "swedishPartnerId": w.swedish,
                "partnerIds": [w.partner],
                "themes": ["GENDER_EQUALITY"],
                "startedOn": "2020-01-01",
            }
        },
    )
    w.partnership = data["createPartnership"]["partnership"]["id"]
    for org in (w.swedish, w.partner):
        for seat in ("majority", "opposition", "senior"):
            created = await service.data(
                CREATE_PERSON, {"input": {"organisationId": org, "profile": profile(seat)}}
            )
            w.people[f"{org}:{seat}"] = created["createPerson"]["person"]["id"]
    if steering_group:
        await set_steering_group(w, list(w.people.values()))
    w.call = (await create_call(service))["id"]
    return w


async def set_steering_group(w: World, person_ids: list[str]) -> list[str]:
    current = await w.service.data(
        "query($id: ID!) { partnership(id: $id) { version } }", {"id": w.partnership}
    )
    data = await w.service.data(
        SET_STEERING_GROUP,
        {
            "input": {
                "partnershipId": w.partnership,
                "version": current["partnership"]["version"],
                "personIds": person_ids,
            }
        },
    )
    gaps: list[str] = data["setSteeringGroup"]["partnership"]["steeringGroupGaps"]
    return gaps


async def counters(service: RunningService) -> list[dict[str, Any]]:
    """The case-number counters (not an aggregate collection)."""
    return await service.runtime.db[CASE_NUMBERS].find({}).sort("_id", 1).to_list()


async def refused(
    service: RunningService,
    query: str,
    variables: dict[str, Any],
    code: str,
    field: str | None = None,
    **auth: Any,
) -> dict[str, Any]:
    """`assert_refused` with the case-number counters as state too; the first error."""
    body = await assert_refused(
        service, query, variables, code, field, also=(CASE_NUMBERS,), **auth
    )
    error: dict[str, Any] = body["errors"][0]
    return error


class EventTap:
    """A queue of our own bound to the service's exchange: what the relay really published."""

    def __init__(self, service: RunningService, binding: str) -> None:
        self.service = service
        self.binding = binding
        self.received: list[dict[str, Any]] = []
        self._connection: aio_pika.abc.AbstractRobustConnection | None = None
        self._queue: aio_pika.abc.AbstractQueue | None = None

    async def __aenter__(self) -> EventTap:
        self._connection = await aio_pika.connect_robust(self.service.settings.amqp_url)
        channel = await self._connection.channel()
        exchange = await channel.get_exchange(f"{self.service.settings.events_prefix}.events")
        self._queue = await channel.declare_queue(exclusive=True, auto_delete=True)
        await self._queue.bind(exchange, self.binding)
        return self

    async def __aexit__(self, *_: object) -> None:
        if self._connection is not None:
            await self._connection.close()

    async def wait_for(self, event_type: str, subject: str) -> dict[str, Any]:
        """The first event of that type about `subject` (waiting for the relay)."""

        def match() -> dict[str, Any] | None:
            for event in self.received:
                if event["type"] == event_type and event["subject"] == subject:
                    return event
            return None

        async def arrived() -> bool:
            assert self._queue is not None
            while (message := await self._queue.get(no_ack=True, fail=False)) is not None:
                self.received.append(json.loads(message.body))
            return match() is not None

        await eventually(arrived, what=f"{event_type} about {subject} published")
        found = match()
        assert found is not None
        return found
