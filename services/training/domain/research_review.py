"""The research advisory group: reviewers without conflicts of interest, scores on the
published criteria, the ranking by mean total score and the decision plan within a call's
budget (docs/domain.md, Research)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from fractions import Fraction

from services.common.errors import BadUserInput
from services.common.money import Money
from services.common.validation import clean_text

from .facts import DomainChange, Fact
from .research_application import (
    Outcome,
    Ranking,
    ResearchApplication,
    ResearchStatus,
    Review,
    Scores,
    transition,
)


def assign_reviewer(
    actor: str, reviewer_id: str, reviewer_organisation_id: str
) -> DomainChange[ResearchApplication]:
    """A reviewer of the advisory group, never with a conflict of interest: not from the
    applicants' university, not an applicant, not someone who declared a conflict."""

    def apply(application: ResearchApplication) -> Sequence[Fact]:
        if application.status not in (ResearchStatus.ELIGIBLE, ResearchStatus.IN_REVIEW):
            raise BadUserInput(
                f"reviewers review eligible applications, not {application.status.value} ones",
                field="status",
            )
        if reviewer_organisation_id == application.organisation_id:
            raise BadUserInput(
                "a reviewer never reviews an application of their own organisation",
                field="reviewerId",
            )
        if reviewer_id in application.applicants:
            raise BadUserInput("an applicant never reviews their application", field="reviewerId")
        if reviewer_id in application.conflicted_ids:
            raise BadUserInput(
                "the reviewer declared a conflict of interest with this application",
                field="reviewerId",
            )
        if reviewer_id in application.reviewer_ids:
            raise BadUserInput("the reviewer is assigned already", field="reviewerId")
        application.reviewer_ids = [*application.reviewer_ids, reviewer_id]
        if application.status is ResearchStatus.ELIGIBLE:
            transition(application, ResearchStatus.IN_REVIEW, actor, "sent to review")
        application.record(actor, "reviewer assigned", note=reviewer_id)
        return ()

    return apply


def declare_conflict(actor: str, reviewer_id: str) -> DomainChange[ResearchApplication]:
    """The reviewer stands down (their review, if any, no longer counts) and is never assigned
    to the application again."""

    def apply(application: ResearchApplication) -> Sequence[Fact]:
        if application.status not in (ResearchStatus.ELIGIBLE, ResearchStatus.IN_REVIEW):
            raise BadUserInput("conflicts are declared before the ranking", field="status")
        application.conflicted_ids = sorted({*application.conflicted_ids, reviewer_id})
        application.reviewer_ids = [r for r in application.reviewer_ids if r != reviewer_id]
        application.reviews = [r for r in application.reviews if r.reviewer_id != reviewer_id]
        application.record(actor, "conflict of interest declared", note=reviewer_id)
        return ()

    return apply


def scores(
    scientific_quality: int, relevance: int, feasibility: int, partnership_value: int
) -> Scores:
    given = {
        "scientificQuality": scientific_quality,
        "relevance": relevance,
        "feasibility": feasibility,
        "partnershipValue": partnership_value,
    }
    for field, value in given.items():
        if not 1 <= value <= 5:
            raise BadUserInput("each criterion is scored 1 to 5", field=f"scores.{field}")
    return Scores(
        scientific_quality=scientific_quality,
        relevance=relevance,
        feasibility=feasibility,
        partnership_value=partnership_value,
    )


def review(
    actor: str, reviewer_id: str, given: Scores, comment: str, at: datetime
) -> DomainChange[ResearchApplication]:
    """One review per assigned reviewer; a second replaces the first until the ranking."""
    text = clean_text(comment, "comment", max_length=4000)

    def apply(application: ResearchApplication) -> Sequence[Fact]:
        if application.status is not ResearchStatus.IN_REVIEW:
            raise BadUserInput(
                f"a {application.status.value} application is not in review", field="status"
            )
        if reviewer_id not in application.reviewer_ids:
            raise BadUserInput(
                "only the application's assigned reviewers review it", field="reviewerId"
            )
        entry = Review(
            reviewer_id=reviewer_id, scores=given, comment=text, submitted_at=at, recorded_by=actor
        )
        others = [r for r in application.reviews if r.reviewer_id != reviewer_id]
        application.reviews = [*others, entry]
        application.record(actor, "reviewed", note=reviewer_id)
        return ()

    return apply


MIN_REVIEWS = 2


def _sums(application: ResearchApplication) -> tuple[int, int]:
    total = sum(r.scores.total for r in application.reviews)
    return total, sum(r.scores.relevance for r in application.reviews)


def ranking_order(applications: Sequence[ResearchApplication]) -> list[ResearchApplication]:
    """Best first, by mean total score; ties go to the higher mean relevance to local
    democracy (the call's purpose), then to the earlier submission, then the lower case
    number (a stable, stated order)."""
    for application in applications:
        if application.status is not ResearchStatus.IN_REVIEW:
            raise BadUserInput(
                f"{application.case_number} is {application.status.value}, not in review",
                field="status",
            )
        if len(application.reviews) < MIN_REVIEWS:
            raise BadUserInput(
                f"{application.case_number} has {len(application.reviews)} reviews; each"
                f" eligible application needs at least {MIN_REVIEWS} before the ranking",
                field="reviews",
                caseNumber=application.case_number,
            )

    def key(application: ResearchApplication) -> tuple[Fraction, Fraction, date, str]:
        total, relevance = _sums(application)
        count = len(application.reviews)
        return (
            -Fraction(total, count),
            -Fraction(relevance, count),
            application.submitted_on or date.max,
            application.case_number or "",
        )

    return sorted(applications, key=key)


def rank(actor: str, position: int) -> DomainChange[ResearchApplication]:
    def apply(application: ResearchApplication) -> Sequence[Fact]:
        total, relevance = _sums(application)
        application.ranking = Ranking(
            position=position,
            reviews=len(application.reviews),
            total_sum=total,
            relevance_sum=relevance,
        )
        transition(application, ResearchStatus.RANKED, actor, "ranked", f"position {position}")
        return ()

    return apply


def decision_plan(
    ranked: Sequence[ResearchApplication], total_budget: Money, waitlist_size: int
) -> dict[str, Outcome]:
    """Approves from the top of the ranking while the call's budget lasts; the first that
    does not fit ends the approvals (a lower-ranked, cheaper one never passes a better one),
    the next `waitlist_size` are waitlisted, the rest rejected."""
    if waitlist_size < 0:
        raise BadUserInput("the waitlist has zero or more places", field="waitlistSize")
    plan: dict[str, Outcome] = {}
    left = total_budget.minor
    approving = True
    waitlisted = 0
    for application in sorted(ranked, key=lambda a: a.ranking.position if a.ranking else 0):
        if approving and application.requested.minor <= left:
            plan[application.id] = Outcome.APPROVED
            left -= application.requested.minor
            continue
        approving = False
        if waitlisted < waitlist_size:
            plan[application.id] = Outcome.WAITLISTED
            waitlisted += 1
        else:
            plan[application.id] = Outcome.REJECTED
    return plan
