"""Financial report and disbursement mutations (use cases in commands.reports)."""

from __future__ import annotations

import strawberry

from ..commands import reports as commands
from .context import FinanceInfo, caller, repos
from .inputs import (
    ApproveDisbursementInput,
    ApproveFinancialReportInput,
    ControlFinancialReportInput,
    OpenFinancialReportInput,
    PayDisbursementInput,
    ReopenFinancialReportInput,
    SubmitFinancialReportInput,
)
from .types import DisbursementPayload, FinancialReportPayload


async def _open_financial_report(
    info: FinanceInfo, input: OpenFinancialReportInput
) -> FinancialReportPayload:
    grant, report = await commands.open_financial_report(
        repos(info), caller(info), str(input.grant_id), input.accounting_year
    )
    return FinancialReportPayload.of(grant, report)


async def _submit_financial_report(
    info: FinanceInfo, input: SubmitFinancialReportInput
) -> FinancialReportPayload:
    grant, report = await commands.submit_financial_report(
        repos(info),
        caller(info),
        str(input.grant_id),
        str(input.report_id),
        input.version,
        input.note,
    )
    return FinancialReportPayload.of(grant, report)


async def _control_financial_report(
    info: FinanceInfo, input: ControlFinancialReportInput
) -> FinancialReportPayload:
    grant, report = await commands.control_financial_report(
        repos(info), caller(info), str(input.grant_id), str(input.report_id), input.version
    )
    return FinancialReportPayload.of(grant, report)


async def _approve_financial_report(
    info: FinanceInfo, input: ApproveFinancialReportInput
) -> FinancialReportPayload:
    grant, report = await commands.approve_financial_report(
        repos(info),
        caller(info),
        str(input.grant_id),
        str(input.report_id),
        input.version,
        input.note,
    )
    return FinancialReportPayload.of(grant, report)


async def _reopen_financial_report(
    info: FinanceInfo, input: ReopenFinancialReportInput
) -> FinancialReportPayload:
    grant, report = await commands.reopen_financial_report(
        repos(info),
        caller(info),
        str(input.grant_id),
        str(input.report_id),
        input.version,
        input.note,
    )
    return FinancialReportPayload.of(grant, report)


async def _approve_disbursement(
    info: FinanceInfo, input: ApproveDisbursementInput
) -> DisbursementPayload:
    entered = input.amount
    amount = None if entered is None else commands.Amount(entered.amount, entered.currency)
    grant, disbursement = await commands.approve_disbursement(
        repos(info), caller(info), str(input.grant_id), str(input.report_id), amount
    )
    return DisbursementPayload.of(grant, disbursement)


async def _pay_disbursement(info: FinanceInfo, input: PayDisbursementInput) -> DisbursementPayload:
    grant, disbursement = await commands.pay_disbursement(
        repos(info), caller(info), str(input.grant_id), str(input.disbursement_id), input.paid_on
    )
    return DisbursementPayload.of(grant, disbursement)


@strawberry.type
class ReportMutations:
    control_financial_report: FinancialReportPayload = strawberry.mutation(
        resolver=_control_financial_report, description="ICLD takes a submitted report into control"
    )

    reopen_financial_report: FinancialReportPayload = strawberry.mutation(
        resolver=_reopen_financial_report,
        description="Sends a submitted or controlled report back for corrections",
    )

    approve_disbursement: DisbursementPayload = strawberry.mutation(
        resolver=_approve_disbursement,
        description="Approves the reimbursement of an approved report: one per report; a"
        " second (also a concurrent one) is a CONFLICT naming the first in"
        " extensions.disbursementId",
    )

    pay_disbursement: DisbursementPayload = strawberry.mutation(
        resolver=_pay_disbursement, description="Records the payment of an approved disbursement"
    )

    open_financial_report: FinancialReportPayload = strawberry.mutation(
        resolver=_open_financial_report
    )

    submit_financial_report: FinancialReportPayload = strawberry.mutation(
        resolver=_submit_financial_report
    )

    approve_financial_report: FinancialReportPayload = strawberry.mutation(
        resolver=_approve_financial_report
    )
