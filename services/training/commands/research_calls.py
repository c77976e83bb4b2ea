"""Research calls: staff open them, extend them and publish new versions of their caps."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from services.common.auth import STAFF, Principal
from services.common.clock import clock
from services.common.idempotency import new_id
from services.common.money import Money
from services.common.vocabulary import Theme

from ..domain import research_call as calls
from ..domain.research_call import KindCap, ResearchCall
from ..repositories import Repositories
from .research_events import research_emitting


async def open_research_call(
    repos: Repositories,
    principal: Principal,
    *,
    title: str,
    themes: Sequence[Theme],
    opens_on: date,
    closes_on: date,
    total_budget: Money,
    caps: Sequence[KindCap],
) -> ResearchCall:
    principal.require(*STAFF)
    call = calls.open_call(
        new_id(),
        title=title,
        themes=themes,
        opens_on=opens_on,
        closes_on=closes_on,
        total_budget=total_budget,
        caps=caps,
        actor=principal.sub,
    )
    return await repos.research_calls.create(call)


async def extend_research_call(
    repos: Repositories, principal: Principal, call_id: str, version: int, closes_on: date
) -> ResearchCall:
    principal.require(*STAFF)
    change = calls.extend(principal.sub, closes_on, clock.today())
    return await repos.research_calls.update(call_id, research_emitting(change), version)


async def publish_research_caps(
    repos: Repositories,
    principal: Principal,
    call_id: str,
    version: int,
    valid_from: date,
    caps: Sequence[KindCap],
) -> ResearchCall:
    principal.require(*STAFF)
    change = calls.publish_caps(principal.sub, valid_from, caps, clock.today())
    return await repos.research_calls.update(call_id, research_emitting(change), version)
