"""Budget rules (eligible categories and caps) as versioned configuration (use cases in
commands.rules)."""

from __future__ import annotations

import strawberry

from ..commands import rules as commands
from ..domain.rules import DEFAULT_RULES, CapEntry
from .context import FinanceInfo, caller, repos
from .inputs import PublishBudgetRulesInput
from .types import BudgetRulesPayload
from .values import BudgetRulesType


async def _budget_rules(info: FinanceInfo) -> list[BudgetRulesType]:
    caller(info)
    return [
        BudgetRulesType.of(v, built_in=v.id == DEFAULT_RULES.id)
        for v in await repos(info).rule_versions()
    ]


async def _publish_budget_rules(
    info: FinanceInfo, input: PublishBudgetRulesInput
) -> BudgetRulesPayload:
    caps = [
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
    rules = await commands.publish_budget_rules(
        repos(info), caller(info), input.valid_from, input.eligible_categories, caps, input.note
    )
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
