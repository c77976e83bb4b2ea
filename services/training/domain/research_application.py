"""Research applications: the proposal, its screening and its lifecycle.

    draft ──submit──▶ submitted ──screen──▶ eligible ──assign reviewer──▶ in_review
                          │                                                  │ rank (the call)
                          └──screen──▶ ineligible                            ▼
                                                 approved ◀──decide── ranked ──▶ rejected
                                                    │      (waitlisted ──▶ approved | rejected)
                                                    └──accept report──▶ reported

Every transition is checked against this table and recorded in the audit trail; the facts
other services hear of (decided, reported) are returned for the commands to announce.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from services.common.audit import Audited
from services.common.errors import BadUserInput
from services.common.money import BUDGET_CURRENCY, Money
from services.common.status_transitions import require_transition
from services.common.validation import clean_text
from services.common.vocabulary import CostCategory, Theme

from .facts import DomainChange, Fact
from .research_call import ResearchCall, ResearchKind

MAX_YEARS = 3
MAX_ITEMS = 50
UNIVERSITY = "university"
"""The organisation kind (partnerships' vocabulary) a principal investigator must work for."""


class ResearchStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    ELIGIBLE = "eligible"
    INELIGIBLE = "ineligible"
    IN_REVIEW = "in_review"
    RANKED = "ranked"
    APPROVED = "approved"
    REJECTED = "rejected"
    WAITLISTED = "waitlisted"
    REPORTED = "reported"


class Degree(StrEnum):
    """The principal investigator's degree, as declared on the application (partnerships'
    people carry no academic degree: officers verify it at screening)."""

    DOCTORATE = "doctorate"
    DOCTORAL_STUDENT = "doctoral_student"
    OTHER = "other"


class EthicalApproval(StrEnum):
    NOT_REQUIRED = "not_required"
    PENDING = "pending"
    APPROVED = "approved"


class Outcome(StrEnum):
    APPROVED = "approved"
    REJECTED = "rejected"
    WAITLISTED = "waitlisted"


REQUIRED_DEGREE: Mapping[ResearchKind, Degree] = {
    ResearchKind.PROJECT: Degree.DOCTORATE,
    ResearchKind.FIELDWORK: Degree.DOCTORAL_STUDENT,
}

TRANSITIONS: Mapping[ResearchStatus, frozenset[ResearchStatus]] = {
    ResearchStatus.DRAFT: frozenset({ResearchStatus.SUBMITTED}),
    ResearchStatus.SUBMITTED: frozenset({ResearchStatus.ELIGIBLE, ResearchStatus.INELIGIBLE}),
    ResearchStatus.ELIGIBLE: frozenset({ResearchStatus.IN_REVIEW}),
    ResearchStatus.INELIGIBLE: frozenset(),
    ResearchStatus.IN_REVIEW: frozenset({ResearchStatus.RANKED}),
    ResearchStatus.RANKED: frozenset(
        {ResearchStatus.APPROVED, ResearchStatus.REJECTED, ResearchStatus.WAITLISTED}
    ),
    ResearchStatus.WAITLISTED: frozenset({ResearchStatus.APPROVED, ResearchStatus.REJECTED}),
    ResearchStatus.APPROVED: frozenset({ResearchStatus.REPORTED}),
    ResearchStatus.REJECTED: frozenset(),
    ResearchStatus.REPORTED: frozenset(),
}


class BudgetLine(BaseModel):
    model_config = ConfigDict(frozen=True)

    year: int
    """Year of the research: 1, 2 or 3."""
    category: CostCategory
    amount: Money


class Scores(BaseModel):
    """The published criteria, each 1 (weak) to 5 (excellent)."""

    model_config = ConfigDict(frozen=True)

    scientific_quality: int
    relevance: int
    """Relevance to local democracy."""
    feasibility: int
    partnership_value: int
    """Value to the municipal partnerships."""

    @property
    def total(self) -> int:
        return self.scientific_quality + self.relevance + self.feasibility + self.partnership_value


class Review(BaseModel):
    model_config = ConfigDict(frozen=True)

    reviewer_id: str
    scores: Scores
    comment: str
    submitted_at: datetime
    recorded_by: str


class Ranking(BaseModel):
    """Sums and count, not means: the store keeps no floats, and the order is exact."""

    model_config = ConfigDict(frozen=True)

    position: int
    reviews: int
    total_sum: int
    relevance_sum: int

    @property
    def mean_total(self) -> Decimal:
        return (Decimal(self.total_sum) / self.reviews).quantize(Decimal("0.01"))

    @property
    def mean_relevance(self) -> Decimal:
        return (Decimal(self.relevance_sum) / self.reviews).quantize(Decimal("0.01"))


class Decision(BaseModel):
    model_config = ConfigDict(frozen=True)

    outcome: Outcome
    decided_on: date
    decided_by: str
    max_amount: Money
    """The cap the application was held to (the call's, in force when it was submitted)."""
    approved_budget: list[BudgetLine] = Field(default_factory=list)


class ResearchApplication(Audited):
    call_id: str
    kind: ResearchKind
    title: str
    principal_investigator_id: str
    organisation_id: str
    """The principal investigator's organisation (the people projection), the university."""
    declared_degree: Degree
    co_applicant_ids: list[str] = Field(default_factory=list)
    abstract: str = ""
    research_questions: list[str] = Field(default_factory=list)
    methods: str = ""
    countries: list[str] = Field(default_factory=list)
    themes: list[Theme] = Field(default_factory=list)
    sdgs: list[int] = Field(default_factory=list)
    duration_months: int = 12
    budget: list[BudgetLine] = Field(default_factory=list)
    ethical_approval: EthicalApproval = EthicalApproval.NOT_REQUIRED
    partnership_ids: list[str] = Field(default_factory=list)
    network_ids: list[str] = Field(default_factory=list)
    status: ResearchStatus = ResearchStatus.DRAFT
    case_number: str | None = None
    year: int
    submitted_on: date | None = None
    max_amount: Money | None = None
    """The call's cap for the kind on the day of submission."""
    ineligible_reasons: list[str] = Field(default_factory=list)
    reviewer_ids: list[str] = Field(default_factory=list)
    conflicted_ids: list[str] = Field(default_factory=list)
    """People who declared a conflict of interest: never (again) its reviewers."""
    reviews: list[Review] = Field(default_factory=list)
    ranking: Ranking | None = None
    decision: Decision | None = None
    feedback: str | None = None
    """What officers released to the applicants (reviews themselves stay with ICLD)."""
    report_accepted_on: date | None = None

    @property
    def requested(self) -> Money:
        return Money(minor=sum(line.amount.minor for line in self.budget), currency=BUDGET_CURRENCY)

    @property
    def applicants(self) -> frozenset[str]:
        return frozenset({self.principal_investigator_id, *self.co_applicant_ids})


@dataclass(frozen=True)
class Decided(Fact):
    application: ResearchApplication


@dataclass(frozen=True)
class Reported(Fact):
    application: ResearchApplication


# --- the proposal ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Proposal:
    """The editable content, validated; None leaves a field as it is."""

    title: str | None = None
    co_applicant_ids: list[str] | None = None
    declared_degree: Degree | None = None
    abstract: str | None = None
    research_questions: list[str] | None = None
    methods: str | None = None
    countries: list[str] | None = None
    themes: list[Theme] | None = None
    sdgs: list[int] | None = None
    duration_months: int | None = None
    budget: list[BudgetLine] | None = None
    ethical_approval: EthicalApproval | None = None
    partnership_ids: list[str] | None = None
    network_ids: list[str] | None = None

    def changes(self) -> dict[str, object]:
        return {k: v for k, v in vars(self).items() if v is not None}


def _bounded(items: Sequence[object], field: str) -> None:
    if len(items) > MAX_ITEMS:
        raise BadUserInput(f"{field} has more than {MAX_ITEMS} entries", field=field)


def budget_line(year: int, category: CostCategory, amount: Money, field: str) -> BudgetLine:
    if not 1 <= year <= MAX_YEARS:
        raise BadUserInput(f"a budget line is for year 1 to {MAX_YEARS}", field=f"{field}.year")
    if amount.currency != BUDGET_CURRENCY:
        raise BadUserInput(
            f"budgets are in {BUDGET_CURRENCY}, not {amount.currency}",
            field=f"{field}.amount.currency",
        )
    if amount.minor <= 0:
        raise BadUserInput("a budget line is above zero", field=f"{field}.amount")
    return BudgetLine(year=year, category=category, amount=amount)


def proposal(
    *,
    title: str | None = None,
    co_applicant_ids: Sequence[str] | None = None,
    declared_degree: Degree | None = None,
    abstract: str | None = None,
    research_questions: Sequence[str] | None = None,
    methods: str | None = None,
    countries: Sequence[str] | None = None,
    themes: Sequence[Theme] | None = None,
    sdgs: Sequence[int] | None = None,
    duration_months: int | None = None,
    budget: Sequence[BudgetLine] | None = None,
    ethical_approval: EthicalApproval | None = None,
    partnership_ids: Sequence[str] | None = None,
    network_ids: Sequence[str] | None = None,
) -> Proposal:
    """Checks each field given (country codes are checked by the caller's input layer)."""
    for name, items in (
        ("coApplicantIds", co_applicant_ids),
        ("researchQuestions", research_questions),
        ("countries", countries),
        ("budget", budget),
        ("partnershipIds", partnership_ids),
        ("networkIds", network_ids),
    ):
        if items is not None:
            _bounded(items, name)
    if duration_months is not None and not 1 <= duration_months <= 12 * MAX_YEARS:
        raise BadUserInput(f"the duration is 1 to {12 * MAX_YEARS} months", field="durationMonths")
    for goal in sdgs or ():
        if not 1 <= goal <= 17:
            raise BadUserInput(f"{goal} is not a Sustainable Development Goal (1–17)", field="sdgs")
    questions = None
    if research_questions is not None:
        questions = [
            clean_text(q, f"researchQuestions[{i}]", max_length=1000)
            for i, q in enumerate(research_questions)
        ]
    return Proposal(
        title=clean_text(title, "title") if title is not None else None,
        co_applicant_ids=sorted(set(co_applicant_ids)) if co_applicant_ids is not None else None,
        declared_degree=declared_degree,
        abstract=(
            clean_text(abstract, "abstract", max_length=4000, required=False)
            if abstract is not None
            else None
        ),
        research_questions=questions,
        methods=(
            clean_text(methods, "methods", max_length=4000, required=False)
            if methods is not None
            else None
        ),
        countries=sorted(set(countries)) if countries is not None else None,
        themes=sorted(set(themes), key=lambda t: t.value) if themes is not None else None,
        sdgs=sorted(set(sdgs)) if sdgs is not None else None,
        duration_months=duration_months,
        budget=list(budget) if budget is not None else None,
        ethical_approval=ethical_approval,
        partnership_ids=sorted(set(partnership_ids)) if partnership_ids is not None else None,
        network_ids=sorted(set(network_ids)) if network_ids is not None else None,
    )


def start(
    application_id: str,
    *,
    call: ResearchCall,
    kind: ResearchKind,
    principal_investigator_id: str,
    organisation_id: str,
    content: Proposal,
    today: date,
    actor: str,
) -> ResearchApplication:
    """A new draft: it may be incomplete, but it needs a title and a declared degree."""
    if content.title is None or content.declared_degree is None:
        raise BadUserInput("a new application needs a title and the PI's degree", field="title")
    application = ResearchApplication(
        id=application_id,
        version=1,
        call_id=call.id,
        kind=kind,
        principal_investigator_id=principal_investigator_id,
        organisation_id=organisation_id,
        year=today.year,
        **content.changes(),
    )
    if principal_investigator_id in application.co_applicant_ids:
        raise BadUserInput(
            "the principal investigator is not also a co-applicant", field="coApplicantIds"
        )
    application.record(actor, "drafted", to_status=application.status.value)
    return application


def edit(actor: str, content: Proposal) -> DomainChange[ResearchApplication]:
    changes = content.changes()

    def apply(application: ResearchApplication) -> Sequence[Fact]:
        if application.status is not ResearchStatus.DRAFT:
            raise BadUserInput(
                f"a {application.status.value} application cannot be edited: only drafts can",
                field="status",
            )
        for key, value in changes.items():
            setattr(application, key, value)
        if application.principal_investigator_id in application.co_applicant_ids:
            raise BadUserInput(
                "the principal investigator is not also a co-applicant", field="coApplicantIds"
            )
        application.record(actor, "edited", note=", ".join(sorted(changes)) or None)
        return ()

    return apply


# --- the lifecycle --------------------------------------------------------------------------


def transition(
    application: ResearchApplication,
    to_status: ResearchStatus,
    actor: str,
    action: str,
    note: str | None = None,
) -> None:
    from_status = application.status
    require_transition("application", from_status, to_status, TRANSITIONS)
    application.status = to_status
    application.record(
        actor, action, from_status=from_status.value, to_status=to_status.value, note=note
    )


def check_submission(application: ResearchApplication, call: ResearchCall, today: date) -> Money:
    """Every rule of a submission, checked before a case number is taken; answers the cap the
    application is held to from now on."""
    require_transition("application", application.status, ResearchStatus.SUBMITTED, TRANSITIONS)
    if not call.is_open(today):
        raise BadUserInput(
            f"the call {call.title!r} takes applications from {call.opens_on.isoformat()} to"
            f" {call.closes_on.isoformat()}",
            field="callId",
        )
    cap = call.caps_on(today).cap(application.kind)
    if cap is None:
        raise BadUserInput(
            f"the call {call.title!r} offers no {application.kind.value} grants", field="kind"
        )
    for field, value in (
        ("abstract", application.abstract),
        ("methods", application.methods),
        ("researchQuestions", application.research_questions),
        ("countries", application.countries),
        ("themes", application.themes),
        ("budget", application.budget),
    ):
        if not value:
            raise BadUserInput(f"a submitted application states its {field}", field=field)
    outside = [t.value for t in application.themes if t not in call.themes]
    if outside:
        raise BadUserInput(
            f"the call {call.title!r} is not for {', '.join(outside)}", field="themes"
        )
    years = math.ceil(application.duration_months / 12)
    for i, line in enumerate(application.budget):
        if line.year > years:
            raise BadUserInput(
                f"year {line.year} is beyond the {application.duration_months} months",
                field=f"budget[{i}].year",
            )
    if application.requested.minor > cap.minor:
        raise BadUserInput(
            f"the budget ({application.requested.amount} {BUDGET_CURRENCY}) is above the"
            f" call's cap for {application.kind.value} grants ({cap.amount} {BUDGET_CURRENCY})",
            field="budget",
            maxAmount=str(cap.amount),
        )
    return cap


def submit(
    actor: str, call: ResearchCall, today: date, case_number: str
) -> DomainChange[ResearchApplication]:
    """The first and only submission: the case number and the cap are taken now."""

    def apply(application: ResearchApplication) -> Sequence[Fact]:
        cap = check_submission(application, call, today)
        application.case_number = case_number
        application.year = today.year
        application.submitted_on = today
        application.max_amount = cap
        transition(application, ResearchStatus.SUBMITTED, actor, "submitted")
        return ()

    return apply


def eligibility_gaps(application: ResearchApplication, organisation_kind: str) -> list[str]:
    """The call's eligibility rules the application fails (empty: it meets them all)."""
    gaps = []
    required = REQUIRED_DEGREE[application.kind]
    if application.declared_degree is not required:
        gaps.append(
            f"a {application.kind.value} grant's principal investigator is"
            f" {'a doctoral student' if required is Degree.DOCTORAL_STUDENT else 'a doctor'}"
        )
    if organisation_kind != UNIVERSITY:
        gaps.append("the principal investigator works at a university")
    if application.ethical_approval is EthicalApproval.PENDING:
        gaps.append("research that needs ethical approval has it before review")
    return gaps


def screen(
    actor: str, organisation_kind: str, reasons: Sequence[str]
) -> DomainChange[ResearchApplication]:
    """Officers' internal screening: eligible only when every rule holds and the officer
    gives no reason against it; ineligible with the rules failed and the officer's reasons."""
    stated = [clean_text(r, f"reasons[{i}]", max_length=1000) for i, r in enumerate(reasons)]

    def apply(application: ResearchApplication) -> Sequence[Fact]:
        found = [*eligibility_gaps(application, organisation_kind), *stated]
        if found:
            application.ineligible_reasons = found
            transition(application, ResearchStatus.INELIGIBLE, actor, "screened", "; ".join(found))
        else:
            transition(application, ResearchStatus.ELIGIBLE, actor, "screened")
        return ()

    return apply


def decide(actor: str, outcome: Outcome, today: date) -> DomainChange[ResearchApplication]:
    def apply(application: ResearchApplication) -> Sequence[Fact]:
        require_transition(
            "application", application.status, ResearchStatus(outcome.value), TRANSITIONS
        )
        if application.max_amount is None:
            raise ValueError("a decided application was submitted with a cap")
        granted = list(application.budget) if outcome is Outcome.APPROVED else []
        application.decision = Decision(
            outcome=outcome,
            decided_on=today,
            decided_by=actor,
            max_amount=application.max_amount,
            approved_budget=granted,
        )
        transition(application, ResearchStatus(outcome.value), actor, "decided")
        return (Decided(application),)

    return apply


def release_feedback(actor: str, feedback: str) -> DomainChange[ResearchApplication]:
    text = clean_text(feedback, "feedback", max_length=4000)

    def apply(application: ResearchApplication) -> Sequence[Fact]:
        if application.decision is None:
            raise BadUserInput("feedback is released with a decision", field="status")
        application.feedback = text
        application.record(actor, "feedback released")
        return ()

    return apply


def accept_report(actor: str, accepted_on: date) -> DomainChange[ResearchApplication]:
    def apply(application: ResearchApplication) -> Sequence[Fact]:
        require_transition("application", application.status, ResearchStatus.REPORTED, TRANSITIONS)
        application.report_accepted_on = accepted_on
        transition(application, ResearchStatus.REPORTED, actor, "final report accepted")
        return (Reported(application),)

    return apply
