"""Financial report and disbursement mutations (rules in domain.reports)."""

from __future__ import annotations

from datetime import date

import strawberry

from services.common.auth import STAFF
from services.common.idempotency import new_id
from services.common.inputs import CheckedInput
from services.common.money import MoneyInput, money

from ..domain.grant import Grant
from ..domain.reports import (
    approve,
    approve_disbursement,
    open_report,
    pay,
    reopen,
    submit,
    take_into_control,
)
from .context import FinanceInfo, caller, repos, require_acts_for, today
from .grants import load_grant
from .types import DisbursementType, FinancialReportType, GrantObject


@strawberry.input
class OpenFinancialReportInput(CheckedInput):
    grant_id: strawberry.ID
    accounting_year: int = strawberry.field(description="Year of the grant: 1, 2 or 3")


@strawberry.input
class SubmitFinancialReportInput(CheckedInput):
    grant_id: strawberry.ID
    report_id: strawberry.ID
    version: int
    note: str | None = None


@strawberry.input
class ControlFinancialReportInput(CheckedInput):
    grant_id: strawberry.ID
    report_id: strawberry.ID
    version: int


@strawberry.input
class ApproveFinancialReportInput(CheckedInput):
    grant_id: strawberry.ID
    report_id: strawberry.ID
    version: int
    note: str | None = None


@strawberry.input
class ReopenFinancialReportInput(CheckedInput):
    grant_id: strawberry.ID
    report_id: strawberry.ID
    version: int
    note: str = strawberry.field(description="What to correct")


@strawberry.input
class ApproveDisbursementInput(CheckedInput):
    grant_id: strawberry.ID
    report_id: strawberry.ID
    amount: MoneyInput | None = strawberry.field(
        default=None,
        description="Left out: the report's approved actuals, at most what remains of the grant",
    )


@strawberry.input
class PayDisbursementInput(CheckedInput):
    grant_id: strawberry.ID
    disbursement_id: strawberry.ID
    paid_on: date


@strawberry.type
class FinancialReportPayload:
    grant: GrantObject
    report: FinancialReportType


@strawberry.type
class DisbursementPayload:
    grant: GrantObject
    disbursement: DisbursementType


def _report(grant: Grant, report_id: str) -> FinancialReportPayload:
    return FinancialReportPayload(
        grant=GrantObject.of(grant),
        report=FinancialReportType.of(grant, grant.report(report_id)),
    )


def _disbursement(grant: Grant, disbursement_id: str) -> DisbursementPayload:
    found = next(d for d in grant.disbursements if d.id == disbursement_id)
    return DisbursementPayload(grant=GrantObject.of(grant), disbursement=DisbursementType.of(found))


async def _control_financial_report(
    info: FinanceInfo, input: ControlFinancialReportInput
) -> FinancialReportPayload:
    principal = caller(info)
    principal.require(*STAFF)
    report_id = str(input.report_id)
    change = take_into_control(principal.sub, report_id, input.version)
    current = await load_grant(info, str(input.grant_id), "grantId")
    grant = await repos(info).grants.update(current.id, change)
    return _report(grant, report_id)


async def _reopen_financial_report(
    info: FinanceInfo, input: ReopenFinancialReportInput
) -> FinancialReportPayload:
    principal = caller(info)
    principal.require(*STAFF)
    report_id = str(input.report_id)
    change = reopen(principal.sub, report_id, input.version, input.note)
    current = await load_grant(info, str(input.grant_id), "grantId")
    grant = await repos(info).grants.update(current.id, change)
    return _report(grant, report_id)


async def _approve_disbursement(
    info: FinanceInfo, input: ApproveDisbursementInput
) -> DisbursementPayload:
    principal = caller(info)
    principal.require(*STAFF)
    amount = (
        None
        if input.amount is None
        else money(input.amount.amount, input.amount.currency, "amount")
    )
    disbursement_id = new_id()
    change = approve_disbursement(
        principal.sub, disbursement_id, str(input.report_id), amount, today()
    )
    current = await load_grant(info, str(input.grant_id), "grantId")
    grant = await repos(info).grants.update(current.id, change)
    return _disbursement(grant, disbursement_id)


async def _pay_disbursement(info: FinanceInfo, input: PayDisbursementInput) -> DisbursementPayload:
    principal = caller(info)
    principal.require(*STAFF)
    disbursement_id = str(input.disbursement_id)
    change = pay(principal.sub, disbursement_id, input.paid_on, today())
    current = await load_grant(info, str(input.grant_id), "grantId")
    grant = await repos(info).grants.update(current.id, change)
    return _disbursement(grant, disbursement_id)


@strawberry.type
class ReportMutations:
    @strawberry.mutation
    async def open_financial_report(
        self, info: FinanceInfo, input: OpenFinancialReportInput
    ) -> FinancialReportPayload:
        grant = await load_grant(info, str(input.grant_id), "grantId")
        principal = await require_acts_for(info, grant)
        report_id = new_id()
        change = open_report(principal.sub, report_id, input.accounting_year)
        return _report(await repos(info).grants.update(grant.id, change), report_id)

    @strawberry.mutation
    async def submit_financial_report(
        self, info: FinanceInfo, input: SubmitFinancialReportInput
    ) -> FinancialReportPayload:
        grant = await load_grant(info, str(input.grant_id), "grantId")
        principal = await require_acts_for(info, grant)
        report_id = str(input.report_id)
        change = submit(principal.sub, report_id, input.version, input.note, today())
        return _report(await repos(info).grants.update(grant.id, change), report_id)

    control_financial_report: FinancialReportPayload = strawberry.mutation(
        resolver=_control_financial_report, description="ICLD takes a submitted report into control"
    )

    @strawberry.mutation
    async def approve_financial_report(
        self, info: FinanceInfo, input: ApproveFinancialReportInput
    ) -> FinancialReportPayload:
        principal = caller(info)
        principal.require(*STAFF)
        report_id = str(input.report_id)
        change = approve(principal.sub, report_id, input.version, input.note, today())
        current = await load_grant(info, str(input.grant_id), "grantId")
        grant = await repos(info).grants.update(current.id, change)
        return _report(grant, report_id)

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
