"""Partnerships, their steering group and people, through the partnerships subgraph."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest

from services.common.auth import Role
from services.contracts.partnerships import (
    PARTNERSHIP_CLOSED,
    PARTNERSHIP_CREATED,
    PARTNERSHIP_STATUS_CHANGED,
    STEERING_GROUP_CHANGED,
)

from ..support.broker import listening
from ..support.services import RunningService, error_codes
from ..support.writes import assert_refused, snapshot
from .builders import (
    CHANGE_STATUS,
    CREATE_PARTNERSHIP,
    CREATE_PERSON,
    PARTNERSHIP_FIELDS,
    change_status,
    organisation,
    partnership,
    partnership_input,
    person,
)

UPDATE = f"""
mutation($input: UpdatePartnershipInput!) {{
  updatePartnership(input: $input) {{ partnership {{ {PARTNERSHIP_FIELDS} }} }}
}}"""
STEERING = """
mutation($input: SetSteeringGroupInput!) {
  setSteeringGroup(input: $input) {
    partnership { version steeringGroup { personId organisationId role politicalSide senior } }
  }
}"""
GAPS = "query($id: ID!) { partnership(id: $id) { steeringGroupGaps } }"
LIST = """
query($first: Int, $after: String, $filter: PartnershipFilter) {
  partnerships(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id title }
  }
}"""
PERSON_FIELDS = """
  id organisationId role politicalSide senior position version
  givenName familyName gender email phone auditTrail { action actor }
"""
PERSON = f"query($id: ID!) {{ person(id: $id) {{ {PERSON_FIELDS} }} }}"
PEOPLE = f"""
query($filter: PersonFilter) {{ people(filter: $filter) {{ nodes {{ {PERSON_FIELDS} }} }} }}"""
MEMBER_PEOPLE = """
query($id: ID!) { partnership(id: $id) { steeringGroup { person { id givenName } } } }"""
UPDATE_PERSON = """
mutation($input: UpdatePersonInput!) {
  updatePerson(input: $input) { person { id version politicalSide } }
}"""


@dataclass
class Orgs:
    """Swedish and foreign organisations to build partnerships from."""

    service: RunningService
    jonkoping: str
    robertsfors: str
    stellenbosch: str
    kibaha: str
    machakos: str


@pytest.fixture
async def orgs(partnerships: RunningService) -> Orgs:
    return Orgs(
        service=partnerships,
        jonkoping=await organisation(partnerships, "Jönköping", "SE"),
        robertsfors=await organisation(partnerships, "Robertsfors", "SE"),
        stellenbosch=await organisation(partnerships, "Stellenbosch", "ZA", "LOCAL_GOVERNMENT"),
        kibaha=await organisation(partnerships, "Kibaha", "TZ", "LOCAL_GOVERNMENT"),
        machakos=await organisation(partnerships, "Machakos", "KE", "LOCAL_GOVERNMENT"),
    )


def today() -> str:
    return datetime.now(UTC).date().isoformat()


# --- creating -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("partners", "kind"),
    [(1, "BILATERAL"), (2, "TRIPARTITE"), (3, "MULTILATERAL")],
)
async def test_kind_follows_the_number_of_partners(orgs: Orgs, partners: int, kind: str) -> None:
    abroad = [orgs.stellenbosch, orgs.kibaha, orgs.machakos][:partners]
    async with listening(orgs.service, "partnerships.partnership.*") as broker:
        created = await partnership(orgs.service, orgs.jonkoping, abroad)
        await snapshot(orgs.service)
        [event] = await broker.all()
    assert created["kind"] == kind
    assert created["countries"] == ["SE", "ZA", "TZ", "KE"][: partners + 1]
    assert (created["status"], created["version"], created["closedOn"]) == ("ACTIVE", 1, None)
    assert created["auditTrail"] == [
        {
            "actor": "dev-officer",
            "action": "registered",
            "fromStatus": None,
            "toStatus": "active",
            "note": None,
            "version": 1,
        }
    ]
    assert event.type == PARTNERSHIP_CREATED.type
    data = PARTNERSHIP_CREATED.parse(event)
    assert (data.kind, data.organisation_ids) == (kind.lower(), [orgs.jonkoping, *abroad])


async def test_themes_are_kept_once_in_order(orgs: Orgs) -> None:
    created = await partnership(
        orgs.service,
        orgs.jonkoping,
        [orgs.stellenbosch],
        themes=["YOUTH", "GENDER_EQUALITY", "YOUTH"],
    )
    assert created["themes"] == ["YOUTH", "GENDER_EQUALITY"]


Overrides = Callable[[Orgs], dict[str, Any]]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        pytest.param(
            lambda o: {"swedishPartnerId": o.stellenbosch, "partnerIds": [o.kibaha]},
            "swedishPartnerId",
            id="swedish-partner-abroad",
        ),
        pytest.param(lambda o: {"swedishPartnerId": "nope"}, "swedishPartnerId", id="no-swede"),
        pytest.param(lambda o: {"partnerIds": []}, "partnerIds", id="no-partner"),
        pytest.param(lambda o: {"partnerIds": [o.robertsfors]}, "partnerIds", id="partner-swedish"),
        pytest.param(
            lambda o: {"partnerIds": [o.stellenbosch, o.stellenbosch]},
            "partnerIds",
            id="duplicate-partner",
        ),
        pytest.param(
            lambda o: {"partnerIds": [o.stellenbosch, o.jonkoping]},
            "partnerIds",
            id="swede-twice",
        ),
        pytest.param(lambda o: {"partnerIds": ["nope"]}, "partnerIds", id="unknown-partner"),
        pytest.param(lambda o: {"themes": []}, "themes", id="no-theme"),
        pytest.param(lambda o: {"title": "  "}, "title", id="empty-title"),
        pytest.param(lambda o: {"title": "$where"}, "title", id="operator-title"),
        pytest.param(lambda o: {"focus": "$gt"}, "focus", id="operator-focus"),
    ],
)
async def test_bad_partnerships_are_refused_and_change_nothing(
    orgs: Orgs, overrides: Overrides, field: str
) -> None:
    variables = {"input": partnership_input(orgs.jonkoping, [orgs.stellenbosch], **overrides(orgs))}
    await assert_refused(orgs.service, CREATE_PARTNERSHIP, variables, "BAD_USER_INPUT", field)


@pytest.mark.parametrize("role", [Role.VIEWER, Role.COORDINATOR])
async def test_only_staff_register_partnerships(orgs: Orgs, role: Role) -> None:
    variables = {"input": partnership_input(orgs.jonkoping, [orgs.stellenbosch])}
    await assert_refused(
        orgs.service, CREATE_PARTNERSHIP, variables, "FORBIDDEN", role=role, org=orgs.jonkoping
    )


# --- status -------------------------------------------------------------------------------


async def test_active_and_dormant_alternate_until_closed(orgs: Orgs) -> None:
    created = await partnership(orgs.service, orgs.jonkoping, [orgs.stellenbosch])
    dormant = await change_status(orgs.service, created["id"], 1, "DORMANT")
    active = await change_status(orgs.service, created["id"], 2, "ACTIVE")
    assert (dormant["status"], active["status"], active["version"]) == ("DORMANT", "ACTIVE", 3)
    assert active["closedOn"] is None
    closed = await change_status(orgs.service, created["id"], 3, "CLOSED")
    assert (closed["status"], closed["closedOn"]) == ("CLOSED", today())
    assert [(e["fromStatus"], e["toStatus"]) for e in closed["auditTrail"]] == [
        (None, "active"),
        ("active", "dormant"),
        ("dormant", "active"),
        ("active", "closed"),
    ]


async def test_a_dormant_partnership_can_be_closed(orgs: Orgs) -> None:
    created = await partnership(orgs.service, orgs.jonkoping, [orgs.stellenbosch])
    await change_status(orgs.service, created["id"], 1, "DORMANT")
    assert (await change_status(orgs.service, created["id"], 2, "CLOSED"))["status"] == "CLOSED"


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ([], "ACTIVE"),
        (["DORMANT"], "DORMANT"),
        (["CLOSED"], "ACTIVE"),
        (["CLOSED"], "DORMANT"),
        (["CLOSED"], "CLOSED"),
    ],
)
async def test_other_status_changes_are_refused(orgs: Orgs, path: list[str], target: str) -> None:
    created = await partnership(orgs.service, orgs.jonkoping, [orgs.stellenbosch])
    for version, status in enumerate(path, start=1):
        await change_status(orgs.service, created["id"], version, status)
    variables = {"input": {"id": created["id"], "version": len(path) + 1, "status": target}}
    body = await assert_refused(orgs.service, CHANGE_STATUS, variables, "BAD_USER_INPUT", "status")
    extensions = body["errors"][0]["extensions"]
    assert (extensions["fromStatus"], extensions["toStatus"]) == (
        (path[-1] if path else "ACTIVE").lower(),
        target.lower(),
    )


async def test_closing_publishes_partnership_closed(orgs: Orgs) -> None:
    created = await partnership(orgs.service, orgs.jonkoping, [orgs.stellenbosch])
    async with listening(orgs.service, "partnerships.partnership.*") as broker:
        await orgs.service.data(
            CHANGE_STATUS,
            {
                "input": {
                    "id": created["id"],
                    "version": 1,
                    "status": "CLOSED",
                    "note": "Project finished",
                }
            },
        )
        stored = (await snapshot(orgs.service))["partnerships"]
        events = await broker.all()
    assert [(d["_outbox"], d["_pending"]) for d in stored] == [([], False)]
    assert [e.type for e in events] == [PARTNERSHIP_STATUS_CHANGED.type, PARTNERSHIP_CLOSED.type]
    assert {e.subject for e in events} == {created["id"]}
    changed = PARTNERSHIP_STATUS_CHANGED.parse(events[0])
    assert (changed.from_status, changed.to_status, changed.note) == (
        "active",
        "closed",
        "Project finished",
    )
    closed = PARTNERSHIP_CLOSED.parse(events[1])
    assert (closed.status, closed.version, closed.organisation_ids) == (
        "closed",
        2,
        [orgs.jonkoping, orgs.stellenbosch],
    )


async def test_going_dormant_does_not_publish_closed(orgs: Orgs) -> None:
    created = await partnership(orgs.service, orgs.jonkoping, [orgs.stellenbosch])
    async with listening(orgs.service, "partnerships.partnership.*") as broker:
        await change_status(orgs.service, created["id"], 1, "DORMANT")
        await snapshot(orgs.service)
        assert [e.type for e in await broker.all()] == [PARTNERSHIP_STATUS_CHANGED.type]


@pytest.mark.parametrize(("role", "own"), [(Role.VIEWER, False), (Role.COORDINATOR, True)])
async def test_only_staff_change_the_status(orgs: Orgs, role: Role, own: bool) -> None:
    created = await partnership(orgs.service, orgs.jonkoping, [orgs.stellenbosch])
    variables = {"input": {"id": created["id"], "version": 1, "status": "CLOSED"}}
    await assert_refused(
        orgs.service,
        CHANGE_STATUS,
        variables,
        "FORBIDDEN",
        role=role,
        org=orgs.jonkoping if own else None,
    )


async def test_stale_or_unknown_status_changes(orgs: Orgs) -> None:
    created = await partnership(orgs.service, orgs.jonkoping, [orgs.stellenbosch])
    await change_status(orgs.service, created["id"], 1, "DORMANT")
    stale = {"input": {"id": created["id"], "version": 1, "status": "CLOSED"}}
    await assert_refused(orgs.service, CHANGE_STATUS, stale, "CONFLICT", "version")
    unknown = {"input": {"id": "nope", "version": 1, "status": "CLOSED"}}
    await assert_refused(orgs.service, CHANGE_STATUS, unknown, "NOT_FOUND", "id")


async def test_a_closed_partnership_is_not_edited(orgs: Orgs) -> None:
    created = await partnership(orgs.service, orgs.jonkoping, [orgs.stellenbosch])
    member = await person(orgs.service, orgs.jonkoping)
    await change_status(orgs.service, created["id"], 1, "CLOSED")
    rename = {"input": {"id": created["id"], "version": 2, "title": "Reopened"}}
    await assert_refused(orgs.service, UPDATE, rename, "BAD_USER_INPUT", "id")
    group = {"input": {"partnershipId": created["id"], "version": 2, "personIds": [member]}}
    await assert_refused(orgs.service, STEERING, group, "BAD_USER_INPUT", "id")


# --- editing details ----------------------------------------------------------------------


@pytest.mark.parametrize("side", ["swedish", "partner"])
async def test_coordinators_of_a_partner_edit_the_partnership(orgs: Orgs, side: str) -> None:
    created = await partnership(orgs.service, orgs.jonkoping, [orgs.stellenbosch])
    org = orgs.jonkoping if side == "swedish" else orgs.stellenbosch
    data = await orgs.service.data(
        UPDATE,
        {
            "input": {
                "id": created["id"],
                "version": 1,
                "title": "Safer cities",
                "themes": ["YOUTH"],
            }
        },
        role=Role.COORDINATOR,
        org=org,
    )
    updated = data["updatePartnership"]["partnership"]
    assert (updated["title"], updated["themes"], updated["version"]) == (
        "Safer cities",
        ["YOUTH"],
        2,
    )
    assert updated["focus"] == created["focus"]
    assert updated["auditTrail"][-1]["actor"] == "dev-coordinator"


@pytest.mark.parametrize(("role", "org"), [(Role.COORDINATOR, "other"), (Role.VIEWER, None)])
async def test_others_do_not_edit_the_partnership(orgs: Orgs, role: Role, org: str | None) -> None:
    created = await partnership(orgs.service, orgs.jonkoping, [orgs.stellenbosch])
    variables = {"input": {"id": created["id"], "version": 1, "title": "Taken over"}}
    await assert_refused(
        orgs.service,
        UPDATE,
        variables,
        "FORBIDDEN",
        role=role,
        org=orgs.robertsfors if org else None,
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"title": "$where"}, "title"), ({"title": " "}, "title"), ({"themes": []}, "themes")],
)
async def test_bad_edits_are_refused(orgs: Orgs, changes: dict[str, Any], field: str) -> None:
    created = await partnership(orgs.service, orgs.jonkoping, [orgs.stellenbosch])
    variables = {"input": {"id": created["id"], "version": 1, **changes}}
    await assert_refused(orgs.service, UPDATE, variables, "BAD_USER_INPUT", field)


async def test_stale_or_unknown_edits(orgs: Orgs) -> None:
    created = await partnership(orgs.service, orgs.jonkoping, [orgs.stellenbosch])
    await orgs.service.data(UPDATE, {"input": {"id": created["id"], "version": 1, "focus": "A"}})
    stale = {"input": {"id": created["id"], "version": 1, "focus": "B"}}
    await assert_refused(orgs.service, UPDATE, stale, "CONFLICT", "version")
    unknown = {"input": {"id": "nope", "version": 1, "focus": "B"}}
    await assert_refused(orgs.service, UPDATE, unknown, "NOT_FOUND", "id")


# --- steering group -----------------------------------------------------------------------


@dataclass
class Team:
    partnership: str
    swedish: dict[str, str]
    partner: dict[str, str]
    outsider: str


@pytest.fixture
async def team(orgs: Orgs) -> Team:
    created = await partnership(orgs.service, orgs.jonkoping, [orgs.stellenbosch])

    async def members(org: str) -> dict[str, str]:
        return {
            "majority": await person(orgs.service, org, role="POLITICIAN", side="MAJORITY"),
            "opposition": await person(orgs.service, org, role="POLITICIAN", side="OPPOSITION"),
            "senior": await person(orgs.service, org, senior=True),
            "junior": await person(orgs.service, org),
        }

    return Team(
        partnership=created["id"],
        swedish=await members(orgs.jonkoping),
        partner=await members(orgs.stellenbosch),
        outsider=await person(orgs.service, orgs.kibaha, given_name="Neema", family_name="Mushi"),
    )


async def gaps(orgs: Orgs, team: Team) -> list[str]:
    data = await orgs.service.data(GAPS, {"id": team.partnership})
    found: list[str] = data["partnership"]["steeringGroupGaps"]
    return found


async def test_steering_group_gaps_per_organisation(orgs: Orgs, team: Team) -> None:
    everything = [
        f"{org}: {need}"
        for org in (orgs.jonkoping, orgs.stellenbosch)
        for need in (
            "a politician of the majority",
            "a politician of the opposition",
            "a senior civil servant",
        )
    ]
    assert await gaps(orgs, team) == everything

    swedish_only = [team.swedish["majority"], team.swedish["opposition"], team.swedish["senior"]]
    async with listening(orgs.service, "partnerships.steering_group.*") as broker:
        data = await orgs.service.data(
            STEERING,
            {"input": {"partnershipId": team.partnership, "version": 1, "personIds": swedish_only}},
            role=Role.COORDINATOR,
            org=orgs.stellenbosch,
        )
        await snapshot(orgs.service)
        [event] = await broker.all()
    group = data["setSteeringGroup"]["partnership"]
    assert [m["personId"] for m in group["steeringGroup"]] == swedish_only
    assert group["steeringGroup"][0] == {
        "personId": team.swedish["majority"],
        "organisationId": orgs.jonkoping,
        "role": "POLITICIAN",
        "politicalSide": "MAJORITY",
        "senior": False,
    }
    assert event.type == STEERING_GROUP_CHANGED.type
    assert [m.person_id for m in STEERING_GROUP_CHANGED.parse(event).members] == swedish_only
    assert await gaps(orgs, team) == everything[3:]

    # A junior civil servant does not make up for the senior one.
    complete = [*swedish_only, team.partner["majority"], team.partner["opposition"]]
    await orgs.service.data(
        STEERING,
        {
            "input": {
                "partnershipId": team.partnership,
                "version": 2,
                "personIds": [*complete, team.partner["junior"]],
            }
        },
    )
    assert await gaps(orgs, team) == [f"{orgs.stellenbosch}: a senior civil servant"]
    await orgs.service.data(
        STEERING,
        {
            "input": {
                "partnershipId": team.partnership,
                "version": 3,
                "personIds": [*complete, team.partner["senior"]],
            }
        },
    )
    assert await gaps(orgs, team) == []

    # Gaps follow people as they are now: the opposition politician joined the majority.
    await orgs.service.data(
        UPDATE_PERSON,
        {
            "input": {
                "id": team.partner["opposition"],
                "version": 1,
                "profile": {
                    "givenName": "Anna",
                    "familyName": "Berg",
                    "gender": "WOMAN",
                    "role": "POLITICIAN",
                    "politicalSide": "MAJORITY",
                },
            }
        },
    )
    assert await gaps(orgs, team) == [f"{orgs.stellenbosch}: a politician of the opposition"]


@pytest.mark.parametrize(
    "people",
    [
        pytest.param(lambda t: [t.swedish["majority"], t.outsider], id="outsider"),
        pytest.param(lambda t: [t.swedish["majority"], t.swedish["majority"]], id="twice"),
        pytest.param(lambda t: [t.swedish["majority"], "nobody"], id="unknown"),
    ],
)
async def test_bad_steering_groups_are_refused(
    orgs: Orgs, team: Team, people: Callable[[Team], list[str]]
) -> None:
    variables = {
        "input": {"partnershipId": team.partnership, "version": 1, "personIds": people(team)}
    }
    body = await assert_refused(orgs.service, STEERING, variables, "BAD_USER_INPUT", "personIds")
    assert "Neema" not in body["errors"][0]["message"]  # nobody learns other people's names


async def test_steering_group_authorization_versions_and_ids(orgs: Orgs, team: Team) -> None:
    people = [team.swedish["majority"]]
    outside = {"input": {"partnershipId": team.partnership, "version": 1, "personIds": people}}
    await assert_refused(
        orgs.service, STEERING, outside, "FORBIDDEN", role=Role.COORDINATOR, org=orgs.kibaha
    )
    await assert_refused(orgs.service, STEERING, outside, "FORBIDDEN", role=Role.VIEWER)
    unknown = {"input": {"partnershipId": "nope", "version": 1, "personIds": people}}
    await assert_refused(orgs.service, STEERING, unknown, "NOT_FOUND", "partnershipId")
    await orgs.service.data(STEERING, outside)
    await assert_refused(orgs.service, STEERING, outside, "CONFLICT", "version")


# --- people -------------------------------------------------------------------------------


async def test_personal_data_is_for_staff_and_the_own_organisation(orgs: Orgs) -> None:
    member = await person(orgs.service, orgs.stellenbosch, given_name="Thandi")
    created = await partnership(orgs.service, orgs.jonkoping, [orgs.stellenbosch])
    await orgs.service.data(
        STEERING, {"input": {"partnershipId": created["id"], "version": 1, "personIds": [member]}}
    )

    async def seen(**auth: Any) -> tuple[Any, ...]:
        found = (await orgs.service.data(PERSON, {"id": member}, **auth))["person"]
        listed = (
            await orgs.service.data(
                PEOPLE, {"filter": {"organisationId": orgs.stellenbosch}}, **auth
            )
        )["people"]["nodes"]
        assert listed == [found]
        group = await orgs.service.data(MEMBER_PEOPLE, {"id": created["id"]}, **auth)
        assert group["partnership"]["steeringGroup"] == [
            {"person": {"id": member, "givenName": found["givenName"]}}
        ]
        personal = ("givenName", "familyName", "gender", "email", "phone", "auditTrail")
        public = (found["role"], found["position"], found["organisationId"])
        assert public == ("CIVIL_SERVANT", "", orgs.stellenbosch)
        return tuple(found[k] for k in personal)

    full = (
        "Thandi",
        "Berg",
        "WOMAN",
        "anna@example.org",
        "+46 70 000 00 00",
        [{"action": "registered", "actor": "dev-officer"}],
    )
    hidden = (None,) * 6
    assert await seen() == full
    assert await seen(role=Role.ADMIN) == full
    assert await seen(role=Role.COORDINATOR, org=orgs.stellenbosch) == full
    assert await seen(role=Role.COORDINATOR, org=orgs.jonkoping) == hidden
    assert await seen(role=Role.VIEWER) == hidden


def profile(**overrides: Any) -> dict[str, Any]:
    return {
        "givenName": "Sipho",
        "familyName": "Dlamini",
        "gender": "MAN",
        "role": "CIVIL_SERVANT",
        **overrides,
    }


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"role": "POLITICIAN"}, "politicalSide"),
        ({"role": "CIVIL_SERVANT", "politicalSide": "MAJORITY"}, "politicalSide"),
        ({"role": "CSO_MEMBER", "politicalSide": "OPPOSITION"}, "politicalSide"),
        ({"email": "not-an-address"}, "email"),
        ({"givenName": "$where"}, "givenName"),
        ({"familyName": " "}, "familyName"),
        ({"position": "$gt"}, "position"),
    ],
)
async def test_bad_people_are_refused(orgs: Orgs, overrides: dict[str, Any], field: str) -> None:
    variables = {"input": {"organisationId": orgs.kibaha, "profile": profile(**overrides)}}
    await assert_refused(orgs.service, CREATE_PERSON, variables, "BAD_USER_INPUT", field)


@pytest.mark.parametrize("side", ["MAJORITY", "OPPOSITION"])
async def test_politicians_have_a_side(orgs: Orgs, side: str) -> None:
    created = await orgs.service.data(
        CREATE_PERSON,
        {
            "input": {
                "organisationId": orgs.kibaha,
                "profile": profile(role="POLITICIAN", politicalSide=side),
            }
        },
    )
    person_id = created["createPerson"]["person"]["id"]
    found = (await orgs.service.data(PERSON, {"id": person_id}))["person"]
    assert (found["role"], found["politicalSide"]) == ("POLITICIAN", side)


async def test_people_are_registered_by_their_own_organisation(orgs: Orgs) -> None:
    own = {"input": {"organisationId": orgs.kibaha, "profile": profile()}}
    data = await orgs.service.data(CREATE_PERSON, own, role=Role.COORDINATOR, org=orgs.kibaha)
    assert data["createPerson"]["person"]["id"]
    await assert_refused(
        orgs.service, CREATE_PERSON, own, "FORBIDDEN", role=Role.COORDINATOR, org=orgs.machakos
    )
    await assert_refused(orgs.service, CREATE_PERSON, own, "FORBIDDEN", role=Role.VIEWER)
    nowhere = {"input": {"organisationId": "nope", "profile": profile()}}
    await assert_refused(orgs.service, CREATE_PERSON, nowhere, "NOT_FOUND", "organisationId")


async def test_people_updates_check_version_and_organisation(orgs: Orgs) -> None:
    member = await person(orgs.service, orgs.kibaha)
    change = {"input": {"id": member, "version": 1, "profile": profile(position="Planner")}}
    await assert_refused(
        orgs.service, UPDATE_PERSON, change, "FORBIDDEN", role=Role.COORDINATOR, org=orgs.machakos
    )
    await orgs.service.data(UPDATE_PERSON, change, role=Role.COORDINATOR, org=orgs.kibaha)
    await assert_refused(orgs.service, UPDATE_PERSON, change, "CONFLICT", "version")
    unknown = {"input": {"id": "nope", "version": 1, "profile": profile()}}
    await assert_refused(orgs.service, UPDATE_PERSON, unknown, "NOT_FOUND", "id")


# --- reading ------------------------------------------------------------------------------


async def test_partnerships_are_filtered_and_paged(orgs: Orgs) -> None:
    a = await partnership(orgs.service, orgs.jonkoping, [orgs.stellenbosch], title="A Jönköping")
    b = await partnership(
        orgs.service, orgs.robertsfors, [orgs.machakos], title="B Robertsfors", themes=["YOUTH"]
    )
    c = await partnership(
        orgs.service, orgs.jonkoping, [orgs.kibaha, orgs.machakos], title="C Kibaha"
    )
    await change_status(orgs.service, c["id"], 1, "DORMANT")

    async def listed(**filter: Any) -> list[str]:
        data = await orgs.service.data(LIST, {"filter": filter})
        return [n["id"] for n in data["partnerships"]["nodes"]]

    assert await listed() == [a["id"], b["id"], c["id"]]
    assert await listed(country="ke") == [b["id"], c["id"]]
    assert await listed(theme="YOUTH") == [b["id"]]
    assert await listed(status="DORMANT") == [c["id"]]
    assert await listed(swedishPartnerId=orgs.jonkoping) == [a["id"], c["id"]]
    assert await listed(organisationId=orgs.machakos) == [b["id"], c["id"]]
    assert await listed(organisationId=orgs.jonkoping) == [a["id"], c["id"]]
    assert await listed(search="robertsFORS") == [b["id"]]
    assert await listed(search=".*") == []

    first = (await orgs.service.data(LIST, {"first": 2}))["partnerships"]
    assert (first["totalCount"], first["pageInfo"]["hasNextPage"]) == (3, True)
    rest = await orgs.service.data(LIST, {"first": 2, "after": first["pageInfo"]["endCursor"]})
    assert [n["id"] for n in rest["partnerships"]["nodes"]] == [c["id"]]


@pytest.mark.parametrize(
    ("filter", "field"),
    [
        ({"country": "QQ"}, "filter.country"),
        ({"country": "SWE"}, "filter.country"),
        ({"search": "$where"}, "filter.search"),
    ],
)
async def test_bad_filters_are_bad_input(orgs: Orgs, filter: dict[str, str], field: str) -> None:
    body = await orgs.service.graphql(LIST, {"filter": filter})
    assert error_codes(body) == ["BAD_USER_INPUT"]
    assert body["errors"][0]["extensions"]["field"] == field


async def test_reading_partnerships_needs_a_token(orgs: Orgs) -> None:
    assert error_codes(await orgs.service.graphql(LIST, role=None)) == ["UNAUTHENTICATED"]


async def test_partnership_entities_are_resolved_in_one_query(
    orgs: Orgs, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [
        (await partnership(orgs.service, orgs.jonkoping, [orgs.stellenbosch], title=f"P{i}"))["id"]
        for i in range(3)
    ]
    store = orgs.service.runtime.repos.partnerships
    batches: list[list[str]] = []
    real_get_many = store.get_many

    async def counting_get_many(keys: list[str]) -> Any:
        batches.append(list(keys))
        return await real_get_many(keys)

    monkeypatch.setattr(store, "get_many", counting_get_many)
    reps = [{"__typename": "Partnership", "id": i} for i in [*ids, "missing"]]
    query = (
        "query($r: [_Any!]!) { _entities(representations: $r) { ... on Partnership { title } } }"
    )
    data = await orgs.service.data(query, {"r": reps})
    assert [e and e["title"] for e in data["_entities"]] == ["P0", "P1", "P2", None]
    assert len(batches) == 1
