"""Research calls against the real service: only staff open them, the caps are versioned
configuration (a new version from today or later; a submitted application keeps the cap of
its submission day), and an extension only moves the closing day later."""

from __future__ import annotations

from datetime import date

import pytest

from services.common.auth import Principal, Role
from services.common.clock import clock
from services.common.errors import BadUserInput, Forbidden
from services.training.commands.research_calls import (
    extend_research_call,
    publish_research_caps,
)
from services.training.domain.research_call import KindCap, ResearchKind

from .builders import TODAY, World
from .research import OFFICER, call, organisation, repos_of, researcher, sek, submitted


async def test_only_staff_open_extend_and_version_a_call(world: World) -> None:
    repos = repos_of(world)
    opened = await call(repos)
    coordinator = Principal(sub="c-1", roles=frozenset({Role.COORDINATOR}), org="org-1")
    with pytest.raises(Forbidden):
        await extend_research_call(repos, coordinator, opened.id, 1, date(2030, 4, 30))
    with pytest.raises(BadUserInput) as earlier:
        await extend_research_call(repos, OFFICER, opened.id, 1, date(2030, 3, 1))
    assert earlier.value.field == "closesOn"

    extended = await extend_research_call(repos, OFFICER, opened.id, 1, date(2030, 4, 30))
    assert (extended.closes_on, extended.version) == (date(2030, 4, 30), 2)
    assert [e.action for e in extended.audit] == ["opened", "extended"]

    cap = [KindCap(kind=ResearchKind.PROJECT, max_amount=sek("500000"))]
    with pytest.raises(BadUserInput) as retroactive:
        await publish_research_caps(repos, OFFICER, opened.id, 2, date(2030, 1, 9), cap)
    assert retroactive.value.field == "validFrom"
    versioned = await publish_research_caps(repos, OFFICER, opened.id, 2, date(2030, 2, 1), cap)
    assert versioned.caps_on(TODAY).cap(ResearchKind.PROJECT) == sek("800000")
    assert versioned.caps_on(date(2030, 2, 1)).cap(ResearchKind.PROJECT) == sek("500000")
    # The new version offers no fieldwork grants.
    assert versioned.caps_on(date(2030, 2, 1)).cap(ResearchKind.FIELDWORK) is None


async def test_a_submitted_application_keeps_the_cap_of_its_submission_day(world: World) -> None:
    repos = repos_of(world)
    opened = await call(repos)
    university = await organisation(world)
    pi = await world.person(university)
    before = await submitted(world, repos, opened, pi, amount="700000")
    assert before.max_amount == sek("800000")

    cap = [KindCap(kind=ResearchKind.PROJECT, max_amount=sek("500000"))]
    await publish_research_caps(repos, OFFICER, opened.id, 1, date(2030, 2, 1), cap)
    clock.pin(date(2030, 2, 1))
    with pytest.raises(BadUserInput) as above:
        await submitted(world, repos, opened, pi, amount="700000")
    assert above.value.field == "budget"
    assert (await repos.research_applications.require(before.id)).max_amount == sek("800000")
    with pytest.raises(BadUserInput) as withdrawn_kind:
        await submitted(world, repos, opened, pi, kind=ResearchKind.FIELDWORK, amount="50000")
    assert withdrawn_kind.value.field == "kind"
    assert researcher(pi).org == university


CALLS = """query($after: String) { researchCalls(first: 2, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } nodes { id opensOn } } }"""


async def test_calls_are_listed_newest_first_page_by_page(world: World) -> None:
    repos = repos_of(world)
    opened = [
        await call(repos, opens_on=date(year, 1, 1), closes_on=date(year, 3, 31))
        for year in (2028, 2030, 2029)
    ]
    twin = await call(repos, opens_on=date(2029, 1, 1), closes_on=date(2029, 2, 28))

    listed: list[dict[str, str]] = []
    after = None
    while True:
        page = (await world.service.data(CALLS, {"after": after}, role=Role.RESEARCHER))[
            "researchCalls"
        ]
        assert page["totalCount"] == 4
        listed += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]

    same_day = sorted([opened[2].id, twin.id])
    assert listed == [
        {"id": opened[1].id, "opensOn": "2030-01-01"},
        *({"id": i, "opensOn": "2029-01-01"} for i in same_day),
        {"id": opened[0].id, "opensOn": "2028-01-01"},
    ]
