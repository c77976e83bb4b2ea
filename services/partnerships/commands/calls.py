"""Opening calls (application rounds), changing them and extending their deadline.

Calls are ICLD's own business: other services learn nothing of them, so no event."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from services.common.auth import STAFF, Principal
from services.common.changes import unannounced
from services.common.idempotency import new_id

from ..domain.call import ApplicationKind, Call, change_details, extend, open_call
from ..repositories import Repositories


async def create_call(
    repos: Repositories,
    actor: Principal,
    *,
    title: str,
    programme: str,
    allowed_types: Sequence[ApplicationKind],
    opens_on: date,
    closes_on: date,
    extended_to: date | None,
) -> Call:
    actor.require(*STAFF)
    call = open_call(
        new_id(),
        title=title,
        programme=programme,
        allowed_types=allowed_types,
        opens_on=opens_on,
        closes_on=closes_on,
        extended_to=extended_to,
        actor=actor.sub,
    )
    return await repos.calls.create(call)


async def update_call(
    repos: Repositories,
    actor: Principal,
    call_id: str,
    version: int,
    *,
    title: str | None,
    programme: str | None,
    allowed_types: Sequence[ApplicationKind] | None,
    opens_on: date | None,
    closes_on: date | None,
) -> Call:
    actor.require(*STAFF)
    edit = change_details(
        actor.sub,
        title=title,
        programme=programme,
        allowed_types=allowed_types,
        opens_on=opens_on,
        closes_on=closes_on,
    )

    return await repos.calls.update(call_id, unannounced(edit), version)


async def extend_call(
    repos: Repositories,
    actor: Principal,
    call_id: str,
    version: int,
    *,
    extended_to: date,
    note: str | None,
) -> Call:
    actor.require(*STAFF)
    change = extend(actor.sub, extended_to, note)
    return await repos.calls.update(call_id, unannounced(change), version)
