"""Networks: creation, period, countries, status, mentors, filters, federation, access."""

from __future__ import annotations

from typing import Any

import pytest

from services.common.auth import Role
from services.contracts.networks import NETWORK_CLOSED, NETWORK_CREATED, NETWORK_UPDATED

from ..support.broker import listening
from ..support.services import error_codes
from .builders import (
    CHANGE_NETWORK_STATUS,
    CREATE_NETWORK,
    NETWORK,
    SET_MENTORS,
    UPDATE_NETWORK,
    World,
    as_coordinator,
    mentor,
    network_input,
)

LIST = """
query($first: Int, $after: String, $filter: NetworkFilter) {
  networks(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } nodes { name }
  }
}"""


# --- creating -----------------------------------------------------------------------------


async def test_a_network_is_set_up_planned_and_announced(world: World) -> None:
    async with listening(world.service, "networks.network.*") as broker:
        data = await world.service.data(
            CREATE_NETWORK,
            {"input": network_input(name="  Gender equality ", countries=["se", "CO", "GT", "co"])},
        )
        network = data["createNetwork"]["network"]
        [event] = await broker.events(1)
    assert (network["name"], network["countries"]) == ("Gender equality", ["SE", "CO", "GT"])
    assert (network["status"], network["version"], network["closedOn"]) == ("PLANNED", 1, None)
    assert (network["startsOn"], network["endsOn"]) == ("2023-01-01", "2026-12-31")
    assert [(e["action"], e["toStatus"], e["actor"]) for e in network["auditTrail"]] == [
        ("created", "planned", "dev-officer")
    ]
    assert event.type == NETWORK_CREATED.type
    assert event.subject == network["id"]
    data = NETWORK_CREATED.parse(event)
    assert (data.theme, data.countries, data.status) == (
        "gender_equality",
        ["SE", "CO", "GT"],
        "planned",
    )


@pytest.mark.parametrize(
    ("starts_on", "ends_on"),
    [
        pytest.param("2023-01-01", "2025-12-31", id="three-years"),
        pytest.param("2023-01-01", "2027-12-31", id="five-years"),
        pytest.param("2024-02-29", "2028-02-28", id="four-years-from-a-leap-day"),
        pytest.param("2023-09-01", "2027-08-31", id="four-years-from-autumn"),
    ],
)
async def test_a_period_of_three_to_five_years_is_accepted(
    world: World, starts_on: str, ends_on: str
) -> None:
    network = await world.network(startsOn=starts_on, endsOn=ends_on, activate=False)
    assert (network["startsOn"], network["endsOn"]) == (starts_on, ends_on)


async def test_kosovo_is_a_country(world: World) -> None:
    network = await world.network(countries=["SE", "XK", "AL"], activate=False)
    assert network["countries"] == ["SE", "XK", "AL"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        pytest.param({"endsOn": "2025-12-30"}, "endsOn", id="a-day-short-of-three-years"),
        pytest.param({"endsOn": "2028-01-01"}, "endsOn", id="a-day-over-five-years"),
        pytest.param({"endsOn": "2024-12-31"}, "endsOn", id="two-years"),
        pytest.param({"endsOn": "2022-12-31"}, "endsOn", id="ends-before-it-starts"),
        pytest.param({"countries": []}, "countries", id="no-country"),
        pytest.param({"countries": ["SE", "ZZ"]}, "countries", id="not-iso-3166"),
        pytest.param({"countries": ["SE", "Colombia"]}, "countries", id="country-name"),
        pytest.param({"name": " "}, "name", id="empty-name"),
        pytest.param({"name": "$where"}, "name", id="operator-name"),
        pytest.param({"description": "x" * 2001}, "description", id="long-description"),
    ],
)
async def test_bad_networks_are_refused_and_change_nothing(
    world: World, overrides: dict[str, Any], field: str
) -> None:
    await world.assert_refused(
        CREATE_NETWORK, {"input": network_input(**overrides)}, "BAD_USER_INPUT", field
    )


@pytest.mark.parametrize("role", [Role.VIEWER, Role.COORDINATOR])
async def test_only_staff_set_up_networks(world: World, role: Role) -> None:
    await world.assert_refused(
        CREATE_NETWORK, {"input": network_input()}, "FORBIDDEN", role=role, org="org-se-0"
    )


async def test_reading_needs_a_token(world: World) -> None:
    body = await world.service.graphql(LIST, role=None)
    assert error_codes(body) == ["UNAUTHENTICATED"]


# --- status -------------------------------------------------------------------------------


async def test_planned_becomes_active_then_closed(world: World) -> None:
    network = await world.network(activate=False)
    async with listening(world.service, "networks.network.*") as broker:
        active = await world.change_status(network, "ACTIVE")
        closed = await world.change_status(active, "CLOSED")
        updated, closing = await broker.events(2)
    assert (active["status"], active["version"]) == ("ACTIVE", 2)
    assert (closed["status"], closed["version"]) == ("CLOSED", 3)
    assert closed["closedOn"] is not None
    assert [(e["fromStatus"], e["toStatus"]) for e in closed["auditTrail"]] == [
        (None, "planned"),
        ("planned", "active"),
        ("active", "closed"),
    ]
    assert (updated.type, closing.type) == (NETWORK_UPDATED.type, NETWORK_CLOSED.type)
    closed_on = NETWORK_CLOSED.parse(closing).closed_on
    assert closed_on is not None
    assert closed_on.isoformat() == closed["closedOn"]


@pytest.mark.parametrize(
    ("path", "to"),
    [
        pytest.param(["ACTIVE"], "PLANNED", id="active-to-planned"),
        pytest.param(["CLOSED"], "ACTIVE", id="closed-to-active"),
        pytest.param(["ACTIVE", "CLOSED"], "CLOSED", id="closed-twice"),
    ],
)
async def test_status_moves_only_forward(world: World, path: list[str], to: str) -> None:
    network = await world.network(activate=False)
    for status in path:
        network = await world.change_status(network, status)
    variables = {"input": {"id": network["id"], "version": network["version"], "status": to}}
    body = await world.assert_refused(CHANGE_NETWORK_STATUS, variables, "BAD_USER_INPUT", "status")
    extensions = body["errors"][0]["extensions"]
    assert (extensions["fromStatus"], extensions["toStatus"]) == (path[-1].lower(), to.lower())


async def test_a_stale_status_change_is_a_conflict(world: World) -> None:
    network = await world.network(activate=False)
    variables = {"input": {"id": network["id"], "version": 7, "status": "ACTIVE"}}
    await world.assert_refused(CHANGE_NETWORK_STATUS, variables, "CONFLICT", "version")


# --- changing -----------------------------------------------------------------------------


async def test_details_change_with_the_current_version(world: World) -> None:
    network = await world.network()
    changes = {"name": "Gender equality II", "countries": ["SE", "CO", "GT", "HN"]}
    variables = {"input": {"id": network["id"], "version": 2, **changes}}
    async with listening(world.service, "networks.network.updated") as broker:
        data = await world.service.data(UPDATE_NETWORK, variables)
        [event] = await broker.events(1)
    updated = data["updateNetwork"]["network"]
    assert (updated["name"], updated["countries"], updated["version"]) == (
        "Gender equality II",
        ["SE", "CO", "GT", "HN"],
        3,
    )
    assert NETWORK_UPDATED.parse(event).countries == ["SE", "CO", "GT", "HN"]
    stale = {"input": {"id": network["id"], "version": 2, "name": "Lost update"}}
    await world.assert_refused(UPDATE_NETWORK, stale, "CONFLICT", "version")


async def test_the_period_keeps_holding_every_membership(world: World) -> None:
    network = await world.network()
    partnership = await world.partnership()
    await world.join(network["id"], partnership.id, joined_on="2023-06-01")
    base = {"id": network["id"], "version": network["version"]}
    await world.assert_refused(
        UPDATE_NETWORK,
        {"input": {**base, "startsOn": "2023-07-01", "endsOn": "2027-06-30"}},
        "BAD_USER_INPUT",
        "startsOn",
    )
    await world.assert_refused(
        UPDATE_NETWORK,
        {"input": {**base, "endsOn": "2023-05-31"}},
        "BAD_USER_INPUT",
        "endsOn",
    )
    moved = await world.service.data(
        UPDATE_NETWORK, {"input": {**base, "startsOn": "2023-06-01", "endsOn": "2027-05-31"}}
    )
    assert moved["updateNetwork"]["network"]["startsOn"] == "2023-06-01"


async def test_a_country_stays_while_a_member_or_mentor_needs_it(world: World) -> None:
    network = await world.network()
    colombian = await world.partnership(countries=("SE", "CO"))
    await world.join(network["id"], colombian.id)
    base = {"id": network["id"], "version": network["version"]}
    await world.assert_refused(
        UPDATE_NETWORK,
        {"input": {**base, "countries": ["SE", "GT"]}},
        "BAD_USER_INPUT",
        "countries",
    )
    data = await world.service.data(
        SET_MENTORS,
        {"input": {"networkId": network["id"], "version": 2, "mentors": [mentor("GT")]}},
    )
    assert data["setNetworkMentors"]["network"]["version"] == 3
    await world.assert_refused(
        UPDATE_NETWORK,
        {"input": {**base, "version": 3, "countries": ["SE", "CO"]}},
        "BAD_USER_INPUT",
        "countries",
    )


async def test_a_closed_network_does_not_change(world: World) -> None:
    network = await world.change_status(await world.network(), "CLOSED")
    variables = {"input": {"id": network["id"], "version": network["version"], "name": "Again"}}
    await world.assert_refused(UPDATE_NETWORK, variables, "BAD_USER_INPUT", "id")


@pytest.mark.parametrize("role", [Role.VIEWER, Role.COORDINATOR])
async def test_only_staff_change_networks(world: World, role: Role) -> None:
    network = await world.network()
    variables = {"input": {"id": network["id"], "version": 2, "name": "Mine"}}
    await world.assert_refused(UPDATE_NETWORK, variables, "FORBIDDEN", role=role, org="org-se-0")
    closing = {"input": {"id": network["id"], "version": 2, "status": "CLOSED"}}
    await world.assert_refused(
        CHANGE_NETWORK_STATUS, closing, "FORBIDDEN", role=role, org="org-se-0"
    )


# --- mentors ------------------------------------------------------------------------------


async def test_mentors_personal_data_is_for_staff_only(world: World) -> None:
    network = await world.network()
    mentors = [mentor("SE"), mentor("CO", phone=None), mentor("GT")]
    variables = {"input": {"networkId": network["id"], "version": 2, "mentors": mentors}}
    data = await world.service.data(SET_MENTORS, variables)
    assert data["setNetworkMentors"]["network"]["mentors"][1] == {
        "country": "CO",
        "affiliation": "University of CO",
        "name": "Mentor CO",
        "email": "mentor.co@example.org",
        "phone": None,
    }
    partnership = await world.partnership()
    for auth in [{"role": Role.VIEWER}, as_coordinator(partnership)]:
        seen = await world.service.data(NETWORK, {"id": network["id"]}, **auth)
        assert seen["network"]["mentors"] == [
            {"country": c, "affiliation": f"University of {c}", "name": None, "email": None,
             "phone": None}
            for c in ["SE", "CO", "GT"]
        ]  # fmt: skip


@pytest.mark.parametrize(
    ("mentors", "field"),
    [
        pytest.param([mentor("SE"), mentor("KE")], "mentors.1.country", id="not-a-network-country"),
        pytest.param([mentor("QQ")], "mentors.0.country", id="not-iso-3166"),
        pytest.param([mentor("CO", email="nobody")], "mentors.0.email", id="bad-email"),
        pytest.param([mentor("CO", phone="call me")], "mentors.0.phone", id="bad-phone"),
        pytest.param([mentor("CO", name="")], "mentors.0.name", id="no-name"),
        pytest.param([mentor("CO", affiliation="$x")], "mentors.0.affiliation", id="operator"),
    ],
)
async def test_mentors_are_complete_and_national(
    world: World, mentors: list[dict[str, Any]], field: str
) -> None:
    network = await world.network()
    variables = {"input": {"networkId": network["id"], "version": 2, "mentors": mentors}}
    await world.assert_refused(SET_MENTORS, variables, "BAD_USER_INPUT", field)


async def test_only_staff_name_mentors(world: World) -> None:
    network = await world.network()
    variables = {"input": {"networkId": network["id"], "version": 2, "mentors": [mentor("CO")]}}
    await world.assert_refused(SET_MENTORS, variables, "FORBIDDEN", role=Role.COORDINATOR)


# --- lists and federation -----------------------------------------------------------------


async def test_networks_filter_by_theme_country_and_status(world: World) -> None:
    await world.network(name="Gender equality CO GT")
    await world.network(name="Climate Action", theme="CLIMATE_ACTION", countries=["SE", "KE"])
    await world.network(name="Democratic resilience", theme="DEMOCRATIC_RESILIENCE", activate=False)

    async def names(**filter: Any) -> list[str]:
        data = await world.service.data(LIST, {"filter": filter}, role=Role.VIEWER)
        return [n["name"] for n in data["networks"]["nodes"]]

    assert await names() == ["Climate Action", "Democratic resilience", "Gender equality CO GT"]
    assert await names(theme="CLIMATE_ACTION") == ["Climate Action"]
    assert await names(country="gt") == ["Democratic resilience", "Gender equality CO GT"]
    assert await names(status="PLANNED") == ["Democratic resilience"]
    assert await names(country="CO", status="ACTIVE") == ["Gender equality CO GT"]
    assert await names(search="climate") == ["Climate Action"]
    page = await world.service.data(LIST, {"first": 2})
    assert page["networks"]["totalCount"] == 3
    assert page["networks"]["pageInfo"]["hasNextPage"] is True
    rest = await world.service.data(
        LIST, {"first": 2, "after": page["networks"]["pageInfo"]["endCursor"]}
    )
    assert [n["name"] for n in rest["networks"]["nodes"]] == ["Gender equality CO GT"]


@pytest.mark.parametrize(
    ("filter", "field"),
    [({"country": "Sweden"}, "filter.country"), ({"search": "$regex"}, "filter.search")],
)
async def test_bad_network_filters_are_bad_input(
    world: World, filter: dict[str, str], field: str
) -> None:
    body = await world.service.graphql(LIST, {"filter": filter})
    assert error_codes(body) == ["BAD_USER_INPUT"]
    assert body["errors"][0]["extensions"]["field"] == field


async def test_network_entities_are_resolved_in_one_query(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [(await world.network(name=f"N{i}", activate=False))["id"] for i in range(3)]
    store = world.service.runtime.repos.networks
    batches: list[list[str]] = []
    real_get_many = store.get_many

    async def counting_get_many(keys: list[str]) -> Any:
        batches.append(list(keys))
        return await real_get_many(keys)

    monkeypatch.setattr(store, "get_many", counting_get_many)
    reps = [{"__typename": "Network", "id": i} for i in [*ids, "missing"]]
    query = "query($r: [_Any!]!) { _entities(representations: $r) { ... on Network { name } } }"
    data = await world.service.data(query, {"r": reps}, role=Role.VIEWER)
    assert [e and e["name"] for e in data["_entities"]] == ["N0", "N1", "N2", None]
    assert len(batches) == 1
    sdl = (await world.service.data("{ _service { sdl } }"))["_service"]["sdl"]
    assert 'type Network @key(fields: "id")' in sdl
    assert 'type Partnership @key(fields: "id")' in sdl
