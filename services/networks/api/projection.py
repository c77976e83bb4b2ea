"""Staff diagnostics (and the demo loader's wait): what the projections hold (projection.py)."""

from __future__ import annotations

import strawberry

from services.common.auth import STAFF
from services.contracts.partnership_views import KnownPartnershipType

from .context import NetworksInfo, caller, repos


async def _known_partnership(info: NetworksInfo, id: strawberry.ID) -> KnownPartnershipType | None:
    caller(info).require(*STAFF)
    view = await repos(info).partnerships.get(str(id))
    return None if view is None else KnownPartnershipType.of(view)


@strawberry.type
class ProjectionQueries:
    known_partnership: KnownPartnershipType | None = strawberry.field(
        resolver=_known_partnership,
        name="networksKnownPartnership",
        description="Staff diagnostics: this service's projection of a partnership",
    )
