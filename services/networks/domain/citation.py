"""Practices cite research: a practice names the research outputs it builds on.

ICLD's research is meant to feed back into the partnerships; a practice citing an output
makes that link visible both ways. Only outputs the service knows (from training's events)
can be cited, so a citation never points at nothing; the contributing partnership's
coordinators (or staff) set the list, which replaces the previous one.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from services.common.errors import BadUserInput

from .practice import Practice, PracticeEdit

MAX_CITATIONS = 20


def cited(output_ids: Sequence[str], known: Collection[str]) -> list[str]:
    """The ids, each once in the given order; an unknown one is refused naming its place."""
    if len(output_ids) > MAX_CITATIONS:
        raise BadUserInput(f"a practice cites at most {MAX_CITATIONS} outputs", field="outputIds")
    for i, output_id in enumerate(output_ids):
        if output_id not in known:
            raise BadUserInput(
                f"no research output {output_id!r} is known here", field=f"outputIds.{i}"
            )
    return list(dict.fromkeys(output_ids))


def cite(actor: str, output_ids: list[str]) -> PracticeEdit:
    """Replaces the practice's citations with `output_ids` (checked by `cited`)."""

    def apply(practice: Practice) -> None:
        practice.cited_output_ids = output_ids
        practice.record(actor, "cited research", note=", ".join(output_ids) or "none")

    return apply
