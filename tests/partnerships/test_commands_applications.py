"""The application commands without HTTP: case numbers, what finance is told, who is refused."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from services.common.auth import Principal
from services.common.errors import BadUserInput, Forbidden
from services.common.vocabulary import CostCategory, Theme
from services.contracts.partnerships import APPLICATION_DECIDED, APPLICATION_SUBMITTED
from services.partnerships.commands.applications import (
    BudgetLineFields,
    OutcomeFields,
    ProposalFields,
    ResultFields,
    ResultsChainFields,
    assess_application,
    create_application,
    decide_application,
    submit_application,
)
from services.partnerships.commands.calls import create_call
from services.partnerships.domain.application import (
    Application,
    ApplicationStatus,
    DecisionOutcome,
    Eligibility,
)
from services.partnerships.domain.call import ApplicationKind
from services.partnerships.repositories import Repositories

from .stored import OFFICER, Pair, coordinator, outbox, pair

TODAY = date(2025, 3, 10)

COMPLETE = ProposalFields(
    type=ApplicationKind.INCEPTION,
    title="Safer public spaces",
    duration_months=12,
    theme=Theme.GENDER_EQUALITY,
    results_chain=ResultsChainFields(
        goal=ResultFields("Women take part in local decisions"),
        outcomes=[
            OutcomeFields("A joint action plan", outputs=[ResultFields("Two workshops held")])
        ],
    ),
    requested_budget=[
        BudgetLineFields(1, CostCategory.INTERNATIONAL_TRAVEL, Decimal("120000.50"), "SEK"),
        BudgetLineFields(1, CostCategory.ACCOMMODATION, Decimal("30000"), "SEK"),
    ],
)


async def _draft(
    repos: Repositories, world: Pair, content: ProposalFields, by: Principal | None = None
) -> Application:
    call = await create_call(
        repos,
        OFFICER,
        title="Spring 2025",
        programme="municipal_partnership",
        allowed_types=[ApplicationKind.INCEPTION],
        opens_on=date(2025, 2, 15),
        closes_on=date(2025, 3, 15),
        extended_to=None,
    )
    return await create_application(
        repos,
        by or coordinator(world.swedish),
        partnership_id=world.partnership,
        call_id=call.id,
        content=content,
        today=TODAY,
    )


async def test_an_incomplete_application_takes_no_case_number(repos: Repositories) -> None:
    world = await pair(repos)
    draft = await _draft(repos, world, ProposalFields(**{**vars(COMPLETE), "results_chain": None}))
    with pytest.raises(BadUserInput) as refused:
        await submit_application(repos, OFFICER, draft.id, 1, note=None, today=TODAY)
    assert refused.value.field == "resultsChain.goal"
    assert await repos.case_numbers.collection.count_documents({}) == 0
    stored = await repos.applications.require(draft.id)
    assert (stored.status, stored.case_number, stored.version) == (ApplicationStatus.DRAFT, None, 1)


async def test_a_first_submission_is_numbered_and_announced(repos: Repositories) -> None:
    world = await pair(repos)
    draft = await _draft(repos, world, COMPLETE)
    submitted = await submit_application(
        repos, coordinator(world.partner), draft.id, 1, note=None, today=TODAY
    )
    assert (submitted.case_number, submitted.submitted_on, submitted.year) == (
        "2025-0001",
        TODAY,
        2025,
    )
    [event] = await outbox(repos, "applications", draft.id)
    assert event["type"] == APPLICATION_SUBMITTED.type
    assert event["data"]["case_number"] == "2025-0001"
    assert [line["amount_minor"] for line in event["data"]["requested_budget"]] == [
        12000050,
        3000000,
    ]


async def test_a_decision_tells_finance_the_partnership_and_the_granted_budget(
    repos: Repositories,
) -> None:
    world = await pair(repos, country="KE")
    draft = await _draft(repos, world, COMPLETE)
    await submit_application(repos, OFFICER, draft.id, 1, note=None, today=TODAY)
    await assess_application(repos, OFFICER, draft.id, 2, outcome=Eligibility.ELIGIBLE, note=None)
    decided = await decide_application(
        repos,
        OFFICER,
        draft.id,
        3,
        outcome=DecisionOutcome.APPROVED_WITH_CONDITIONS,
        conditions="Report on the workshops",
        approved_budget=[
            BudgetLineFields(1, CostCategory.INTERNATIONAL_TRAVEL, Decimal("100000"), "SEK")
        ],
        note=None,
    )
    assert decided.status is ApplicationStatus.APPROVED_WITH_CONDITIONS
    last = (await outbox(repos, "applications", draft.id))[-1]
    assert last["type"] == APPLICATION_DECIDED.type
    assert {k: last["data"][k] for k in ("partnership_kind", "countries", "outcome")} == {
        "partnership_kind": "bilateral",
        "countries": ["SE", "KE"],
        "outcome": "approved_with_conditions",
    }
    assert last["data"]["conditions"] == "Report on the workshops"
    assert [
        (line["category"], line["amount_minor"]) for line in last["data"]["approved_budget"]
    ] == [("international_travel", 10000000)]


async def test_a_stranger_is_refused_before_the_proposal_is_checked(
    repos: Repositories,
) -> None:
    world = await pair(repos)
    with pytest.raises(Forbidden):
        await _draft(
            repos,
            world,
            ProposalFields(**{**vars(COMPLETE), "title": "   "}),
            by=coordinator("elsewhere"),
        )
    assert await repos.applications.collection.count_documents({}) == 0


async def test_an_own_coordinator_gets_the_proposal_checked(repos: Repositories) -> None:
    world = await pair(repos)
    with pytest.raises(BadUserInput) as refused:
        await _draft(repos, world, ProposalFields(**{**vars(COMPLETE), "title": "   "}))
    assert refused.value.field == "title"
    assert await repos.applications.collection.count_documents({}) == 0
