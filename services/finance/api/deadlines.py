"""The financial reports to chase: due or overdue across grants (rules in domain.deadlines).

Staff and viewers see every grant's, a coordinator those of the grants of their
organisation's partnerships (as `grants`). One query loads the grants that can owe a report,
without the parts that grow with use (expenses, the audit trail); `ReportDeadline.grant`
and `.report` load whole grants through the per-request loader when they are asked for.
"""

from __future__ import annotations

from datetime import date

import strawberry

from services.common.errors import BadUserInput

from ..domain.deadlines import open_deadlines
from .context import FinanceInfo, caller, readable_partnerships, repos
from .types import ReportDeadlineType, as_of_day

MAX_PARTNERSHIP_IDS = 1000
"""Bounds the input; the whole programme is a few hundred partnerships."""


def _partnership_ids(ids: list[strawberry.ID] | None) -> list[str] | None:
    if ids is None:
        return None
    if len(ids) > MAX_PARTNERSHIP_IDS:
        raise BadUserInput(f"at most {MAX_PARTNERSHIP_IDS} partnership ids", field="partnershipIds")
    cleaned = [str(i).strip() for i in ids]
    if any(not i for i in cleaned):
        raise BadUserInput("a partnership id is not empty", field="partnershipIds")
    return list(dict.fromkeys(cleaned))


async def _financial_reports_due(
    info: FinanceInfo,
    partnership_ids: list[strawberry.ID] | None = None,
    as_of: date | None = None,
) -> list[ReportDeadlineType]:
    caller(info)
    day = as_of_day(as_of)
    wanted = _partnership_ids(partnership_ids)
    grants = await repos(info).grants_owing_reports(day, wanted, await readable_partnerships(info))
    return [ReportDeadlineType.of(d) for d in open_deadlines(grants, day)]


@strawberry.type
class DeadlineQueries:
    financial_reports_due: list[ReportDeadlineType] = strawberry.field(
        resolver=_financial_reports_due,
        description="Financial reports DUE or OVERDUE on `asOf` (default today), earliest"
        " deadline first: of every grant for staff and viewers, of their organisation's"
        " partnerships' grants for a coordinator; `partnershipIds` narrows to those"
        " partnerships",
    )
