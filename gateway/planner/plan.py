"""A query plan: subgraph fetches, what each needs from the others, and where results go.

A plan is immutable once built: the engine caches it per operation and runs it for many
requests at once, so nothing in it may change under them. The planner builds it with the
mutable drafts of `drafts.py` and freezes them into these types.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .aliasing import Renaming
from .operation import ClientSelection

LIST = "@"
"""In a fetch path: every element of the list at this point."""


@dataclass(frozen=True, slots=True)
class RepField:
    """A field of an entity representation: read from `data_key` in the fetched data, sent
    as `name`; with `selection` for a nested (object) field."""

    data_key: str
    name: str
    selection: tuple[RepField, ...] | None = None
    by_type: tuple[tuple[str, tuple[RepField, ...]], ...] | None = None
    """For a field of an interface or union type: the fields sent beside `__typename`, by
    the object's `__typename` (a type not named sends `__typename` alone)."""

    def fields_of(self, typename: object) -> tuple[RepField, ...]:
        """The subfields an object with this `__typename` sends."""
        if self.by_type is None:
            return self.selection or ()
        return next((fields for name, fields in self.by_type if name == typename), ())


@dataclass(frozen=True, slots=True)
class Representation:
    """How to build the representation of an entity of one runtime type."""

    typename: str
    """Sent as __typename: the entity type, or the interface for an @interfaceObject."""
    fields: tuple[RepField, ...]
    """Each field once, by its name."""


@dataclass(frozen=True, slots=True)
class FetchField:
    """A field a fetch selects, under `response_key` in the merged data (the subgraph
    answers it under `sent_key` where that differs)."""

    response_key: str
    name: str
    arguments: str
    type: str
    """The field's type as the subgraph declares it."""
    sent_key: str
    selection: FetchSelection | None


@dataclass(frozen=True, slots=True)
class FetchSelection:
    fields: Mapping[str, FetchField]
    """By response key."""
    fragments: Mapping[str, FetchSelection]
    """Inline fragments by type condition."""


@dataclass(frozen=True, slots=True)
class EntityPlace:
    """Objects an `_entities` call enriches: those at `path` whose __typename has a
    representation here."""

    path: tuple[str, ...]
    """Response keys with LIST marks."""
    representations: Mapping[str, Representation]
    """By the __typename found in the data at `path`."""


@dataclass(frozen=True, slots=True)
class EntityCall:
    """One `_entities` field of an entity fetch's operation. A fetch that merges the entity
    fetches of several places (or types) sends the representations of all of them at once;
    places whose selections would clash get calls of their own in the same operation."""

    key: str
    """Its response key in the subgraph's answer (an alias after the first call)."""
    variable: str
    """The variable that carries its representations."""
    places: tuple[EntityPlace, ...]
    selection: FetchSelection
    """What `_entities` selects: inline fragments by entity type."""
    renaming: Renaming | None
    """Turns the aliases the document adds against merge conflicts back into planned keys."""


@dataclass(frozen=True, slots=True)
class Fetch:
    id: int
    graph: str
    operation_kind: str
    """query or mutation."""
    selection: FetchSelection
    """A root fetch's selection (empty for an entity fetch: see `calls`)."""
    calls: tuple[EntityCall, ...]
    """An entity fetch's `_entities` fields (none for a root fetch)."""
    depends_on: frozenset[int]
    variables: frozenset[str]
    document: str
    """The subgraph operation."""
    renaming: Renaming | None
    """A root fetch's: turns the aliases the document adds against merge conflicts back into
    planned keys."""

    @property
    def entity(self) -> bool:
        return bool(self.calls)


@dataclass(frozen=True, slots=True)
class QueryPlan:
    fetches: tuple[Fetch, ...]
    """In an order where every fetch comes after the fetches it depends on."""
    operation_kind: str
    root_type: str
    selections: tuple[ClientSelection, ...]
    """The client's normalized selections, which shape the response."""
    introspection: bool = False
    """The operation selects __schema or __type at its root."""
