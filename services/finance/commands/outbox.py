"""What a grant change reports, as the finance contract's events (services/contracts/
finance.py): the domain says what happened, this says it on the wire."""

from __future__ import annotations

from services.common.changes import announced
from services.common.events.envelope import Event
from services.common.events.payloads import amount_fields, payload
from services.common.money import BUDGET_CURRENCY
from services.common.store import Change
from services.contracts.finance import (
    DISBURSEMENT_PAID,
    EXPENSE_RECORDED,
    FINANCIAL_REPORT_STATUS_CHANGED,
    GRANT_CLOSED,
    GRANT_OPENED,
    GRANT_REVISED,
    GRANT_STATUS_CHANGED,
    DisbursementV1,
    ExpenseV1,
    FinancialReportStatusChangedV1,
    GrantBudgetLineV1,
    GrantStatusChangedV1,
    GrantV1,
)

from ..domain.facts import (
    DisbursementPaid,
    ExpenseRecorded,
    GrantChange,
    GrantFact,
    GrantOpened,
    GrantRevised,
    GrantStatusChanged,
    ReportStatusChanged,
)
from ..domain.grant import Expense, Grant, GrantStatus
from ..domain.reports import lines_of


def emitting(change: GrantChange) -> Change[Grant]:
    """The store's change: the grant's, with its facts as outbox events (services/common/
    changes.py)."""
    return announced(
        change, lambda grant, facts: [event for fact in facts for event in events_of(grant, fact)]
    )


def events_of(grant: Grant, fact: GrantFact) -> list[Event]:
    """The events of one fact; `grant` as the change left it."""
    match fact:
        case GrantOpened(grant=opened):
            return [GRANT_OPENED.new(opened.id, snapshot(opened))]
        case GrantStatusChanged():
            return status_changed(grant, fact)
        case GrantRevised():
            return [GRANT_REVISED.new(grant.id, snapshot(grant))]
        case ExpenseRecorded(expense=expense):
            return [EXPENSE_RECORDED.new(expense.id, expense_recorded(grant, expense))]
        case ReportStatusChanged():
            return [FINANCIAL_REPORT_STATUS_CHANGED.new(fact.report.id, report_moved(grant, fact))]
        case DisbursementPaid():
            return [DISBURSEMENT_PAID.new(fact.disbursement.id, disbursement_paid(grant, fact))]


def snapshot(grant: Grant) -> GrantV1:
    budget = grant.budget
    return payload(
        GrantV1,
        grant,
        iati_activity_status=grant.status.iati_code,
        budget_number=budget.number,
        iati_budget_type=budget.type.iati_code,
        budget=[
            payload(GrantBudgetLineV1, line, **amount_fields(line.amount)) for line in budget.lines
        ],
        approved_minor=budget.total.minor,
        currency=BUDGET_CURRENCY,
    )


def status_changed(grant: Grant, fact: GrantStatusChanged) -> list[Event]:
    changed = payload(
        GrantStatusChangedV1,
        grant,
        from_status=fact.from_status,
        to_status=fact.to_status,
        iati_activity_status=fact.to_status.iati_code,
        note=fact.note,
    )
    events = [GRANT_STATUS_CHANGED.new(grant.id, changed)]
    if fact.to_status is GrantStatus.CLOSED:
        events.append(GRANT_CLOSED.new(grant.id, snapshot(grant)))
    return events


def expense_recorded(grant: Grant, expense: Expense) -> ExpenseV1:
    amount, sek, rate, rate_date = (
        expense.amount,
        expense.sek,
        expense.exchange_rate,
        expense.rate_date,
    )
    if amount is None or sek is None or rate is None or rate_date is None:
        raise ValueError("a recorded expense has its amounts")
    return payload(
        ExpenseV1,
        expense,
        grant_id=grant.id,
        partnership_id=grant.partnership_id,
        **amount_fields(amount),
        sek_minor=sek.minor,
    )


def report_moved(grant: Grant, fact: ReportStatusChanged) -> FinancialReportStatusChangedV1:
    report = fact.report
    shown = lines_of(grant, report)
    return payload(
        FinancialReportStatusChangedV1,
        report,
        grant_id=grant.id,
        partnership_id=grant.partnership_id,
        from_status=fact.from_status,
        to_status=report.status,
        budget_minor=shown.budget_total.minor,
        actual_minor=shown.actual_total.minor,
        currency=BUDGET_CURRENCY,
        note=fact.note,
    )


def disbursement_paid(grant: Grant, fact: DisbursementPaid) -> DisbursementV1:
    paid = fact.disbursement
    if paid.paid_on is None:
        raise ValueError("a paid disbursement has its day")
    return payload(
        DisbursementV1,
        paid,
        grant_id=grant.id,
        partnership_id=grant.partnership_id,
        **amount_fields(paid.amount),
        iati_transaction_type=paid.transaction_type,
    )
