"""Registrations for workshops: seats, the waitlist, the lifecycle, overlapping enrolments,
who may do what and who sees whom."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from services.common.auth import Role
from services.contracts.partnership_views import take_status
from services.contracts.partnerships import PartnershipStatusChangedV1
from services.contracts.training import REGISTRATION_CHANGED
from services.training.domain.booking import Booking, PersonBookings

from ..support.broker import listening
from ..support.services import error_codes
from ..support.waiting import eventually
from ..support.writes import snapshot
from .builders import (
    ACCEPT,
    CANCEL,
    DECIDE,
    ENROL,
    REGISTER,
    REGISTRATION_QUERY,
    WITHDRAW,
    World,
    action,
    register_input,
    replica,
)

HISTORY = """
query($id: ID!) {
  participantHistory(personId: $id) {
    personId person { id }
    registrations { id status workshopId }
    certificates { number }
  }
}"""


async def _statuses(world: World, workshop_id: str) -> dict[str, str]:
    workshop = await world.get_workshop(workshop_id)
    return {r["personId"]: r["status"] for r in workshop["registrations"]}


# --- capacity and the waitlist --------------------------------------------------------------


async def test_capacity_holds_under_forty_concurrent_enrolments(world: World) -> None:
    """40 enrolments at once into 25 seats, through two replicas of the service (so that the
    document's revision check decides between them, not only a replica's own queue)."""
    workshop = await world.workshop(capacity=25)
    people = [await world.person(wait=False) for _ in range(40)]
    for person in people:
        await world.known("trainingKnownPerson", person.id)
    registrations = await asyncio.gather(*(world.register(p, workshop=workshop) for p in people))
    assert len({r["id"] for r in registrations}) == 40

    async with replica(world.service) as second:
        replicas = [world.service, second]
        bodies = await asyncio.gather(
            *(replicas[i % 2].graphql(ENROL, action(r)) for i, r in enumerate(registrations))
        )

    statuses = [b["data"]["enrolParticipant"]["registration"]["status"] for b in bodies]
    assert statuses.count("ENROLLED") == 25
    assert statuses.count("WAITLISTED") == 15
    current = await world.get_workshop(workshop["id"])
    assert (current["seatsTaken"], current["seatsLeft"], current["waitlistLength"]) == (25, 0, 15)
    positions = sorted(
        r["waitlistPosition"] for r in current["registrations"] if r["status"] == "WAITLISTED"
    )
    assert positions == list(range(1, 16))
    # The bookings of those who got no seat were given back.
    db = world.service.runtime.db
    booked = [d async for d in db["bookings"].find({}) if d["bookings"]]
    assert len(booked) == 25


async def test_a_withdrawal_offers_the_seat_to_the_first_on_the_waitlist(world: World) -> None:
    workshop = await world.workshop(capacity=2)
    a, b, c, d = [await world.person() for _ in range(4)]
    enrolled_a = await world.enrolled(a, workshop)
    await world.enrolled(b, workshop)
    waiting_c = await world.enrolled(c, workshop)
    waiting_d = await world.enrolled(d, workshop)
    assert (waiting_c["waitlistPosition"], waiting_d["waitlistPosition"]) == (1, 2)

    async with listening(world.service, REGISTRATION_CHANGED.routing_key) as broker:
        withdrawn = await world.act(WITHDRAW, enrolled_a, **a.coordinator, note="ill")
        events = await broker.events(2)

    assert withdrawn["status"] == "WITHDRAWN"
    assert withdrawn["history"][-1]["note"] == "ill"
    assert await _statuses(world, workshop["id"]) == {
        a.id: "WITHDRAWN",
        b.id: "ENROLLED",
        c.id: "SELECTED",
        d.id: "WAITLISTED",
    }
    changes = [REGISTRATION_CHANGED.parse(e) for e in events]
    assert [(e.person_id, e.from_status, e.to_status) for e in changes] == [
        (a.id, "enrolled", "withdrawn"),
        (c.id, "waitlisted", "selected"),
    ]
    assert (changes[1].workshop_id, changes[1].cohort_id) == (workshop["id"], None)
    # The seat offered is taken by the person's organisation.
    promoted = await world.registration(waiting_c["id"])
    assert promoted["waitlistPosition"] is None
    taken = await world.act(ENROL, promoted, **c.coordinator)
    assert taken["status"] == "ENROLLED"
    assert (await world.registration(waiting_d["id"]))["waitlistPosition"] == 1


async def test_selection_respects_capacity_and_a_rejection_frees_the_seat(world: World) -> None:
    workshop = await world.workshop(capacity=1)
    a, b = await world.person(), await world.person()
    applied_a = await world.register(a, workshop=workshop)
    applied_b = await world.register(b, workshop=workshop)
    selected = await world.act(DECIDE, applied_a, decision="SELECT")
    waitlisted = await world.act(DECIDE, applied_b, decision="SELECT")
    assert (selected["status"], waitlisted["status"]) == ("SELECTED", "WAITLISTED")
    assert waitlisted["history"][-1]["note"] == "all seats taken"
    # Selecting again while no seat is free keeps the waitlist, and says so.
    body = await world.assert_refused(
        DECIDE, action(waitlisted, decision="SELECT"), "BAD_USER_INPUT", "registrationId"
    )
    assert "position 1" in body["errors"][0]["message"]
    rejected = await world.act(DECIDE, selected, decision="REJECT", note="not eligible")
    assert rejected["status"] == "REJECTED"
    assert await _statuses(world, workshop["id"]) == {a.id: "REJECTED", b.id: "SELECTED"}


async def test_more_capacity_offers_the_new_seats_in_waitlist_order(world: World) -> None:
    workshop = await world.workshop(capacity=2)
    people = [await world.person() for _ in range(5)]
    for person in people:
        await world.enrolled(person, workshop)
    update = """mutation($input: UpdateWorkshopInput!) {
      updateWorkshop(input: $input) { workshop { capacity seatsTaken version } } }"""
    version = (await world.get_workshop(workshop["id"]))["version"]
    for capacity in (0, 1):  # never below the two seats held
        variables = {"input": {"id": workshop["id"], "version": version, "capacity": capacity}}
        await world.assert_refused(update, variables, "BAD_USER_INPUT", "capacity")
    data = await world.service.data(
        update, {"input": {"id": workshop["id"], "version": version, "capacity": 4}}
    )
    assert data["updateWorkshop"]["workshop"]["seatsTaken"] == 4
    assert list((await _statuses(world, workshop["id"])).values()) == [
        "ENROLLED",
        "ENROLLED",
        "SELECTED",
        "SELECTED",
        "WAITLISTED",
    ]


# --- the lifecycle and who may move it --------------------------------------------------------


async def test_moves_the_lifecycle_does_not_allow_are_refused(world: World) -> None:
    workshop = await world.workshop(capacity=5)
    person = await world.person()
    applied = await world.register(person, workshop=workshop, **person.coordinator)
    assert applied["status"] == "APPLIED"
    assert applied["history"] == [
        {"fromStatus": None, "toStatus": "APPLIED", "note": None, "actor": "dev-coordinator"}
    ]
    # Only an invitation is accepted.
    await world.assert_refused(ACCEPT, action(applied), "BAD_USER_INPUT", "registrationId")
    # A coordinator takes an offered seat, but does not enrol without selection …
    await world.assert_refused(
        ENROL, action(applied), "BAD_USER_INPUT", "registrationId", **person.coordinator
    )
    # … nor selects.
    await world.assert_refused(
        DECIDE, action(applied, decision="SELECT"), "FORBIDDEN", **person.coordinator
    )
    # A stale version is a conflict.
    selected = await world.act(DECIDE, applied, decision="SELECT")
    await world.assert_refused(DECIDE, action(applied, decision="REJECT"), "CONFLICT", "version")
    withdrawn = await world.act(WITHDRAW, selected, **person.coordinator)
    for mutation, extra in ((ENROL, {}), (WITHDRAW, {}), (DECIDE, {"decision": "SELECT"})):
        await world.assert_refused(
            mutation, action(withdrawn, **extra), "BAD_USER_INPUT", "registrationId"
        )
    # Withdrawn, the person may register again: a new registration.
    again = await world.register(person, workshop=workshop)
    assert again["id"] != applied["id"]


@pytest.mark.parametrize(
    ("case", "code", "field"),
    [
        ("unknown person", "NOT_FOUND", "personId"),
        ("neither workshop nor cohort", "BAD_USER_INPUT", "workshopId"),
        ("both workshop and cohort", "BAD_USER_INPUT", "workshopId"),
        ("unknown workshop", "NOT_FOUND", "workshopId"),
        ("another organisation's coordinator", "FORBIDDEN", None),
        ("a viewer", "FORBIDDEN", None),
        ("no token", "UNAUTHENTICATED", None),
        ("unknown partnership", "NOT_FOUND", "partnershipId"),
        ("partnership without the person's organisation", "BAD_USER_INPUT", "partnershipId"),
        ("closed partnership", "BAD_USER_INPUT", "partnershipId"),
        ("registered already", "BAD_USER_INPUT", "personId"),
        ("an ITP phase", "BAD_USER_INPUT", "workshopId"),
        ("coordinator once it started", "BAD_USER_INPUT", "workshopId"),
        ("a cancelled workshop", "BAD_USER_INPUT", "workshopId"),
    ],
)
async def test_bad_registrations_are_refused(
    world: World, case: str, code: str, field: str | None
) -> None:
    workshop = await world.workshop()
    person = await world.person()
    stranger = await world.person()
    ours = await world.partnership(person.organisation_id, "org-partner")
    theirs = await world.partnership(stranger.organisation_id, "org-other")
    variables = register_input(person, workshop=workshop, partnership=ours)
    auth: dict[str, Any] = person.coordinator
    if case == "unknown person":
        variables["personId"] = "nobody"
        auth = {}
    elif case == "neither workshop nor cohort":
        variables["workshopId"] = None
    elif case == "both workshop and cohort":
        variables["cohortId"] = (await world.cohort())["id"]
    elif case == "unknown workshop":
        variables["workshopId"] = "nowhere"
    elif case == "another organisation's coordinator":
        auth = stranger.coordinator
    elif case == "a viewer":
        auth = {"role": Role.VIEWER}
    elif case == "no token":
        auth = {"role": None}
    elif case == "unknown partnership":
        variables["partnershipId"] = "no-such-partnership"
    elif case == "partnership without the person's organisation":
        variables["partnershipId"] = theirs.id
    elif case == "closed partnership":
        await world.close(ours)

        async def closed() -> bool:
            text = "query($id: ID!) { trainingKnownPartnership(id: $id) { status } }"
            known = (await world.service.data(text, {"id": ours.id}))["trainingKnownPartnership"]
            return bool(known["status"] == "closed")

        await eventually(closed, what="partnership closed in the projection")
    elif case == "registered already":
        await world.register(person, workshop=workshop)
    elif case == "an ITP phase":
        phase = await world.phase(await world.cohort(), startsOn="2030-03-04")
        variables["workshopId"] = phase["id"]
        auth = {}
    elif case == "coordinator once it started":
        started = await world.workshop(startsOn="2030-01-10", endsOn="2030-01-12")
        variables["workshopId"] = started["id"]
    elif case == "a cancelled workshop":
        await world.service.data(CANCEL, {"input": {"id": workshop["id"], "version": 1}})
    await world.assert_refused(REGISTER, {"input": variables}, code, field, **auth)


async def test_staff_record_registrations_of_a_workshop_under_way(world: World) -> None:
    started = await world.workshop(startsOn="2030-01-09", endsOn="2030-01-12")
    registration = await world.register(await world.person(), workshop=started)
    assert registration["status"] == "APPLIED"


async def test_registering_through_a_partnership_being_closed_ends_withdrawn(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Closed after its check but before the registration's write: the registration finds
    the projection closed afterwards and withdraws itself (the closing may have missed it)."""
    workshop = await world.workshop()
    person = await world.person()
    partnership = await world.partnership(person.organisation_id, "org-partner")
    store = world.service.runtime.repos.partnerships
    view = await store.get(partnership.id)
    assert view is not None
    registration = await world.register(person, workshop=workshop, partnership=partnership)
    assert registration["status"] == "APPLIED"
    # The closing, as the projection records it, lands between check and write for the next.
    changed = PartnershipStatusChangedV1(
        id=partnership.id, version=2, from_status="active", to_status="closed", note=None
    )
    other = await world.person(person.organisation_id)
    real_get = store.get
    calls = 0

    async def closing_after_first_look(aggregate_id: str) -> Any:
        nonlocal calls
        found = await real_get(aggregate_id)
        calls += 1
        if calls == 1:  # the check sees it active; then it closes
            await store.update(partnership.id, take_status(changed))
        return found

    monkeypatch.setattr(store, "get", closing_after_first_look)
    late = await world.register(other, workshop=workshop, partnership=partnership)
    assert late["status"] == "WITHDRAWN"
    assert late["history"][-1]["note"] == "the partnership was closed"


# --- never in two places at once ---------------------------------------------------------------


async def test_a_person_is_never_enrolled_in_two_overlapping_workshops(world: World) -> None:
    first = await world.workshop(title="Bogotá", startsOn="2030-03-04", endsOn="2030-03-07")
    overlapping = await world.workshop(title="Cali", startsOn="2030-03-07", endsOn="2030-03-07")
    next_day = await world.workshop(title="Quito", startsOn="2030-03-08", endsOn="2030-03-09")
    person = await world.person()
    enrolled = await world.enrolled(person, first)
    assert enrolled["status"] == "ENROLLED"
    second = await world.register(person, workshop=overlapping)
    body = await world.assert_refused(ENROL, action(second), "BAD_USER_INPUT", "registrationId")
    message = body["errors"][0]["message"]
    assert "'Bogotá' (2030-03-04 to 2030-03-07)" in message
    assert "'Cali' (2030-03-07 to 2030-03-07)" in message
    assert (await world.enrolled(person, next_day))["status"] == "ENROLLED"
    # Withdrawn from the first, the person is free on those days again.
    await world.act(WITHDRAW, enrolled)
    assert (await world.act(ENROL, second))["status"] == "ENROLLED"


async def test_concurrent_enrolments_of_one_person_never_overlap(world: World) -> None:
    person = await world.person()
    # Enrolled elsewhere already: every enrolment below starts from the same document.
    await world.enrolled(person, await world.workshop(startsOn="2030-06-01", endsOn="2030-06-02"))
    workshops = [
        await world.workshop(title=f"W{i}", startsOn="2030-03-04", endsOn=f"2030-03-0{5 + i}")
        for i in range(5)
    ]
    registrations = [await world.register(person, workshop=w) for w in workshops]
    bodies = await asyncio.gather(*(world.service.graphql(ENROL, action(r)) for r in registrations))
    enrolled = [b for b in bodies if not b.get("errors")]
    assert len(enrolled) == 1, bodies
    assert all(
        error_codes(b) in (["BAD_USER_INPUT"], ["CONFLICT"]) for b in bodies if b.get("errors")
    )
    history = (await world.service.data(HISTORY, {"id": person.id}))["participantHistory"]
    assert (
        sorted(r["status"] for r in history["registrations"]) == ["APPLIED"] * 4 + ["ENROLLED"] * 2
    )


async def test_a_booking_left_by_a_crashed_enrolment_does_not_block_for_ever(
    world: World,
) -> None:
    """A crash between booking the dates and taking the seat leaves a booking whose
    registration never got enrolled: while young it is an enrolment under way (retry), once
    old it is dropped by the next enrolment it stands in the way of."""
    person = await world.person()
    crashed_in = await world.workshop(title="A", startsOn="2030-03-04", endsOn="2030-03-06")
    wanted = await world.workshop(title="B", startsOn="2030-03-05", endsOn="2030-03-07")
    crashed = await world.register(person, workshop=crashed_in)
    second = await world.register(person, workshop=wanted)
    store = world.service.runtime.repos.bookings
    booking = Booking(
        registration_id=crashed["id"],
        token="crashed",
        workshop_id=crashed_in["id"],
        starts_on=crashed_in["startsOn"],
        ends_on=crashed_in["endsOn"],
        reserved_at=datetime.now(UTC),
    )
    await store.create(PersonBookings(id=person.id, version=1, bookings=[booking]))
    await world.assert_refused(ENROL, action(second), "CONFLICT", "registrationId")

    old = booking.model_copy(update={"reserved_at": datetime.now(UTC) - timedelta(hours=1)})

    def age(doc: PersonBookings) -> list[Any]:
        doc.bookings = [old]
        return []

    await store.update(person.id, age)
    assert (await world.act(ENROL, second))["status"] == "ENROLLED"
    held = await store.get(person.id)
    assert held is not None
    assert [b.registration_id for b in held.bookings] == [second["id"]]


# --- personal data -----------------------------------------------------------------------------


async def test_participants_are_seen_by_staff_and_their_own_organisation_only(
    world: World,
) -> None:
    workshop = await world.workshop(capacity=10)
    ours, theirs = await world.person(), await world.person()
    mine = await world.enrolled(ours, workshop)
    await world.enrolled(theirs, workshop)

    staff_view = await world.get_workshop(workshop["id"])
    assert {r["personId"] for r in staff_view["registrations"]} == {ours.id, theirs.id}
    own = await world.get_workshop(workshop["id"], **ours.coordinator)
    assert [r["personId"] for r in own["registrations"]] == [ours.id]
    viewer = await world.get_workshop(workshop["id"], role=Role.VIEWER)
    assert (viewer["registrations"], viewer["seatsTaken"], viewer["participants"]) == ([], 2, 2)

    found = await world.service.data(REGISTRATION_QUERY, {"id": mine["id"]}, **theirs.coordinator)
    assert found["registration"] is None
    body = await world.service.graphql(HISTORY, {"id": ours.id}, **theirs.coordinator)
    assert error_codes(body) == ["FORBIDDEN"]
    own_history = await world.service.data(HISTORY, {"id": ours.id}, **ours.coordinator)
    assert [r["id"] for r in own_history["participantHistory"]["registrations"]] == [mine["id"]]
    # Others may not act on the registration either.
    body = await world.service.graphql(WITHDRAW, action(mine), **theirs.coordinator)
    assert error_codes(body) == ["FORBIDDEN"]


async def test_reading_needs_a_token(world: World) -> None:
    body = await world.service.graphql("{ workshops { totalCount } }", role=None)
    assert error_codes(body) == ["UNAUTHENTICATED"]


async def test_nothing_is_written_for_an_enrolment_refused_before_its_write(
    world: World,
) -> None:
    workshop = await world.workshop()
    person = await world.person()
    registration = await world.register(person, workshop=workshop)
    before = await snapshot(world.service)
    body = await world.service.graphql(ENROL, action(registration, version=7))
    assert error_codes(body) == ["CONFLICT"]
    assert await snapshot(world.service) == before
