"""Financial reports, one per year of the grant, and the disbursements paid against them.

    draft ──submit──▶ submitted ──control──▶ in_control ──approve──▶ approved
                          │                       │
                          └────────reopen─────────┴──▶ reopened ──submit──▶ submitted

Coordinators open and submit the reports of their partnerships' grants; officers take them
into control, approve or reopen them. A report is submitted in arrears — once its year has
ended — with no draft expense left in the year; submission freezes its budget-vs-actual
lines (the year's expenses and lines cannot change until ICLD reopens it).

Money is paid in arrears, against an approved report: one disbursement per report (IATI
TransactionType 7, Reimbursement), approved by an officer and then paid. It is never above
the report's approved actuals nor above what remains of the grant (the budget in force less
every disbursement approved or paid). A second disbursement for the same report is a
CONFLICT naming the first (`extensions.disbursementId`), also when the requests race: the
grant document holds its disbursements, and the store's compare-and-swap lets one writer in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime

from services.common.errors import BadUserInput, Conflict, NotFound
from services.common.money import BUDGET_CURRENCY, Money
from services.common.status_transitions import require_transition
from services.common.validation import clean_text

from .facts import DisbursementPaid, GrantChange, GrantFact, ReportStatusChanged
from .grant import (
    BOOKABLE,
    Disbursement,
    DisbursementStatus,
    ExpenseStatus,
    FinancialReport,
    Grant,
    ReportStatus,
    mark_paid,
    replace,
    require_made,
)

TRANSITIONS: Mapping[ReportStatus, frozenset[ReportStatus]] = {
    ReportStatus.DRAFT: frozenset({ReportStatus.SUBMITTED}),
    ReportStatus.SUBMITTED: frozenset({ReportStatus.IN_CONTROL, ReportStatus.REOPENED}),
    ReportStatus.IN_CONTROL: frozenset({ReportStatus.APPROVED, ReportStatus.REOPENED}),
    ReportStatus.REOPENED: frozenset({ReportStatus.SUBMITTED}),
    ReportStatus.APPROVED: frozenset(),
}
LIVE = frozenset({ReportStatus.DRAFT, ReportStatus.REOPENED})
"""Reports whose lines follow the expenses (not yet frozen)."""


def lines_of(grant: Grant, report: FinancialReport) -> FinancialReport:
    """The report as readers see it: live lines while draft or reopened."""
    if report.status in LIVE:
        return report.model_copy(update={"lines": grant.live_report_lines(report.accounting_year)})
    return report


def _require_bookable(grant: Grant) -> None:
    if grant.status not in BOOKABLE:
        raise BadUserInput(
            f"the grant is {grant.status.value}: reports and disbursements are for grants in"
            " implementation or finalisation",
            field="grantId",
            status=grant.status.value,
        )


def open_report(actor: str, report_id: str, year: int) -> GrantChange:
    def apply(grant: Grant) -> Sequence[GrantFact]:
        _require_bookable(grant)
        if not 1 <= year <= grant.years:
            raise BadUserInput(
                f"the grant runs {grant.years} year(s): no year {year}", field="accountingYear"
            )
        existing = grant.report_of_year(year)
        if existing is not None:
            raise Conflict(
                f"year {year} has its report already", field="accountingYear", reportId=existing.id
            )
        report = FinancialReport(
            id=report_id, accounting_year=year, opened_at=datetime.now(UTC), opened_by=actor
        )
        grant.reports = [*grant.reports, report]
        grant.record(actor, "report opened", to_status=report.status.value, note=f"year {year}")
        return [ReportStatusChanged(report=report, from_status=None, note=None)]

    return apply


def _note(note: str | None, *, required: bool) -> str | None:
    if note is None or not note.strip():
        if required:
            raise BadUserInput("a note is required to say what to correct", field="note")
        return None
    return clean_text(note, "note", max_length=2000)


def _transition(
    grant: Grant,
    report_id: str,
    version: int,
    to_status: ReportStatus,
    actor: str,
    note: str | None,
    **changes: object,
) -> GrantFact:
    report = grant.report(report_id)
    if report.version != version:
        raise Conflict(
            f"the report is at version {report.version}, not {version}: reload and retry",
            field="version",
        )
    require_transition("report", report.status, to_status, TRANSITIONS)
    updated = report.model_copy(
        update={"version": report.version + 1, "status": to_status, **changes}
    )
    grant.reports = replace(grant.reports, updated)
    grant.record(
        actor,
        "report " + to_status.value.replace("_", " "),
        from_status=report.status.value,
        to_status=to_status.value,
        note=f"year {report.accounting_year}" + (f": {note}" if note else ""),
    )
    return ReportStatusChanged(report=updated, from_status=report.status, note=note)


def submit(actor: str, report_id: str, version: int, note: str | None, today: date) -> GrantChange:
    clean = _note(note, required=False)

    def apply(grant: Grant) -> Sequence[GrantFact]:
        _require_bookable(grant)
        report = grant.report(report_id)
        year = report.accounting_year
        last_day = grant.year_range(year)[1]
        if last_day >= today:
            raise BadUserInput(
                f"year {year} runs until {last_day.isoformat()}: it is reported once it has"
                " ended (ICLD pays in arrears)",
                field="reportId",
            )
        drafts = [e for e in grant.expenses if e.status is ExpenseStatus.DRAFT and e.year == year]
        if drafts:
            raise BadUserInput(
                f"year {year} has {len(drafts)} draft expense(s): complete or withdraw them first",
                field="reportId",
                drafts=[e.id for e in drafts],
            )
        frozen = grant.live_report_lines(year)
        return [
            _transition(
                grant, report_id, version, ReportStatus.SUBMITTED, actor, clean,
                lines=frozen, submitted_on=today,
            )
        ]  # fmt: skip

    return apply


def take_into_control(actor: str, report_id: str, version: int) -> GrantChange:
    def apply(grant: Grant) -> Sequence[GrantFact]:
        return [_transition(grant, report_id, version, ReportStatus.IN_CONTROL, actor, None)]

    return apply


def approve(actor: str, report_id: str, version: int, note: str | None, today: date) -> GrantChange:
    clean = _note(note, required=False)

    def apply(grant: Grant) -> Sequence[GrantFact]:
        return [
            _transition(
                grant, report_id, version, ReportStatus.APPROVED, actor, clean,
                approved_on=today, approved_by=actor,
            )
        ]  # fmt: skip

    return apply


def reopen(actor: str, report_id: str, version: int, note: str | None) -> GrantChange:
    clean = _note(note, required=True)

    def apply(grant: Grant) -> Sequence[GrantFact]:
        return [
            _transition(
                grant, report_id, version, ReportStatus.REOPENED, actor, clean,
                lines=[], submitted_on=None,
            )
        ]  # fmt: skip

    return apply


# --- disbursements ------------------------------------------------------------------------


def approve_disbursement(
    actor: str, disbursement_id: str, report_id: str, amount: Money | None, today: date
) -> GrantChange:
    """Approves the reimbursement of an approved report: `amount`, or when None as much as
    the report's actuals and what remains of the grant allow."""
    if amount is not None and (amount.currency != BUDGET_CURRENCY or amount.minor <= 0):
        raise BadUserInput(
            f"a disbursement is an amount above zero in {BUDGET_CURRENCY}", field="amount"
        )

    def apply(grant: Grant) -> Sequence[GrantFact]:
        report = grant.report(report_id)
        for existing in grant.disbursements:
            if existing.report_id == report_id:
                raise Conflict(
                    f"the report for year {report.accounting_year} has its disbursement"
                    f" already ({existing.id})",
                    field="reportId",
                    disbursementId=existing.id,
                )
        _require_bookable(grant)
        if report.status is not ReportStatus.APPROVED:
            raise BadUserInput(
                f"the report is {report.status.value}: money is paid in arrears, against an"
                " approved report",
                field="reportId",
            )
        actuals, remaining = report.actual_total, grant.remaining
        value = amount or Money(minor=min(actuals.minor, remaining.minor), currency=BUDGET_CURRENCY)
        if value.minor > actuals.minor:
            raise BadUserInput(
                f"{value.amount} SEK is above the report's approved actuals ({actuals.amount} SEK)",
                field="amount",
                approvedActuals=str(actuals.amount),
            )
        if value.minor > remaining.minor:
            raise BadUserInput(
                f"{value.amount} SEK is above what remains of the grant ({remaining.amount} SEK)",
                field="amount",
                remaining=str(remaining.amount),
            )
        if value.minor <= 0:
            raise BadUserInput(
                "nothing to disburse: the report has no actuals or nothing remains of the grant",
                field="amount",
            )
        disbursement = Disbursement(
            id=disbursement_id,
            report_id=report_id,
            accounting_year=report.accounting_year,
            amount=value,
            approved_on=today,
            approved_by=actor,
        )
        grant.disbursements = [*grant.disbursements, disbursement]
        grant.record(
            actor,
            "disbursement approved",
            to_status=DisbursementStatus.APPROVED.value,
            note=f"{disbursement_id}: {value.amount} SEK for year {report.accounting_year}",
        )
        return ()

    return apply


def pay(actor: str, disbursement_id: str, paid_on: date, today: date) -> GrantChange:
    require_made(paid_on, today)

    def apply(grant: Grant) -> Sequence[GrantFact]:
        found = [d for d in grant.disbursements if d.id == disbursement_id]
        if not found:
            raise NotFound(
                f"the grant has no disbursement {disbursement_id!r}", field="disbursementId"
            )
        paid = mark_paid(found[0], "disbursement", "disbursementId", actor, paid_on)
        grant.disbursements = replace(grant.disbursements, paid)
        grant.record(
            actor,
            "disbursement paid",
            from_status=DisbursementStatus.APPROVED.value,
            to_status=DisbursementStatus.PAID.value,
            note=f"{disbursement_id}: {paid.amount.amount} SEK",
        )
        return [DisbursementPaid(disbursement=paid)]

    return apply
