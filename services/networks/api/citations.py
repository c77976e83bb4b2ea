"""The mutation by which a practice cites research outputs (use case in commands.citations)."""

from __future__ import annotations

import strawberry

from ..commands import citations as commands
from .context import NetworksInfo, caller, repos
from .inputs import CiteResearchOutputsInput
from .types import PracticePayload, PracticeType


async def _cite_research_outputs(
    info: NetworksInfo, input: CiteResearchOutputsInput
) -> PracticePayload:
    practice = await commands.cite_research_outputs(
        repos(info),
        caller(info),
        str(input.practice_id),
        input.version,
        [str(i) for i in input.output_ids],
    )
    return PracticePayload(practice=PracticeType.of(practice))


@strawberry.type
class CitationMutations:
    cite_research_outputs: PracticePayload = strawberry.mutation(
        resolver=_cite_research_outputs,
        description="Sets the research outputs a practice cites; the contributing partnership's"
        " coordinators or staff",
    )
