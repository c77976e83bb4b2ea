"""The advisory group against the real service: reviewers without conflicts of interest, at
least two reviews per application before the ranking, the ranking by mean total score with
its tie rule, and the decision within the call's budget, announced to finance and networks."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from services.common.auth import Principal, Role
from services.common.errors import BadUserInput, Forbidden
from services.common.money import Money
from services.contracts.training import ResearchApplicationDecidedV1
from services.training.commands.research_applications import (
    decide_waitlisted,
    screen_research_application,
)
from services.training.commands.research_reviews import (
    assign_reviewer,
    decide_call,
    declare_conflict,
    rank_call,
    submit_review,
)
from services.training.domain import research_review
from services.training.domain.research_application import Outcome, ResearchStatus

from ..support.broker import listening
from .builders import World
from .research import OFFICER, advisor, call, in_review, organisation, repos_of, submitted


async def test_reviewers_never_have_a_conflict_of_interest(world: World) -> None:
    repos = repos_of(world)
    opened = await call(repos)
    university = await organisation(world)
    pi = await world.person(university)
    co_applicant = await world.person(await organisation(world))
    colleague = await world.person(university)
    declared = await world.person(await organisation(world))
    reviewer = await world.person(await organisation(world))
    application = await submitted(world, repos, opened, pi, co_applicant_ids=[co_applicant.id])
    application = await screen_research_application(
        repos, OFFICER, application.id, application.version, []
    )
    for person, field in (
        (colleague, "reviewerId"),
        (pi, "reviewerId"),
        (co_applicant, "reviewerId"),
    ):
        with pytest.raises(BadUserInput) as refused:
            await assign_reviewer(repos, OFFICER, application.id, application.version, person.id)
        assert refused.value.field == field
    with pytest.raises(Forbidden):
        await assign_reviewer(
            repos, advisor(reviewer), application.id, application.version, reviewer.id
        )

    application = await assign_reviewer(
        repos, OFFICER, application.id, application.version, declared.id
    )
    assert application.status is ResearchStatus.IN_REVIEW
    with pytest.raises(Forbidden):  # an advisor declares only for themselves
        await declare_conflict(
            repos, advisor(reviewer), application.id, application.version, declared.id
        )
    application = await declare_conflict(
        repos, advisor(declared), application.id, application.version, declared.id
    )
    assert application.reviewer_ids == []
    with pytest.raises(BadUserInput):
        await assign_reviewer(repos, OFFICER, application.id, application.version, declared.id)
    application = await assign_reviewer(
        repos, OFFICER, application.id, application.version, reviewer.id
    )
    with pytest.raises(BadUserInput) as out_of_range:
        research_review.scores(6, 3, 3, 3)
    assert out_of_range.value.field == "scores.scientificQuality"
    with pytest.raises(BadUserInput) as unassigned:
        await submit_review(
            repos,
            OFFICER,
            application.id,
            application.version,
            reviewer_id=declared.id,
            scores=research_review.scores(3, 3, 3, 3),
            comment="-",
        )
    assert unassigned.value.field == "reviewerId"
    # One review is not enough for the ranking.
    await submit_review(
        repos,
        advisor(reviewer),
        application.id,
        application.version,
        reviewer_id=reviewer.id,
        scores=research_review.scores(4, 4, 4, 4),
        comment="Clear questions.",
    )
    with pytest.raises(BadUserInput) as too_few:
        await rank_call(repos, OFFICER, opened.id)
    assert too_few.value.field == "reviews"


async def test_the_ranking_and_the_decision_within_the_calls_budget(world: World) -> None:
    repos = repos_of(world)
    # 1 500 000 SEK in all: the top two (600 000 each) fit, the third does not.
    opened = await call(repos, total="1500000")
    r1 = await world.person(await organisation(world))
    r2 = await world.person(await organisation(world))
    pis = [await world.person(await organisation(world)) for _ in range(4)]
    # Totals: A 14, B 14 with higher relevance, C 16, D 10.
    a = await in_review(world, repos, opened, pis[0], [(r1, (4, 3, 4, 3)), (r2, (4, 3, 4, 3))])
    b = await in_review(world, repos, opened, pis[1], [(r1, (3, 5, 3, 3)), (r2, (3, 5, 3, 3))])
    c = await in_review(world, repos, opened, pis[2], [(r1, (4, 4, 4, 4)), (r2, (4, 4, 4, 4))])
    d = await in_review(world, repos, opened, pis[3], [(r1, (2, 3, 2, 3)), (r2, (3, 2, 2, 3))])
    with pytest.raises(Forbidden):
        await rank_call(repos, Principal(sub="a", roles=frozenset({Role.ADVISOR})), opened.id)
    with pytest.raises(BadUserInput):
        await decide_call(repos, OFFICER, opened.id, 1)

    ranked = await rank_call(repos, OFFICER, opened.id)
    assert [(x.id, x.ranking.position if x.ranking else None) for x in ranked] == [
        (c.id, 1),
        (b.id, 2),
        (a.id, 3),
        (d.id, 4),
    ]
    assert [x.ranking.mean_total if x.ranking else None for x in ranked] == [
        Decimal("16.00"),
        Decimal("14.00"),
        Decimal("14.00"),
        Decimal("10.00"),
    ]

    async with listening(world.service, "training.research_application.decided") as broker:
        decided = await decide_call(repos, OFFICER, opened.id, waitlist_size=1)
        events = await broker.events(4)
    assert [(x.id, x.status) for x in decided] == [
        (c.id, ResearchStatus.APPROVED),
        (b.id, ResearchStatus.APPROVED),
        (a.id, ResearchStatus.WAITLISTED),
        (d.id, ResearchStatus.REJECTED),
    ]
    announced = {e.subject: ResearchApplicationDecidedV1.model_validate(e.data) for e in events}
    approved = announced[c.id]
    assert (approved.outcome, approved.case_number, approved.kind) == (
        "approved",
        c.case_number,
        "project",
    )
    assert approved.max_amount_minor == 80_000_000
    assert [(x.year, x.category, x.amount_minor, x.currency) for x in approved.approved_budget] == [
        (1, "working_hours", 60_000_000, "SEK")
    ]
    assert (announced[a.id].outcome, announced[a.id].approved_budget) == ("waitlisted", [])
    assert announced[d.id].outcome == "rejected"

    # Deciding again changes nothing; the waitlisted one is approved when money frees up.
    again = await decide_call(repos, OFFICER, opened.id, waitlist_size=1)
    assert [x.version for x in again] == [x.version for x in decided]
    waitlisted = await repos.research_applications.require(a.id)
    approved_later = await decide_waitlisted(
        repos, OFFICER, a.id, waitlisted.version, Outcome.APPROVED
    )
    assert approved_later.decision is not None
    assert approved_later.decision.approved_budget[0].amount == Money(
        minor=60_000_000, currency="SEK"
    )
    assert approved_later.decision.decided_on == date(2030, 1, 10)
