"""Merges the entity fetches that go to one subgraph at the same point of the plan into one
request.

Fetches start as soon as what they depend on is done, so two entity fetches of one subgraph
are "at the same point" when they wait for the same fetches (the same transitive
dependencies): one request for both starts exactly when each would have, and delays neither
behind a fetch it does not need. Their representations go in one `_entities` call where the
selections cannot differ for any object (the places' entity types do not overlap, or select
the same); otherwise in another `_entities` call (aliased) of the same operation, so no entity
is asked for more than its own place wants.
"""

from __future__ import annotations

from collections.abc import Mapping

from .drafts import CallDraft, FetchDraft, PlaceDraft
from .selections import SubgraphSelection


def merge_entity_fetches(
    fetches: list[FetchDraft], runtime_types: Mapping[str, frozenset[str]]
) -> list[FetchDraft]:
    """The fetches with those at the same point merged (into the first of them), renumbered
    in order; every entity fetch gets its `calls`. `fetches` is in dependency order."""
    closures: dict[int, frozenset[int]] = {}
    heads: dict[tuple[str, frozenset[int]], FetchDraft] = {}
    into: dict[int, FetchDraft] = {}
    kept: list[FetchDraft] = []
    for fetch in fetches:
        closure = frozenset(fetch.depends_on).union(*(closures[d] for d in fetch.depends_on))
        closures[fetch.id] = closure
        if fetch.entity:
            call = CallDraft(fetch.selection, [PlaceDraft(fetch.path, fetch.representations)])
            head = heads.setdefault((fetch.graph, closure), fetch)
            if head is not fetch:
                _absorb(head, fetch, call, runtime_types)
                into[fetch.id] = head
                continue
            fetch.calls = [call]
        into[fetch.id] = fetch
        kept.append(fetch)
    dependencies = [[into[d] for d in fetch.depends_on] for fetch in kept]
    for number, fetch in enumerate(kept):
        fetch.id = number
    for fetch, before in zip(kept, dependencies, strict=True):
        fetch.depends_on = {other.id for other in before}
    return kept


def _absorb(
    head: FetchDraft,
    fetch: FetchDraft,
    call: CallDraft,
    runtime_types: Mapping[str, frozenset[str]],
) -> None:
    head.depends_on |= fetch.depends_on
    head.variables |= fetch.variables
    for existing in head.calls:
        if _compatible(existing.selection, call.selection, runtime_types):
            for condition, fragment in call.selection.fragments.items():
                existing.selection.fragments.setdefault(condition, fragment)
            existing.places.extend(call.places)
            return
    head.calls.append(call)


def _compatible(
    first: SubgraphSelection, second: SubgraphSelection, runtime_types: Mapping[str, frozenset[str]]
) -> bool:
    """Whether one `_entities` selection serves both: every object gets from the union what
    it got from its own (fragments whose types overlap select the same)."""
    if _fields_text(first) != _fields_text(second):
        return False
    for condition, fragment in first.fragments.items():
        covers = runtime_types.get(condition, frozenset({condition}))
        for other_condition, other in second.fragments.items():
            overlap = covers & runtime_types.get(other_condition, frozenset({other_condition}))
            if overlap and (condition != other_condition or fragment.text() != other.text()):
                return False
    return True


def _fields_text(selection: SubgraphSelection) -> list[str]:
    return [f.text() for f in selection.fields.values()]
