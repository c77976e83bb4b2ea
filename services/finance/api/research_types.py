"""GraphQL output types of research grants: their terms and their two payments."""

from __future__ import annotations

from datetime import date

import strawberry

from services.common.money import MoneyType

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
        return cls(
            id=strawberry.ID(payment.id),
            stage=payment.stage,
            amount=MoneyType.of(payment.amount),
            status=payment.status,
            approved_on=payment.approved_on,
            approved_by=payment.approved_by,
            paid_on=payment.paid_on,
            paid_by=payment.paid_by,
        )


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
        return cls(
            call_id=strawberry.ID(grant.call_id),
            research_kind=grant.research_kind,
            principal_investigator_id=strawberry.ID(grant.principal_investigator_id),
            organisation_id=strawberry.ID(grant.organisation_id),
            partnership_ids=[strawberry.ID(i) for i in grant.partnership_ids],
            network_ids=[strawberry.ID(i) for i in grant.network_ids],
            themes=grant.themes,
            cap=MoneyType.of(grant.cap),
            advance_amount=MoneyType.of(grant.advance_amount),
            final_amount=MoneyType.of(grant.final_amount),
            reported_on=grant.reported_on,
            payments=[ResearchPaymentType.of(p) for p in grant.payments],
        )
