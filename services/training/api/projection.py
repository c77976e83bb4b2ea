"""Staff diagnostics (and the demo loader's wait): what the projections hold (projection.py)."""

from __future__ import annotations

import strawberry

from services.common.auth import STAFF
from services.contracts.partnership_views import KnownPartnershipType

from .context import TrainingInfo, repos
from .types import KnownNetworkType, KnownPersonType


async def _known_person(info: TrainingInfo, id: strawberry.ID) -> KnownPersonType | None:
    info.context.require_principal().require(*STAFF)
    view = await repos(info).people.get(str(id))
    if view is None or not view.known:
        return None
    return KnownPersonType(
        id=strawberry.ID(view.id),
        organisation_id=strawberry.ID(view.organisation_id),
        role=view.role,
        senior=view.senior,
        source_version=view.source_version,
    )


async def _known_partnership(info: TrainingInfo, id: strawberry.ID) -> KnownPartnershipType | None:
    info.context.require_principal().require(*STAFF)
    view = await repos(info).partnerships.get(str(id))
    if view is None or not view.known:
        return None
    return KnownPartnershipType.of(view)


async def _known_network(info: TrainingInfo, id: strawberry.ID) -> KnownNetworkType | None:
    info.context.require_principal().require(*STAFF)
    view = await repos(info).networks.get(str(id))
    if view is None or not view.known:
        return None
    return KnownNetworkType(
        id=strawberry.ID(view.id),
        name=view.name,
        status=view.status,
        source_version=view.source_version,
    )


@strawberry.type
class ProjectionQueries:
    """Staff diagnostics (and the demo loader's wait): what the projections hold.

    Named for the service: each service answers from its own projections.
    """

    known_person: KnownPersonType | None = strawberry.field(
        resolver=_known_person, name="trainingKnownPerson"
    )
    known_partnership: KnownPartnershipType | None = strawberry.field(
        resolver=_known_partnership, name="trainingKnownPartnership"
    )
    known_network: KnownNetworkType | None = strawberry.field(
        resolver=_known_network, name="trainingKnownNetwork"
    )
