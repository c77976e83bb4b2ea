"""What a change to a grant reports: the facts the commands announce as the finance
contract's events (services/finance/commands/outbox.py), in the order they happened.

The domain stays free of the contract: a change mutates the grant and says what happened;
the command turns that into the events on the wire.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .grant import Disbursement, Expense, FinancialReport, Grant, GrantStatus, ReportStatus


@dataclass(frozen=True)
class GrantOpened:
    grant: Grant
    """The grant as it was opened: a copy, as a move in the same change follows."""


@dataclass(frozen=True)
class GrantStatusChanged:
    from_status: GrantStatus
    to_status: GrantStatus
    note: str | None


@dataclass(frozen=True)
class GrantRevised:
    """A new budget version is in force."""


@dataclass(frozen=True)
class ExpenseRecorded:
    expense: Expense


@dataclass(frozen=True)
class ReportStatusChanged:
    report: FinancialReport
    from_status: ReportStatus | None
    """None when the report was just opened."""
    note: str | None


@dataclass(frozen=True)
class DisbursementPaid:
    disbursement: Disbursement


GrantFact = (
    GrantOpened
    | GrantStatusChanged
    | GrantRevised
    | ExpenseRecorded
    | ReportStatusChanged
    | DisbursementPaid
)

GrantChange = Callable[[Grant], Sequence[GrantFact]]
"""Mutates the grant in place (its version already bumped) and returns what happened."""
