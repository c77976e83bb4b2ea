"""Training mutations retried with their Idempotency-Key: a registration is made once, an
enrolment takes one seat and one booking, a cohort's phase is scheduled once."""

from __future__ import annotations

import uuid

from ..support.keyed import twice
from .builders import ENROL, REGISTER, SCHEDULE, World, action, register_input, workshop_input


async def test_a_retried_registration_is_made_once(world: World) -> None:
    person = await world.person()
    workshop = await world.workshop()
    variables = {"input": register_input(person, workshop)}
    answer = await twice(
        world.service, REGISTER, variables, str(uuid.uuid4()), **person.coordinator
    )
    registration = answer["data"]["registerParticipant"]["registration"]
    stored = await world.get_workshop(workshop["id"])
    assert [r["id"] for r in stored["registrations"]] == [registration["id"]]


async def test_a_retried_enrolment_is_answered_without_refusing_it_as_done(world: World) -> None:
    person = await world.person()
    workshop = await world.workshop()
    registration = await world.register(person, workshop=workshop)
    answer = await twice(world.service, ENROL, action(registration), str(uuid.uuid4()))
    assert answer["data"]["enrolParticipant"]["registration"]["status"] == "ENROLLED"
    stored = await world.get_workshop(workshop["id"])
    assert stored["version"] == workshop["version"] + 2  # registered, enrolled: no more
    [bookings] = await world.service.runtime.db["bookings"].find().to_list()
    assert [b["registration_id"] for b in bookings["bookings"]] == [registration["id"]]


async def test_a_retried_phase_is_scheduled_once(world: World) -> None:
    cohort = await world.cohort()
    variables = {
        "input": workshop_input(
            kind="ITP_PHASE",
            cohortId=cohort["id"],
            capacity=None,
            title="Phase 1: inception workshop",
        )
    }
    await twice(world.service, SCHEDULE, variables, str(uuid.uuid4()))
    assert await world.service.runtime.db["workshops"].count_documents({}) == 1
