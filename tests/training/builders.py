"""Builds programmes, cohorts, workshops and registrations through the training API, and feeds
its projections with the events partnerships and networks publish, on the real broker."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from prometheus_client import REGISTRY

from services.common.auth import Role
from services.common.events.bus import EventBus
from services.common.events.envelope import Event
from services.common.runtime import ServiceRuntime
from services.contracts.networks import NETWORK_CREATED, NetworkV1
from services.contracts.partnerships import (
    PARTNERSHIP_CLOSED,
    PARTNERSHIP_CREATED,
    PARTNERSHIP_STATUS_CHANGED,
    PERSON_CREATED,
    PartnershipStatusChangedV1,
    PartnershipV1,
    PersonV1,
)

from ..support.services import GraphQLError, RunningService, as_gateway
from ..support.waiting import eventually
from ..support.writes import assert_refused

TODAY = date(2030, 1, 10)
"""The pinned day of the training rules; workshops below are after it (and after the real
day, so that a partnership joining a network now finds them upcoming)."""

REGISTRATION = """
  id version status personId organisationId partnershipId workshopId cohortId waitlistPosition
  history { fromStatus toStatus note actor }
  changeProject { outline reported reports { text final } }
  certificate { number issuedOn cohortId }
  attendance { attended workshop { id } }
"""
PAYLOAD = f"registration {{ {REGISTRATION} }} warnings"
WORKSHOP = """
  id kind title networkId cohortId programmeId city country startsOn endsOn capacity status
  seatsTaken seatsLeft waitlistLength participants completedOn cancelledOn note version
  costLines { category amount { amount currency } description }
"""
COHORT = """
  id programmeId number startsOn endsOn applicationsOpenOn applicationsCloseOn networkId
  capacity seatsTaken seatsLeft waitlistLength version applicationsOpen
"""
PROGRAMME = "id title theme targetGroup language description version"

CREATE_PROGRAMME = f"""
mutation($input: CreateProgrammeInput!) {{ createProgramme(input: $input) {{ programme {{
  {PROGRAMME} }} }} }}"""
CREATE_COHORT = f"""
mutation($input: CreateCohortInput!) {{
  createCohort(input: $input) {{ cohort {{ {COHORT} }} }}
}}"""
UPDATE_COHORT = f"""
mutation($input: UpdateCohortInput!) {{
  updateCohort(input: $input) {{ cohort {{ {COHORT} }} }}
}}"""
SCHEDULE = f"""
mutation($input: ScheduleWorkshopInput!) {{
  scheduleWorkshop(input: $input) {{ workshop {{ {WORKSHOP} }} }}
}}"""
UPDATE_WORKSHOP = f"""
mutation($input: UpdateWorkshopInput!) {{
  updateWorkshop(input: $input) {{ workshop {{ {WORKSHOP} }} }}
}}"""
RECORD_COSTS = f"""
mutation($input: RecordWorkshopCostsInput!) {{
  recordWorkshopCosts(input: $input) {{ workshop {{ {WORKSHOP} }} }}
}}"""
COMPLETE = f"""
mutation($input: CompleteWorkshopInput!) {{
  completeWorkshop(input: $input) {{ workshop {{ {WORKSHOP} }} }}
}}"""
CANCEL = f"""
mutation($input: CancelWorkshopInput!) {{
  cancelWorkshop(input: $input) {{ workshop {{ {WORKSHOP} }} }}
}}"""
WORKSHOP_QUERY = f"""query($id: ID!) {{ workshop(id: $id) {{ {WORKSHOP}
  registrations {{ {REGISTRATION} }} }} }}"""
COHORT_QUERY = f"""query($id: ID!) {{ cohort(id: $id) {{ {COHORT}
  registrations {{ {REGISTRATION} }}
  nominations {{ organisationId gaps nominees {{ personId }} }}
  phases {{ id title }} }} }}"""
REGISTER = f"""
mutation($input: RegisterParticipantInput!) {{
  registerParticipant(input: $input) {{ {PAYLOAD} }}
}}"""
ACCEPT = f"""
mutation($input: RegistrationActionInput!) {{
  acceptInvitation(input: $input) {{ {PAYLOAD} }}
}}"""
DECIDE = f"""
mutation($input: DecideRegistrationInput!) {{
  decideRegistration(input: $input) {{ {PAYLOAD} }}
}}"""
ENROL = f"""
mutation($input: RegistrationActionInput!) {{
  enrolParticipant(input: $input) {{ {PAYLOAD} }}
}}"""
WITHDRAW = f"""
mutation($input: WithdrawRegistrationInput!) {{
  withdrawRegistration(input: $input) {{ {PAYLOAD} }}
}}"""
REPORT = f"""
mutation($input: ReportChangeProjectInput!) {{
  reportChangeProject(input: $input) {{ {PAYLOAD} }}
}}"""
CERTIFY = f"""
mutation($input: RegistrationActionInput!) {{
  issueCertificate(input: $input) {{ {PAYLOAD} }}
}}"""
REGISTRATION_QUERY = f"query($id: ID!) {{ registration(id: $id) {{ {REGISTRATION} }} }}"


@dataclass(frozen=True)
class Person:
    id: str
    organisation_id: str
    role: str = "civil_servant"
    senior: bool = False

    @property
    def coordinator(self) -> dict[str, Any]:
        """Auth of a coordinator of the person's organisation."""
        return {"role": Role.COORDINATOR, "org": self.organisation_id}


@dataclass
class Partnership:
    id: str
    organisation_ids: list[str]
    version: int = 1
    status: str = "active"

    def snapshot(self) -> PartnershipV1:
        return PartnershipV1(
            id=self.id,
            version=self.version,
            title=f"Partnership {self.id}",
            swedish_partner_id=self.organisation_ids[0],
            partner_ids=self.organisation_ids[1:],
            organisation_ids=self.organisation_ids,
            countries=["SE", "CO"],
            kind="bilateral",
            themes=["gender_equality"],
            focus="",
            status=self.status,
            started_on=date(2022, 1, 1),
        )


def consumed(event_type: str) -> float:
    """How many events of the type this process's consumers have handled successfully."""
    value = REGISTRY.get_sample_value(
        "icld_events_consumed_total", {"type": event_type, "outcome": "applied"}
    )
    return value or 0.0


async def handled(event_type: str, before: float, consumers: int = 1) -> None:
    """Once the event was handled by `consumers` services (the counter is per process)."""

    async def more() -> bool:
        return consumed(event_type) >= before + consumers

    await eventually(more, what=f"{event_type} handled")


def workshop_input(**overrides: Any) -> dict[str, Any]:
    return {
        "kind": "TAILORED_TRAINING",
        "title": "Gender budgeting in practice",
        "city": "Bogotá",
        "country": "CO",
        "startsOn": "2030-03-04",
        "endsOn": "2030-03-07",
        "capacity": 25,
        "costs": [],
        **overrides,
    }


def cohort_input(programme_id: str, **overrides: Any) -> dict[str, Any]:
    return {
        "programmeId": programme_id,
        "number": 1,
        "startsOn": "2030-03-01",
        "endsOn": "2031-02-28",
        "applicationsOpenOn": "2030-01-01",
        "applicationsCloseOn": "2030-02-01",
        **overrides,
    }


@asynccontextmanager
async def replica(service: RunningService) -> AsyncIterator[RunningService]:
    """Another replica of the service: same database, same queues, its own process state.
    Stopping it leaves the database and the broker objects to the first one."""
    runtime: ServiceRuntime[Any] = ServiceRuntime(service.runtime.spec, service.settings)
    await runtime.start()
    try:
        async with as_gateway(runtime) as http:
            yield RunningService(runtime, http)
    finally:
        await runtime.stop()


@dataclass
class World:
    service: RunningService
    bus: EventBus
    counter: int = 0
    organisations: list[str] = field(default_factory=list)

    # --- what partnerships and networks publish --------------------------------------------

    def _next(self, kind: str) -> str:
        self.counter += 1
        return f"{kind}-{self.counter}-{uuid.uuid4().hex[:6]}"

    async def publish(self, event: Event) -> None:
        await self.bus.publish(event)

    async def person(
        self,
        organisation_id: str | None = None,
        *,
        role: str = "civil_servant",
        senior: bool = False,
        wait: bool = True,
    ) -> Person:
        """A person announced by PERSON_CREATED, once the projection has them."""
        person = Person(self._next("person"), organisation_id or self._next("org"), role, senior)
        data = PersonV1(
            id=person.id,
            version=1,
            organisation_id=person.organisation_id,
            given_name="Ana",
            family_name="Rojas",
            gender="woman",
            role=role,
            political_side="majority" if role == "politician" else None,
            senior=senior,
            position="",
        )
        await self.publish(PERSON_CREATED.new(person.id, data))
        if wait:
            await self.known("trainingKnownPerson", person.id)
        return person

    async def partnership(self, *organisation_ids: str) -> Partnership:
        partnership = Partnership(self._next("partnership"), list(organisation_ids))
        await self.publish(PARTNERSHIP_CREATED.new(partnership.id, partnership.snapshot()))
        await self.known("trainingKnownPartnership", partnership.id)
        return partnership

    async def close(self, partnership: Partnership) -> Event:
        """Closes the partnership as the partnerships service does: both events, published."""
        from_status, partnership.status = partnership.status, "closed"
        partnership.version += 1
        changed = PartnershipStatusChangedV1(
            id=partnership.id,
            version=partnership.version,
            from_status=from_status,
            to_status="closed",
            note=None,
        )
        closed = PARTNERSHIP_CLOSED.new(partnership.id, partnership.snapshot())
        await self.publish(PARTNERSHIP_STATUS_CHANGED.new(partnership.id, changed))
        await self.publish(closed)
        return closed

    async def network(self, status: str = "active") -> str:
        network_id = self._next("network")
        data = NetworkV1(
            id=network_id,
            version=1,
            name="Gender equality network",
            theme="gender_equality",
            countries=["SE", "CO", "GT"],
            starts_on=date(2029, 1, 1),
            ends_on=date(2032, 12, 31),
            status=status,
            closed_on=None,
            mentor_countries=[],
        )
        await self.publish(NETWORK_CREATED.new(network_id, data))
        await self.known("trainingKnownNetwork", network_id)
        return network_id

    async def known(self, query: str, id: str) -> dict[str, Any]:
        text = f"query($id: ID!) {{ {query}(id: $id) {{ id sourceVersion }} }}"

        async def arrived() -> bool:
            return (await self.service.data(text, {"id": id}))[query] is not None

        await eventually(arrived, what=f"{query} {id}")
        known: dict[str, Any] = (await self.service.data(text, {"id": id}))[query]
        return known

    # --- the training API -------------------------------------------------------------------

    async def programme(self, **overrides: Any) -> dict[str, Any]:
        variables = {
            "input": {
                "title": "Women's Political Leadership",
                "theme": "GENDER_EQUALITY",
                "targetGroup": "Women mayors and councillors",
                "language": "en",
                **overrides,
            }
        }
        data = await self.service.data(CREATE_PROGRAMME, variables)
        programme: dict[str, Any] = data["createProgramme"]["programme"]
        return programme

    async def cohort(self, programme_id: str | None = None, **overrides: Any) -> dict[str, Any]:
        programme_id = programme_id or (await self.programme())["id"]
        data = await self.service.data(
            CREATE_COHORT, {"input": cohort_input(programme_id, **overrides)}
        )
        cohort: dict[str, Any] = data["createCohort"]["cohort"]
        return cohort

    async def workshop(self, **overrides: Any) -> dict[str, Any]:
        data = await self.service.data(SCHEDULE, {"input": workshop_input(**overrides)})
        workshop: dict[str, Any] = data["scheduleWorkshop"]["workshop"]
        return workshop

    async def phase(self, cohort: dict[str, Any], **overrides: Any) -> dict[str, Any]:
        return await self.workshop(
            kind="ITP_PHASE",
            cohortId=cohort["id"],
            capacity=None,
            **{"title": "Phase 1: inception workshop", **overrides},
        )

    async def get_workshop(self, workshop_id: str, **auth: Any) -> dict[str, Any]:
        data = await self.service.data(WORKSHOP_QUERY, {"id": workshop_id}, **auth)
        workshop: dict[str, Any] = data["workshop"]
        return workshop

    async def get_cohort(self, cohort_id: str, **auth: Any) -> dict[str, Any]:
        data = await self.service.data(COHORT_QUERY, {"id": cohort_id}, **auth)
        cohort: dict[str, Any] = data["cohort"]
        return cohort

    async def register(
        self,
        person: Person,
        *,
        workshop: dict[str, Any] | None = None,
        cohort: dict[str, Any] | None = None,
        partnership: Partnership | None = None,
        outline: str | None = "Gender-responsive budgeting in my municipality",
        **auth: Any,
    ) -> dict[str, Any]:
        data = await self.service.data(
            REGISTER,
            {"input": register_input(person, workshop, cohort, partnership, outline)},
            **auth,
        )
        payload: dict[str, Any] = data["registerParticipant"]
        registration: dict[str, Any] = payload["registration"]
        registration["warnings"] = payload["warnings"]
        return registration

    async def act(
        self, mutation: str, registration: dict[str, Any], **extra: Any
    ) -> dict[str, Any]:
        """A registration mutation (ENROL, WITHDRAW, …) at the registration's version."""
        auth = {k: extra.pop(k) for k in ("role", "org", "token") if k in extra}
        variables = {
            "input": {
                "registrationId": registration["id"],
                "version": registration["version"],
                **extra,
            }
        }
        data = await self.service.data(mutation, variables, **auth)
        [payload] = data.values()
        result: dict[str, Any] = payload["registration"]
        return result

    async def registration(self, registration_id: str) -> dict[str, Any]:
        data = await self.service.data(REGISTRATION_QUERY, {"id": registration_id})
        found: dict[str, Any] = data["registration"]
        return found

    async def enrolled(
        self, person: Person, workshop: dict[str, Any], **extra: Any
    ) -> dict[str, Any]:
        """Registered and enrolled by staff."""
        registration = await self.register(person, workshop=workshop, **extra)
        return await self.act(ENROL, registration)

    async def complete(
        self, workshop: dict[str, Any], attended: list[Person], **extra: Any
    ) -> dict[str, Any]:
        current = await self.get_workshop(workshop["id"])
        variables = {
            "input": {
                "id": workshop["id"],
                "version": current["version"],
                "attendedPersonIds": [p.id for p in attended],
                **extra,
            }
        }
        data = await self.service.data(COMPLETE, variables)
        completed: dict[str, Any] = data["completeWorkshop"]["workshop"]
        return completed

    async def assert_refused(
        self,
        query: str,
        variables: dict[str, Any],
        code: str,
        field: str | None = None,
        **auth: Any,
    ) -> dict[str, Any]:
        return await assert_refused(self.service, query, variables, code, field, **auth)


def register_input(
    person: Person,
    workshop: dict[str, Any] | None = None,
    cohort: dict[str, Any] | None = None,
    partnership: Partnership | None = None,
    outline: str | None = None,
) -> dict[str, Any]:
    return {
        "personId": person.id,
        "workshopId": workshop["id"] if workshop else None,
        "cohortId": cohort["id"] if cohort else None,
        "partnershipId": partnership.id if partnership else None,
        "changeProjectOutline": outline if cohort else None,
    }


def action(registration: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "input": {"registrationId": registration["id"], "version": registration["version"], **extra}
    }


__all__ = ["GraphQLError"]
