"""Funding queries: what a network, programme or cohort has funded (booked workshop costs)."""

from __future__ import annotations

import strawberry

from ..domain.funding import FundingKind, funding_id, new_funding
from .context import FinanceInfo, caller, repos
from .values import TrainingFundingType


async def _training_funding(
    info: FinanceInfo, kind: FundingKind, ref_id: strawberry.ID
) -> TrainingFundingType:
    caller(info)
    found = await repos(info).fundings.get(funding_id(kind, str(ref_id)))
    return TrainingFundingType.of(found or new_funding(kind, str(ref_id)))


@strawberry.type
class FundingQueries:
    training_funding: TrainingFundingType = strawberry.field(
        resolver=_training_funding, description="What a network, programme or cohort has funded"
    )
