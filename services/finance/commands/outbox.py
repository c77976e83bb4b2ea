"""What a grant change reports, as the finance contract's events (services/contracts/
finance.py): the domain says what happened, this says it on the wire."""

from __future__ import annotations

from services.common.changes import announced
from services.common.events.envelope import Event
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
    return GrantV1(
        id=grant.id,
        version=grant.version,
        application_id=grant.application_id,
        case_number=grant.case_number,
        partnership_id=grant.partnership_id,
        type=grant.type.value,
        status=grant.status.value,
        iati_activity_status=grant.status.iati_code,
        decided_on=grant.decided_on,
        starts_on=grant.starts_on,
        ends_on=grant.ends_on,
        budget_number=budget.number,
        iati_budget_type=budget.type.iati_code,
        budget=[
            GrantBudgetLineV1(
                year=line.year,
                category=line.category.value,
                amount_minor=line.amount.minor,
                currency=line.amount.currency,
            )
            for line in budget.lines
        ],
        approved_minor=budget.total.minor,
        currency=BUDGET_CURRENCY,
    )


def status_changed(grant: Grant, fact: GrantStatusChanged) -> list[Event]:
    changed = GrantStatusChangedV1(
        id=grant.id,
        version=grant.version,
        partnership_id=grant.partnership_id,
        from_status=fact.from_status.value,
        to_status=fact.to_status.value,
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
    return ExpenseV1(
        id=expense.id,
        grant_id=grant.id,
        partnership_id=grant.partnership_id,
        version=expense.version,
        category=expense.category.value,
        incurred_on=expense.incurred_on,
        year=expense.year,
        amount_minor=amount.minor,
        currency=amount.currency,
        exchange_rate=rate,
        rate_date=rate_date,
        sek_minor=sek.minor,
        source=expense.source.value,
        source_ref=expense.source_ref,
        receipt_reference=expense.receipt_reference,
    )


def report_moved(grant: Grant, fact: ReportStatusChanged) -> FinancialReportStatusChangedV1:
    report = fact.report
    shown = lines_of(grant, report)
    return FinancialReportStatusChangedV1(
        id=report.id,
        grant_id=grant.id,
        partnership_id=grant.partnership_id,
        version=report.version,
        accounting_year=report.accounting_year,
        from_status=None if fact.from_status is None else fact.from_status.value,
        to_status=report.status.value,
        budget_minor=shown.budget_total.minor,
        actual_minor=shown.actual_total.minor,
        currency=BUDGET_CURRENCY,
        note=fact.note,
    )


def disbursement_paid(grant: Grant, fact: DisbursementPaid) -> DisbursementV1:
    paid = fact.disbursement
    if paid.paid_on is None:
        raise ValueError("a paid disbursement has its day")
    return DisbursementV1(
        id=paid.id,
        grant_id=grant.id,
        partnership_id=grant.partnership_id,
        report_id=paid.report_id,
        accounting_year=paid.accounting_year,
        amount_minor=paid.amount.minor,
        currency=paid.amount.currency,
        approved_on=paid.approved_on,
        paid_on=paid.paid_on,
        iati_transaction_type=paid.transaction_type,
    )
