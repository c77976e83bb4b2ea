"""Expenses against a grant's budget lines: recorded by coordinators, drafted from visits.

An expense is in an eligible category (under the grant's budget rules), dated inside the
grant period (and not in the future), against a line of the budget in force for that
category in the year of the grant it falls in, and in a year whose financial report is not
with ICLD or approved. Its amount is in local currency with the exchange rate used (SEK per
unit, a decimal string) and the rate's date; the SEK amount is amount x rate rounded
half-to-even to the öre, the platform's one rounding rule (services.common.money).

A completed visit drafts its participants' travel costs — international travel,
accommodation and meals, where the budget has a line for them in that year — against the
partnership's grant in implementation whose period covers the visit's first day (a project
grant before an inception grant before a steering-group grant, then the earliest). The
coordinator completes each draft with the amounts, or withdraws it (a host's own staff did
not travel). Without such a grant, the visit waits on the partnership's finance record
(`unfundedVisits`); agreeing a grant whose period covers it drafts it then.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from services.common.errors import BadUserInput, Conflict
from services.common.money import BUDGET_CURRENCY, Money, money, round_minor
from services.common.validation import clean_text
from services.common.vocabulary import CostCategory

from . import NothingToApply
from .facts import ExpenseRecorded, GrantChange, GrantFact
from .grant import (
    BOOKABLE,
    Expense,
    ExpenseSource,
    ExpenseStatus,
    Grant,
    GrantStatus,
    derived_id,
    replace,
)
from .rules import ApplicationType

RATE_PATTERN = re.compile(r"^[0-9]{1,9}(\.[0-9]{1,12})?$")
"""A plain decimal: no sign, no exponent, at most 12 decimals."""
MAX_RATE_DISTANCE = timedelta(days=366)
"""A rate from more than a year before or after the expense is a mistake."""
VISIT_CATEGORIES = (
    CostCategory.INTERNATIONAL_TRAVEL,
    CostCategory.ACCOMMODATION,
    CostCategory.MEALS,
)
GRANT_PRIORITY = {
    ApplicationType.PROJECT: 0,
    ApplicationType.INCEPTION: 1,
    ApplicationType.STEERING_GROUP: 2,
}


class VisitRecord(BaseModel):
    """What finance keeps of a completed visit."""

    model_config = ConfigDict(frozen=True)

    visit_id: str
    starts_on: date
    ends_on: date
    host_country: str
    participant_ids: list[str]


class UnfundedVisit(BaseModel):
    """A completed visit no grant took when it was reported, and why: it waits on the
    partnership's record until a grant that covers it is agreed."""

    model_config = ConfigDict(frozen=True)

    visit: VisitRecord
    reason: str


@dataclass(frozen=True)
class ExpenseDetails:
    """The validated amounts and references of an expense (independent of the grant)."""

    incurred_on: date
    amount: Money
    exchange_rate: str
    rate_date: date
    sek: Money
    receipt_reference: str
    description: str


def exchange_rate(value: str, field: str = "exchangeRate") -> tuple[str, Decimal]:
    text = value.strip()
    if not RATE_PATTERN.match(text):
        raise BadUserInput(
            f"{value!r} is not an exchange rate: a decimal such as 0.0042, SEK per unit",
            field=field,
        )
    rate = Decimal(text)
    if rate <= 0:
        raise BadUserInput("an exchange rate is above zero", field=field)
    return text, rate


def expense_details(
    *,
    incurred_on: date,
    amount: Decimal,
    currency: str,
    rate: str | None,
    rate_date: date | None,
    receipt_reference: str,
    description: str,
    today: date,
) -> ExpenseDetails:
    local = money(amount, currency, "amount")
    if local.minor <= 0:
        raise BadUserInput("an expense is above zero", field="amount")
    if incurred_on > today:
        raise BadUserInput(
            f"an expense is recorded once incurred: {incurred_on.isoformat()} is in the future",
            field="incurredOn",
        )
    if local.currency == BUDGET_CURRENCY:
        if rate is not None and exchange_rate(rate)[1] != 1:
            raise BadUserInput("an amount in SEK has the rate 1", field="exchangeRate")
        text, factor, day = "1", Decimal(1), rate_date or incurred_on
    else:
        if rate is None:
            raise BadUserInput(
                f"an amount in {local.currency} needs the exchange rate used", field="exchangeRate"
            )
        if rate_date is None:
            raise BadUserInput("the exchange rate needs its date", field="rateDate")
        text, factor = exchange_rate(rate)
        day = rate_date
    if day > today:
        raise BadUserInput("the rate's date is in the future", field="rateDate")
    if abs(day - incurred_on) > MAX_RATE_DISTANCE:
        raise BadUserInput(
            "the rate's date is more than a year away from the expense", field="rateDate"
        )
    sek = round_minor(local.amount * factor, BUDGET_CURRENCY)
    if sek.minor <= 0:
        raise BadUserInput("the amount is less than one öre in SEK", field="amount")
    if sek.minor > 2**63 - 1:
        raise BadUserInput("the amount is too large", field="amount")
    return ExpenseDetails(
        incurred_on=incurred_on,
        amount=local,
        exchange_rate=text,
        rate_date=day,
        sek=sek,
        receipt_reference=clean_text(receipt_reference, "receiptReference", max_length=100),
        description=clean_text(description, "description", max_length=500, required=False),
    )


def source(kind: ExpenseSource, ref: str | None) -> tuple[ExpenseSource, str | None]:
    if kind is ExpenseSource.MANUAL:
        if ref is not None and ref.strip():
            raise BadUserInput("a manual expense has no source reference", field="sourceRef")
        return kind, None
    if ref is None or not ref.strip():
        raise BadUserInput(f"an expense from a {kind.value} names it (its id)", field="sourceRef")
    return kind, clean_text(ref, "sourceRef", max_length=100)


def _require_bookable(grant: Grant) -> None:
    if grant.status not in BOOKABLE:
        raise BadUserInput(
            f"the grant is {grant.status.value}: expenses are recorded in implementation and"
            " finalisation",
            field="grantId",
            status=grant.status.value,
        )


def _year_for(grant: Grant, day: date, category: CostCategory, eligible: frozenset[str]) -> int:
    """Where an expense of `category` on `day` goes; every rule that ties it to the grant."""
    if category.value not in eligible:
        raise BadUserInput(
            f"{category.value} is not an eligible cost under the grant's budget rules",
            field="category",
        )
    year = grant.year_of(day)
    if year is None:
        raise BadUserInput(
            f"{day.isoformat()} is outside the grant period {grant.starts_on.isoformat()} –"
            f" {grant.ends_on.isoformat()}",
            field="incurredOn",
        )
    if grant.line(year, category) is None:
        raise BadUserInput(
            f"the budget has no line for {category.value} in year {year}",
            field="category",
            year=year,
        )
    _require_unlocked(grant, year, "incurredOn")
    return year


def _require_unlocked(grant: Grant, year: int, field: str) -> None:
    report = grant.locked(year)
    if report is not None:
        raise BadUserInput(
            f"the report for year {year} is {report.status.value}: its expenses are fixed"
            " (ICLD reopens it for corrections)",
            field=field,
            year=year,
        )


def record(
    actor: str,
    expense_id: str,
    category: CostCategory,
    details: ExpenseDetails,
    origin: tuple[ExpenseSource, str | None],
    eligible: frozenset[str],
) -> GrantChange:
    def apply(grant: Grant) -> Sequence[GrantFact]:
        _require_bookable(grant)
        year = _year_for(grant, details.incurred_on, category, eligible)
        now = datetime.now(UTC)
        expense = Expense(
            id=expense_id,
            status=ExpenseStatus.RECORDED,
            source=origin[0],
            source_ref=origin[1],
            category=category,
            incurred_on=details.incurred_on,
            year=year,
            amount=details.amount,
            exchange_rate=details.exchange_rate,
            rate_date=details.rate_date,
            sek=details.sek,
            receipt_reference=details.receipt_reference,
            description=details.description,
            created_at=now,
            created_by=actor,
            recorded_at=now,
            recorded_by=actor,
        )
        grant.expenses = [*grant.expenses, expense]
        grant.record(actor, "expense recorded", note=f"{expense_id}: {details.sek.amount} SEK")
        return [ExpenseRecorded(expense=expense)]

    return apply


def _require_version(expense: Expense, version: int) -> None:
    if expense.version != version:
        raise Conflict(
            f"the expense is at version {expense.version}, not {version}: reload and retry",
            field="version",
        )


def complete(
    actor: str, expense_id: str, version: int, details: ExpenseDetails, eligible: frozenset[str]
) -> GrantChange:
    """A draft completed with its amounts becomes a recorded expense."""

    def apply(grant: Grant) -> Sequence[GrantFact]:
        draft = grant.expense(expense_id)
        _require_version(draft, version)
        if draft.status is not ExpenseStatus.DRAFT:
            raise BadUserInput(
                f"the expense is {draft.status.value}: only drafts are completed",
                field="expenseId",
            )
        _require_bookable(grant)
        _require_unlocked(grant, draft.year, "expenseId")
        year = _year_for(grant, details.incurred_on, draft.category, eligible)
        expense = draft.model_copy(
            update={
                "version": draft.version + 1,
                "status": ExpenseStatus.RECORDED,
                "incurred_on": details.incurred_on,
                "year": year,
                "amount": details.amount,
                "exchange_rate": details.exchange_rate,
                "rate_date": details.rate_date,
                "sek": details.sek,
                "receipt_reference": details.receipt_reference,
                "description": details.description or draft.description,
                "recorded_at": datetime.now(UTC),
                "recorded_by": actor,
            }
        )
        grant.expenses = replace(grant.expenses, expense)
        grant.record(actor, "expense completed", note=f"{expense_id}: {details.sek.amount} SEK")
        return [ExpenseRecorded(expense=expense)]

    return apply


def withdraw(actor: str, expense_id: str, version: int, note: str) -> GrantChange:
    """A draft or recorded expense no longer counts; it stays in the trail."""
    reason = clean_text(note, "note", max_length=1000)

    def apply(grant: Grant) -> Sequence[GrantFact]:
        expense = grant.expense(expense_id)
        _require_version(expense, version)
        if expense.status is ExpenseStatus.WITHDRAWN:
            raise BadUserInput("the expense is withdrawn already", field="expenseId")
        if grant.status in (GrantStatus.CLOSED, GrantStatus.CANCELLED):
            raise BadUserInput(f"the grant is {grant.status.value}", field="grantId")
        _require_unlocked(grant, expense.year, "expenseId")
        grant.expenses = replace(
            grant.expenses,
            expense.model_copy(
                update={"version": expense.version + 1, "status": ExpenseStatus.WITHDRAWN}
            ),
        )
        grant.record(
            actor,
            "expense withdrawn",
            from_status=expense.status.value,
            to_status=ExpenseStatus.WITHDRAWN.value,
            note=f"{expense_id}: {reason}",
        )
        return ()

    return apply


# --- drafts from visits -------------------------------------------------------------------


def visit_categories(grant: Grant, visit: VisitRecord) -> list[CostCategory]:
    """The travel categories the grant can take the visit's costs in (empty: it cannot)."""
    year = grant.year_of(visit.starts_on)
    if grant.status is not GrantStatus.IMPLEMENTATION or year is None:
        return []
    if grant.locked(year) is not None:
        return []
    return [c for c in VISIT_CATEGORIES if grant.line(year, c) is not None]


def covering_grant(grants: Sequence[Grant], visit: VisitRecord) -> Grant | None:
    """The grant that takes a visit's travel costs, if any."""
    candidates = [g for g in grants if visit_categories(g, visit)]
    candidates.sort(key=lambda g: (GRANT_PRIORITY[g.type], g.starts_on, g.id))
    return candidates[0] if candidates else None


def drafted_anywhere(grants: Sequence[Grant], visit_id: str) -> bool:
    return any(visit_id in g.drafted_visit_ids for g in grants)


class NotCovered(Exception):
    """The grant no longer takes the visit (its status or budget changed meanwhile)."""


def add_visit_drafts(grant: Grant, visit: VisitRecord, actor: str) -> int:
    """Adds the visit's drafts to the grant; how many (0 when drafted before)."""
    if visit.visit_id in grant.drafted_visit_ids:
        return 0
    categories = visit_categories(grant, visit)
    year = grant.year_of(visit.starts_on)
    if not categories or year is None:
        raise NotCovered(visit.visit_id)
    now = datetime.now(UTC)
    drafts = [
        Expense(
            id=derived_id("draft", grant.id, visit.visit_id, person, category.value),
            status=ExpenseStatus.DRAFT,
            source=ExpenseSource.VISIT,
            source_ref=visit.visit_id,
            participant_id=person,
            category=category,
            incurred_on=visit.starts_on,
            year=year,
            description=f"Visit {visit.starts_on.isoformat()} – {visit.ends_on.isoformat()}"
            f" ({visit.host_country})",
            created_at=now,
            created_by=actor,
        )
        for person in visit.participant_ids
        for category in categories
    ]
    grant.expenses = [*grant.expenses, *drafts]
    grant.record(actor, "visit drafted", note=f"{visit.visit_id}: {len(drafts)} draft expenses")
    return len(drafts)


def draft_visit(visit: VisitRecord, actor: str) -> GrantChange:
    def apply(grant: Grant) -> Sequence[GrantFact]:
        if add_visit_drafts(grant, visit, actor) == 0:
            raise NothingToApply
        return ()

    return apply
