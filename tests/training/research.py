"""Builds research calls and applications through the training commands, with the
universities and people partnerships would announce, for the research tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from services.common.auth import Principal, Role
from services.common.money import Money, money
from services.common.vocabulary import CostCategory, Theme
from services.contracts.partnerships import ORGANISATION_CREATED, OrganisationV1
from services.training.commands.research_applications import (
    draft_research_application,
    screen_research_application,
    submit_research_application,
)
from services.training.commands.research_calls import open_research_call
from services.training.commands.research_reviews import assign_reviewer, submit_review
from services.training.domain import research_application as research
from services.training.domain import research_review
from services.training.domain.research_application import (
    Degree,
    EthicalApproval,
    ResearchApplication,
)
from services.training.domain.research_call import KindCap, ResearchCall, ResearchKind
from services.training.repositories import Repositories

from .builders import Person, World

OFFICER = Principal(sub="officer-1", roles=frozenset({Role.OFFICER}))


def sek(amount: str) -> Money:
    return money(Decimal(amount), "SEK")


def repos_of(world: World) -> Repositories:
    repos: Repositories = world.service.runtime.repos
    return repos


def researcher(person: Person) -> Principal:
    return Principal(
        sub=f"r-{person.id}", roles=frozenset({Role.RESEARCHER}), org=person.organisation_id
    )


def advisor(person: Person) -> Principal:
    return Principal(sub=person.id, roles=frozenset({Role.ADVISOR}))


async def organisation(world: World, kind: str = "university") -> str:
    """An organisation partnerships announced, once training knows it."""
    organisation_id = world._next("org")
    await announce_organisation(world, organisation_id, kind)
    return organisation_id


async def announce_organisation(
    world: World, organisation_id: str, kind: str = "university"
) -> None:
    """Publishes the organisation as partnerships does and waits until training knows it."""
    data = OrganisationV1(
        id=organisation_id,
        version=1,
        name="Uppsala University" if kind == "university" else "Region Gotland",
        kind=kind,
        country="SE",
        is_swedish=True,
    )
    await world.publish(ORGANISATION_CREATED.new(organisation_id, data))
    await world.known("trainingKnownOrganisation", organisation_id)


async def call(
    repos: Repositories,
    *,
    opens_on: date = date(2030, 1, 1),
    closes_on: date = date(2030, 3, 31),
    total: str = "1500000",
    project_cap: str = "800000",
    fieldwork_cap: str = "100000",
) -> ResearchCall:
    return await open_research_call(
        repos,
        OFFICER,
        title="Research on local democracy 2030",
        themes=[Theme.GENDER_EQUALITY, Theme.CITIZEN_PARTICIPATION],
        opens_on=opens_on,
        closes_on=closes_on,
        total_budget=sek(total),
        caps=[
            KindCap(kind=ResearchKind.PROJECT, max_amount=sek(project_cap)),
            KindCap(kind=ResearchKind.FIELDWORK, max_amount=sek(fieldwork_cap)),
        ],
    )


def proposal(amount: str = "600000", **overrides: Any) -> research.Proposal:
    fields: dict[str, Any] = {
        "title": "Participatory budgeting in East African municipalities",
        "declared_degree": Degree.DOCTORATE,
        "abstract": "How participatory budgeting changes who is heard.",
        "research_questions": ["Who takes part?", "What changes in the budget?"],
        "methods": "Comparative case studies, interviews and budget analysis.",
        "countries": ["KE", "TZ"],
        "themes": [Theme.CITIZEN_PARTICIPATION],
        "sdgs": [16],
        "duration_months": 24,
        "budget": [
            research.budget_line(1, CostCategory.WORKING_HOURS, sek(amount), "budget[0]"),
        ],
        "ethical_approval": EthicalApproval.APPROVED,
        **overrides,
    }
    return research.proposal(**fields)


async def submitted(
    world: World,
    repos: Repositories,
    the_call: ResearchCall,
    pi: Person,
    *,
    kind: ResearchKind = ResearchKind.PROJECT,
    **content: Any,
) -> ResearchApplication:
    draft = await draft_research_application(
        repos,
        researcher(pi),
        call_id=the_call.id,
        kind=kind,
        principal_investigator_id=pi.id,
        content=proposal(**content),
    )
    return await submit_research_application(repos, researcher(pi), draft.id, draft.version)


async def in_review(
    world: World,
    repos: Repositories,
    the_call: ResearchCall,
    pi: Person,
    reviews: list[tuple[Person, tuple[int, int, int, int]]],
    **content: Any,
) -> ResearchApplication:
    """Submitted, screened eligible, and reviewed by each given reviewer with the scores."""
    application = await submitted(world, repos, the_call, pi, **content)
    application = await screen_research_application(
        repos, OFFICER, application.id, application.version, []
    )
    for reviewer, _ in reviews:
        application = await assign_reviewer(
            repos, OFFICER, application.id, application.version, reviewer.id
        )
    for reviewer, given in reviews:
        application = await submit_review(
            repos,
            advisor(reviewer),
            application.id,
            application.version,
            reviewer_id=reviewer.id,
            scores=research_review.scores(*given),
            comment="Sound design; the sample is small.",
        )
    return application
