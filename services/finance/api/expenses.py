"""Expense mutations: coordinators (of the grant's partnership) and staff record, complete
drafts and withdraw; the rules are in domain.expenses."""

from __future__ import annotations

from datetime import date

import strawberry

from services.common.idempotency import new_id
from services.common.inputs import CheckedInput
from services.common.money import MoneyInput
from services.common.vocabulary import CostCategory

from ..domain.expenses import complete, expense_details, record, source, withdraw
from ..domain.grant import ExpenseSource, Grant
from .context import FinanceInfo, repos, require_acts_for, today
from .grants import load_grant, rules_of
from .types import ExpenseType, GrantObject


@strawberry.input
class RecordExpenseInput(CheckedInput):
    grant_id: strawberry.ID
    incurred_on: date
    category: CostCategory
    amount: MoneyInput = strawberry.field(description="In local currency, exact to its minor unit")
    exchange_rate: str | None = strawberry.field(
        default=None,
        description="SEK per unit of the amount's currency, a decimal string (1 for SEK)",
    )
    rate_date: date | None = strawberry.field(
        default=None, description="The rate's date (required with a rate)"
    )
    receipt_reference: str
    description: str = ""
    source: ExpenseSource = ExpenseSource.MANUAL
    source_ref: str | None = strawberry.field(
        default=None, description="The visit or workshop id (not for a manual expense)"
    )


@strawberry.input
class CompleteExpenseInput(CheckedInput):
    grant_id: strawberry.ID
    expense_id: strawberry.ID
    version: int
    incurred_on: date | None = strawberry.field(
        default=None, description="Left out: the draft's day (the visit's first day)"
    )
    amount: MoneyInput
    exchange_rate: str | None = None
    rate_date: date | None = None
    receipt_reference: str
    description: str = ""


@strawberry.input
class WithdrawExpenseInput(CheckedInput):
    grant_id: strawberry.ID
    expense_id: strawberry.ID
    version: int
    note: str = strawberry.field(description="Why it does not count")


@strawberry.type
class ExpensePayload:
    grant: GrantObject
    expense: ExpenseType


async def _eligible(info: FinanceInfo, grant: Grant) -> frozenset[str]:
    rules = await rules_of(repos(info), grant)
    return frozenset() if rules is None else frozenset(c.value for c in rules.eligible_categories)


def _payload(grant: Grant, expense_id: str) -> ExpensePayload:
    return ExpensePayload(
        grant=GrantObject.of(grant), expense=ExpenseType.of(grant.expense(expense_id))
    )


async def _complete_expense(info: FinanceInfo, input: CompleteExpenseInput) -> ExpensePayload:
    grant = await load_grant(info, str(input.grant_id), "grantId")
    principal = await require_acts_for(info, grant)
    draft = grant.expense(str(input.expense_id))
    details = expense_details(
        incurred_on=input.incurred_on or draft.incurred_on,
        amount=input.amount.amount,
        currency=input.amount.currency,
        rate=input.exchange_rate,
        rate_date=input.rate_date,
        receipt_reference=input.receipt_reference,
        description=input.description,
        today=today(),
    )
    change = complete(principal.sub, draft.id, input.version, details, await _eligible(info, grant))
    updated = await repos(info).grants.update(grant.id, change)
    return _payload(updated, draft.id)


async def _withdraw_expense(info: FinanceInfo, input: WithdrawExpenseInput) -> ExpensePayload:
    grant = await load_grant(info, str(input.grant_id), "grantId")
    principal = await require_acts_for(info, grant)
    change = withdraw(principal.sub, str(input.expense_id), input.version, input.note)
    updated = await repos(info).grants.update(grant.id, change)
    return _payload(updated, str(input.expense_id))


@strawberry.type
class ExpenseMutations:
    @strawberry.mutation
    async def record_expense(self, info: FinanceInfo, input: RecordExpenseInput) -> ExpensePayload:
        grant = await load_grant(info, str(input.grant_id), "grantId")
        principal = await require_acts_for(info, grant)
        details = expense_details(
            incurred_on=input.incurred_on,
            amount=input.amount.amount,
            currency=input.amount.currency,
            rate=input.exchange_rate,
            rate_date=input.rate_date,
            receipt_reference=input.receipt_reference,
            description=input.description,
            today=today(),
        )
        origin = source(input.source, input.source_ref)
        expense_id = new_id()
        change = record(
            principal.sub, expense_id, input.category, details, origin, await _eligible(info, grant)
        )
        updated = await repos(info).grants.update(grant.id, change)
        return _payload(updated, expense_id)

    complete_expense: ExpensePayload = strawberry.mutation(
        resolver=_complete_expense,
        description="Completes a draft with its amounts: it is then recorded",
    )

    withdraw_expense: ExpensePayload = strawberry.mutation(
        resolver=_withdraw_expense, description="A draft or recorded expense no longer counts"
    )
