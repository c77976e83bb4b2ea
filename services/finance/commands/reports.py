"""Financial report and disbursement use cases: coordinators (of the grant's partnership)
and staff open and submit reports; officers control, approve and reopen them, approve
disbursements and record their payment (rules in domain.reports)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from services.common.auth import STAFF, Principal
from services.common.clock import clock
from services.common.idempotency import new_id
from services.common.money import money

from ..domain import reports
from ..domain.facts import GrantChange
from ..domain.grant import Disbursement, FinancialReport, Grant
from ..repositories import Repositories
from .grants import load_grant, require_acts_for
from .outbox import emitting


@dataclass(frozen=True)
class Amount:
    """An amount as entered, with its currency (checked by the command)."""

    value: Decimal
    currency: str


async def open_financial_report(
    repos: Repositories, principal: Principal, grant_id: str, accounting_year: int
) -> tuple[Grant, FinancialReport]:
    grant = await load_grant(repos, grant_id, "grantId")
    await require_acts_for(repos, principal, grant)
    report_id = new_id()
    change = reports.open_report(principal.sub, report_id, accounting_year)
    return await _reported(repos, grant, change, report_id)


async def submit_financial_report(
    repos: Repositories,
    principal: Principal,
    grant_id: str,
    report_id: str,
    version: int,
    note: str | None,
) -> tuple[Grant, FinancialReport]:
    grant = await load_grant(repos, grant_id, "grantId")
    await require_acts_for(repos, principal, grant)
    change = reports.submit(principal.sub, report_id, version, note, clock.today())
    return await _reported(repos, grant, change, report_id)


async def control_financial_report(
    repos: Repositories, principal: Principal, grant_id: str, report_id: str, version: int
) -> tuple[Grant, FinancialReport]:
    """ICLD takes a submitted report into control."""
    principal.require(*STAFF)
    change = reports.take_into_control(principal.sub, report_id, version)
    grant = await load_grant(repos, grant_id, "grantId")
    return await _reported(repos, grant, change, report_id)


async def approve_financial_report(
    repos: Repositories,
    principal: Principal,
    grant_id: str,
    report_id: str,
    version: int,
    note: str | None,
) -> tuple[Grant, FinancialReport]:
    principal.require(*STAFF)
    change = reports.approve(principal.sub, report_id, version, note, clock.today())
    grant = await load_grant(repos, grant_id, "grantId")
    return await _reported(repos, grant, change, report_id)


async def reopen_financial_report(
    repos: Repositories,
    principal: Principal,
    grant_id: str,
    report_id: str,
    version: int,
    note: str,
) -> tuple[Grant, FinancialReport]:
    """Sends a submitted or controlled report back for corrections."""
    principal.require(*STAFF)
    change = reports.reopen(principal.sub, report_id, version, note)
    grant = await load_grant(repos, grant_id, "grantId")
    return await _reported(repos, grant, change, report_id)


async def approve_disbursement(
    repos: Repositories,
    principal: Principal,
    grant_id: str,
    report_id: str,
    amount: Amount | None,
) -> tuple[Grant, Disbursement]:
    """Approves the reimbursement of an approved report: `amount`, or when None as much as
    the report's actuals and what remains of the grant allow."""
    principal.require(*STAFF)
    value = None if amount is None else money(amount.value, amount.currency, "amount")
    disbursement_id = new_id()
    change = reports.approve_disbursement(
        principal.sub, disbursement_id, report_id, value, clock.today()
    )
    grant = await load_grant(repos, grant_id, "grantId")
    return await _disbursed(repos, grant, change, disbursement_id)


async def pay_disbursement(
    repos: Repositories, principal: Principal, grant_id: str, disbursement_id: str, paid_on: date
) -> tuple[Grant, Disbursement]:
    """Records the payment of an approved disbursement."""
    principal.require(*STAFF)
    change = reports.pay(principal.sub, disbursement_id, paid_on, clock.today())
    grant = await load_grant(repos, grant_id, "grantId")
    return await _disbursed(repos, grant, change, disbursement_id)


async def _reported(
    repos: Repositories, grant: Grant, change: GrantChange, report_id: str
) -> tuple[Grant, FinancialReport]:
    updated = await repos.grants.update(grant.id, emitting(change))
    return updated, updated.report(report_id)


async def _disbursed(
    repos: Repositories, grant: Grant, change: GrantChange, disbursement_id: str
) -> tuple[Grant, Disbursement]:
    updated = await repos.grants.update(grant.id, emitting(change))
    return updated, next(d for d in updated.disbursements if d.id == disbursement_id)
