"""Research grant use cases: opened from training's approval, reported, paid in two parts
(rules in domain.research_grant)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date

from services.common.auth import STAFF, Principal
from services.common.clock import clock
from services.common.events.envelope import Event
from services.common.idempotency import new_id
from services.common.store import Change

from ..domain import NothingToApply, research_grant
from ..domain.research_grant import (
    APPROVED,
    PaymentStage,
    ResearchDecision,
    ResearchGrant,
    ResearchPayment,
    from_research_decision,
    research_grant_id_for,
)
from ..repositories import Repositories

log = logging.getLogger(__name__)


class NoResearchGrant(LookupError):
    """A report for a research application finance opened no grant for (yet)."""


def quietly(change: Callable[[ResearchGrant], object]) -> Change[ResearchGrant]:
    """A research grant's change as the store runs it: research grants announce no events
    (the finance contract's grant events are about partnerships)."""

    def apply(grant: ResearchGrant) -> Sequence[Event]:
        change(grant)
        return ()

    return apply


async def open_research_grant(
    repos: Repositories, cause: Event, decision: ResearchDecision
) -> None:
    """An approved research application's grant. Its id derives from the application's, so
    a redelivery (or a second event about the decision) changes nothing. A decision finance
    refuses raises `DecisionRefused`: the event is retried and dead-lettered with the reason."""
    if decision.outcome != APPROVED:
        return
    opening = from_research_decision(decision, cause.time.date())
    try:
        await repos.research_grants.apply(
            cause, opening.id, quietly(research_grant.opened), create=lambda: opening
        )
    except NothingToApply:
        log.info("research grant opened before", extra={"grant": opening.id})


async def record_final_report(
    repos: Repositories, cause: Event, application_id: str, accepted_on: date
) -> None:
    """The final report accepted. Without the grant (its decision refused, or not yet
    handled) the event fails, so it is retried and then dead-lettered to replay."""
    grant_id = research_grant_id_for(application_id)
    try:
        done = await repos.research_grants.apply(
            cause, grant_id, quietly(lambda g: research_grant.reported(g, accepted_on))
        )
    except NothingToApply:
        log.info("final report recorded before", extra={"grant": grant_id})
        return
    if done is None and await repos.research_grants.get(grant_id) is None:
        raise NoResearchGrant(f"no research grant for application {application_id!r}")


async def approve_research_payment(
    repos: Repositories, principal: Principal, grant_id: str, stage: PaymentStage
) -> tuple[ResearchGrant, ResearchPayment]:
    principal.require(*STAFF)
    payment_id = new_id()
    today = clock.today()
    change = quietly(
        lambda g: research_grant.approve_payment(g, principal.sub, payment_id, stage, today)
    )
    grant = await repos.research_grants.update(grant_id, change)
    return grant, next(p for p in grant.payments if p.id == payment_id)


async def pay_research_payment(
    repos: Repositories, principal: Principal, grant_id: str, payment_id: str, paid_on: date
) -> tuple[ResearchGrant, ResearchPayment]:
    principal.require(*STAFF)
    today = clock.today()
    change = quietly(lambda g: research_grant.pay(g, principal.sub, payment_id, paid_on, today))
    grant = await repos.research_grants.update(grant_id, change)
    return grant, next(p for p in grant.payments if p.id == payment_id)
