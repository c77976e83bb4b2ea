"""Budget rules (eligible categories and caps) as versioned configuration."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from services.common.auth import STAFF
from services.common.inputs import CheckedInput
from services.common.money import MoneyInput
from services.common.vocabulary import CostCategory

from ..domain.rules import (
    DEFAULT_RULES,
    ApplicationType,
    CapEntry,
    CapKind,
    CapPeriod,
    Region,
    new_version,
)
from .context import FinanceInfo, caller, repos, today
from .types import BudgetRulesType


@strawberry.input
class BudgetCapInput(CheckedInput):
    application_type: ApplicationType
    region: Region
    partnership_kind: CapKind
    period: CapPeriod
    amount: MoneyInput = strawberry.field(description="In SEK")
    working_hours: Decimal | None = strawberry.field(
        default=None, description="SEK: at most this much of the amount for working hours"
    )


@strawberry.input
class PublishBudgetRulesInput(CheckedInput):
    valid_from: date = strawberry.field(
        description="Applies to grants decided from this day on (a day after today)"
    )
    eligible_categories: list[CostCategory]
    caps: list[BudgetCapInput] = strawberry.field(
        description="One per application type, region and partnership kind"
    )
    note: str = ""


@strawberry.type
class BudgetRulesPayload:
    rules: BudgetRulesType


async def _budget_rules(info: FinanceInfo) -> list[BudgetRulesType]:
    caller(info)
    return [
        BudgetRulesType.of(v, built_in=v.id == DEFAULT_RULES.id)
        for v in await repos(info).rule_versions()
    ]


async def _publish_budget_rules(
    info: FinanceInfo, input: PublishBudgetRulesInput
) -> BudgetRulesPayload:
    principal = caller(info)
    principal.require(*STAFF)
    stores = repos(info)
    entries = [
        CapEntry(
            grant_type=cap.application_type,
            region=cap.region,
            kind=cap.partnership_kind,
            period=cap.period,
            amount=cap.amount.amount,
            currency=cap.amount.currency,
            working_hours=cap.working_hours,
            field=f"caps[{i}]",
        )
        for i, cap in enumerate(input.caps)
    ]
    rules = new_version(
        valid_from=input.valid_from,
        eligible_categories=input.eligible_categories,
        caps=entries,
        note=input.note,
        existing=await stores.rule_versions(),
        today=today(),
        actor=principal.sub,
    )
    rules = await stores.rules.create(rules)
    return BudgetRulesPayload(rules=BudgetRulesType.of(rules, built_in=False))


@strawberry.type
class RulesQueries:
    budget_rules: list[BudgetRulesType] = strawberry.field(
        resolver=_budget_rules, description="Every version of the budget rules, oldest first"
    )


@strawberry.type
class RulesMutations:
    publish_budget_rules: BudgetRulesPayload = strawberry.mutation(
        resolver=_publish_budget_rules, description="Publishes a new version of the budget rules"
    )
