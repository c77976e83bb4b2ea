"""Budget rule use cases: officers publish a new version (rules in domain.rules)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from services.common.auth import STAFF, Principal
from services.common.clock import clock
from services.common.vocabulary import CostCategory

from ..domain.rules import BudgetRules, CapEntry, new_version
from ..repositories import Repositories


async def publish_budget_rules(
    repos: Repositories,
    principal: Principal,
    valid_from: date,
    eligible_categories: Sequence[CostCategory],
    caps: Sequence[CapEntry],
    note: str,
) -> BudgetRules:
    """A new version, for grants decided from `valid_from` on."""
    principal.require(*STAFF)
    rules = new_version(
        valid_from=valid_from,
        eligible_categories=eligible_categories,
        caps=caps,
        note=note,
        existing=await repos.rule_versions(),
        today=clock.today(),
        actor=principal.sub,
    )
    return await repos.rules.create(rules)
