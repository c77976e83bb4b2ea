"""The mutable forms of a plan's fetches while the planner builds them, and their freezing
into the plan's immutable types (`plan.py`) once the plan is complete."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

from .aliasing import Renaming
from .plan import (
    EntityCall,
    EntityPlace,
    Fetch,
    FetchField,
    FetchSelection,
    RepField,
    Representation,
)
from .selections import SubgraphField, SubgraphSelection


@dataclass
class RepresentationDraft:
    """A `Representation` while fetches add key and @requires fields to it."""

    typename: str
    fields: dict[str, RepField] = field(default_factory=dict)

    def freeze(self) -> Representation:
        return Representation(self.typename, tuple(self.fields.values()))


@dataclass
class PlaceDraft:
    """An `EntityPlace` while fetches are merged."""

    path: tuple[str, ...]
    representations: dict[str, RepresentationDraft]

    def freeze(self) -> EntityPlace:
        return EntityPlace(
            self.path,
            MappingProxyType(
                {runtime: draft.freeze() for runtime, draft in self.representations.items()}
            ),
        )


@dataclass
class CallDraft:
    """An `EntityCall` while fetches are merged."""

    selection: SubgraphSelection
    places: list[PlaceDraft]
    renaming: Renaming | None = None

    def freeze(self, number: int) -> EntityCall:
        return EntityCall(
            key=call_key(number),
            variable=call_variable(number),
            places=tuple(place.freeze() for place in self.places),
            selection=_frozen_selection(self.selection),
            renaming=self.renaming,
        )


def call_key(number: int) -> str:
    """The response key of an operation's `_entities` call `number` (from 0)."""
    return f"_entities{number}" if number else "_entities"


def call_variable(number: int) -> str:
    return f"representations{number}" if number else "representations"


@dataclass
class FetchDraft:
    """A `Fetch` while it is planned. An entity fetch is planned for one place (`path`,
    `representations`, `selection`); merging gives it its `calls`, which may serve several."""

    id: int
    graph: str
    operation_kind: str
    path: tuple[str, ...]
    selection: SubgraphSelection
    entity: bool
    representations: dict[str, RepresentationDraft] = field(default_factory=dict)
    depends_on: set[int] = field(default_factory=set)
    variables: set[str] = field(default_factory=set)
    document: str = ""
    renaming: Renaming | None = None
    calls: list[CallDraft] = field(default_factory=list)

    def freeze(self) -> Fetch:
        return Fetch(
            id=self.id,
            graph=self.graph,
            operation_kind=self.operation_kind,
            selection=_frozen_selection(SubgraphSelection() if self.entity else self.selection),
            calls=tuple(call.freeze(number) for number, call in enumerate(self.calls)),
            depends_on=frozenset(self.depends_on),
            variables=frozenset(self.variables),
            document=self.document,
            renaming=self.renaming,
        )


def _frozen_selection(selection: SubgraphSelection) -> FetchSelection:
    return FetchSelection(
        MappingProxyType({key: _frozen_field(f) for key, f in selection.fields.items()}),
        MappingProxyType(
            {condition: _frozen_selection(s) for condition, s in selection.fragments.items()}
        ),
    )


def _frozen_field(subgraph_field: SubgraphField) -> FetchField:
    below = subgraph_field.selection
    return FetchField(
        response_key=subgraph_field.response_key,
        name=subgraph_field.name,
        arguments=subgraph_field.arguments,
        type=subgraph_field.type,
        sent_key=subgraph_field.sent_key or subgraph_field.response_key,
        selection=None if below is None else _frozen_selection(below),
    )
