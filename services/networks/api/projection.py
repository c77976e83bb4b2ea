"""Staff diagnostics (and the demo loader's wait): what the projections hold (projection.py)."""

from __future__ import annotations

import strawberry

from services.common.auth import STAFF
from services.common.query_fields import by_id_field
from services.contracts.partnership_views import KnownPartnershipType

from .context import repos


@strawberry.type
class ProjectionQueries:
    known_partnership: KnownPartnershipType | None = by_id_field(
        lambda info, id: repos(info).partnerships.get(id),
        KnownPartnershipType.of,
        readers=STAFF,
        name="networksKnownPartnership",
        description="Staff diagnostics: this service's projection of a partnership",
    )
