"""The organisation projection that consuming services keep (docs/architecture.md, Ownership)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import strawberry
from strawberry.types import Info

from services.common.auth import STAFF
from services.common.events.consumer import Handler
from services.common.events.envelope import Event
from services.common.graphql import Context
from services.common.store import Aggregate, AggregateStore
from services.contracts.partnerships import (
    ORGANISATION_CREATED,
    ORGANISATION_UPDATED,
    OrganisationV1,
)

COLLECTION = "organisations"


class OrganisationView(Aggregate):
    """What a consuming service knows of an organisation; `source_version` orders updates."""

    name: str = ""
    kind: str = ""
    country: str = ""
    is_swedish: bool = False
    source_version: int = 0


def organisation_handlers(store: AggregateStore[OrganisationView]) -> Mapping[str, Handler]:
    async def on_organisation(event: Event) -> None:
        data = OrganisationV1.model_validate(event.data)

        def apply(view: OrganisationView) -> Sequence[Event]:
            if data.version > view.source_version:  # an older, late event changes nothing
                view.name, view.kind, view.country = data.name, data.kind, data.country
                view.is_swedish, view.source_version = data.is_swedish, data.version
            return ()

        await store.apply(event, data.id, apply, create=lambda: OrganisationView(id=data.id))

    return {ORGANISATION_CREATED.type: on_organisation, ORGANISATION_UPDATED.type: on_organisation}


# Defined alike in several subgraphs: Federation 2 composes such value types only if
# each subgraph marks them shareable.
@strawberry.federation.type(
    name="KnownOrganisation", description="An organisation as this service knows it", shareable=True
)
class KnownOrganisationType:
    id: strawberry.ID
    name: str
    country: str
    source_version: int


class HasOrganisationProjection:
    organisations: AggregateStore[OrganisationView]


async def _known_organisation(
    info: Info[Context[HasOrganisationProjection], None], id: strawberry.ID
) -> KnownOrganisationType | None:
    info.context.require_principal().require(*STAFF)
    view = await info.context.repos.organisations.get(str(id))
    if view is None:
        return None
    return KnownOrganisationType(
        id=strawberry.ID(view.id),
        name=view.name,
        country=view.country,
        source_version=view.source_version,
    )


def known_organisation_field(service: str) -> KnownOrganisationType | None:
    """The staff diagnostics query of `service`'s projection, named for the service.

    Each service answers from its own projection, so the answers differ: the query is not
    shareable, and a federated graph needs one name per service (`financeKnownOrganisation`).
    """
    return strawberry.field(
        resolver=_known_organisation,
        name=f"{service}KnownOrganisation",
        description="Staff diagnostics: this service's projection of an organisation",
    )
