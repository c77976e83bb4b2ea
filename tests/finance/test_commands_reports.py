"""The financial report and disbursement commands without HTTP: a year reported, controlled,
approved and paid in arrears; what each step queues and what is refused."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import partial

from services.common.vocabulary import CostCategory
from services.contracts.finance import DISBURSEMENT_PAID, FINANCIAL_REPORT_STATUS_CHANGED
from services.finance.commands.expenses import record_expense
from services.finance.commands.reports import (
    Amount,
    approve_disbursement,
    approve_financial_report,
    control_financial_report,
    open_financial_report,
    pay_disbursement,
    reopen_financial_report,
    submit_financial_report,
)
from services.finance.domain.grant import (
    DisbursementStatus,
    ExpenseSource,
    Grant,
    ReportStatus,
)

from .builders import TODAY, Partnership
from .desk import OFFICER, Desk, coordinator_of
from .test_commands_expenses import SHILLINGS


async def spent_in_year_one(desk: Desk) -> tuple[Partnership, Grant, str]:
    """An agreed grant with 5 061.73 SEK spent in year 1 (over by TODAY), its report open."""
    partnership = await desk.partnership()
    grant = await desk.agreed(partnership)
    await record_expense(
        desk.repos,
        OFFICER,
        grant.id,
        date(2024, 3, 4),
        CostCategory.INTERNATIONAL_TRAVEL,
        SHILLINGS,
        ExpenseSource.MANUAL,
        None,
    )
    grant, report = await open_financial_report(
        desk.repos, coordinator_of(partnership), grant.id, 1
    )
    return partnership, grant, report.id


async def test_a_year_is_reported_approved_and_paid_with_an_event_at_each_step(
    desk: Desk,
) -> None:
    _, grant, report_id = await spent_in_year_one(desk)
    _, report = await submit_financial_report(desk.repos, OFFICER, grant.id, report_id, 1, None)
    _, report = await control_financial_report(desk.repos, OFFICER, grant.id, report_id, 2)
    _, report = await approve_financial_report(
        desk.repos, OFFICER, grant.id, report_id, 3, "In order"
    )
    assert (report.status, report.approved_on) == (ReportStatus.APPROVED, TODAY)

    _, disbursement = await approve_disbursement(desk.repos, OFFICER, grant.id, report_id, None)
    assert disbursement.amount.amount == Decimal("5061.73")
    paid_grant, paid = await pay_disbursement(desk.repos, OFFICER, grant.id, disbursement.id, TODAY)

    assert paid.status is DisbursementStatus.PAID
    assert paid_grant.disbursed.amount == Decimal("5061.73")
    events = (await desk.queued(grant.id))[-5:]
    moves = [
        (data["from_status"], data["to_status"], data["actual_minor"])
        for kind, data in events
        if kind == FINANCIAL_REPORT_STATUS_CHANGED.type
    ]
    assert moves == [
        (None, "draft", 506173),
        ("draft", "submitted", 506173),
        ("submitted", "in_control", 506173),
        ("in_control", "approved", 506173),
    ]
    kind, data = events[-1]
    assert (kind, data["id"], data["amount_minor"], data["paid_on"]) == (
        DISBURSEMENT_PAID.type,
        paid.id,
        506173,
        TODAY.isoformat(),
    )


async def test_a_reopened_report_says_what_to_correct(desk: Desk) -> None:
    _, grant, report_id = await spent_in_year_one(desk)
    await submit_financial_report(desk.repos, OFFICER, grant.id, report_id, 1, None)

    await desk.refused(
        partial(reopen_financial_report, desk.repos, OFFICER, grant.id, report_id, 2, " "),
        "BAD_USER_INPUT",
        "note",
    )
    _, report = await reopen_financial_report(
        desk.repos, OFFICER, grant.id, report_id, 2, "Receipt missing"
    )

    assert report.status is ReportStatus.REOPENED
    kind, data = (await desk.queued(grant.id))[-1]
    assert (kind, data["to_status"], data["note"]) == (
        FINANCIAL_REPORT_STATUS_CHANGED.type,
        "reopened",
        "Receipt missing",
    )


async def test_only_staff_control_a_report(desk: Desk) -> None:
    partnership, grant, report_id = await spent_in_year_one(desk)
    await submit_financial_report(desk.repos, OFFICER, grant.id, report_id, 1, None)
    coordinator = coordinator_of(partnership)

    await desk.refused(
        partial(control_financial_report, desk.repos, coordinator, grant.id, report_id, 2),
        "FORBIDDEN",
    )


async def test_a_second_disbursement_for_a_report_is_a_conflict_naming_the_first(
    desk: Desk,
) -> None:
    _, grant, report_id = await spent_in_year_one(desk)
    await submit_financial_report(desk.repos, OFFICER, grant.id, report_id, 1, None)
    await control_financial_report(desk.repos, OFFICER, grant.id, report_id, 2)
    await approve_financial_report(desk.repos, OFFICER, grant.id, report_id, 3, None)
    _, first = await approve_disbursement(
        desk.repos, OFFICER, grant.id, report_id, Amount(Decimal("1000.00"), "SEK")
    )

    error = await desk.refused(
        partial(approve_disbursement, desk.repos, OFFICER, grant.id, report_id, None),
        "CONFLICT",
        "reportId",
    )
    assert error.details == {"disbursementId": first.id}
