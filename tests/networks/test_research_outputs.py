"""Research outputs from training's events: projected (newer versions only), shown on the
networks they relate to, and cited by practices (known outputs only)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from services.common.auth import Role
from services.common.events.envelope import Event
from services.contracts.training import RESEARCH_OUTPUT_PUBLISHED, ResearchOutputV1

from ..support.waiting import eventually
from .builders import World, as_coordinator, consumed

OUTPUT_FIELDS = """
  id kind title publishedOn url applicationId partnershipIds networkIds themes sourceVersion
  output { id }
"""
NETWORK_OUTPUTS = f"""
query($id: ID!) {{ network(id: $id) {{ id researchOutputs {{ {OUTPUT_FIELDS} }} }} }}"""
CITE = """
mutation($input: CiteResearchOutputsInput!) {
  citeResearchOutputs(input: $input) {
    practice { id version citedOutputIds citedOutputs { id title } auditTrail { action note } }
  }
}"""
PRACTICE = "query($id: ID!) { practice(id: $id) { id version citedOutputIds } }"


def output(
    network_ids: list[str],
    *,
    output_id: str | None = None,
    version: int = 1,
    title: str = "Gender budgeting in Guatemalan municipalities",
    published_on: date = date(2025, 4, 1),
) -> Event:
    data = ResearchOutputV1(
        id=output_id or f"out-{uuid.uuid4().hex[:8]}",
        version=version,
        application_id="ra-1",
        kind="policy_brief",
        title=title,
        published_on=published_on,
        url="https://icld.se/research/brief-1",
        partnership_ids=["p-kibaha"],
        network_ids=network_ids,
        themes=["gender_equality"],
    )
    return RESEARCH_OUTPUT_PUBLISHED.new(data.id, data)


async def outputs_of(world: World, network_id: str) -> list[dict[str, Any]]:
    data = await world.service.data(NETWORK_OUTPUTS, {"id": network_id})
    found: list[dict[str, Any]] = data["network"]["researchOutputs"]
    return found


async def published(world: World, *events: Event) -> None:
    before = consumed(RESEARCH_OUTPUT_PUBLISHED.type)
    for event in events:
        await world.publish(event)

    async def handled() -> bool:
        return consumed(RESEARCH_OUTPUT_PUBLISHED.type) >= before + len(events)

    await eventually(handled, what=f"{len(events)} research output event(s) handled")


async def test_a_network_shows_the_outputs_related_to_it_newest_first(world: World) -> None:
    network = await world.network()
    other = await world.network(name="Climate network")
    older = output([network["id"]], title="Older", published_on=date(2024, 11, 5))
    newer = output([network["id"], other["id"]], title="Newer")
    elsewhere = output([other["id"]], title="Elsewhere", published_on=date(2025, 1, 10))
    await published(world, older, newer, elsewhere)

    shown = await outputs_of(world, network["id"])
    assert [o["title"] for o in shown] == ["Newer", "Older"]
    assert shown[0] == {
        "id": newer.subject,
        "kind": "policy_brief",
        "title": "Newer",
        "publishedOn": "2025-04-01",
        "url": "https://icld.se/research/brief-1",
        "applicationId": "ra-1",
        "partnershipIds": ["p-kibaha"],
        "networkIds": [network["id"], other["id"]],
        "themes": ["gender_equality"],
        "sourceVersion": 1,
        "output": {"id": newer.subject},
    }
    assert [o["title"] for o in await outputs_of(world, other["id"])] == ["Newer", "Elsewhere"]


async def test_the_projection_takes_only_newer_versions(world: World) -> None:
    network = await world.network()
    other = await world.network(name="Climate network")
    output_id = f"out-{uuid.uuid4().hex[:8]}"
    first = output([network["id"]], output_id=output_id, version=1, title="Draft title")
    second = output([other["id"]], output_id=output_id, version=2, title="Final title")
    await published(world, second, first, second)  # late and repeated: change nothing

    assert await outputs_of(world, network["id"]) == []
    (shown,) = await outputs_of(world, other["id"])
    assert (shown["title"], shown["sourceVersion"]) == ("Final title", 2)


async def test_a_practice_cites_known_outputs_only(world: World) -> None:
    network = await world.network()
    partnership = await world.partnership()
    await world.join(network["id"], partnership.id)
    practice = await world.practice(network["id"], partnership)
    known = output([network["id"]], title="Known brief")
    await published(world, known)

    unknown = {
        "input": {
            "practiceId": practice["id"],
            "version": practice["version"],
            "outputIds": [known.subject, "out-nowhere"],
        }
    }
    body = await world.assert_refused(
        CITE, unknown, "BAD_USER_INPUT", "outputIds.1", **as_coordinator(partnership)
    )
    assert "out-nowhere" in body["errors"][0]["message"]

    cite = {"input": {**unknown["input"], "outputIds": [known.subject, known.subject]}}
    stranger = {"role": Role.COORDINATOR, "org": "org-elsewhere"}
    await world.assert_refused(CITE, cite, "FORBIDDEN", **stranger)
    data = await world.service.data(CITE, cite, **as_coordinator(partnership))
    cited = data["citeResearchOutputs"]["practice"]
    assert cited["citedOutputIds"] == [known.subject]
    assert cited["citedOutputs"] == [{"id": known.subject, "title": "Known brief"}]
    assert cited["version"] == practice["version"] + 1
    assert cited["auditTrail"][-1] == {"action": "cited research", "note": known.subject}

    await world.assert_refused(CITE, cite, "CONFLICT", "version", **as_coordinator(partnership))
    stored = (await world.service.data(PRACTICE, {"id": practice["id"]}))["practice"]
    assert stored["citedOutputIds"] == [known.subject]
