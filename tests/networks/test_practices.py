"""Practices: members publish, other members comment and endorse; full-text search and tags."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from services.common.auth import Role
from services.contracts.networks import PRACTICE_PUBLISHED

from ..support.broker import listening
from ..support.services import error_codes
from .builders import (
    COMMENT,
    ENDORSE,
    LEAVE,
    PUBLISH,
    Partnership,
    World,
    as_coordinator,
    practice_input,
)

LIST = """
query($filter: PracticeFilter, $first: Int, $after: String) {
  practices(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { title }
  }
}"""
NETWORK_PRACTICES = """
query($id: ID!, $filter: PracticeFilter) {
  network(id: $id) { practices(filter: $filter) { totalCount nodes { title } } }
}"""


@dataclass
class Members:
    world: World
    network: dict[str, Any]
    gotland: Partnership
    """A member: Region Gotland with a Colombian municipality."""
    jonkoping: Partnership
    """Another member, with a Guatemalan municipality."""
    outsider: Partnership
    """Eligible, but not a member."""


@pytest.fixture
async def members(world: World) -> Members:
    network = await world.network()
    gotland = await world.partnership(countries=("SE", "CO"))
    jonkoping = await world.partnership(countries=("SE", "GT"))
    outsider = await world.partnership(countries=("SE", "GT"))
    for partnership in (gotland, jonkoping):
        await world.join(network["id"], partnership.id)
    return Members(world, network, gotland, jonkoping, outsider)


async def test_a_member_coordinator_publishes_a_practice(members: Members) -> None:
    world = members.world
    variables = {
        "input": practice_input(
            members.network["id"],
            members.gotland.id,
            tags=[" Women ", "participatory budgeting", "women"],
            language="ES",
        )
    }
    async with listening(world.service, "networks.practice.*") as broker:
        # A coordinator of the partner abroad acts for the partnership too.
        data = await world.service.data(PUBLISH, variables, **as_coordinator(members.gotland, 1))
        [event] = await broker.events(1)
    practice = data["publishPractice"]["practice"]
    assert (practice["networkId"], practice["partnershipId"]) == (
        members.network["id"],
        members.gotland.id,
    )
    assert (practice["tags"], practice["language"]) == (["women", "participatory budgeting"], "es")
    assert (practice["version"], practice["endorsementCount"], practice["comments"]) == (1, 0, [])
    assert practice["auditTrail"][0]["action"] == "published"
    assert event.type == PRACTICE_PUBLISHED.type
    published = PRACTICE_PUBLISHED.parse(event)
    assert (published.partnership_id, published.network_id, published.tags) == (
        members.gotland.id,
        members.network["id"],
        ["women", "participatory budgeting"],
    )


async def test_only_members_publish_to_a_network(members: Members) -> None:
    world = members.world
    await world.assert_refused(
        PUBLISH,
        {"input": practice_input(members.network["id"], members.outsider.id)},
        "BAD_USER_INPUT",
        "partnershipId",
        **as_coordinator(members.outsider),
    )
    leave = {
        "networkId": members.network["id"],
        "partnershipId": members.gotland.id,
        "version": 1,
        "leftOn": "2024-06-30",
    }
    await world.service.data(LEAVE, {"input": leave})
    await world.assert_refused(
        PUBLISH,
        {"input": practice_input(members.network["id"], members.gotland.id)},
        "BAD_USER_INPUT",
        "partnershipId",
        **as_coordinator(members.gotland),
    )


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        pytest.param({"language": "xx"}, "language", id="not-iso-639-1"),
        pytest.param({"language": "spa"}, "language", id="iso-639-2"),
        pytest.param({"title": ""}, "title", id="no-title"),
        pytest.param({"challenge": " "}, "challenge", id="no-challenge"),
        pytest.param({"solution": ""}, "solution", id="nothing-done"),
        pytest.param({"lessonsLearned": ""}, "lessonsLearned", id="no-lessons"),
        pytest.param({"results": "x" * 5001}, "results", id="long-results"),
        pytest.param({"tags": [f"t{i}" for i in range(11)]}, "tags", id="too-many-tags"),
        pytest.param({"tags": ["ok", "$where"]}, "tags.1", id="operator-tag"),
        pytest.param({"tags": ["x" * 41]}, "tags.0", id="long-tag"),
    ],
)
async def test_bad_practices_are_refused(
    members: Members, overrides: dict[str, Any], field: str
) -> None:
    variables = {"input": practice_input(members.network["id"], members.gotland.id, **overrides)}
    await members.world.assert_refused(
        PUBLISH, variables, "BAD_USER_INPUT", field, **as_coordinator(members.gotland)
    )


async def test_unknown_networks_and_partnerships_are_not_found(members: Members) -> None:
    world = members.world
    await world.assert_refused(
        PUBLISH,
        {"input": practice_input("nope", members.gotland.id)},
        "NOT_FOUND",
        "networkId",
    )
    await world.assert_refused(
        PUBLISH,
        {"input": practice_input(members.network["id"], "nope")},
        "NOT_FOUND",
        "partnershipId",
    )


@pytest.mark.parametrize(
    "auth",
    [
        pytest.param({"role": Role.COORDINATOR, "org": "org-se-1"}, id="another-partnership"),
        pytest.param({"role": Role.COORDINATOR, "org": None}, id="coordinator-without-org"),
        pytest.param({"role": Role.VIEWER, "org": "org-se-0"}, id="viewer"),
    ],
)
async def test_coordinators_publish_for_their_own_partnerships_only(
    members: Members, auth: dict[str, Any]
) -> None:
    variables = {"input": practice_input(members.network["id"], members.gotland.id)}
    await members.world.assert_refused(PUBLISH, variables, "FORBIDDEN", **auth)


async def test_staff_publish_for_a_member(members: Members) -> None:
    variables = {"input": practice_input(members.network["id"], members.gotland.id)}
    data = await members.world.service.data(PUBLISH, variables, role=Role.OFFICER)
    assert data["publishPractice"]["practice"]["partnershipId"] == members.gotland.id


# --- comments and endorsements ------------------------------------------------------------


async def test_members_comment_and_endorse_once(members: Members) -> None:
    world = members.world
    practice = await world.practice(members.network["id"], members.gotland)
    question = {"practiceId": practice["id"], "partnershipId": members.jonkoping.id}
    data = await world.service.data(
        COMMENT,
        {"input": {**question, "text": "How did you find childcare?"}},
        **as_coordinator(members.jonkoping),
    )
    answer = {"practiceId": practice["id"], "partnershipId": members.gotland.id}
    data = await world.service.data(
        COMMENT,
        {"input": {**answer, "text": "The women's councils organised it"}},
        **as_coordinator(members.gotland),
    )
    assert data["commentOnPractice"]["practice"]["comments"] == [
        {"partnershipId": members.jonkoping.id, "text": "How did you find childcare?"},
        {"partnershipId": members.gotland.id, "text": "The women's councils organised it"},
    ]
    data = await world.service.data(
        ENDORSE, {"input": question}, **as_coordinator(members.jonkoping, 1)
    )
    endorsed = data["endorsePractice"]["practice"]
    assert (endorsed["endorsementCount"], endorsed["version"]) == (1, 4)
    assert endorsed["endorsements"] == [{"partnershipId": members.jonkoping.id}]
    assert [e["action"] for e in endorsed["auditTrail"]] == [
        "published",
        "commented",
        "commented",
        "endorsed",
    ]
    await world.assert_refused(
        ENDORSE,
        {"input": question},
        "BAD_USER_INPUT",
        "partnershipId",
        **as_coordinator(members.jonkoping),
    )


async def test_a_partnership_does_not_endorse_its_own_practice(members: Members) -> None:
    world = members.world
    practice = await world.practice(members.network["id"], members.gotland)
    own = {"practiceId": practice["id"], "partnershipId": members.gotland.id}
    await world.assert_refused(
        ENDORSE,
        {"input": own},
        "BAD_USER_INPUT",
        "partnershipId",
        **as_coordinator(members.gotland),
    )
    await world.assert_refused(ENDORSE, {"input": own}, "BAD_USER_INPUT", "partnershipId")


async def test_only_members_of_the_network_comment_and_endorse(members: Members) -> None:
    world = members.world
    practice = await world.practice(members.network["id"], members.gotland)
    outsider = {"practiceId": practice["id"], "partnershipId": members.outsider.id}
    auth = as_coordinator(members.outsider)
    await world.assert_refused(
        COMMENT, {"input": {**outsider, "text": "Nice"}}, "BAD_USER_INPUT", "partnershipId", **auth
    )
    await world.assert_refused(
        ENDORSE, {"input": outsider}, "BAD_USER_INPUT", "partnershipId", **auth
    )


@pytest.mark.parametrize("mutation", [COMMENT, ENDORSE], ids=["comment", "endorse"])
async def test_coordinators_comment_and_endorse_for_their_own_partnerships(
    members: Members, mutation: str
) -> None:
    world = members.world
    practice = await world.practice(members.network["id"], members.gotland)
    variables = {"practiceId": practice["id"], "partnershipId": members.jonkoping.id}
    if mutation == COMMENT:
        variables["text"] = "Impersonated"
    for auth in [as_coordinator(members.outsider), {"role": Role.VIEWER}]:
        await world.assert_refused(mutation, {"input": variables}, "FORBIDDEN", **auth)


@pytest.mark.parametrize(
    ("variables", "code", "field"),
    [
        pytest.param({"text": ""}, "BAD_USER_INPUT", "text", id="empty"),
        pytest.param({"text": "x" * 2001}, "BAD_USER_INPUT", "text", id="too-long"),
        pytest.param({"practiceId": "nope"}, "NOT_FOUND", "practiceId", id="no-practice"),
    ],
)
async def test_bad_comments_are_refused(
    members: Members, variables: dict[str, Any], code: str, field: str
) -> None:
    world = members.world
    practice = await world.practice(members.network["id"], members.gotland)
    comment = {
        "practiceId": practice["id"],
        "partnershipId": members.jonkoping.id,
        "text": "Question",
        **variables,
    }
    await world.assert_refused(
        COMMENT, {"input": comment}, code, field, **as_coordinator(members.jonkoping)
    )


# --- finding practices --------------------------------------------------------------------


async def test_practices_are_found_by_text_tags_and_language(members: Members) -> None:
    world = members.world
    network_id = members.network["id"]
    await world.practice(
        network_id,
        members.gotland,
        title="Consejos de mujeres en los presupuestos",
        challenge="Pocas mujeres participaban en las audiencias",
        solution="Consejos barriales prepararon propuestas",
        results="El doble de participantes",
        lessonsLearned="El cuidado infantil importó más que la invitación",
        tags=["women", "budget"],
        language="es",
    )
    await world.practice(
        network_id,
        members.jonkoping,
        title="Safe routes to school",
        challenge="Girls avoided the road to school after dark",
        solution="Street lighting mapped together with the girls",
        results="More girls walk to school",
        lessonsLearned="Walk the route with the people who use it",
        tags=["safety", "women"],
        language="en",
    )
    await world.practice(
        network_id,
        members.jonkoping,
        title="Gender budgeting in the council",
        challenge="The budget did not show who benefits",
        solution="Every line of the budget shows its beneficiaries by gender",
        results="The council moved funds to childcare",
        lessonsLearned="Start with one department",
        tags=["budget"],
        language="en",
    )

    async def titles(**filter: Any) -> list[str]:
        data = await world.service.data(LIST, {"filter": filter}, role=Role.VIEWER)
        return [n["title"] for n in data["practices"]["nodes"]]

    newest_first = [
        "Gender budgeting in the council",
        "Safe routes to school",
        "Consejos de mujeres en los presupuestos",
    ]
    assert await titles() == newest_first
    assert await titles(search="lighting") == ["Safe routes to school"]
    assert await titles(search="cuidado infantil") == ["Consejos de mujeres en los presupuestos"]
    assert await titles(search='"route with the people"') == ["Safe routes to school"]
    assert await titles(search="nothing-like-this") == []
    assert await titles(tags=["budget"]) == [newest_first[0], newest_first[2]]
    assert await titles(tags=["Women", "budget"]) == [newest_first[2]]
    assert await titles(tags=["budget"], search="beneficiaries") == [newest_first[0]]
    assert await titles(tags=["safety"], search="beneficiaries") == []
    assert await titles(language="EN", partnershipId=members.jonkoping.id) == newest_first[:2]
    assert await titles(networkId="other") == []
    in_network = await world.service.data(
        NETWORK_PRACTICES, {"id": network_id, "filter": {"search": "girls"}}
    )
    assert in_network["network"]["practices"]["nodes"] == [{"title": "Safe routes to school"}]
    page = await world.service.data(LIST, {"first": 2})
    assert page["practices"]["pageInfo"]["hasNextPage"] is True
    after = page["practices"]["pageInfo"]["endCursor"]
    rest = await world.service.data(LIST, {"first": 2, "after": after})
    assert [n["title"] for n in rest["practices"]["nodes"]] == newest_first[2:]


@pytest.mark.parametrize(
    ("filter", "field"),
    [
        ({"language": "xx"}, "filter.language"),
        ({"search": "$where"}, "filter.search"),
        ({"search": " "}, "filter.search"),
        ({"tags": ["$in"]}, "filter.tags"),
    ],
)
async def test_bad_practice_filters_are_bad_input(
    members: Members, filter: dict[str, Any], field: str
) -> None:
    body = await members.world.service.graphql(LIST, {"filter": filter})
    assert error_codes(body) == ["BAD_USER_INPUT"]
    assert body["errors"][0]["extensions"]["field"] == field
