"""Events the finance service publishes (schemas versioned; see docs/events.md).

Amounts travel as integer minor units with their ISO 4217 currency (never floats),
exchange rates as decimal strings, statuses with their IATI codes where IATI has one.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from services.common.events.catalogue import event_type


class GrantBudgetLineV1(BaseModel):
    year: int
    """Year of the grant: 1, 2 or 3."""
    category: str
    """A CostCategory value (services.common.vocabulary)."""
    amount_minor: int
    currency: str


class GrantV1(BaseModel):
    id: str
    version: int
    application_id: str
    case_number: str
    partnership_id: str
    type: str
    """inception, project or steering_group."""
    status: str
    iati_activity_status: int
    """IATI ActivityStatus: 1 Pipeline … 6 Suspended."""
    decided_on: date
    starts_on: date
    ends_on: date
    budget_number: int
    """The budget version in force: 1 the original, 2… revisions."""
    iati_budget_type: int
    """IATI BudgetType of that version: 1 Original, 2 Revised."""
    budget: list[GrantBudgetLineV1]
    approved_minor: int
    """Total of the budget in force, in öre."""
    currency: str


class GrantStatusChangedV1(BaseModel):
    id: str
    version: int
    partnership_id: str
    from_status: str
    to_status: str
    iati_activity_status: int
    """IATI code of `to_status`."""
    note: str | None


class ExpenseV1(BaseModel):
    id: str
    grant_id: str
    partnership_id: str
    version: int
    """The expense's own version."""
    category: str
    incurred_on: date
    year: int
    """Year of the grant the expense falls in."""
    amount_minor: int
    currency: str
    """Local currency of the amount."""
    exchange_rate: str
    """SEK per unit of `currency`, as a decimal string."""
    rate_date: date
    sek_minor: int
    """The amount in öre of SEK: amount x rate, rounded half-to-even to the öre."""
    source: str
    """visit, workshop or manual."""
    source_ref: str | None
    receipt_reference: str


class FinancialReportStatusChangedV1(BaseModel):
    id: str
    grant_id: str
    partnership_id: str
    version: int
    """The report's own version."""
    accounting_year: int
    from_status: str | None
    to_status: str
    budget_minor: int
    actual_minor: int
    """Recorded expenses of the year, in öre (frozen from submission)."""
    currency: str
    note: str | None


class DisbursementV1(BaseModel):
    id: str
    grant_id: str
    partnership_id: str
    report_id: str
    accounting_year: int
    amount_minor: int
    currency: str
    approved_on: date
    paid_on: date
    iati_transaction_type: int
    """IATI TransactionType: 7 Reimbursement."""


GRANT_OPENED = event_type(
    "finance",
    "grant",
    "opened",
    1,
    GrantV1,
    "A grant was opened from an approved application, with the approved budget (IATI status"
    " 1 Pipeline until the agreement).",
)
GRANT_REVISED = event_type(
    "finance",
    "grant",
    "revised",
    1,
    GrantV1,
    "A grant's budget was revised (IATI BudgetType 2); the snapshot carries the new budget.",
)
GRANT_STATUS_CHANGED = event_type(
    "finance",
    "grant",
    "status_changed",
    1,
    GrantStatusChangedV1,
    "A grant moved in its IATI activity status (agreed → implementation, suspended,"
    " finalisation, closed, cancelled).",
)
GRANT_CLOSED = event_type(
    "finance",
    "grant",
    "closed",
    1,
    GrantV1,
    "A grant was closed (IATI status 4): every report approved, every disbursement paid.",
)
EXPENSE_RECORDED = event_type(
    "finance",
    "expense",
    "recorded",
    1,
    ExpenseV1,
    "An expense was recorded against a grant's budget line (drafts are not announced).",
)
FINANCIAL_REPORT_STATUS_CHANGED = event_type(
    "finance",
    "financial_report",
    "status_changed",
    1,
    FinancialReportStatusChangedV1,
    "A financial report was opened, submitted, taken into control, approved or reopened.",
)
DISBURSEMENT_PAID = event_type(
    "finance",
    "disbursement",
    "paid",
    1,
    DisbursementV1,
    "A reimbursement (IATI TransactionType 7) against an approved report was paid.",
)
