"""The research grant: what ICLD pays a university for a research project or fieldwork.

Opened when training's advisory-group decision approves a research application, with the
approved budget. The call's cap for the application's kind comes with the decision; a
decision over it, or with a budget finance cannot book (not SEK, an unknown category, a year
outside the duration, nothing at all), is the producer's bug: the grant is not opened, the
event is refused (`DecisionRefused`) and dead-lettered with the reason, where operators see
it and replay it once the producer has been corrected. Money is never promised above the cap.

The decision is the agreement (the call's terms are its conditions): the grant opens in
implementation, its period running the decided months from the decision day. It is paid in
two parts, each approved by an officer and then paid:

- the **advance**, `ADVANCE_PERCENT` of the budget (rounded down to the öre), once opened:
  research needs its money before the work, not in arrears as partnerships are reimbursed;
- the **final payment**, the rest, only once officers accepted the final report (training's
  RESEARCH_APPLICATION_REPORTED moves the grant to finalisation) and the advance is paid:
  what is held back is the incentive to report. Paying it closes the grant.

Everything lives in one document, so the order and the single payment of each part hold
under concurrent requests (the store's compare-and-swap).
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import Field, computed_field

from services.common.errors import BadUserInput, Conflict, NotFound
from services.common.money import BUDGET_CURRENCY, Money
from services.common.vocabulary import CostCategory

from . import SYSTEM_ACTOR, NothingToApply
from .grant import (
    Budget,
    BudgetLine,
    BudgetType,
    CaseGrant,
    DecidedLine,
    DisbursementStatus,
    GrantStatus,
    Payment,
    mark_paid,
    period_end,
    require_made,
    total_of,
)

RESEARCH_GRANT_NAMESPACE = uuid.UUID("0b8f5c1e-6a0d-4c4e-9a51-2f7d3e8b9c40")
ADVANCE_PERCENT = 80
APPROVED = "approved"
MAX_YEARS = 3


def research_grant_id_for(application_id: str) -> str:
    """The grant of a research application: derived, so it is opened at most once."""
    return str(uuid.uuid5(RESEARCH_GRANT_NAMESPACE, f"research-grant:{application_id}"))


class GrantKind(StrEnum):
    PARTNERSHIP = "partnership"
    RESEARCH = "research"


class DecisionRefused(ValueError):
    """A research decision finance will not open a grant from (the producer's bug)."""


class PaymentStage(StrEnum):
    ADVANCE = "advance"
    FINAL = "final"


class ResearchPayment(Payment):
    stage: PaymentStage


@dataclass(frozen=True)
class ResearchDecision:
    """Training's decision on a research application: what finance needs to open its grant."""

    application_id: str
    case_number: str
    call_id: str
    research_kind: str
    outcome: str
    principal_investigator_id: str
    organisation_id: str
    partnership_ids: Sequence[str]
    network_ids: Sequence[str]
    countries: Sequence[str]
    themes: Sequence[str]
    max_amount_minor: int
    approved_budget: Sequence[DecidedLine]
    duration_months: int


class ResearchGrant(CaseGrant):
    """A research grant; stored with the partnership grants, told apart by `kind`."""

    kind: Literal[GrantKind.RESEARCH] = GrantKind.RESEARCH
    call_id: str
    research_kind: str
    """project or fieldwork."""
    principal_investigator_id: str
    organisation_id: str
    """The university: its coordinators read the grant."""
    partnership_ids: list[str]
    network_ids: list[str]
    themes: list[str]
    cap: Money
    """The call's maximum for the kind, at the decision."""
    status: GrantStatus = GrantStatus.IMPLEMENTATION
    reported_on: date | None = None
    """The day officers accepted the final report."""
    payments: list[ResearchPayment] = Field(default_factory=list)

    # --- derived and stored for queries (never read back) ---------------------------------

    @computed_field  # type: ignore[prop-decorator]
    @property
    def ledger(self) -> list[dict[str, Any]]:
        """As a partnership grant's (grant.Grant.ledger): committed by the calendar year its
        grant year starts, disbursed by payment day; nothing is spent in finance's books
        (the university accounts for it)."""
        entries: list[dict[str, Any]] = []
        for line in self.budget.lines:
            start = self.starts_on.year + line.year - 1
            entries.append({"kind": "committed", "year": start, "minor": line.amount.minor})
        for paid in self.payments:
            if paid.paid_on is not None:
                entries.append(
                    {"kind": "disbursed", "year": paid.paid_on.year, "minor": paid.amount.minor}
                )
        return entries

    # --- reading ----------------------------------------------------------------------------

    @property
    def advance_amount(self) -> Money:
        return Money(minor=self.approved.minor * ADVANCE_PERCENT // 100, currency=BUDGET_CURRENCY)

    @property
    def final_amount(self) -> Money:
        return Money(
            minor=self.approved.minor - self.advance_amount.minor, currency=BUDGET_CURRENCY
        )

    def payment(self, stage: PaymentStage) -> ResearchPayment | None:
        return next((p for p in self.payments if p.stage is stage), None)

    @property
    def disbursed(self) -> Money:
        return total_of(p.amount for p in self.payments if p.paid_on is not None)

    @property
    def remaining(self) -> Money:
        """The budget less every payment approved or paid."""
        committed = total_of(p.amount for p in self.payments)
        return Money(minor=self.approved.minor - committed.minor, currency=BUDGET_CURRENCY)


def _lines(decision: ResearchDecision) -> list[BudgetLine]:
    years = math.ceil(decision.duration_months / 12)
    lines = []
    for i, line in enumerate(decision.approved_budget):
        where = f"approved_budget[{i}]"
        if line.currency != BUDGET_CURRENCY:
            raise DecisionRefused(f"{where}: in {line.currency}, not {BUDGET_CURRENCY}")
        if line.category not in {c.value for c in CostCategory}:
            raise DecisionRefused(f"{where}: no cost category {line.category!r}")
        if not 1 <= line.year <= years:
            raise DecisionRefused(f"{where}: year {line.year} outside the {years} year(s)")
        if line.amount_minor <= 0:
            raise DecisionRefused(f"{where}: an amount above zero")
        lines.append(
            BudgetLine(
                year=line.year,
                category=CostCategory(line.category),
                amount=Money(minor=line.amount_minor, currency=BUDGET_CURRENCY),
            )
        )
    return lines


def from_research_decision(decision: ResearchDecision, decided_on: date) -> ResearchGrant:
    """The grant of an approved research application; `DecisionRefused` when the decision
    breaks what a research grant is (see the module's docstring)."""
    if decision.outcome != APPROVED:
        raise ValueError(f"a {decision.outcome} research application has no grant")
    if not 1 <= decision.duration_months <= 12 * MAX_YEARS:
        raise DecisionRefused(f"a research grant runs 1–{12 * MAX_YEARS} months")
    lines = _lines(decision)
    if not lines:
        raise DecisionRefused("an approved research application has a budget")
    total = sum(line.amount.minor for line in lines)
    if total > decision.max_amount_minor:
        raise DecisionRefused(
            f"the approved budget ({total} öre) is above the call's cap"
            f" ({decision.max_amount_minor} öre) for {decision.research_kind} grants"
        )
    return ResearchGrant(
        id=research_grant_id_for(decision.application_id),
        application_id=decision.application_id,
        case_number=decision.case_number,
        call_id=decision.call_id,
        research_kind=decision.research_kind,
        principal_investigator_id=decision.principal_investigator_id,
        organisation_id=decision.organisation_id,
        partnership_ids=list(decision.partnership_ids),
        network_ids=list(decision.network_ids),
        countries=list(decision.countries),
        themes=list(decision.themes),
        cap=Money(minor=decision.max_amount_minor, currency=BUDGET_CURRENCY),
        duration_months=decision.duration_months,
        decided_on=decided_on,
        starts_on=decided_on,
        ends_on=period_end(decided_on, decision.duration_months),
        budgets=[
            Budget(
                number=1,
                type=BudgetType.ORIGINAL,
                lines=lines,
                adopted_at=datetime.now(UTC),
                adopted_by="decision " + decision.case_number,
            )
        ],
    )


# --- changes --------------------------------------------------------------------------------


def opened(grant: ResearchGrant) -> None:
    """Records the opening of a grant just created (version 1); another delivery of the
    decision finds the grant and changes nothing."""
    if grant.version != 1:
        raise NothingToApply
    grant.record(SYSTEM_ACTOR, "opened", to_status=grant.status.value)


def reported(grant: ResearchGrant, accepted_on: date) -> None:
    """The final report accepted: the grant moves to finalisation and its final payment can
    be approved. A second report event changes nothing."""
    if grant.reported_on is not None:
        raise NothingToApply
    grant.reported_on = accepted_on
    note = f"final report accepted on {accepted_on.isoformat()}"
    if grant.status is GrantStatus.IMPLEMENTATION:
        grant.status = GrantStatus.FINALISATION
        grant.record(
            SYSTEM_ACTOR, "status changed", from_status=GrantStatus.IMPLEMENTATION.value,
            to_status=GrantStatus.FINALISATION.value, note=note,
        )  # fmt: skip
    else:
        grant.record(SYSTEM_ACTOR, "reported", note=note)


def approve_payment(
    grant: ResearchGrant, actor: str, payment_id: str, stage: PaymentStage, today: date
) -> ResearchPayment:
    """Approves the advance or the final payment, for the amount the rules give."""
    existing = grant.payment(stage)
    if existing is not None:
        raise Conflict(
            f"the {stage.value} payment is approved already ({existing.id})",
            field="stage",
            paymentId=existing.id,
        )
    if stage is PaymentStage.ADVANCE:
        if grant.status is not GrantStatus.IMPLEMENTATION and grant.reported_on is None:
            raise BadUserInput(
                f"the grant is {grant.status.value}: the advance is paid to an open grant",
                field="stage",
            )
        amount = grant.advance_amount
    else:
        if grant.reported_on is None:
            raise BadUserInput(
                "the final payment follows the final report, which officers have not accepted",
                field="stage",
            )
        advance = grant.payment(PaymentStage.ADVANCE)
        if advance is None or advance.paid_on is None:
            raise BadUserInput("the final payment follows the paid advance", field="stage")
        amount = grant.final_amount
    payment = ResearchPayment(
        id=payment_id, stage=stage, amount=amount, approved_on=today, approved_by=actor
    )
    grant.payments = [*grant.payments, payment]
    grant.record(
        actor,
        f"{stage.value} payment approved",
        to_status=DisbursementStatus.APPROVED.value,
        note=f"{payment_id}: {amount.amount} SEK",
    )
    return payment


def pay(grant: ResearchGrant, actor: str, payment_id: str, paid_on: date, today: date) -> None:
    """Records a payment made; the final one paid closes the grant."""
    require_made(paid_on, today)
    found = next((p for p in grant.payments if p.id == payment_id), None)
    if found is None:
        raise NotFound(f"the grant has no payment {payment_id!r}", field="paymentId")
    paid = mark_paid(found, "payment", "paymentId", actor, paid_on)
    grant.payments = [paid if p.id == payment_id else p for p in grant.payments]
    grant.record(
        actor,
        f"{found.stage.value} payment paid",
        from_status=DisbursementStatus.APPROVED.value,
        to_status=DisbursementStatus.PAID.value,
        note=f"{payment_id}: {paid.amount.amount} SEK",
    )
    if found.stage is PaymentStage.FINAL:
        from_status, grant.status = grant.status, GrantStatus.CLOSED
        grant.record(actor, "status changed", from_status=from_status.value,
                     to_status=GrantStatus.CLOSED.value, note="final payment paid")  # fmt: skip
