"""Expense use cases: coordinators (of the grant's partnership) and staff record, complete
drafts and withdraw; a completed visit drafts its travel costs (rules in domain.expenses)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from services.common.auth import Principal
from services.common.clock import clock
from services.common.events.envelope import Event
from services.common.idempotency import new_id
from services.common.views import update_view
from services.common.vocabulary import CostCategory

from ..domain import SYSTEM_ACTOR, NothingToApply
from ..domain.expenses import (
    ExpenseDetails,
    NotCovered,
    VisitRecord,
    complete,
    covering_grant,
    draft_visit,
    drafted_anywhere,
    expense_details,
    record,
    source,
    withdraw,
)
from ..domain.grant import Expense, ExpenseSource, Grant
from ..projection import keep_unfunded
from ..repositories import Repositories
from .grants import load_grant, require_acts_for
from .outbox import emitting

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Amounts:
    """An expense's money as entered: in local currency, with the rate used, and its
    receipt."""

    amount: Decimal
    currency: str
    exchange_rate: str | None
    rate_date: date | None
    receipt_reference: str
    description: str

    def details(self, incurred_on: date) -> ExpenseDetails:
        return expense_details(
            incurred_on=incurred_on,
            amount=self.amount,
            currency=self.currency,
            rate=self.exchange_rate,
            rate_date=self.rate_date,
            receipt_reference=self.receipt_reference,
            description=self.description,
            today=clock.today(),
        )


async def _eligible(repos: Repositories, grant: Grant) -> frozenset[str]:
    rules = await repos.rules_of(grant)
    return frozenset() if rules is None else frozenset(c.value for c in rules.eligible_categories)


async def record_expense(
    repos: Repositories,
    principal: Principal,
    grant_id: str,
    incurred_on: date,
    category: CostCategory,
    amounts: Amounts,
    origin: ExpenseSource,
    origin_ref: str | None,
) -> tuple[Grant, Expense]:
    grant = await load_grant(repos, grant_id, "grantId")
    await require_acts_for(repos, principal, grant)
    details = amounts.details(incurred_on)
    checked_origin = source(origin, origin_ref)
    expense_id = new_id()
    change = record(
        principal.sub, expense_id, category, details, checked_origin, await _eligible(repos, grant)
    )
    updated = await repos.grants.update(grant.id, emitting(change))
    return updated, updated.expense(expense_id)


async def complete_expense(
    repos: Repositories,
    principal: Principal,
    grant_id: str,
    expense_id: str,
    version: int,
    incurred_on: date | None,
    amounts: Amounts,
) -> tuple[Grant, Expense]:
    """A draft completed with its amounts: then it is recorded (on the draft's day, the
    visit's first, unless `incurred_on` says otherwise)."""
    grant = await load_grant(repos, grant_id, "grantId")
    await require_acts_for(repos, principal, grant)
    draft = grant.expense(expense_id)
    details = amounts.details(incurred_on or draft.incurred_on)
    change = complete(principal.sub, draft.id, version, details, await _eligible(repos, grant))
    updated = await repos.grants.update(grant.id, emitting(change))
    return updated, updated.expense(draft.id)


async def withdraw_expense(
    repos: Repositories,
    principal: Principal,
    grant_id: str,
    expense_id: str,
    version: int,
    note: str,
) -> tuple[Grant, Expense]:
    """A draft or recorded expense no longer counts; it stays in the trail."""
    grant = await load_grant(repos, grant_id, "grantId")
    await require_acts_for(repos, principal, grant)
    change = withdraw(principal.sub, expense_id, version, note)
    updated = await repos.grants.update(grant.id, emitting(change))
    return updated, updated.expense(expense_id)


async def draft_completed_visit(
    repos: Repositories, cause: Event, partnership_id: str, visit: VisitRecord
) -> None:
    """A completed visit's travel costs are drafted on the partnership's grant that covers
    it; without one, the visit waits on the partnership's record (`unfundedVisits`)."""
    grants = await repos.grants_of(partnership_id)
    if drafted_anywhere(grants, visit.visit_id):
        return
    grant = covering_grant(grants, visit)
    if grant is not None:
        try:
            await repos.grants.apply(cause, grant.id, emitting(draft_visit(visit, SYSTEM_ACTOR)))
            return
        except NothingToApply:
            return
        except NotCovered:
            log.info("grant no longer covers the visit", extra={"grant": grant.id})
    reason = (
        f"no grant in implementation with a travel line covered {visit.starts_on.isoformat()}"
        " when the visit was completed"
    )
    await update_view(repos.partnerships, cause, partnership_id, keep_unfunded(visit, reason))
