"""Drafting applications, editing and submitting them, and ICLD's return, assessment and
decision.

The proposal comes as given (`ProposalFields`) and is checked here, after the caller is known
to act for the partnership, so a caller without the right learns nothing from its errors.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pymongo.errors import DuplicateKeyError

from services.common.auth import STAFF, Principal
from services.common.changes import announced, unannounced
from services.common.errors import Busy, Conflict, NotFound
from services.common.events.envelope import Event
from services.common.events.payloads import amount_fields, payload
from services.common.idempotency import new_id, replaying
from services.common.store import Change
from services.common.vocabulary import CostCategory, Theme
from services.contracts.partnerships import (
    APPLICATION_DECIDED,
    APPLICATION_RETURNED,
    APPLICATION_SUBMITTED,
    ApplicationDecidedV1,
    ApplicationReturnedV1,
    ApplicationSubmittedV1,
    BudgetLineV1,
)

from ..domain.access import require_acts_for_partnership
from ..domain.application import (
    Application,
    BudgetLine,
    DecisionOutcome,
    Eligibility,
    Indicator,
    Proposal,
    Result,
    ResultsChain,
    assess,
    budget_line,
    check_submission,
    decide,
    edit,
    indicator,
    outcome,
    proposal,
    result,
    results_chain,
    return_for_corrections,
    start,
    submit,
)
from ..domain.call import ApplicationKind
from ..domain.partnership import Partnership
from ..repositories import Repositories

SUBMIT_ATTEMPTS = 5


# --- the proposal as given ----------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorFields:
    name: str
    unit: str
    baseline: str
    target: str


@dataclass(frozen=True)
class ResultFields:
    statement: str
    indicators: Sequence[IndicatorFields] = ()


@dataclass(frozen=True)
class OutcomeFields:
    statement: str
    indicators: Sequence[IndicatorFields] = ()
    outputs: Sequence[ResultFields] = ()


@dataclass(frozen=True)
class ResultsChainFields:
    goal: ResultFields | None = None
    outcomes: Sequence[OutcomeFields] = ()


@dataclass(frozen=True)
class BudgetLineFields:
    year: int
    category: CostCategory
    amount: Decimal
    currency: str


@dataclass(frozen=True)
class ProposalFields:
    """The editable content; None leaves a field as it is (a new draft needs type, title,
    duration and theme)."""

    type: ApplicationKind | None = None
    title: str | None = None
    duration_months: int | None = None
    theme: Theme | None = None
    project_area: str | None = None
    sdgs: Sequence[int] | None = None
    results_chain: ResultsChainFields | None = None
    requested_budget: Sequence[BudgetLineFields] | None = None


def _indicators(items: Sequence[IndicatorFields], field: str) -> list[Indicator]:
    return [
        indicator(i.name, i.unit, i.baseline, i.target, f"{field}.indicators[{n}]")
        for n, i in enumerate(items)
    ]


def _result(item: ResultFields, field: str) -> Result:
    return result(item.statement, _indicators(item.indicators, field), field)


def _chain(chain: ResultsChainFields) -> ResultsChain:
    goal = None if chain.goal is None else _result(chain.goal, "resultsChain.goal")
    outcomes = []
    for n, item in enumerate(chain.outcomes):
        field = f"resultsChain.outcomes[{n}]"
        outputs = [_result(o, f"{field}.outputs[{m}]") for m, o in enumerate(item.outputs)]
        outcomes.append(
            outcome(item.statement, _indicators(item.indicators, field), outputs, field)
        )
    return results_chain(goal, outcomes)


def _lines(lines: Sequence[BudgetLineFields], field: str) -> list[BudgetLine]:
    return [
        budget_line(line.year, line.category, line.amount, line.currency, f"{field}[{n}]")
        for n, line in enumerate(lines)
    ]


def _proposal(data: ProposalFields) -> Proposal:
    return proposal(
        type=data.type,
        title=data.title,
        duration_months=data.duration_months,
        project_area=data.project_area,
        sdgs=data.sdgs,
        theme=data.theme,
        results_chain=None if data.results_chain is None else _chain(data.results_chain),
        requested_budget=(
            None
            if data.requested_budget is None
            else _lines(data.requested_budget, "requestedBudget")
        ),
    )


# --- what other services learn ------------------------------------------------------------


def _budget_v1(lines: Sequence[BudgetLine]) -> list[BudgetLineV1]:
    return [payload(BudgetLineV1, line, **amount_fields(line.amount)) for line in lines]


def _submitted_v1(application: Application) -> ApplicationSubmittedV1:
    return payload(
        ApplicationSubmittedV1,
        application,
        case_number=application.case_number or "",
        requested_budget=_budget_v1(application.requested_budget),
    )


def _decided_v1(application: Application, partnership: Partnership) -> ApplicationDecidedV1:
    decision = application.decision
    if decision is None:
        raise ValueError(f"application {application.id!r} has no decision to announce")
    return payload(
        ApplicationDecidedV1,
        application,
        case_number=application.case_number or "",
        partnership_kind=partnership.kind,
        countries=partnership.countries,
        outcome=decision.outcome,
        conditions=decision.conditions,
        approved_budget=_budget_v1(decision.approved_budget),
    )


# --- the operations -----------------------------------------------------------------------


def _require_version(application: Application, version: int) -> None:
    """The store checks again in its write; this spares a case number on a stale request."""
    if application.version != version:
        raise Conflict(
            f"Application {application.id!r} is at version {application.version}, not {version}:"
            " reload and retry",
            field="version",
        )


async def _partnership_of(repos: Repositories, application: Application) -> Partnership:
    partnership = await repos.partnerships.get(application.partnership_id)
    if partnership is None:
        raise NotFound(
            f"the application's partnership {application.partnership_id!r} does not exist",
            field="partnershipId",
        )
    return partnership


async def create_application(
    repos: Repositories,
    actor: Principal,
    *,
    partnership_id: str,
    call_id: str,
    content: ProposalFields,
    today: date,
) -> Application:
    partnership = await repos.partnerships.require(partnership_id, "partnershipId")
    require_acts_for_partnership(actor, partnership)
    checked = _proposal(content)
    call = await repos.calls.require(call_id, "callId")
    application = start(
        new_id(), checked, partnership=partnership, call=call, today=today, actor=actor.sub
    )
    return await repos.applications.create(application)


async def update_application(
    repos: Repositories,
    actor: Principal,
    application_id: str,
    version: int,
    content: ProposalFields,
) -> Application:
    current = await repos.applications.require(application_id)
    require_acts_for_partnership(actor, await _partnership_of(repos, current))
    checked = _proposal(content)
    call = await repos.calls.require(current.call_id, "callId")
    change = edit(actor.sub, checked, call)
    return await repos.applications.update(application_id, unannounced(change), version)


async def submit_application(
    repos: Repositories,
    actor: Principal,
    application_id: str,
    version: int,
    *,
    note: str | None,
    today: date,
) -> Application:
    """A first submission takes the year's next case number, only once every rule holds."""
    current = await repos.applications.require(application_id)
    partnership = await _partnership_of(repos, current)
    require_acts_for_partnership(actor, partnership)
    call = await repos.calls.require(current.call_id, "callId")
    people = await repos.people.get_many([m.person_id for m in partnership.steering_group])
    if not replaying():  # a retry of a submission made: these held before it
        _require_version(current, version)
        check_submission(current, call=call, partnership=partnership, people=people, today=today)
    for _ in range(SUBMIT_ATTEMPTS):
        number = None if current.case_number else await repos.case_numbers.take(today.year)
        transition = submit(
            actor.sub,
            note,
            call=call,
            partnership=partnership,
            people=people,
            today=today,
            case_number=number,
        )
        try:
            return await repos.applications.update(
                application_id, _announced_submission(transition), version
            )
        except DuplicateKeyError:
            # The unique index caught a number given before (a counter behind the data,
            # e.g. restored from an older backup): move the counter past it and retry.
            await repos.case_numbers.skip_past_used(today.year)
    raise Busy("no free case number could be taken: retry", field="caseNumber")


def _announced_submission(transition: Callable[[Application], None]) -> Change[Application]:
    return announced(transition, lambda a, _: [APPLICATION_SUBMITTED.new(a.id, _submitted_v1(a))])


async def return_application(
    repos: Repositories, actor: Principal, application_id: str, version: int, *, note: str
) -> Application:
    actor.require(*STAFF)
    transition = return_for_corrections(actor.sub, note)
    change = announced(transition, _returned)
    return await repos.applications.update(application_id, change, version)


def _returned(application: Application, note_to_applicants: str) -> list[Event]:
    returned = payload(
        ApplicationReturnedV1,
        application,
        case_number=application.case_number or "",
        note=note_to_applicants,
    )
    return [APPLICATION_RETURNED.new(application.id, returned)]


async def assess_application(
    repos: Repositories,
    actor: Principal,
    application_id: str,
    version: int,
    *,
    outcome: Eligibility,
    note: str | None,
) -> Application:
    actor.require(*STAFF)
    change = assess(actor.sub, outcome, note)
    return await repos.applications.update(application_id, unannounced(change), version)


async def decide_application(
    repos: Repositories,
    actor: Principal,
    application_id: str,
    version: int,
    *,
    outcome: DecisionOutcome,
    conditions: str | None,
    approved_budget: Sequence[BudgetLineFields] | None,
    note: str | None,
) -> Application:
    """Finance learns the decision with the partnership's kind and countries."""
    actor.require(*STAFF)
    adjusted = None if approved_budget is None else _lines(approved_budget, "approvedBudget")
    current = await repos.applications.require(application_id)
    partnership = await _partnership_of(repos, current)
    decision = decide(
        actor.sub, outcome, conditions=conditions, approved_budget=adjusted, note=note
    )
    change = announced(
        decision, lambda a, _: [APPLICATION_DECIDED.new(a.id, _decided_v1(a, partnership))]
    )
    return await repos.applications.update(application_id, change, version)
