"""Organisations through the partnerships subgraph: rules, errors, authorization."""

from __future__ import annotations

from typing import Any

import pytest

from services.common.auth import Role

from ..support.services import RunningService, error_codes
from ..support.writes import snapshot

CREATE = """
mutation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { organisation { id name kind country isSwedish version } }
}"""
UPDATE = """
mutation($input: UpdateOrganisationInput!) {
  updateOrganisation(input: $input) { organisation { id name country version } }
}"""
LIST = """
query($first: Int, $after: String, $filter: OrganisationFilter) {
  organisations(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } nodes { name country }
  }
}"""


async def create(
    service: RunningService, name: str, country: str, kind: str = "MUNICIPALITY"
) -> Any:
    data = await service.data(CREATE, {"input": {"name": name, "kind": kind, "country": country}})
    return data["createOrganisation"]["organisation"]


async def test_create_normalises_and_queues_one_event(partnerships: RunningService) -> None:
    org = await create(partnerships, "  Region Gotland ", "se", "REGION")
    assert org["name"] == "Region Gotland"
    assert (org["country"], org["isSwedish"], org["version"], org["kind"]) == (
        "SE",
        True,
        1,
        "REGION",
    )
    stored = (await snapshot(partnerships))["organisations"]  # waits for the relay
    assert [(d["_id"], d["_outbox"], d["_pending"]) for d in stored] == [(org["id"], [], False)]


async def test_kosovo_is_accepted(partnerships: RunningService) -> None:
    assert (await create(partnerships, "Pristina", "XK"))["country"] == "XK"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"country": "QQ"}, "country"),
        ({"country": "SWE"}, "country"),
        ({"name": "   "}, "name"),
        ({"name": "$where"}, "name"),
        ({"name": "x" * 201}, "name"),
    ],
)
async def test_bad_input_is_refused_and_changes_nothing(
    partnerships: RunningService, overrides: dict[str, str], field: str
) -> None:
    before = await snapshot(partnerships)
    body = await partnerships.graphql(
        CREATE,
        {"input": {"name": "Kibaha", "kind": "LOCAL_GOVERNMENT", "country": "TZ", **overrides}},
    )
    assert error_codes(body) == ["BAD_USER_INPUT"]
    assert body["errors"][0]["extensions"]["field"] == field
    assert await snapshot(partnerships) == before


async def test_stale_version_is_a_conflict_and_changes_nothing(
    partnerships: RunningService,
) -> None:
    org = await create(partnerships, "Machakos", "KE", "LOCAL_GOVERNMENT")
    await partnerships.data(
        UPDATE, {"input": {"id": org["id"], "version": 1, "name": "Machakos County"}}
    )
    before = await snapshot(partnerships)
    body = await partnerships.graphql(
        UPDATE, {"input": {"id": org["id"], "version": 1, "name": "Old"}}
    )
    assert error_codes(body) == ["CONFLICT"]
    assert body["errors"][0]["extensions"]["field"] == "version"
    assert await snapshot(partnerships) == before


async def test_unknown_id_is_not_found(partnerships: RunningService) -> None:
    body = await partnerships.graphql(UPDATE, {"input": {"id": "nope", "version": 1, "name": "X"}})
    assert error_codes(body) == ["NOT_FOUND"]


@pytest.mark.parametrize("role", [Role.VIEWER, Role.COORDINATOR])
async def test_only_staff_register_organisations(partnerships: RunningService, role: Role) -> None:
    before = await snapshot(partnerships)
    body = await partnerships.graphql(
        CREATE,
        {"input": {"name": "Kibaha", "kind": "LOCAL_GOVERNMENT", "country": "TZ"}},
        role=role,
    )
    assert error_codes(body) == ["FORBIDDEN"]
    assert await snapshot(partnerships) == before


async def test_coordinator_edits_only_their_own_organisation(partnerships: RunningService) -> None:
    own = await create(partnerships, "Robertsfors", "SE")
    other = await create(partnerships, "Jönköping", "SE")
    mine = {"role": Role.COORDINATOR, "org": own["id"]}
    renamed = await partnerships.data(
        UPDATE, {"input": {"id": own["id"], "version": 1, "name": "Robertsfors kommun"}}, **mine
    )
    assert renamed["updateOrganisation"]["organisation"]["version"] == 2
    body = await partnerships.graphql(
        UPDATE, {"input": {"id": other["id"], "version": 1, "name": "Taken"}}, **mine
    )
    assert error_codes(body) == ["FORBIDDEN"]


async def test_reading_needs_a_valid_token(partnerships: RunningService) -> None:
    assert error_codes(await partnerships.graphql(LIST, role=None)) == ["UNAUTHENTICATED"]
    forged = partnerships.token(Role.ADMIN)[:-4] + "AAAA"
    assert error_codes(await partnerships.graphql(LIST, token=forged)) == ["UNAUTHENTICATED"]


async def test_list_filters_searches_and_pages(partnerships: RunningService) -> None:
    for name, country in [
        ("Jönköping", "SE"),
        ("Stellenbosch", "ZA"),
        ("Robertsfors", "SE"),
        ("Kibaha", "TZ"),
    ]:
        await create(partnerships, name, country)
    swedish = await partnerships.data(LIST, {"filter": {"isSwedish": True}})
    assert [n["name"] for n in swedish["organisations"]["nodes"]] == ["Jönköping", "Robertsfors"]
    search = await partnerships.data(LIST, {"filter": {"search": "BOSCH"}})
    assert [n["name"] for n in search["organisations"]["nodes"]] == ["Stellenbosch"]
    regex = await partnerships.data(LIST, {"filter": {"search": ".*"}})
    assert regex["organisations"]["totalCount"] == 0  # searched literally, never as a pattern

    first = (await partnerships.data(LIST, {"first": 3}))["organisations"]
    assert first["totalCount"] == 4
    assert first["pageInfo"]["hasNextPage"]
    rest = await partnerships.data(LIST, {"first": 3, "after": first["pageInfo"]["endCursor"]})
    names = [n["name"] for n in first["nodes"] + rest["organisations"]["nodes"]]
    assert names == ["Jönköping", "Kibaha", "Robertsfors", "Stellenbosch"]
    assert not rest["organisations"]["pageInfo"]["hasNextPage"]

    body = await partnerships.graphql(LIST, {"after": "garbage!"})
    assert error_codes(body) == ["BAD_USER_INPUT"]


async def test_entities_are_resolved_in_one_query_per_type(
    partnerships: RunningService, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [(await create(partnerships, f"Org {i}", "SE"))["id"] for i in range(5)]
    store = partnerships.runtime.repos.organisations
    batches: list[list[str]] = []
    real_get_many = store.get_many

    async def counting_get_many(keys: list[str]) -> Any:
        batches.append(list(keys))
        return await real_get_many(keys)

    monkeypatch.setattr(store, "get_many", counting_get_many)
    reps = [{"__typename": "Organisation", "id": i} for i in [*ids, "missing", ids[0]]]
    query = (
        "query($r: [_Any!]!) { _entities(representations: $r) { ... on Organisation { name } } }"
    )
    data = await partnerships.data(query, {"r": reps})
    assert [e and e["name"] for e in data["_entities"]] == [
        *(f"Org {i}" for i in range(5)),
        None,
        "Org 0",
    ]
    assert len(batches) == 1
    assert sorted(batches[0]) == sorted([*ids, "missing"])


async def test_sdl_shows_every_entity_with_its_key(partnerships: RunningService) -> None:
    sdl = (await partnerships.data("{ _service { sdl } }"))["_service"]["sdl"]
    keyed = sorted(line.split()[1] for line in sdl.splitlines() if '@key(fields: "id")' in line)
    assert keyed == ["Application", "Call", "Organisation", "Partnership", "Person", "Visit"]
    entities = await partnerships.data('{ __type(name: "_Entity") { possibleTypes { name } } }')
    possible = sorted(t["name"] for t in entities["__type"]["possibleTypes"])
    assert possible == keyed
