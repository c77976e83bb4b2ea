"""When each year's financial report is due, and where it stands on a given day.

A grant has accounting years 1..N from `starts_on` (domain.grant.Grant.year_range) and one
financial report per accounting year (domain.reports). ICLD's decision letter sets the
dates by which the reports are due; the platform does not record those dates yet, so one
rule stands in for them (REPORT_DUE_MONTHS). On a day `as_of` a year's report is

- APPROVED once ICLD approved it, SUBMITTED while it is with ICLD (submitted, in control);
- otherwise (no report, a draft, or reopened for corrections) OVERDUE once its deadline has
  passed, DUE once the year has ended or the deadline is at most DUE_SOON_DAYS away, and
  UPCOMING before that.

Only grants where reports are opened and submitted (in implementation or finalisation:
BOOKABLE) have deadlines: a grant in the pipeline has no fixed period yet, a cancelled one
never had one, a suspended one cannot submit until it is resumed, a closed one is done.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .grant import BOOKABLE, FinancialReport, Grant, ReportStatus, add_months

REPORT_DUE_MONTHS = 2
"""A year's report is due two months after the accounting year ends. ICLD's decision letter
sets the actual dates; this is an assumption standing in for them (time to close the books
and gather receipts of a year paid in arrears) until they are recorded per grant."""

DUE_SOON_DAYS = 60
"""A deadline this close (or the year over) shows as DUE: time enough to prepare the report."""

WITH_ICLD = frozenset({ReportStatus.SUBMITTED, ReportStatus.IN_CONTROL})


class DeadlineStatus(StrEnum):
    UPCOMING = "upcoming"
    DUE = "due"
    OVERDUE = "overdue"
    SUBMITTED = "submitted"
    APPROVED = "approved"


OPEN_DEADLINES = frozenset({DeadlineStatus.DUE, DeadlineStatus.OVERDUE})
"""What a list of reports to chase holds."""


@dataclass(frozen=True)
class ReportDeadline:
    grant_id: str
    partnership_id: str
    case_number: str
    accounting_year: int
    final: bool
    year_starts_on: date
    year_ends_on: date
    due_on: date
    status: DeadlineStatus
    report_id: str | None


def due_on(year_ends_on: date) -> date:
    return add_months(year_ends_on, REPORT_DUE_MONTHS)


def deadline_status(
    report: FinancialReport | None, year_ends_on: date, due: date, as_of: date
) -> DeadlineStatus:
    if report is not None and report.status is ReportStatus.APPROVED:
        return DeadlineStatus.APPROVED
    if report is not None and report.status in WITH_ICLD:
        return DeadlineStatus.SUBMITTED
    if due < as_of:
        return DeadlineStatus.OVERDUE
    if year_ends_on < as_of or (due - as_of).days <= DUE_SOON_DAYS:
        return DeadlineStatus.DUE
    return DeadlineStatus.UPCOMING


def report_deadlines(grant: Grant, as_of: date) -> list[ReportDeadline]:
    """Every accounting year's deadline on `as_of`, year 1 first ([] outside BOOKABLE)."""
    if grant.status not in BOOKABLE:
        return []
    deadlines = []
    for year in range(1, grant.years + 1):
        first, last = grant.year_range(year)
        due = due_on(last)
        report = grant.report_of_year(year)
        deadlines.append(
            ReportDeadline(
                grant_id=grant.id,
                partnership_id=grant.partnership_id,
                case_number=grant.case_number,
                accounting_year=year,
                final=year == grant.years,
                year_starts_on=first,
                year_ends_on=last,
                due_on=due,
                status=deadline_status(report, last, due, as_of),
                report_id=None if report is None else report.id,
            )
        )
    return deadlines


def open_deadlines(grants: Sequence[Grant], as_of: date) -> list[ReportDeadline]:
    """The DUE and OVERDUE reports of the grants, earliest deadline first."""
    found = [
        d for grant in grants for d in report_deadlines(grant, as_of) if d.status in OPEN_DEADLINES
    ]
    return sorted(found, key=lambda d: (d.due_on, d.case_number, d.grant_id, d.accounting_year))
