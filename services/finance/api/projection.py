"""Staff diagnostics (and the demo loader's wait): what the projections hold (projection.py)."""

from __future__ import annotations

import strawberry

from services.common.auth import STAFF

from .context import FinanceInfo, caller, repos
from .types import FinancePartnershipType


async def _finance_partnership(
    info: FinanceInfo, id: strawberry.ID
) -> FinancePartnershipType | None:
    caller(info).require(*STAFF)
    view = await repos(info).partnerships.get(str(id))
    return None if view is None else FinancePartnershipType.of(view)


@strawberry.type
class ProjectionQueries:
    finance_partnership: FinancePartnershipType | None = strawberry.field(
        resolver=_finance_partnership,
        description="Staff diagnostics: this service's projection of a partnership",
    )
