"""Reactions over RabbitMQ: a partnership joining a network invites its team to the network's
upcoming workshops; a partnership closed withdraws its pending registrations. Each applies
once, even when the event is delivered twice.

The first tests publish the producers' events (built with their EventSpec) themselves; the
last runs the real partnerships and networks services in the same test prefix.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from services.contracts.networks import MEMBERSHIP_JOINED, MembershipJoinedV1
from services.contracts.partnerships import PARTNERSHIP_CLOSED, PERSON_UPDATED, PersonV1
from services.networks.service import SPEC as NETWORKS
from services.partnerships.service import SPEC as PARTNERSHIPS
from services.training.service import SPEC as TRAINING

from ..support.broker import listening
from ..support.services import RunningService, running_service
from ..support.waiting import eventually
from ..support.writes import snapshot
from .builders import (
    ACCEPT,
    CANCEL,
    ENROL,
    REGISTER,
    WITHDRAW,
    World,
    consumed,
    handled,
    register_input,
)


def _joined(
    network_id: str, partnership_id: str, organisation_ids: list[str], joined_on: date
) -> Any:
    data = MembershipJoinedV1(
        id=f"{network_id}:{partnership_id}",
        version=1,
        network_id=network_id,
        partnership_id=partnership_id,
        organisation_ids=organisation_ids,
        joined_on=joined_on,
        theme="gender_equality",
    )
    return MEMBERSHIP_JOINED.new(data.id, data)


async def test_a_partnership_joining_a_network_invites_its_team_once(world: World) -> None:
    network_id, elsewhere = await world.network(), await world.network()
    swedish, partner = "org-botkyrka", "org-san-juan"
    team = [
        await world.person(swedish, role="politician"),
        await world.person(swedish, senior=True),
        await world.person(partner, role="cso_member"),
    ]
    already = await world.person(partner)
    outsider = await world.person("org-other")
    partnership = await world.partnership(swedish, partner)

    def network_workshop(**overrides: Any) -> dict[str, Any]:
        return {"kind": "NETWORK_WORKSHOP", "networkId": network_id, **overrides}

    upcoming = await world.workshop(**network_workshop(title="Bogotá", capacity=2))
    before_joining = await world.workshop(
        **network_workshop(title="Early", startsOn="2030-02-01", endsOn="2030-02-02")
    )
    cancelled = await world.workshop(**network_workshop(title="Off"))
    await world.service.data(CANCEL, {"input": {"id": cancelled["id"], "version": 1}})
    other_network = await world.workshop(kind="NETWORK_WORKSHOP", networkId=elsewhere)
    not_a_network_workshop = await world.workshop(title="Tailored")
    registered = await world.register(already, workshop=upcoming)

    joined = _joined(network_id, partnership.id, [swedish, partner], date(2030, 2, 15))
    before = consumed(MEMBERSHIP_JOINED.type)
    await world.publish(joined)
    await handled(MEMBERSHIP_JOINED.type, before)

    invited = await world.get_workshop(upcoming["id"])
    assert sorted((r["personId"], r["status"]) for r in invited["registrations"]) == sorted(
        [(p.id, "INVITED") for p in team] + [(already.id, "APPLIED")]
    )
    assert {r["partnershipId"] for r in invited["registrations"] if r["status"] == "INVITED"} == {
        partnership.id
    }
    assert invited["seatsTaken"] == 0  # an invitation holds no seat
    for workshop in (before_joining, cancelled, other_network, not_a_network_workshop):
        assert (await world.get_workshop(workshop["id"]))["registrations"] == []
    assert outsider.id not in {r["personId"] for r in invited["registrations"]}

    # Delivered twice: the same event changes nothing.
    once = await snapshot(world.service)
    before = consumed(MEMBERSHIP_JOINED.type)
    await world.publish(joined)
    await handled(MEMBERSHIP_JOINED.type, before)
    assert await snapshot(world.service) == once
    [doc] = [d for d in once["workshops"] if d["_id"] == upcoming["id"]]
    assert joined.id in doc["_applied"]

    # The organisation accepts one invitation (an application now) and declines another.
    invitations = {r["personId"]: r for r in invited["registrations"]}
    accepted = await world.act(ACCEPT, invitations[team[0].id], **team[0].coordinator)
    assert accepted["status"] == "APPLIED"
    declined = await world.act(WITHDRAW, invitations[team[2].id], **team[2].coordinator)
    assert declined["status"] == "WITHDRAWN"
    assert registered["status"] == "APPLIED"


async def test_a_closed_partnership_withdraws_its_pending_registrations_once(
    world: World,
) -> None:
    org = "org-villa-rica"
    partnership = await world.partnership("org-umea", org)
    enrolled, applied, waiting = [await world.person(org) for _ in range(3)]
    outsider = await world.person("org-elsewhere")
    workshop = await world.workshop(capacity=1)
    await world.enrolled(enrolled, workshop, partnership=partnership)
    await world.register(applied, workshop=workshop, partnership=partnership)
    await world.enrolled(outsider, workshop)  # waitlisted: no seat left
    cohort = await world.cohort()
    itp = await world.register(waiting, cohort=cohort, partnership=partnership)
    done = await world.workshop(startsOn="2030-01-05", endsOn="2030-01-07")
    completed = await world.enrolled(waiting, done, partnership=partnership)
    await world.complete(done, [waiting])

    async with listening(world.service, "training.registration.changed") as broker:
        closed = await world.close(partnership)

        async def withdrawn() -> bool:
            statuses = {
                r["personId"]: r["status"]
                for r in (await world.get_workshop(workshop["id"]))["registrations"]
            }
            return statuses == {
                enrolled.id: "WITHDRAWN",
                applied.id: "WITHDRAWN",
                outsider.id: "SELECTED",  # the freed seat went to the waitlist
            }

        await eventually(withdrawn, what="pending registrations withdrawn")
        once = await snapshot(world.service)
        changes = await broker.all()
    assert (await world.registration(itp["id"]))["status"] == "WITHDRAWN"
    assert (await world.registration(completed["id"]))["status"] == "COMPLETED"
    notes = {
        r["personId"]: r["history"][-1]
        for r in (await world.get_workshop(workshop["id"]))["registrations"]
    }
    assert notes[enrolled.id]["note"] == "the partnership was closed"
    assert notes[enrolled.id]["actor"] == "training-service"
    assert len(changes) == 4  # two withdrawn here, one promoted, the cohort's
    # The enrolled one's booking was given back.
    held = await world.service.runtime.repos.bookings.get(enrolled.id)
    assert held is not None
    assert held.bookings == []

    before = consumed(PARTNERSHIP_CLOSED.type)
    await world.publish(closed)
    await handled(PARTNERSHIP_CLOSED.type, before)
    assert await snapshot(world.service) == once
    # A closed partnership takes no new registrations.
    newcomer = await world.person(org)
    variables = {"input": register_input(newcomer, workshop=workshop, partnership=partnership)}
    await world.assert_refused(REGISTER, variables, "BAD_USER_INPUT", "partnershipId")


async def test_people_are_projected_by_newer_versions_only(world: World) -> None:
    network_id = await world.network()
    cohort = await world.cohort(networkId=network_id)
    person = await world.person("org-a", role="politician")
    partnership = await world.partnership("org-se", "org-a")
    nominate = {
        "input": register_input(person, cohort=cohort, partnership=partnership, outline="x")
    }
    await world.assert_refused(REGISTER, nominate, "BAD_USER_INPUT", "personId")

    def version(n: int, role: str) -> Any:
        data = PersonV1(
            id=person.id,
            version=n,
            organisation_id="org-a",
            given_name="Ana",
            family_name="Rojas",
            gender="woman",
            role=role,
            political_side=None,
            senior=True,
            position="Head of planning",
        )
        return PERSON_UPDATED.new(person.id, data)

    await world.publish(version(3, "civil_servant"))

    async def updated() -> bool:
        known = await world.known("trainingKnownPerson", person.id)
        return bool(known["sourceVersion"] == 3)

    await eventually(updated, what="person version 3")
    before = consumed(PERSON_UPDATED.type)
    await world.publish(version(2, "politician"))  # late
    await handled(PERSON_UPDATED.type, before)
    registration = await world.register(person, cohort=cohort, partnership=partnership)
    assert registration["status"] == "APPLIED"


# --- the real services -------------------------------------------------------------------------

CREATE_ORGANISATION = """
mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) {
  organisation { id } } }"""
CREATE_PERSON = """
mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }"""
CREATE_PARTNERSHIP = """
mutation($input: CreatePartnershipInput!) { createPartnership(input: $input) {
  partnership { id version } } }"""
CHANGE_STATUS = """
mutation($input: ChangePartnershipStatusInput!) { changePartnershipStatus(input: $input) {
  partnership { id status } } }"""
CREATE_NETWORK = """
mutation($input: CreateNetworkInput!) { createNetwork(input: $input) { network { id version } } }
"""
JOIN = """
mutation($input: JoinNetworkInput!) { joinNetwork(input: $input) { membership { id } } }"""


async def _org(partnerships: RunningService, name: str, country: str) -> str:
    data = await partnerships.data(
        CREATE_ORGANISATION, {"input": {"name": name, "kind": "MUNICIPALITY", "country": country}}
    )
    org_id: str = data["createOrganisation"]["organisation"]["id"]
    return org_id


async def _person(partnerships: RunningService, org_id: str, role: str, senior: bool) -> str:
    profile = {
        "givenName": "Ana",
        "familyName": uuid.uuid4().hex[:6],
        "gender": "WOMAN",
        "role": role,
        "politicalSide": "MAJORITY" if role == "POLITICIAN" else None,
        "senior": senior,
    }
    data = await partnerships.data(
        CREATE_PERSON, {"input": {"organisationId": org_id, "profile": profile}}
    )
    person_id: str = data["createPerson"]["person"]["id"]
    return person_id


async def _known(service: RunningService, query: str, id: str, key: str = "id") -> None:
    text = f"query($id: ID!) {{ {query}(id: $id) {{ {key} }} }}"

    async def arrived() -> bool:
        found = await service.data(text, {"id": id})
        return found[query] is not None

    await eventually(arrived, what=f"{query} {id} in {service.runtime.spec.name}")


async def test_with_the_real_services_joining_invites_and_closing_withdraws(
    mongo_url: str, broker_url: str, unique: str
) -> None:
    prefix = f"test-{unique}"
    async with (
        running_service(PARTNERSHIPS, mongo_url, broker_url, prefix) as partnerships,
        running_service(NETWORKS, mongo_url, broker_url, prefix) as networks,
        running_service(TRAINING, mongo_url, broker_url, prefix) as training,
    ):
        umea = await _org(partnerships, "Umeå", "SE")
        villa_rica = await _org(partnerships, "Villa Rica", "CO")
        people = [
            await _person(partnerships, umea, "POLITICIAN", False),
            await _person(partnerships, villa_rica, "CIVIL_SERVANT", True),
        ]
        created = await partnerships.data(
            CREATE_PARTNERSHIP,
            {
                "input": {
                    "title": "Villa Rica – Umeå",
                    "swedishPartnerId": umea,
                    "partnerIds": [villa_rica],
                    "themes": ["GENDER_EQUALITY"],
                    "startedOn": "2023-01-15",
                }
            },
        )
        partnership_id = created["createPartnership"]["partnership"]["id"]
        network = (
            await networks.data(
                CREATE_NETWORK,
                {
                    "input": {
                        "name": "Gender equality network",
                        "theme": "GENDER_EQUALITY",
                        "countries": ["SE", "CO", "GT"],
                        "startsOn": "2023-01-01",
                        "endsOn": "2026-12-31",
                    }
                },
            )
        )["createNetwork"]["network"]
        for person_id in people:
            await _known(training, "trainingKnownPerson", person_id)
        await _known(training, "trainingKnownNetwork", network["id"])
        await _known(training, "trainingKnownPartnership", partnership_id)
        await _known(networks, "networksKnownPartnership", partnership_id, "title")

        schedule = """mutation($input: ScheduleWorkshopInput!) {
          scheduleWorkshop(input: $input) { workshop { id } } }"""
        workshop_id = (
            await training.data(
                schedule,
                {
                    "input": {
                        "kind": "NETWORK_WORKSHOP",
                        "networkId": network["id"],
                        "title": "Joint workshop",
                        "city": "Bogotá",
                        "country": "CO",
                        "startsOn": "2030-04-15",
                        "endsOn": "2030-04-18",
                        "capacity": 30,
                    }
                },
            )
        )["scheduleWorkshop"]["workshop"]["id"]

        registrations = """query($id: ID!) { workshop(id: $id) {
          registrations { id version personId status partnershipId } } }"""

        async def statuses() -> dict[str, str]:
            found = (await training.data(registrations, {"id": workshop_id}))["workshop"]
            return {r["personId"]: r["status"] for r in found["registrations"]}

        async with listening(networks, "networks.membership.joined") as joining:
            join = {
                "networkId": network["id"],
                "partnershipId": partnership_id,
                "joinedOn": "2024-01-15",
            }
            await networks.data(JOIN, {"input": join})
            [joined] = await joining.events(1)

        async def invited() -> bool:
            return await statuses() == {p: "INVITED" for p in people}

        await eventually(invited, what="the team invited to the network's workshop")
        found = (await training.data(registrations, {"id": workshop_id}))["workshop"]
        invitation = next(r for r in found["registrations"] if r["personId"] == people[1])
        await training.data(ACCEPT, {"input": {"registrationId": invitation["id"], "version": 1}})
        await training.data(ENROL, {"input": {"registrationId": invitation["id"], "version": 2}})

        async with listening(partnerships, "partnerships.partnership.closed") as closing:
            await partnerships.data(
                CHANGE_STATUS, {"input": {"id": partnership_id, "version": 1, "status": "CLOSED"}}
            )
            [closed] = await closing.events(1)

        async def withdrawn() -> bool:
            return await statuses() == {p: "WITHDRAWN" for p in people}

        await eventually(withdrawn, what="the partnership's registrations withdrawn")
        once = await snapshot(training)
        # Both delivered again (networks consumes the closing too: wait for both services).
        for event, consumers in ((joined, 1), (closed, 2)):
            before = consumed(event.type)
            await training.runtime.bus.publish(event)
            await handled(event.type, before, consumers)
        assert await snapshot(training) == once
