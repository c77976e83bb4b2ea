"""Events the networks service reacts to.

- Partnership events feed the local partnership projection (newer versions only).
- A partnership closed: its active memberships end (docs/architecture.md, Reactions).
- A network closed (this service's own event): its active memberships end.
- A research output published (training): the output projection keeps it (newer versions
  only), to show on its networks and for practices to cite.

Every effect goes through `AggregateStore.apply`, which stores the event id with the effect
in one write: a redelivered event finds its id and changes nothing. Memberships end through
the membership commands, which leave one that has already ended alone (with its version).
"""

from __future__ import annotations

from collections.abc import Mapping

from services.common.events.consumer import Handler
from services.common.events.envelope import Event
from services.contracts.networks import NETWORK_CLOSED, NetworkV1
from services.contracts.organisation_views import organisation_handlers
from services.contracts.partnership_views import partnership_handlers
from services.contracts.training import RESEARCH_OUTPUT_PUBLISHED, ResearchOutputV1

from .commands.memberships import end_memberships_of_network, end_memberships_of_partnership
from .projection import ResearchOutputView, project_output
from .repositories import Repositories


def handlers(repos: Repositories) -> Mapping[str, Handler]:
    async def on_partnership_closed(event: Event, partnership_id: str) -> None:
        # After the projection: a join that checks it now cannot admit the partnership, and a
        # join that checked it before has written its membership, which is found here (or
        # finds the projection closed and ends the membership itself: see join_network).
        await end_memberships_of_partnership(repos, event, partnership_id, event.time.date())

    async def on_network_closed(event: Event) -> None:
        data = NetworkV1.model_validate(event.data)
        await end_memberships_of_network(repos, event, data.id, data.closed_on or event.time.date())

    async def on_research_output(event: Event) -> None:
        data = ResearchOutputV1.model_validate(event.data)
        await project_output(repos.research_outputs, event, research_output_of(data))

    return {
        **organisation_handlers(repos.organisations),
        **partnership_handlers(repos.partnerships, on_partnership_closed),
        NETWORK_CLOSED.type: on_network_closed,
        RESEARCH_OUTPUT_PUBLISHED.type: on_research_output,
    }


def research_output_of(data: ResearchOutputV1) -> ResearchOutputView:
    """Training's research output in the networks service's terms."""
    return ResearchOutputView(
        id=data.id,
        source_version=data.version,
        application_id=data.application_id,
        kind=data.kind,
        title=data.title,
        published_on=data.published_on,
        url=data.url,
        partnership_ids=data.partnership_ids,
        network_ids=data.network_ids,
        themes=data.themes,
    )
