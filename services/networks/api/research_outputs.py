"""Research outputs as the networks subgraph shows them: on the networks they relate to, and
as what practices cite (from the projection of training's events)."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.federation.schema_directives import Key
from strawberry.federation.types import FieldSet

from ..projection import ResearchOutputView
from .context import NetworksInfo, caller, network_outputs_loader, research_output_loader


@strawberry.federation.type(
    name="ResearchOutput",
    keys=[Key(fields=FieldSet("id"), resolvable=False)],
    description="A research output (owned by the training subgraph)",
)
class ResearchOutputEntity:
    id: strawberry.ID


@strawberry.type(
    name="KnownResearchOutput",
    description="A research output as the networks service knows it from training's events",
)
class KnownResearchOutputType:
    id: strawberry.ID
    kind: str = strawberry.field(description="publication, report, policy_brief or presentation")
    title: str
    published_on: date | None
    url: str | None
    application_id: strawberry.ID = strawberry.field(description="The research application")
    partnership_ids: list[strawberry.ID]
    network_ids: list[strawberry.ID]
    themes: list[str]
    source_version: int = strawberry.field(description="The training service's version known here")
    output: ResearchOutputEntity = strawberry.field(description="The output itself (training's)")

    @classmethod
    def of(cls, view: ResearchOutputView) -> KnownResearchOutputType:
        return cls(
            id=strawberry.ID(view.id),
            kind=view.kind,
            title=view.title,
            published_on=view.published_on,
            url=view.url,
            application_id=strawberry.ID(view.application_id),
            partnership_ids=[strawberry.ID(i) for i in view.partnership_ids],
            network_ids=[strawberry.ID(i) for i in view.network_ids],
            themes=view.themes,
            source_version=view.source_version,
            output=ResearchOutputEntity(id=strawberry.ID(view.id)),
        )


async def outputs_of_network(info: NetworksInfo, network_id: str) -> list[KnownResearchOutputType]:
    caller(info)
    found = await network_outputs_loader(info).load(network_id)
    return [KnownResearchOutputType.of(v) for v in found or []]


async def outputs_by_id(info: NetworksInfo, ids: list[str]) -> list[KnownResearchOutputType]:
    """The outputs known here, in the order of `ids`."""
    caller(info)
    found = await research_output_loader(info).load_many(ids)
    return [KnownResearchOutputType.of(v) for v in found if v is not None]
