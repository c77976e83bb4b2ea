"""Workshop costs booked once against their funder; networks' funding fed by network events;
`Network.funding` and `Workshop.costs` resolved in one query per type."""

from __future__ import annotations

from typing import Any

from services.common.auth import Role
from services.contracts.networks import NETWORK_CREATED, NETWORK_UPDATED
from services.contracts.training import WORKSHOP_COMPLETED

from ..support.writes import snapshot
from .builders import World, consumed
from .queries import QUERY_LOG

COSTS = "lines { category amount { amount currency } } totals { amount currency }"
ENTITIES = f"""
query($r: [_Any!]!) {{
  _entities(representations: $r) {{
    ... on Network {{
      id
      funding {{
        id kind name theme countries status totals {{ amount currency }} totalSek {{ amount }}
        workshops {{ workshopId }}
      }}
    }}
    ... on Workshop {{
      id costs {{ workshopId fundingKind fundingId participants country {COSTS} }}
    }}
  }}
}}"""
TRAINING_FUNDING = """
query($kind: TrainingFundingKind!, $ref: ID!) {
  trainingFunding(kind: $kind, refId: $ref) {
    id kind refId workshops { workshopId cohortId } totals { amount currency }
  }
}"""


async def entities(world: World, *representations: dict[str, str]) -> list[Any]:
    data = await world.data(ENTITIES, {"r": list(representations)}, role=Role.VIEWER)
    found: list[Any] = data["_entities"]
    return found


async def test_a_completed_workshop_books_its_costs_once_on_its_network(world: World) -> None:
    network = "net-gender"
    await world.publish(world.network(network))
    workshop = world.workshop(
        network_id=network,
        costs=(
            ("venue", 2_500_050, "SEK"),
            ("interpretation", 1_200_000, "SEK"),
            ("local_travel", 450_000_000, "COP"),
        ),
    )
    before = consumed(WORKSHOP_COMPLETED.type)
    await world.publish(workshop)
    await world.publish(workshop)  # redelivered
    await world.publish(workshop.model_copy(update={"id": "another-event"}))
    await world.handled(WORKSHOP_COMPLETED.type, before, 3)
    stored = await snapshot(world.service)
    [funding] = stored["fundings"]
    assert (funding["_id"], funding["workshop_ids"]) == (f"network:{network}", [workshop.subject])
    [net, costs] = await entities(
        world,
        {"__typename": "Network", "id": network},
        {"__typename": "Workshop", "id": workshop.subject},
    )
    assert net["funding"]["name"] == "Gender network"
    assert net["funding"]["totals"] == [
        {"amount": "37000.50", "currency": "SEK"},
        {"amount": "4500000.00", "currency": "COP"},
    ]
    assert net["funding"]["totalSek"] == {"amount": "37000.50"}
    assert costs["costs"]["fundingKind"] == "NETWORK"
    assert costs["costs"]["lines"][2] == {
        "category": "LOCAL_TRAVEL",
        "amount": {"amount": "4500000.00", "currency": "COP"},
    }


async def test_network_events_keep_the_funding_details_newest_first(world: World) -> None:
    network = "net-climate"
    before = consumed(NETWORK_UPDATED.type)
    created = consumed(NETWORK_CREATED.type)
    newer = world.network(network, version=2, name="Climate action network")
    await world.publish(NETWORK_UPDATED.new(network, NETWORK_UPDATED.parse(newer)))
    await world.handled(NETWORK_UPDATED.type, before)
    await world.publish(world.network(network, version=1, name="Old name"))  # late
    await world.handled(NETWORK_CREATED.type, created)
    [net] = await entities(world, {"__typename": "Network", "id": network})
    assert (net["funding"]["name"], net["funding"]["totals"]) == ("Climate action network", [])
    [unknown] = await entities(world, {"__typename": "Network", "id": "never-heard-of"})
    assert (unknown["funding"]["name"], unknown["funding"]["workshops"]) == ("", [])


async def test_workshops_outside_networks_book_on_their_programme_or_cohort(world: World) -> None:
    phase = world.workshop(programme_id="itp-women", cohort_id="cohort-11")
    cohort_only = world.workshop(cohort_id="cohort-12")
    tailored = world.workshop()
    before = consumed(WORKSHOP_COMPLETED.type)
    for event in (phase, cohort_only, tailored):
        await world.publish(event)
    await world.handled(WORKSHOP_COMPLETED.type, before, 3)
    for kind, ref, workshop in (
        ("PROGRAMME", "itp-women", phase),
        ("COHORT", "cohort-12", cohort_only),
        ("TRAINING", "general", tailored),
    ):
        data = await world.data(TRAINING_FUNDING, {"kind": kind, "ref": ref})
        funding = data["trainingFunding"]
        assert [w["workshopId"] for w in funding["workshops"]] == [workshop.subject]
        assert funding["totals"] == [{"amount": "25000.00", "currency": "SEK"}]
    assert (await world.data(TRAINING_FUNDING, {"kind": "PROGRAMME", "ref": "itp-women"}))[
        "trainingFunding"
    ]["workshops"][0]["cohortId"] == "cohort-11"


async def test_networks_and_workshops_resolve_in_one_query_per_type(world: World) -> None:
    workshops = [world.workshop(network_id=f"net-{i}") for i in range(3)]
    before = consumed(WORKSHOP_COMPLETED.type)
    for event in workshops:
        await world.publish(event)
    await world.handled(WORKSHOP_COMPLETED.type, before, 3)
    await snapshot(world.service)
    representations = [
        *({"__typename": "Workshop", "id": w.subject} for w in workshops),
        {"__typename": "Workshop", "id": "not-completed"},
        *({"__typename": "Network", "id": f"net-{i}"} for i in range(4)),
    ]
    with QUERY_LOG.recording(world.service.runtime.db.name) as reads:
        found = await entities(world, *representations)
    assert [e["costs"] and e["costs"]["fundingId"] for e in found[:4]] == [
        "network:net-0",
        "network:net-1",
        "network:net-2",
        None,
    ]
    assert [len(e["funding"]["workshops"]) for e in found[4:]] == [1, 1, 1, 0]
    assert sorted(collection for _, collection in reads) == ["fundings", "fundings"]
