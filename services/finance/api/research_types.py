"""GraphQL output types of research grants: their terms and their two payments."""

from __future__ import annotations

from datetime import date

import strawberry

from services.common.money import MoneyType
from services.common.output_types import from_attributes

from ..domain.research_grant import ADVANCE_PERCENT, ResearchGrant, ResearchPayment
from .enums import DisbursementStatus, PaymentStage


@strawberry.type(name="ResearchPayment", description="A research grant's advance or final payment")
class ResearchPaymentType:
    id: strawberry.ID
    stage: PaymentStage
    amount: MoneyType
    status: DisbursementStatus
    approved_on: date
    approved_by: str
    paid_on: date | None
    paid_by: str | None

    @classmethod
    def of(cls, payment: ResearchPayment) -> ResearchPaymentType:
        return from_attributes(cls, payment, amount=MoneyType.of(payment.amount))


@strawberry.type(
    name="ResearchGrantTerms",
    description="What a research grant adds to a grant: the call, the researchers, the cap and"
    f" the payments (an advance of {ADVANCE_PERCENT} %, the rest after the final report)",
)
class ResearchTermsType:
    call_id: strawberry.ID
    research_kind: str = strawberry.field(description="project or fieldwork")
    principal_investigator_id: strawberry.ID
    organisation_id: strawberry.ID = strawberry.field(description="The university")
    partnership_ids: list[strawberry.ID]
    network_ids: list[strawberry.ID]
    themes: list[str]
    cap: MoneyType = strawberry.field(description="The call's maximum for the kind")
    advance_amount: MoneyType
    final_amount: MoneyType
    reported_on: date | None = strawberry.field(
        description="The day officers accepted the final report"
    )
    payments: list[ResearchPaymentType]

    @classmethod
    def of(cls, grant: ResearchGrant) -> ResearchTermsType:
        return from_attributes(
            cls,
            grant,
            cap=MoneyType.of(grant.cap),
            advance_amount=MoneyType.of(grant.advance_amount),
            final_amount=MoneyType.of(grant.final_amount),
            payments=[ResearchPaymentType.of(p) for p in grant.payments],
        )
