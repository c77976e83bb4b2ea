"""Expense mutations: coordinators (of the grant's partnership) and staff record, complete
drafts and withdraw (use cases in commands.expenses)."""

from __future__ import annotations

import strawberry

from ..commands import expenses as commands
from .context import FinanceInfo, caller, repos
from .inputs import CompleteExpenseInput, RecordExpenseInput, WithdrawExpenseInput
from .types import ExpensePayload


def _amounts(input: RecordExpenseInput | CompleteExpenseInput) -> commands.Amounts:
    return commands.Amounts(
        amount=input.amount.amount,
        currency=input.amount.currency,
        exchange_rate=input.exchange_rate,
        rate_date=input.rate_date,
        receipt_reference=input.receipt_reference,
        description=input.description,
    )


async def _record_expense(info: FinanceInfo, input: RecordExpenseInput) -> ExpensePayload:
    grant, expense = await commands.record_expense(
        repos(info),
        caller(info),
        str(input.grant_id),
        input.incurred_on,
        input.category,
        _amounts(input),
        input.source,
        input.source_ref,
    )
    return ExpensePayload.of(grant, expense)


async def _complete_expense(info: FinanceInfo, input: CompleteExpenseInput) -> ExpensePayload:
    grant, expense = await commands.complete_expense(
        repos(info),
        caller(info),
        str(input.grant_id),
        str(input.expense_id),
        input.version,
        input.incurred_on,
        _amounts(input),
    )
    return ExpensePayload.of(grant, expense)


async def _withdraw_expense(info: FinanceInfo, input: WithdrawExpenseInput) -> ExpensePayload:
    grant, expense = await commands.withdraw_expense(
        repos(info),
        caller(info),
        str(input.grant_id),
        str(input.expense_id),
        input.version,
        input.note,
    )
    return ExpensePayload.of(grant, expense)


@strawberry.type
class ExpenseMutations:
    complete_expense: ExpensePayload = strawberry.mutation(
        resolver=_complete_expense,
        description="Completes a draft with its amounts: it is then recorded",
    )

    withdraw_expense: ExpensePayload = strawberry.mutation(
        resolver=_withdraw_expense, description="A draft or recorded expense no longer counts"
    )

    record_expense: ExpensePayload = strawberry.mutation(resolver=_record_expense)
