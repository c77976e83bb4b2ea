"""GraphQL input types of the finance subgraph: what its queries and mutations take."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from services.common.inputs import CheckedInput
from services.common.money import MoneyInput

from .enums import (
    ApplicationType,
    CapKind,
    CapPeriod,
    CostCategory,
    ExpenseSource,
    GrantKind,
    GrantStatus,
    PaymentStage,
    Region,
)


@strawberry.input
class GrantFilter(CheckedInput):
    status: GrantStatus | None = None
    partnership_id: strawberry.ID | None = None
    year: int | None = strawberry.field(
        default=None, description="Grants whose period overlaps this calendar year"
    )
    country: str | None = strawberry.field(
        default=None, description="Any organisation's country (ISO 3166-1 alpha-2)"
    )
    type: ApplicationType | None = None
    kind: GrantKind | None = strawberry.field(
        default=None, description="Partnership or research grants only"
    )


@strawberry.input
class GrantBudgetLineInput(CheckedInput):
    year: int = strawberry.field(description="Year of the grant: 1, 2 or 3")
    category: CostCategory
    amount: MoneyInput = strawberry.field(description="In SEK, exact to the öre")


@strawberry.input
class AgreeGrantInput(CheckedInput):
    id: strawberry.ID
    version: int
    starts_on: date = strawberry.field(
        description="First day of the period (within a year of the decision); the period"
        " runs the decided number of months"
    )


@strawberry.input
class ReviseGrantBudgetInput(CheckedInput):
    id: strawberry.ID
    version: int
    lines: list[GrantBudgetLineInput] = strawberry.field(description="Replaces every line")
    note: str = strawberry.field(description="Why the budget changes")


@strawberry.input
class ChangeGrantStatusInput(CheckedInput):
    id: strawberry.ID
    version: int
    status: GrantStatus
    note: str | None = strawberry.field(default=None, description="Required to suspend or cancel")


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


@strawberry.input
class BudgetCapInput(CheckedInput):
    application_type: ApplicationType
    region: Region
    partnership_kind: CapKind
    period: CapPeriod
    amount: MoneyInput = strawberry.field(description="In SEK")
    working_hours: Decimal | None = strawberry.field(
        default=None, description="SEK: at most this much of the amount for working hours"
    )


@strawberry.input
class PublishBudgetRulesInput(CheckedInput):
    valid_from: date = strawberry.field(
        description="Applies to grants decided from this day on (a day after today)"
    )
    eligible_categories: list[CostCategory]
    caps: list[BudgetCapInput] = strawberry.field(
        description="One per application type, region and partnership kind"
    )
    note: str = ""


@strawberry.input
class ApproveResearchPaymentInput(CheckedInput):
    grant_id: strawberry.ID
    stage: PaymentStage = strawberry.field(
        description="ADVANCE (the set share of the budget) or FINAL (the rest)"
    )


@strawberry.input
class PayResearchPaymentInput(CheckedInput):
    grant_id: strawberry.ID
    payment_id: strawberry.ID
    paid_on: date
