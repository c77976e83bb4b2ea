"""The advisory group: officers assign reviewers, reviewers score, officers rank a call's
applications and decide it.

Ranking and deciding touch every application of the call, one write each: a run cut short
is completed by running it again (applications already ranked or decided keep their place
and outcome; the decision plan is computed again from the positions and amounts, which no
longer change once ranked).
"""

from __future__ import annotations

from datetime import UTC, datetime

from services.common.auth import STAFF, Principal, Role
from services.common.clock import clock
from services.common.errors import BadUserInput, Forbidden, NotFound

from ..domain import research_review as research
from ..domain.research_application import ResearchApplication, ResearchStatus, Scores, decide
from ..repositories import Repositories
from .research_events import research_emitting


async def assign_reviewer(
    repos: Repositories, principal: Principal, application_id: str, version: int, reviewer_id: str
) -> ResearchApplication:
    principal.require(*STAFF)
    reviewer = await repos.people.get(reviewer_id)
    if reviewer is None or not reviewer.known:
        raise NotFound(f"no person {reviewer_id!r} is known to training", field="reviewerId")
    change = research.assign_reviewer(principal.sub, reviewer.id, reviewer.organisation_id)
    return await repos.research_applications.update(
        application_id, research_emitting(change), version
    )


def _require_speaks_for(principal: Principal, reviewer_id: str) -> None:
    """Officers record for any reviewer; an advisor (token subject = their person id) only
    for themselves."""
    if principal.is_staff:
        return
    if Role.ADVISOR in principal.roles and principal.sub == reviewer_id:
        return
    raise Forbidden("reviews are recorded by the reviewer or by ICLD's officers")


async def declare_conflict(
    repos: Repositories, principal: Principal, application_id: str, version: int, reviewer_id: str
) -> ResearchApplication:
    _require_speaks_for(principal, reviewer_id)
    change = research.declare_conflict(principal.sub, reviewer_id)
    return await repos.research_applications.update(
        application_id, research_emitting(change), version
    )


async def submit_review(
    repos: Repositories,
    principal: Principal,
    application_id: str,
    version: int,
    *,
    reviewer_id: str,
    scores: Scores,
    comment: str,
) -> ResearchApplication:
    _require_speaks_for(principal, reviewer_id)
    change = research.review(principal.sub, reviewer_id, scores, comment, datetime.now(UTC))
    return await repos.research_applications.update(
        application_id, research_emitting(change), version
    )


async def _of_call(repos: Repositories, call_id: str) -> list[ResearchApplication]:
    store = repos.research_applications
    cursor = store.collection.find({"call_id": call_id, "case_number": {"$type": "string"}})
    return [store.load(doc) async for doc in cursor]


async def rank_call(
    repos: Repositories, principal: Principal, call_id: str
) -> list[ResearchApplication]:
    """Ranks every application of the call in review, once each has its reviews and none is
    still waiting for screening or reviewers."""
    principal.require(*STAFF)
    await repos.research_calls.require(call_id, "callId")
    applications = await _of_call(repos, call_id)
    waiting = [
        a.case_number
        for a in applications
        if a.status in (ResearchStatus.SUBMITTED, ResearchStatus.ELIGIBLE)
    ]
    if waiting:
        raise BadUserInput(
            f"screen and send to review every application first: {', '.join(map(str, waiting))}",
            field="callId",
        )
    ranked = [a for a in applications if a.ranking is not None]
    in_review = [a for a in applications if a.status is ResearchStatus.IN_REVIEW]
    order = research.ranking_order(in_review)
    for position, application in enumerate(order, start=len(ranked) + 1):
        change = research.rank(principal.sub, position)
        ranked.append(
            await repos.research_applications.update(application.id, research_emitting(change))
        )
    return sorted(ranked, key=lambda a: a.ranking.position if a.ranking else 0)


async def decide_call(
    repos: Repositories, principal: Principal, call_id: str, waitlist_size: int
) -> list[ResearchApplication]:
    """Approves from the top of the ranking within the call's total budget, waitlists the
    next `waitlist_size`, rejects the rest; each decision is announced."""
    principal.require(*STAFF)
    call = await repos.research_calls.require(call_id, "callId")
    of_call = await _of_call(repos, call_id)
    if any(a.status is ResearchStatus.IN_REVIEW for a in of_call):
        raise BadUserInput("rank every application in review first", field="callId")
    applications = [a for a in of_call if a.ranking is not None]
    if not applications:
        raise BadUserInput("the call has no ranked applications", field="callId")
    plan = research.decision_plan(applications, call.total_budget, waitlist_size)
    today = clock.today()
    decided = []
    for application in applications:
        if application.status is ResearchStatus.RANKED:
            change = decide(principal.sub, plan[application.id], today)
            application = await repos.research_applications.update(
                application.id, research_emitting(change)
            )
        decided.append(application)
    return sorted(decided, key=lambda a: a.ranking.position if a.ranking else 0)
