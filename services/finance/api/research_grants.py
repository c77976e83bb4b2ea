"""Research grants' payments: officers approve the advance and the final payment and
record their payment (use cases in commands.research_grants)."""

from __future__ import annotations

import strawberry

from ..commands import research_grants as commands
from ..domain.research_grant import ResearchGrant, ResearchPayment
from .context import FinanceInfo, caller, repos
from .inputs import ApproveResearchPaymentInput, PayResearchPaymentInput
from .research_types import ResearchPaymentType
from .types import GrantObject


@strawberry.type
class ResearchPaymentPayload:
    grant: GrantObject
    payment: ResearchPaymentType

    @classmethod
    def of(cls, grant: ResearchGrant, payment: ResearchPayment) -> ResearchPaymentPayload:
        return cls(grant=GrantObject.of_research(grant), payment=ResearchPaymentType.of(payment))


async def _approve_research_payment(
    info: FinanceInfo, input: ApproveResearchPaymentInput
) -> ResearchPaymentPayload:
    grant, payment = await commands.approve_research_payment(
        repos(info), caller(info), str(input.grant_id), input.stage
    )
    return ResearchPaymentPayload.of(grant, payment)


async def _pay_research_payment(
    info: FinanceInfo, input: PayResearchPaymentInput
) -> ResearchPaymentPayload:
    grant, payment = await commands.pay_research_payment(
        repos(info), caller(info), str(input.grant_id), str(input.payment_id), input.paid_on
    )
    return ResearchPaymentPayload.of(grant, payment)


@strawberry.type
class ResearchGrantMutations:
    approve_research_payment: ResearchPaymentPayload = strawberry.mutation(
        resolver=_approve_research_payment,
        description="Approves a research grant's advance (once open) or final payment (once the"
        " final report is accepted and the advance paid), for the amount the rules give",
    )

    pay_research_payment: ResearchPaymentPayload = strawberry.mutation(
        resolver=_pay_research_payment,
        description="Records the payment of an approved research payment; the final one closes"
        " the grant",
    )
