"""ITPs: programmes, cohorts, applications and nominations, phases, change projects and
certificates, and past participants."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

import pytest

from services.common.auth import Role
from services.common.clock import clock
from services.contracts.training import CERTIFICATE_ISSUED, REGISTRATION_CHANGED

from ..support.broker import listening
from ..support.services import error_codes
from .builders import (
    CERTIFY,
    CREATE_COHORT,
    CREATE_PROGRAMME,
    DECIDE,
    ENROL,
    REGISTER,
    REPORT,
    SCHEDULE,
    UPDATE_COHORT,
    Person,
    World,
    action,
    cohort_input,
    register_input,
    workshop_input,
)

PROGRAMMES = """
query($filter: ProgrammeFilter) {
  programmes(filter: $filter) { totalCount nodes { title cohorts { number } } }
}"""
COHORTS = """
query($filter: CohortFilter) { cohorts(filter: $filter) { nodes { number programme { title } } } }
"""


async def _enrolled_in(world: World, cohort: dict[str, Any], person: Person, **kw: Any) -> Any:
    registration = await world.register(person, cohort=cohort, **kw)
    return await world.act(ENROL, registration)


# --- programmes and cohorts --------------------------------------------------------------------


async def test_staff_set_up_programmes_and_cohorts(world: World) -> None:
    programme = await world.programme(language="EN", description="Twelve months, three phases")
    assert (programme["language"], programme["theme"]) == ("en", "GENDER_EQUALITY")
    other = await world.programme(
        title="Local Governance and Citizen Participation", theme="CITIZEN_PARTICIPATION"
    )
    await world.cohort(programme["id"], number=11)
    await world.cohort(
        programme["id"],
        number=12,
        startsOn="2031-03-01",
        endsOn="2032-02-28",
        applicationsOpenOn="2031-01-01",
        applicationsCloseOn="2031-02-01",
    )
    await world.cohort(other["id"], number=1)

    listed = await world.service.data(PROGRAMMES, {"filter": {"search": "leader"}})
    assert listed["programmes"]["nodes"] == [
        {"title": "Women's Political Leadership", "cohorts": [{"number": 11}, {"number": 12}]}
    ]
    open_now = await world.service.data(COHORTS, {"filter": {"openForApplications": True}})
    assert sorted(c["number"] for c in open_now["cohorts"]["nodes"]) == [1, 11]
    closed = await world.service.data(
        COHORTS, {"filter": {"openForApplications": False, "programmeId": programme["id"]}}
    )
    assert closed["cohorts"]["nodes"] == [
        {"number": 12, "programme": {"title": "Women's Political Leadership"}}
    ]


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"number": 1}, "CONFLICT", "number"),
        ({"number": 0}, "BAD_USER_INPUT", "number"),
        ({"programmeId": "unknown"}, "NOT_FOUND", "programmeId"),
        ({"networkId": "unknown"}, "NOT_FOUND", "networkId"),
        ({"capacity": 0}, "BAD_USER_INPUT", "capacity"),
        ({"endsOn": "2030-02-28"}, "BAD_USER_INPUT", "endsOn"),
        ({"applicationsCloseOn": "2029-12-31"}, "BAD_USER_INPUT", "applicationsCloseOn"),
        ({"applicationsCloseOn": "2030-03-01"}, "BAD_USER_INPUT", "applicationsCloseOn"),
    ],
)
async def test_bad_cohorts_are_refused(
    world: World, overrides: dict[str, Any], code: str, field: str
) -> None:
    programme = await world.programme()
    await world.cohort(programme["id"], number=1)
    variables = {"input": cohort_input(programme["id"], **{"number": 2, **overrides})}
    await world.assert_refused(CREATE_COHORT, variables, code, field)


async def test_bad_programmes_are_refused_and_only_staff_manage_them(world: World) -> None:
    good = {"title": "T", "theme": "YOUTH", "targetGroup": "Youth councillors"}
    await world.assert_refused(
        CREATE_PROGRAMME, {"input": {**good, "language": "english"}}, "BAD_USER_INPUT", "language"
    )
    await world.assert_refused(
        CREATE_PROGRAMME, {"input": {**good, "targetGroup": ""}}, "BAD_USER_INPUT", "targetGroup"
    )
    await world.assert_refused(
        CREATE_PROGRAMME, {"input": good}, "FORBIDDEN", role=Role.COORDINATOR, org="o"
    )


async def test_cohort_capacity_never_drops_below_the_seats_held(world: World) -> None:
    cohort = await world.cohort(capacity=2)
    people = [await world.person(role="politician") for _ in range(3)]
    for person in people:
        await _enrolled_in(world, cohort, person)
    current = await world.get_cohort(cohort["id"])
    assert (current["seatsTaken"], current["waitlistLength"]) == (2, 1)
    smaller = {"input": {"id": cohort["id"], "version": current["version"], "capacity": 1}}
    await world.assert_refused(UPDATE_COHORT, smaller, "BAD_USER_INPUT", "capacity")
    larger = {"input": {"id": cohort["id"], "version": current["version"], "capacity": 3}}
    updated = (await world.service.data(UPDATE_COHORT, larger))["updateCohort"]["cohort"]
    assert (updated["seatsTaken"], updated["waitlistLength"]) == (3, 0)


# --- applications -------------------------------------------------------------------------------


async def test_applications_are_taken_within_the_window_with_an_outline(world: World) -> None:
    cohort = await world.cohort()
    person = await world.person(role="politician")
    without = {"input": register_input(person, cohort=cohort, outline=None)}
    await world.assert_refused(REGISTER, without, "BAD_USER_INPUT", "changeProjectOutline")
    clock.pin(date(2030, 2, 2))
    late = {"input": register_input(person, cohort=cohort, outline="Budget hearings")}
    await world.assert_refused(REGISTER, late, "BAD_USER_INPUT", "cohortId", **person.coordinator)
    clock.pin(date(2030, 2, 1))
    applied = await world.register(
        person, cohort=cohort, outline="Budget hearings", **person.coordinator
    )
    assert (applied["status"], applied["cohortId"], applied["workshopId"]) == (
        "APPLIED",
        cohort["id"],
        None,
    )
    assert applied["changeProject"] == {
        "outline": "Budget hearings",
        "reported": False,
        "reports": [],
    }
    await world.assert_refused(REGISTER, late, "BAD_USER_INPUT", "personId")


async def test_past_participants_of_the_programme_are_not_admitted_again(world: World) -> None:
    programme = await world.programme()
    first = await world.cohort(programme["id"], number=1)
    second = await world.cohort(programme["id"], number=2)
    third = await world.cohort(programme["id"], number=3)
    other_programme = await world.cohort()
    alumna, newcomer = await world.person(role="politician"), await world.person()
    await _enrolled_in(world, first, alumna)
    body = await world.assert_refused(
        REGISTER,
        {"input": register_input(alumna, cohort=second, outline="x")},
        "BAD_USER_INPUT",
        "personId",
    )
    assert "cohort 1" in body["errors"][0]["message"]
    assert (await _enrolled_in(world, other_programme, alumna))["status"] == "ENROLLED"

    # Applied to two cohorts at once, the person is enrolled in one only, even concurrently.
    applications = [await world.register(newcomer, cohort=c) for c in (second, third)]
    bodies = await asyncio.gather(*(world.service.graphql(ENROL, action(a)) for a in applications))
    assert sorted(
        b["data"]["enrolParticipant"]["registration"]["status"] if not b.get("errors") else "-"
        for b in bodies
    ) == ["-", "ENROLLED"]
    [refused] = [b for b in bodies if b.get("errors")]
    assert error_codes(refused) in (["BAD_USER_INPUT"], ["CONFLICT"])


# --- a network's ITP: three nominees per partner organisation ---------------------------------


async def test_a_networks_itp_takes_two_civil_servants_and_preferably_a_cso_member(
    world: World,
) -> None:
    network_id = await world.network()
    cohort = await world.cohort(networkId=network_id)
    org = "org-villa-rica"
    partnership = await world.partnership("org-umea", org)

    async def nominee(role: str, senior: bool = False) -> Person:
        return await world.person(org, role=role, senior=senior)

    def nominate(person: Person) -> dict[str, Any]:
        return {
            "input": register_input(
                person, cohort=cohort, partnership=partnership, outline="Safe routes"
            )
        }

    politician = await nominee("politician")
    await world.assert_refused(REGISTER, nominate(politician), "BAD_USER_INPUT", "personId")
    without_partnership = {
        "input": register_input(await nominee("civil_servant"), cohort=cohort, outline="x")
    }
    await world.assert_refused(REGISTER, without_partnership, "BAD_USER_INPUT", "partnershipId")

    first = await world.register(
        await nominee("civil_servant"), cohort=cohort, partnership=partnership
    )
    assert first["warnings"] == [
        "1 more civil servant to nominate",
        "no decision-maker (senior civil servant) nominated yet",
        "preferably one CSO member: none nominated",
    ]
    body = await world.assert_refused(
        REGISTER, nominate(await nominee("civil_servant")), "BAD_USER_INPUT", "personId"
    )
    assert "decision-maker" in body["errors"][0]["message"]
    second = await world.register(
        await nominee("civil_servant", senior=True),
        cohort=cohort,
        partnership=partnership,
        role=Role.COORDINATOR,
        org=org,
    )
    assert second["warnings"] == ["preferably one CSO member: none nominated"]  # a warning only
    await world.assert_refused(
        REGISTER,
        nominate(await nominee("civil_servant", senior=True)),
        "BAD_USER_INPUT",
        "personId",
    )
    cso = await world.register(await nominee("cso_member"), cohort=cohort, partnership=partnership)
    assert cso["warnings"] == []
    await world.assert_refused(
        REGISTER, nominate(await nominee("cso_member")), "BAD_USER_INPUT", "personId"
    )
    # A withdrawn nominee frees the place.
    await world.act(
        "mutation($input: WithdrawRegistrationInput!) { withdrawRegistration(input: $input) {"
        " registration { id } } }",
        cso,
    )
    assert (
        await world.register(await nominee("cso_member"), cohort=cohort, partnership=partnership)
    )["status"] == "APPLIED"
    # The other partner nominates its own three.
    swedish = await world.register(
        await world.person("org-umea"), cohort=cohort, partnership=partnership
    )
    assert swedish["warnings"][0] == "1 more civil servant to nominate"
    nominations = (await world.get_cohort(cohort["id"]))["nominations"]
    assert [(n["organisationId"], len(n["nominees"]), n["gaps"]) for n in nominations] == [
        ("org-umea", 1, swedish["warnings"]),
        (org, 3, []),
    ]
    own = (await world.get_cohort(cohort["id"], role=Role.COORDINATOR, org=org))["nominations"]
    assert [n["organisationId"] for n in own] == [org]


async def test_concurrent_nominations_never_exceed_an_organisations_places(
    world: World,
) -> None:
    network_id = await world.network()
    cohort = await world.cohort(networkId=network_id)
    org = "org-quetzaltenango"
    partnership = await world.partnership("org-eskilstuna", org)
    people = [await world.person(org, role="civil_servant", senior=True) for _ in range(6)]
    bodies = await asyncio.gather(
        *(
            world.service.graphql(
                REGISTER,
                {"input": register_input(p, cohort=cohort, partnership=partnership, outline="x")},
            )
            for p in people
        )
    )
    assert (
        sorted(error_codes(b)[0] if b.get("errors") else "ok" for b in bodies)
        == ["BAD_USER_INPUT"] * 4 + ["ok"] * 2
    )


# --- phases, change projects, certificates -----------------------------------------------------


async def test_a_certificate_needs_every_phase_attended_and_the_change_project_reported(
    world: World,
) -> None:
    cohort = await world.cohort()
    phase_1 = await world.phase(cohort, startsOn="2030-03-04", endsOn="2030-03-09")
    phase_2 = await world.phase(
        cohort,
        title="Phase 2: Sweden",
        country="SE",
        city="Visby",
        startsOn="2030-09-02",
        endsOn="2030-09-13",
    )
    dropped = await world.phase(cohort, title="Extra", startsOn="2030-10-01", endsOn="2030-10-02")
    ana, bea = await world.person(role="politician"), await world.person(role="politician")
    registration = await _enrolled_in(world, cohort, ana)
    missing_phase = await _enrolled_in(world, cohort, bea)
    assert [a["workshop"]["id"] for a in registration["attendance"]] == [
        phase_1["id"],
        phase_2["id"],
        dropped["id"],
    ]

    async def refused_because(reg: dict[str, Any]) -> str:
        current = await world.registration(reg["id"])
        body = await world.assert_refused(
            CERTIFY, action(current), "BAD_USER_INPUT", "registrationId"
        )
        message: str = body["errors"][0]["message"]
        return message

    assert "has not taken place" in await refused_because(registration)
    clock.pin(date(2030, 9, 13))
    await world.complete(phase_1, [ana, bea])
    await world.complete(phase_2, [ana])
    version = (await world.get_workshop(dropped["id"]))["version"]
    await world.service.data(
        "mutation($i: CancelWorkshopInput!) { cancelWorkshop(input: $i) { workshop { id } } }",
        {"i": {"id": dropped["id"], "version": version}},
    )
    assert "'Phase 2: Sweden' (2030-09-02) was not attended" in await refused_because(missing_phase)
    assert "change project has not been reported" in await refused_because(registration)

    report = await world.act(
        REPORT,
        await world.registration(registration["id"]),
        text="Halfway: the council adopted the plan",
        **ana.coordinator,
    )
    assert "change project has not been reported" in await refused_because(report)
    final = await world.act(
        REPORT, report, text="Done: budget lines for safe routes", final=True, **ana.coordinator
    )
    assert final["changeProject"]["reported"] is True
    await world.assert_refused(REPORT, action(final, text="More"), "BAD_USER_INPUT", "final")

    await world.assert_refused(CERTIFY, action(final), "FORBIDDEN", **ana.coordinator)
    async with listening(
        world.service, "training.certificate.issued", REGISTRATION_CHANGED.routing_key
    ) as broker:
        certified = await world.act(CERTIFY, final)
        events = await broker.events(2)
    assert certified["status"] == "COMPLETED"
    assert certified["certificate"] == {
        "number": f"{cohort['id']}-001",
        "issuedOn": "2030-09-13",
        "cohortId": cohort["id"],
    }
    assert [a["attended"] for a in certified["attendance"]] == [True, True]
    issued = CERTIFICATE_ISSUED.parse(next(e for e in events if e.type == CERTIFICATE_ISSUED.type))
    assert (issued.id, issued.person_id, issued.programme_id, issued.cohort_id) == (
        f"{cohort['id']}-001",
        ana.id,
        cohort["programmeId"],
        cohort["id"],
    )
    await world.assert_refused(CERTIFY, action(certified), "BAD_USER_INPUT", "registrationId")
    history = await world.service.data(
        "query($id: ID!) { participantHistory(personId: $id) { certificates { number } } }",
        {"id": ana.id},
    )
    assert history["participantHistory"]["certificates"] == [{"number": f"{cohort['id']}-001"}]


async def test_change_projects_belong_to_enrolled_itp_participants(world: World) -> None:
    cohort = await world.cohort()
    person = await world.person(role="politician")
    applied = await world.register(person, cohort=cohort)
    await world.assert_refused(
        REPORT, action(applied, text="x"), "BAD_USER_INPUT", "registrationId"
    )
    workshop = await world.workshop()
    single = await world.enrolled(await world.person(), workshop)
    await world.assert_refused(REPORT, action(single, text="x"), "BAD_USER_INPUT", "registrationId")
    await world.assert_refused(CERTIFY, action(single), "BAD_USER_INPUT", "registrationId")
    enrolled = await world.act(ENROL, applied)
    stranger = {"role": Role.COORDINATOR, "org": "another-org"}
    await world.assert_refused(REPORT, action(enrolled, text="x"), "FORBIDDEN", **stranger)
    await world.assert_refused(REPORT, action(enrolled, text=""), "BAD_USER_INPUT", "text")


async def test_enrolment_in_a_cohort_counts_its_phases_against_other_workshops(
    world: World,
) -> None:
    cohort = await world.cohort()
    await world.phase(cohort, title="Phase 1", startsOn="2030-03-04", endsOn="2030-03-09")
    person = await world.person(role="politician")
    await _enrolled_in(world, cohort, person)
    clashing = await world.workshop(
        title="Joint workshop", startsOn="2030-03-09", endsOn="2030-03-10"
    )
    registration = await world.register(person, workshop=clashing)
    body = await world.assert_refused(
        ENROL, action(registration), "BAD_USER_INPUT", "registrationId"
    )
    assert (
        "cohort 1, whose phase 'Phase 1' (2030-03-04 to 2030-03-09)"
        in (body["errors"][0]["message"])
    )


async def test_a_phase_is_checked_against_its_participants_other_enrolments(
    world: World,
) -> None:
    cohort = await world.cohort()
    await world.phase(cohort, title="Phase 1", startsOn="2030-03-04", endsOn="2030-03-09")
    person = await world.person(role="politician")
    await _enrolled_in(world, cohort, person)
    workshop = await world.workshop(startsOn="2030-05-04", endsOn="2030-05-06")
    await world.enrolled(person, workshop)
    overlapping_phase = {
        "input": workshop_input(
            kind="ITP_PHASE",
            cohortId=cohort["id"],
            capacity=None,
            startsOn="2030-03-08",
            endsOn="2030-03-10",
        )
    }
    await world.assert_refused(SCHEDULE, overlapping_phase, "BAD_USER_INPUT", "startsOn")
    clashing_phase = {
        "input": workshop_input(
            kind="ITP_PHASE",
            cohortId=cohort["id"],
            capacity=None,
            startsOn="2030-05-06",
            endsOn="2030-05-08",
        )
    }
    body = await world.assert_refused(SCHEDULE, clashing_phase, "BAD_USER_INPUT", "startsOn")
    assert person.id in body["errors"][0]["message"]
    later = await world.phase(cohort, title="Phase 2", startsOn="2030-05-07", endsOn="2030-05-08")
    assert (later["capacity"], later["programmeId"]) == (25, cohort["programmeId"])


async def test_cohort_selection_follows_capacity(world: World) -> None:
    cohort = await world.cohort(capacity=1)
    a, b = await world.person(role="politician"), await world.person(role="politician")
    first = await world.register(a, cohort=cohort)
    second = await world.register(b, cohort=cohort)
    assert (await world.act(DECIDE, first, decision="SELECT"))["status"] == "SELECTED"
    assert (await world.act(DECIDE, second, decision="SELECT"))["status"] == "WAITLISTED"
    offered = await world.act(DECIDE, await world.registration(first["id"]), decision="REJECT")
    assert offered["status"] == "REJECTED"
    assert (await world.registration(second["id"]))["status"] == "SELECTED"
