"""Federation: the Workshop entity, and Network, Partnership, Organisation and Person extended
with their training, each resolved in one query per collection whatever the number of
representations."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from services.common.auth import Role
from services.training.repositories import Repositories

from .builders import World

WORKSHOPS = """
query($r: [_Any!]!) { _entities(representations: $r) { ... on Workshop { title } } }"""
EXTENDED = """
query($r: [_Any!]!) {
  _entities(representations: $r) {
    ... on Person { id registrations { status workshop { title } cohort { number } } }
    ... on Organisation { id participants { personId } }
    ... on Partnership { id participants(status: [ENROLLED]) { personId } workshops { title } }
    ... on Network { id workshops { title cohort { number } } }
  }
}"""


@pytest.fixture
def queries(monkeypatch: pytest.MonkeyPatch, world: World) -> Counter[str]:
    """Counts the multi-document reads (each is one query per collection)."""
    counted: Counter[str] = Counter()
    repos = world.service.runtime.repos
    for name in ("registrations_by", "workshops_by", "cohorts_of_programmes"):
        real = getattr(Repositories, name)

        def counting(real: Any = real, name: str = name) -> Any:
            async def wrapper(self: Repositories, *args: Any) -> Any:
                counted[f"{name}:{args[0] if name != 'cohorts_of_programmes' else ''}"] += 1
                return await real(self, *args)

            return wrapper

        monkeypatch.setattr(Repositories, name, counting())
    for store in ("workshops", "cohorts", "programmes"):
        real_get_many = getattr(repos, store).get_many

        def counting_get_many(real: Any = real_get_many, store: str = store) -> Any:
            async def wrapper(keys: list[str]) -> Any:
                counted[f"{store}.get_many"] += 1
                return await real(keys)

            return wrapper

        monkeypatch.setattr(getattr(repos, store), "get_many", counting_get_many())
    return counted


async def test_workshops_are_entities_resolved_in_one_query(
    world: World, queries: Counter[str]
) -> None:
    ids = [(await world.workshop(title=f"W{i}"))["id"] for i in range(3)]
    reps = [{"__typename": "Workshop", "id": i} for i in [*ids, "missing"]]
    data = await world.service.data(WORKSHOPS, {"r": reps}, role=Role.VIEWER)
    assert [e and e["title"] for e in data["_entities"]] == ["W0", "W1", "W2", None]
    assert queries == {"workshops.get_many": 1}
    sdl = (await world.service.data("{ _service { sdl } }"))["_service"]["sdl"]
    for entity in ("Workshop", "Network", "Partnership", "Organisation", "Person"):
        assert f'type {entity} @key(fields: "id")' in sdl


async def test_extended_entities_are_batched_and_show_only_what_the_caller_may_see(
    world: World, queries: Counter[str]
) -> None:
    network_id = await world.network()
    org = "org-kibaha"
    partnership = await world.partnership("org-gotland", org)
    ours = [await world.person(org) for _ in range(2)]
    theirs = await world.person("org-gotland")
    joint = await world.workshop(kind="NETWORK_WORKSHOP", networkId=network_id, title="Joint")
    tailored = await world.workshop(title="Tailored", startsOn="2030-06-01", endsOn="2030-06-02")
    cohort = await world.cohort(capacity=5)
    phase = await world.phase(cohort, startsOn="2030-04-01", endsOn="2030-04-05")
    await world.enrolled(ours[0], joint, partnership=partnership)
    await world.register(ours[1], workshop=joint, partnership=partnership)
    await world.enrolled(theirs, tailored, partnership=partnership)
    await world.register(ours[0], cohort=cohort)
    queries.clear()

    reps = [
        *({"__typename": "Person", "id": p.id} for p in [*ours, theirs]),
        {"__typename": "Organisation", "id": org},
        {"__typename": "Organisation", "id": "org-gotland"},
        {"__typename": "Partnership", "id": partnership.id},
        {"__typename": "Network", "id": network_id},
        {"__typename": "Network", "id": "no-network"},
    ]
    data = await world.service.data(EXTENDED, {"r": reps})
    people, organisations, (partnership_entity,), networks = (
        data["_entities"][:3],
        data["_entities"][3:5],
        data["_entities"][5:6],
        data["_entities"][6:],
    )
    assert [
        [
            (r["status"], (r["workshop"] or {}).get("title"), (r["cohort"] or {}).get("number"))
            for r in p["registrations"]
        ]
        for p in people
    ] == [
        [("ENROLLED", "Joint", None), ("APPLIED", None, 1)],
        [("APPLIED", "Joint", None)],
        [("ENROLLED", "Tailored", None)],
    ]
    assert [sorted(p["personId"] for p in o["participants"]) for o in organisations] == [
        sorted([ours[0].id, ours[0].id, ours[1].id]),
        [theirs.id],
    ]
    assert sorted(p["personId"] for p in partnership_entity["participants"]) == sorted(
        [ours[0].id, theirs.id]
    )
    assert [w["title"] for w in partnership_entity["workshops"]] == ["Joint", "Tailored"]
    assert networks == [
        {"id": network_id, "workshops": [{"title": "Joint", "cohort": None}]},
        {"id": "no-network", "workshops": []},
    ]
    # One query per collection and kind of list, whatever the number of entities.
    assert queries == {
        "registrations_by:person_ids": 1,
        "registrations_by:organisation_ids": 1,
        "registrations_by:partnership_ids": 1,
        "workshops_by:partnership_ids": 1,
        "workshops_by:network_id": 1,
    }

    # A coordinator sees their own organisation's participants only; a viewer none.
    as_ours = await world.service.data(EXTENDED, {"r": reps}, role=Role.COORDINATOR, org=org)
    seen = [e.get("registrations", e.get("participants")) for e in as_ours["_entities"][:5]]
    assert [len(s) for s in seen] == [2, 1, 0, 3, 0]
    as_viewer = await world.service.data(EXTENDED, {"r": reps}, role=Role.VIEWER)
    assert all(
        not e.get("registrations") and not e.get("participants") for e in as_viewer["_entities"]
    )
    assert [w["title"] for w in as_viewer["_entities"][5]["workshops"]] == ["Joint", "Tailored"]
    assert phase["cohortId"] == cohort["id"]


async def test_nested_lists_are_batched_across_parents(world: World, queries: Counter[str]) -> None:
    programmes = [await world.programme(title=f"P{i}") for i in range(3)]
    for programme in programmes:
        cohort = await world.cohort(programme["id"])
        await world.phase(cohort)
    queries.clear()
    query = """{ programmes { nodes { title cohorts { number phases { title cohort { number } }
      programme { title } } } } }"""
    data = await world.service.data(query)
    assert [
        p["cohorts"][0]["phases"][0]["cohort"]["number"] for p in data["programmes"]["nodes"]
    ] == [1, 1, 1]
    assert queries == {
        "cohorts_of_programmes:": 1,
        "workshops_by:cohort_id": 1,
        "cohorts.get_many": 1,
        "programmes.get_many": 1,
    }
