"""Final reports and research outputs against the real service: officers accept the report
of approved research (RESEARCH_APPLICATION_REPORTED); the applicants record its outputs,
linked to partnerships, networks and themes (RESEARCH_OUTPUT_PUBLISHED)."""

from __future__ import annotations

from datetime import date

import pytest

from services.common.errors import BadUserInput, Forbidden
from services.common.vocabulary import Theme
from services.contracts.training import ResearchApplicationReportedV1, ResearchOutputV1
from services.training.commands.research_applications import (
    accept_research_report,
    release_research_feedback,
)
from services.training.commands.research_outputs import publish_research_output
from services.training.commands.research_reviews import decide_call, rank_call
from services.training.domain.research_application import ResearchStatus
from services.training.domain.research_output import OutputKind

from ..support.broker import listening
from .builders import World
from .research import OFFICER, call, in_review, organisation, repos_of, researcher


async def test_reports_and_outputs_of_approved_research_are_announced(world: World) -> None:
    repos = repos_of(world)
    opened = await call(repos)
    r1 = await world.person(await organisation(world))
    r2 = await world.person(await organisation(world))
    pi = await world.person(await organisation(world))
    reviewed = await in_review(
        world,
        repos,
        opened,
        pi,
        [(r1, (4, 4, 4, 4)), (r2, (5, 4, 4, 4))],
        partnership_ids=["partnership-kibaha-gotland"],
        network_ids=["network-gender"],
    )

    def output(**overrides: object) -> dict[str, object]:
        return {
            "application_id": reviewed.id,
            "kind": OutputKind.POLICY_BRIEF,
            "title": "Who is heard in participatory budgeting",
            "published_on": date(2030, 1, 5),
            "url": "https://icld.se/research/brief-1",
            "partnership_ids": [],
            "network_ids": [],
            "themes": [],
            **overrides,
        }

    with pytest.raises(BadUserInput) as unfunded:
        await publish_research_output(repos, researcher(pi), **output())  # type: ignore[arg-type]
    assert unfunded.value.field == "applicationId"
    with pytest.raises(BadUserInput):
        await accept_research_report(repos, OFFICER, reviewed.id, reviewed.version)

    await rank_call(repos, OFFICER, opened.id)
    [approved] = await decide_call(repos, OFFICER, opened.id, waitlist_size=0)
    assert approved.status is ResearchStatus.APPROVED
    released = await release_research_feedback(
        repos, OFFICER, approved.id, approved.version, "Strong relevance to local democracy."
    )
    assert released.feedback == "Strong relevance to local democracy."

    with pytest.raises(Forbidden):
        await publish_research_output(repos, researcher(r1), **output())  # type: ignore[arg-type]
    async with listening(
        world.service,
        "training.research_output.published",
        "training.research_application.reported",
    ) as broker:
        published = await publish_research_output(repos, researcher(pi), **output())  # type: ignore[arg-type]
        linked = await publish_research_output(
            repos,
            researcher(pi),
            **output(  # type: ignore[arg-type]
                kind=OutputKind.PUBLICATION,
                url=None,
                partnership_ids=["partnership-machakos-robertsfors"],
                themes=[Theme.GENDER_EQUALITY],
            ),
        )
        with pytest.raises(Forbidden):
            await accept_research_report(repos, researcher(pi), released.id, released.version)
        reported = await accept_research_report(repos, OFFICER, released.id, released.version)
        events = await broker.events(3)
    assert reported.status is ResearchStatus.REPORTED
    by_type = {(e.type, e.subject): e.data for e in events}
    report = ResearchApplicationReportedV1.model_validate(
        by_type[("se.icld.training.research_application.reported.v1", reviewed.id)]
    )
    assert (report.case_number, report.accepted_on) == (reviewed.case_number, date(2030, 1, 10))
    first = ResearchOutputV1.model_validate(
        by_type[("se.icld.training.research_output.published.v1", published.id)]
    )
    # Links default to the application's own.
    assert (first.partnership_ids, first.network_ids, first.themes) == (
        ["partnership-kibaha-gotland"],
        ["network-gender"],
        ["citizen_participation"],
    )
    second = ResearchOutputV1.model_validate(
        by_type[("se.icld.training.research_output.published.v1", linked.id)]
    )
    assert (second.kind, second.url, second.partnership_ids, second.themes) == (
        "publication",
        None,
        ["partnership-machakos-robertsfors"],
        ["gender_equality"],
    )
    with pytest.raises(BadUserInput) as future:
        await publish_research_output(
            repos,
            researcher(pi),
            **output(published_on=date(2030, 2, 1)),  # type: ignore[arg-type]
        )
    assert future.value.field == "publishedOn"
