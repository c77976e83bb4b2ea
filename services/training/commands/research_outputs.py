"""Research outputs: the applicants (or staff) record what funded research published."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from services.common.auth import Principal
from services.common.clock import clock
from services.common.events.envelope import Event
from services.common.idempotency import new_id
from services.common.vocabulary import Theme

from ..domain import research_output as outputs
from ..domain.research_access import require_acts_for_applicants
from ..domain.research_output import OutputKind, ResearchOutput
from ..repositories import Repositories
from .research_events import event_of


async def publish_research_output(
    repos: Repositories,
    principal: Principal,
    *,
    application_id: str,
    kind: OutputKind,
    title: str,
    published_on: date,
    url: str | None,
    partnership_ids: Sequence[str],
    network_ids: Sequence[str],
    themes: Sequence[Theme],
) -> ResearchOutput:
    application = await repos.research_applications.require(application_id, "applicationId")
    require_acts_for_applicants(principal, application.organisation_id)
    output, published = outputs.publish(
        new_id(),
        application,
        kind=kind,
        title=title,
        published_on=published_on,
        url=url,
        partnership_ids=partnership_ids,
        network_ids=network_ids,
        themes=themes,
        today=clock.today(),
        actor=principal.sub,
    )
    events: list[Event] = [event_of(published)]
    return await repos.research_outputs.create(output, events)
