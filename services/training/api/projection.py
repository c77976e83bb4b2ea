"""Staff diagnostics (and the demo loader's wait): what the projections hold (projection.py)."""

from __future__ import annotations

from typing import TypeVar

import strawberry

from services.common.auth import STAFF
from services.common.query_fields import by_id_field
from services.common.store import AggregateStore
from services.contracts.partnership_views import KnownPartnershipType, PartnershipView

from ..projection import NetworkView, PersonView
from .context import repos
from .values import KnownNetworkType, KnownPersonType

V = TypeVar("V", PersonView, PartnershipView, NetworkView)


async def _known(store: AggregateStore[V], id: str) -> V | None:
    """The view once a snapshot of it has arrived (not a placeholder other events made)."""
    view = await store.get(id)
    return view if view is not None and view.known else None


def _person(view: PersonView) -> KnownPersonType:
    return KnownPersonType(
        id=strawberry.ID(view.id),
        organisation_id=strawberry.ID(view.organisation_id),
        role=view.role,
        senior=view.senior,
        source_version=view.source_version,
    )


def _network(view: NetworkView) -> KnownNetworkType:
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

    known_person: KnownPersonType | None = by_id_field(
        lambda info, id: _known(repos(info).people, id),
        _person,
        readers=STAFF,
        name="trainingKnownPerson",
    )
    known_partnership: KnownPartnershipType | None = by_id_field(
        lambda info, id: _known(repos(info).partnerships, id),
        KnownPartnershipType.of,
        readers=STAFF,
        name="trainingKnownPartnership",
    )
    known_network: KnownNetworkType | None = by_id_field(
        lambda info, id: _known(repos(info).networks, id),
        _network,
        readers=STAFF,
        name="trainingKnownNetwork",
    )
