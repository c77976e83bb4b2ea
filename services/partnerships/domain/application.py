"""Applications to a call: the proposal, its results chain and budget, and its lifecycle.

    draft ──submit──▶ submitted ──return──▶ returned ──resubmit──▶ submitted
                          │
                          ├──assess──▶ eligible ──decide──▶ approved
                          │                              ├─▶ approved_with_conditions
                          │                              └─▶ rejected
                          └──assess──▶ ineligible

Every transition is checked against this table and recorded in the audit trail (from → to,
actor, note); the commands turn the transitions other services care about into events.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, computed_field

from services.common.audit import Audited
from services.common.errors import BadUserInput
from services.common.money import BUDGET_CURRENCY, Money, money
from services.common.status_transitions import require_transition
from services.common.validation import clean_text
from services.common.vocabulary import CostCategory, Theme

from .call import ApplicationKind, Call
from .partnership import Partnership, PartnershipStatus, steering_group_gaps
from .person import Person

MAX_PROJECT_YEARS = 3
MAX_ITEMS = 50
"""Bound on every list in a proposal (outcomes, outputs, indicators, budget lines)."""

DURATION_MONTHS: Mapping[ApplicationKind, tuple[int, int]] = {
    # "About 1 year from approval" (docs/domain.md): a quarter either way is still about a year.
    ApplicationKind.INCEPTION: (9, 15),
    # "1–3 years of organisational capacity development".
    ApplicationKind.PROJECT: (12, 36),
    # The domain is silent; a steering group follows the project(s), so it runs as long.
    ApplicationKind.STEERING_GROUP: (12, 36),
}
ANY_DURATION = (1, 12 * MAX_PROJECT_YEARS)
"""What a draft may say before the type's own range is checked at submission."""


class ApplicationStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    ELIGIBLE = "eligible"
    INELIGIBLE = "ineligible"
    APPROVED = "approved"
    APPROVED_WITH_CONDITIONS = "approved_with_conditions"
    REJECTED = "rejected"


class Eligibility(StrEnum):
    ELIGIBLE = "eligible"
    INELIGIBLE = "ineligible"


class DecisionOutcome(StrEnum):
    APPROVED = "approved"
    APPROVED_WITH_CONDITIONS = "approved_with_conditions"
    REJECTED = "rejected"


TRANSITIONS: Mapping[ApplicationStatus, frozenset[ApplicationStatus]] = {
    ApplicationStatus.DRAFT: frozenset({ApplicationStatus.SUBMITTED}),
    ApplicationStatus.SUBMITTED: frozenset(
        {ApplicationStatus.RETURNED, ApplicationStatus.ELIGIBLE, ApplicationStatus.INELIGIBLE}
    ),
    ApplicationStatus.RETURNED: frozenset({ApplicationStatus.SUBMITTED}),
    ApplicationStatus.ELIGIBLE: frozenset(
        {
            ApplicationStatus.APPROVED,
            ApplicationStatus.APPROVED_WITH_CONDITIONS,
            ApplicationStatus.REJECTED,
        }
    ),
    ApplicationStatus.INELIGIBLE: frozenset(),
    ApplicationStatus.APPROVED: frozenset(),
    ApplicationStatus.APPROVED_WITH_CONDITIONS: frozenset(),
    ApplicationStatus.REJECTED: frozenset(),
}
EDITABLE = frozenset({ApplicationStatus.DRAFT, ApplicationStatus.RETURNED})


class Indicator(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    unit: str = ""
    baseline: str
    """Free text or a decimal written as text ("12.5"): never a float."""
    target: str


class Result(BaseModel):
    """A goal or an output: what is to be achieved and how it is measured."""

    model_config = ConfigDict(frozen=True)

    statement: str
    indicators: list[Indicator] = Field(default_factory=list)


class Outcome(Result):
    outputs: list[Result] = Field(default_factory=list)


class ResultsChain(BaseModel):
    """The LFA chain goal → outcomes → outputs; a draft may still be incomplete."""

    model_config = ConfigDict(frozen=True)

    goal: Result | None = None
    outcomes: list[Outcome] = Field(default_factory=list)


class BudgetLine(BaseModel):
    model_config = ConfigDict(frozen=True)

    year: int
    """Year of the project: 1, 2 or 3."""
    category: CostCategory
    amount: Money


class Decision(BaseModel):
    model_config = ConfigDict(frozen=True)

    outcome: DecisionOutcome
    conditions: str | None = None
    decided_at: datetime
    decided_by: str
    approved_budget: list[BudgetLine] = Field(default_factory=list)


class Application(Audited):
    partnership_id: str
    call_id: str
    type: ApplicationKind
    title: str
    duration_months: int
    project_area: str = ""
    sdgs: list[int] = Field(default_factory=list)
    theme: Theme
    results_chain: ResultsChain = Field(default_factory=ResultsChain)
    requested_budget: list[BudgetLine] = Field(default_factory=list)
    status: ApplicationStatus = ApplicationStatus.DRAFT
    case_number: str | None = None
    year: int
    """The year of the case number; until the first submission, the year the draft began."""
    submitted_on: date | None = None
    """The day of the first submission (when the case number was given)."""
    decision: Decision | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def sort_key(self) -> str:
        """Stored (derived, never read back) for lists: by case number, then drafts by age."""
        return self.case_number or f"draft {self.created_at.isoformat()}"


# --- the proposal: validated piece by piece, each error naming its field -------------------


def indicator(name: str, unit: str, baseline: str, target: str, field: str) -> Indicator:
    return Indicator(
        name=clean_text(name, f"{field}.name"),
        unit=clean_text(unit, f"{field}.unit", max_length=50, required=False),
        baseline=clean_text(baseline, f"{field}.baseline"),
        target=clean_text(target, f"{field}.target"),
    )


def _bounded(items: Sequence[object], field: str) -> None:
    if len(items) > MAX_ITEMS:
        raise BadUserInput(f"{field} has more than {MAX_ITEMS} entries", field=field)


def result(statement: str, indicators: Sequence[Indicator], field: str) -> Result:
    _bounded(indicators, f"{field}.indicators")
    return Result(
        statement=clean_text(statement, f"{field}.statement", max_length=1000),
        indicators=list(indicators),
    )


def outcome(
    statement: str, indicators: Sequence[Indicator], outputs: Sequence[Result], field: str
) -> Outcome:
    _bounded(outputs, f"{field}.outputs")
    base = result(statement, indicators, field)
    return Outcome(statement=base.statement, indicators=base.indicators, outputs=list(outputs))


def results_chain(goal: Result | None, outcomes: Sequence[Outcome]) -> ResultsChain:
    _bounded(outcomes, "resultsChain.outcomes")
    return ResultsChain(goal=goal, outcomes=list(outcomes))


def budget_line(
    year: int, category: CostCategory, amount: Decimal, currency: str, field: str
) -> BudgetLine:
    """One line in whole öre of SEK, above zero, in year 1, 2 or 3 of the project."""
    if not 1 <= year <= MAX_PROJECT_YEARS:
        raise BadUserInput(
            f"a budget line is for year 1 to {MAX_PROJECT_YEARS} of the project",
            field=f"{field}.year",
        )
    value = money(amount, currency, f"{field}.amount")
    if value.currency != BUDGET_CURRENCY:
        raise BadUserInput(
            f"budgets are in {BUDGET_CURRENCY}, not {value.currency}",
            field=f"{field}.amount.currency",
        )
    if value.minor <= 0:
        raise BadUserInput("a budget line is above zero", field=f"{field}.amount")
    return BudgetLine(year=year, category=category, amount=value)


def budget(lines: Sequence[BudgetLine], field: str) -> list[BudgetLine]:
    _bounded(lines, field)
    return list(lines)


def _duration(months: int) -> int:
    low, high = ANY_DURATION
    if not low <= months <= high:
        raise BadUserInput(f"the duration is {low} to {high} months", field="durationMonths")
    return months


def _sdgs(goals: Sequence[int]) -> list[int]:
    for goal in goals:
        if not 1 <= goal <= 17:
            raise BadUserInput(f"{goal} is not a Sustainable Development Goal (1–17)", field="sdgs")
    return sorted(set(goals))


@dataclass(frozen=True)
class Proposal:
    """The editable content of an application, validated; None leaves a field as it is."""

    type: ApplicationKind | None = None
    title: str | None = None
    duration_months: int | None = None
    project_area: str | None = None
    sdgs: list[int] | None = None
    theme: Theme | None = None
    results_chain: ResultsChain | None = None
    requested_budget: list[BudgetLine] | None = None

    def changes(self) -> dict[str, object]:
        return {k: v for k, v in vars(self).items() if v is not None}


def proposal(
    *,
    type: ApplicationKind | None = None,
    title: str | None = None,
    duration_months: int | None = None,
    project_area: str | None = None,
    sdgs: Sequence[int] | None = None,
    theme: Theme | None = None,
    results_chain: ResultsChain | None = None,
    requested_budget: Sequence[BudgetLine] | None = None,
) -> Proposal:
    return Proposal(
        type=type,
        title=clean_text(title, "title") if title is not None else None,
        duration_months=_duration(duration_months) if duration_months is not None else None,
        project_area=(
            clean_text(project_area, "projectArea", max_length=500, required=False)
            if project_area is not None
            else None
        ),
        sdgs=_sdgs(sdgs) if sdgs is not None else None,
        theme=theme,
        results_chain=results_chain,
        requested_budget=(
            budget(requested_budget, "requestedBudget") if requested_budget is not None else None
        ),
    )


def _check_applies(
    kind: ApplicationKind, call: Call, partnership: Partnership, partnership_field: str
) -> None:
    if partnership.status is PartnershipStatus.CLOSED:
        raise BadUserInput(
            f"the partnership {partnership.title!r} is closed", field=partnership_field
        )
    if kind not in call.allowed_types:
        allowed = ", ".join(t.value for t in call.allowed_types)
        raise BadUserInput(
            f"the call {call.title!r} takes {allowed} applications, not {kind.value}",
            field="type",
        )


def start(
    application_id: str,
    content: Proposal,
    *,
    partnership: Partnership,
    call: Call,
    today: date,
    actor: str,
) -> Application:
    """A new draft; it may be incomplete, but it must fit its call and partnership."""
    missing = [
        f for f in ("type", "title", "duration_months", "theme") if f not in content.changes()
    ]
    if content.type is None or missing:
        raise ValueError(f"a new application needs {', '.join(missing)}")
    _check_applies(content.type, call, partnership, "partnershipId")
    application = Application(
        id=application_id,
        version=1,
        partnership_id=partnership.id,
        call_id=call.id,
        year=today.year,
        **content.changes(),
    )
    application.record(actor, "drafted", to_status=application.status.value)
    return application


def edit(actor: str, content: Proposal, call: Call) -> Callable[[Application], None]:
    """Changes a draft or returned application (others are with ICLD, or decided)."""
    changes = content.changes()
    if content.type is not None and content.type not in call.allowed_types:
        allowed = ", ".join(t.value for t in call.allowed_types)
        raise BadUserInput(
            f"the call {call.title!r} takes {allowed} applications, not {content.type.value}",
            field="type",
        )

    def apply(application: Application) -> None:
        if application.status not in EDITABLE:
            raise BadUserInput(
                f"a {application.status.value} application cannot be edited:"
                " only drafts and returned applications can",
                field="status",
                status=application.status.value,
            )
        for key, value in changes.items():
            setattr(application, key, value)
        application.record(actor, "edited", note=", ".join(sorted(changes)) or None)

    return apply


# --- the lifecycle ------------------------------------------------------------------------


def _transition(
    application: Application,
    to_status: ApplicationStatus,
    actor: str,
    action: str,
    note: str | None,
) -> None:
    from_status = application.status
    require_transition("application", from_status, to_status, TRANSITIONS)
    application.status = to_status
    application.record(
        actor, action, from_status=from_status.value, to_status=to_status.value, note=note
    )


def _note(note: str | None, *, required: bool, why: str = "") -> str | None:
    if note is None or not note.strip():
        if required:
            raise BadUserInput(f"a note is required {why}".strip(), field="note")
        return None
    return clean_text(note, "note", max_length=2000)


def _check_budget_years(lines: Sequence[BudgetLine], duration_months: int, field: str) -> None:
    years = math.ceil(duration_months / 12)
    for i, line in enumerate(lines):
        if line.year > years:
            raise BadUserInput(
                f"year {line.year} is beyond the {duration_months} months of the application",
                field=f"{field}[{i}].year",
            )


def check_submission(
    application: Application,
    *,
    call: Call,
    partnership: Partnership,
    people: Mapping[str, Person],
    today: date,
) -> None:
    """Every rule of a (re)submission, checked before anything is written."""
    require_transition("application", application.status, ApplicationStatus.SUBMITTED, TRANSITIONS)
    # A returned application goes back in even after the call closed: ICLD asked for the
    # corrections, so the deadline that counts is the one the first submission met.
    if application.status is ApplicationStatus.DRAFT and not call.is_open(today):
        raise BadUserInput(
            f"the call {call.title!r} is not open on {today.isoformat()}: it takes"
            f" applications from {call.opens_on.isoformat()} to {call.open_until.isoformat()}",
            field="callId",
        )
    _check_applies(application.type, call, partnership, "partnershipId")
    low, high = DURATION_MONTHS[application.type]
    if not low <= application.duration_months <= high:
        raise BadUserInput(
            f"a {application.type.value} application runs {low} to {high} months,"
            f" not {application.duration_months}",
            field="durationMonths",
        )
    if application.type is ApplicationKind.PROJECT:
        gaps = steering_group_gaps(partnership, people)
        if gaps:
            raise BadUserInput(
                "a project needs a steering group with, from each partner, a politician of the"
                " majority, one of the opposition and a senior civil servant; missing: "
                + "; ".join(gaps),
                field="steeringGroup",
                missing=gaps,
            )
    chain = application.results_chain
    if chain.goal is None:
        raise BadUserInput("the results chain needs a goal", field="resultsChain.goal")
    if not chain.outcomes:
        raise BadUserInput(
            "the results chain needs at least one outcome", field="resultsChain.outcomes"
        )
    for i, item in enumerate(chain.outcomes):
        # An outcome is reached through outputs: each needs at least one (LFA).
        if not item.outputs:
            raise BadUserInput(
                "each outcome needs at least one output",
                field=f"resultsChain.outcomes[{i}].outputs",
            )
    if not application.requested_budget:
        raise BadUserInput("the budget needs at least one line", field="requestedBudget")
    _check_budget_years(
        application.requested_budget, application.duration_months, "requestedBudget"
    )


def submit(
    actor: str,
    note: str | None,
    *,
    call: Call,
    partnership: Partnership,
    people: Mapping[str, Person],
    today: date,
    case_number: str | None,
) -> Callable[[Application], None]:
    """(Re)submits; a first submission takes `case_number`, a resubmission keeps its own."""
    clean_note = _note(note, required=False)

    def apply(application: Application) -> None:
        check_submission(
            application, call=call, partnership=partnership, people=people, today=today
        )
        resubmission = application.status is ApplicationStatus.RETURNED
        if application.case_number is None:
            if case_number is None:
                raise ValueError("a first submission needs a case number")
            application.case_number = case_number
            application.year = int(case_number[:4])
            application.submitted_on = today
        _transition(
            application,
            ApplicationStatus.SUBMITTED,
            actor,
            "resubmitted" if resubmission else "submitted",
            clean_note,
        )

    return apply


def return_for_corrections(actor: str, note: str | None) -> Callable[[Application], str]:
    """Returns the application to its applicants; the change answers the note they get."""
    clean_note = _note(note, required=True, why="to tell the applicants what to correct")

    def apply(application: Application) -> str:
        _transition(application, ApplicationStatus.RETURNED, actor, "returned", clean_note)
        return clean_note or ""

    return apply


def assess(actor: str, outcome: Eligibility, note: str | None) -> Callable[[Application], None]:
    clean_note = _note(
        note,
        required=outcome is Eligibility.INELIGIBLE,
        why="to say why the application is ineligible",
    )
    to_status = ApplicationStatus(outcome.value)

    def apply(application: Application) -> None:
        _transition(application, to_status, actor, "assessed", clean_note)

    return apply


def decide(
    actor: str,
    outcome: DecisionOutcome,
    *,
    conditions: str | None,
    approved_budget: Sequence[BudgetLine] | None,
    note: str | None,
    at: datetime | None = None,
) -> Callable[[Application], None]:
    """Approves (the requested budget unless adjusted lines are given) or rejects."""
    clean_note = _note(note, required=False)
    if outcome is DecisionOutcome.APPROVED_WITH_CONDITIONS:
        if conditions is None or not conditions.strip():
            raise BadUserInput(
                "an approval with conditions states the conditions", field="conditions"
            )
        clean_conditions: str | None = clean_text(conditions, "conditions", max_length=4000)
    elif conditions is not None and conditions.strip():
        raise BadUserInput("only an approval with conditions has conditions", field="conditions")
    else:
        clean_conditions = None
    adjusted: list[BudgetLine] | None = None
    if approved_budget is not None:
        if outcome is DecisionOutcome.REJECTED:
            raise BadUserInput("a rejection approves no budget", field="approvedBudget")
        if not approved_budget:
            raise BadUserInput(
                "an approved budget has at least one line (leave it out to approve the"
                " requested budget)",
                field="approvedBudget",
            )
        adjusted = budget(approved_budget, "approvedBudget")
    decided_at = at or datetime.now(UTC)

    def apply(application: Application) -> None:
        require_transition(
            "application", application.status, ApplicationStatus(outcome.value), TRANSITIONS
        )
        if outcome is DecisionOutcome.REJECTED:
            granted: list[BudgetLine] = []
        elif adjusted is None:
            granted = list(application.requested_budget)
        else:
            _check_budget_years(adjusted, application.duration_months, "approvedBudget")
            granted = adjusted
        _transition(application, ApplicationStatus(outcome.value), actor, "decided", clean_note)
        application.decision = Decision(
            outcome=outcome,
            conditions=clean_conditions,
            decided_at=decided_at,
            decided_by=actor,
            approved_budget=granted,
        )

    return apply
