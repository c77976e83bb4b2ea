"""Research on the entities of other subgraphs: `Partnership.research`, `Network.research`
and `Person.researchApplications` (the fields are declared in types.py).

Applications go to those who may read them (research_types.py); a person's applications to
staff and the person's own organisation only, as their other personal data.
"""

from __future__ import annotations

from typing import Protocol

import strawberry

from .context import TrainingInfo
from .research_context import (
    LinkKey,
    applications_linked_loader,
    applications_of_person_loader,
    outputs_linked_loader,
    person_view_loader,
)
from .research_types import (
    LinkedResearch,
    ResearchApplicationType,
    ResearchOutputType,
    visible_applications,
)


class Keyed(Protocol):
    id: strawberry.ID


async def _linked(root: Keyed, info: TrainingInfo, key: LinkKey) -> LinkedResearch:
    found = await applications_linked_loader(info, key).load(str(root.id))
    outputs = await outputs_linked_loader(info, key).load(str(root.id))
    return LinkedResearch(
        applications=visible_applications(info.context.principal, found or []),
        outputs=[ResearchOutputType.of(o) for o in outputs or []],
    )


async def partnership_research(root: Keyed, info: TrainingInfo) -> LinkedResearch:
    return await _linked(root, info, "partnership_ids")


async def network_research(root: Keyed, info: TrainingInfo) -> LinkedResearch:
    return await _linked(root, info, "network_ids")


async def person_research_applications(
    root: Keyed, info: TrainingInfo
) -> list[ResearchApplicationType]:
    principal = info.context.principal
    if principal is None:
        return []
    if not principal.is_staff:
        person = await person_view_loader(info).load(str(root.id))
        if person is None or principal.org is None or person.organisation_id != principal.org:
            return []
    found = await applications_of_person_loader(info).load(str(root.id))
    return [ResearchApplicationType.of(a, principal) for a in found or []]
