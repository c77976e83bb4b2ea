"""Staff diagnostics (and the demo loader's wait): what the projections hold (projection.py)."""

from __future__ import annotations

import strawberry

from services.common.auth import STAFF
from services.common.query_fields import by_id_field

from .context import repos
from .values import FinancePartnershipType


@strawberry.type
class ProjectionQueries:
    finance_partnership: FinancePartnershipType | None = by_id_field(
        lambda info, id: repos(info).partnerships.get(id),
        FinancePartnershipType.of,
        readers=STAFF,
        description="Staff diagnostics: this service's projection of a partnership",
    )
