"""A query plan: subgraph fetches, what each needs from the others, and where results go."""

from __future__ import annotations

from dataclasses import dataclass, field

from .aliasing import Renaming
from .operation import ClientSelection
from .selections import SubgraphSelection

LIST = "@"
"""In a fetch path: every element of the list at this point."""


@dataclass(frozen=True)
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


@dataclass
class Representation:
    """How to build the representation of an entity of one runtime type."""

    typename: str
    """Sent as __typename: the entity type, or the interface for an @interfaceObject."""
    fields: dict[str, RepField] = field(default_factory=dict)


@dataclass
class Fetch:
    id: int
    graph: str
    operation_kind: str
    """query or mutation."""
    path: tuple[str, ...]
    """Where in the response this fetch's data goes: () for root fetches; response keys
    with LIST marks for entity fetches."""
    selection: SubgraphSelection
    entity: bool
    representations: dict[str, Representation] = field(default_factory=dict)
    """Entity fetches: by the __typename found in the data at `path`."""
    depends_on: set[int] = field(default_factory=set)
    variables: set[str] = field(default_factory=set)
    document: str = ""
    """The subgraph operation, set when the plan is complete."""
    renaming: Renaming | None = None
    """Turns the aliases the document adds against merge conflicts back into planned keys."""


@dataclass
class QueryPlan:
    fetches: list[Fetch]
    """In an order where every fetch comes after the fetches it depends on."""
    operation_kind: str
    root_type: str
    selections: tuple[ClientSelection, ...]
    """The client's normalized selections, which shape the response."""
    introspection: bool = False
    """The operation selects __schema or __type at its root."""
