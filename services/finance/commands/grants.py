"""Grant use cases: opened from a decision, agreed, revised, moved in status, finalised when
its partnership closes (rules in domain.lifecycle)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date

from services.common.auth import STAFF, Principal
from services.common.events.envelope import Event
from services.contracts.partnership_views import CLOSED

from ..domain import NothingToApply, access
from ..domain.expenses import drafted_anywhere
from ..domain.grant import (
    APPROVED_OUTCOMES,
    OPEN_STATUSES,
    Decision,
    Grant,
    GrantStatus,
    from_decision,
    grant_id_for,
)
from ..domain.lifecycle import (
    ProposedLine,
    agree,
    budget_lines,
    change_status,
    finalise_for_closed_partnership,
    opened,
    revise,
)
from ..repositories import Repositories
from .outbox import emitting

log = logging.getLogger(__name__)


async def load_grant(repos: Repositories, grant_id: str, field: str = "id") -> Grant:
    return await repos.grants.require(grant_id, field)


async def require_acts_for(repos: Repositories, principal: Principal, grant: Grant) -> None:
    """Staff, or a coordinator of the grant's partnership; others are FORBIDDEN."""
    view = await repos.partnerships.get(grant.partnership_id)
    access.require_acts_for(principal, None if view is None else view.organisation_ids)


async def agree_grant(
    repos: Repositories, principal: Principal, grant_id: str, version: int, starts_on: date
) -> Grant:
    """Signs the agreement; the partnership's visits that waited for a grant and fall in the
    period are drafted on it (unless another grant drafted them)."""
    principal.require(*STAFF)
    grant = await load_grant(repos, grant_id)
    view = await repos.partnerships.get(grant.partnership_id)
    others = [g for g in await repos.grants_of(grant.partnership_id) if g.id != grant.id]
    waiting = [] if view is None else [u.visit for u in view.unfunded]
    drafted = frozenset(v.visit_id for v in waiting if drafted_anywhere(others, v.visit_id))
    change = agree(principal.sub, starts_on, waiting, drafted)
    return await repos.grants.update(grant.id, emitting(change), version)


async def revise_grant_budget(
    repos: Repositories,
    principal: Principal,
    grant_id: str,
    version: int,
    lines: Sequence[ProposedLine],
    note: str,
) -> Grant:
    principal.require(*STAFF)
    checked = budget_lines(lines, "lines")
    grant = await load_grant(repos, grant_id)
    change = revise(principal.sub, checked, note, await repos.rules_of(grant))
    return await repos.grants.update(grant.id, emitting(change), version)


async def change_grant_status(
    repos: Repositories,
    principal: Principal,
    grant_id: str,
    version: int,
    status: GrantStatus,
    note: str | None,
) -> Grant:
    principal.require(*STAFF)
    change = change_status(principal.sub, status, note)
    return await repos.grants.update(grant_id, emitting(change), version)


async def open_grant(repos: Repositories, cause: Event, decision: Decision) -> None:
    """An approved application's grant, with the approved budget. Its id derives from the
    application's, so a second delivery (or a second event about the same decision) finds
    it and changes nothing. A grant of a partnership closed meanwhile is finalised."""
    if decision.outcome not in APPROVED_OUTCOMES:
        return
    grant_id = grant_id_for(decision.application_id)
    rules = await repos.rule_versions()
    closed = await _closed(repos, decision.partnership_id)
    try:
        await repos.grants.apply(
            cause,
            grant_id,
            emitting(opened(closed)),
            create=lambda: from_decision(decision, cause.time.date(), rules),
        )
    except NothingToApply:
        log.info("grant opened before", extra={"grant": grant_id})
        return
    # A closing handled meanwhile may have looked for grants before this one existed.
    if not closed and await _closed(repos, decision.partnership_id):
        await _finalise(repos, None, grant_id)


async def finalise_grants_of(repos: Repositories, cause: Event, partnership_id: str) -> None:
    """A partnership closed: its grants not yet closed or cancelled move to finalisation.
    The projection has recorded the closing before (so a grant opened after it sees it)."""
    for grant in await repos.grants_of(partnership_id):
        if grant.status in OPEN_STATUSES:
            await _finalise(repos, cause, grant.id)


async def _closed(repos: Repositories, partnership_id: str) -> bool:
    view = await repos.partnerships.get(partnership_id)
    return view is not None and view.status == CLOSED


async def _finalise(repos: Repositories, cause: Event | None, grant_id: str) -> None:
    change = emitting(finalise_for_closed_partnership())
    try:
        if cause is None:
            await repos.grants.update(grant_id, change)
        else:
            await repos.grants.apply(cause, grant_id, change)
    except NothingToApply:
        log.info("grant not open: left as it is", extra={"grant": grant_id})
