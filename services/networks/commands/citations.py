"""Use case of citations: the contributing partnership's coordinators (or staff) set the
research outputs a practice cites (rules in domain.citation)."""

from __future__ import annotations

from collections.abc import Sequence

from services.common.auth import Principal
from services.common.changes import unannounced

from ..domain.citation import cite, cited
from ..domain.practice import Practice
from ..repositories import Repositories
from .practices import ACTORS


async def cite_research_outputs(
    repos: Repositories,
    caller: Principal,
    practice_id: str,
    version: int,
    output_ids: Sequence[str],
) -> Practice:
    """Replaces the practice's citations; every output must be known here (projected)."""
    caller.require(*ACTORS)
    practice = await repos.practices.require(practice_id, "practiceId")
    partnership = await repos.known_partnership(practice.partnership_id)
    caller.require_acts_for(*partnership.organisation_ids)
    known = await repos.research_outputs.get_many(list(output_ids))
    checked = cited(output_ids, known.keys())
    return await repos.practices.update(
        practice.id, unannounced(cite(caller.sub, checked)), version
    )
