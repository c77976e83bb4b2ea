"""What a supergraph says about each type and field, per subgraph."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from graphql import GraphQLInterfaceType, GraphQLSchema, GraphQLUnionType

from .fieldsets import FieldSet


@dataclass(frozen=True)
class Graph:
    """A subgraph: `name` as in @join__graph(name:), the join__Graph enum value, its URL."""

    name: str
    enum_value: str
    url: str


@dataclass(frozen=True)
class Key:
    fields: FieldSet
    text: str
    resolvable: bool


@dataclass
class TypeInGraph:
    graph: str
    keys: list[Key] = field(default_factory=list)
    interface_object: bool = False

    @property
    def resolvable_keys(self) -> list[Key]:
        return [key for key in self.keys if key.resolvable]


@dataclass(frozen=True)
class FieldInGraph:
    graph: str
    external: bool = False
    requires: FieldSet | None = None
    provides: FieldSet | None = None
    type_name: str | None = None
    """The field's type as the subgraph declares it, when it differs from the supergraph's."""
    override_from: str | None = None
    """The subgraph this one took the field over from (@override(from:))."""
    override_label: str | None = None
    used_overridden: bool = False
    """Overridden by another subgraph but still resolved here for keys and @requires."""


@dataclass
class FieldMeta:
    name: str
    parent: str
    graphs: dict[str, FieldInGraph] = field(default_factory=dict)
    """Every subgraph that declares the field (resolvable or external). None for a field
    composition added to an implementation for its interface's @interfaceObject: it is
    fetched through the interface object."""


@dataclass
class TypeMeta:
    name: str
    kind: str
    """object, interface, union, enum, input, scalar."""
    graphs: dict[str, TypeInGraph] = field(default_factory=dict)
    fields: dict[str, FieldMeta] = field(default_factory=dict)
    implements: dict[str, set[str]] = field(default_factory=dict)
    """Per subgraph, the interfaces this object or interface implements there."""
    union_members: dict[str, set[str]] = field(default_factory=dict)
    """Per subgraph, this union's members there."""


@dataclass
class Supergraph:
    schema: GraphQLSchema
    """The supergraph itself, join types included."""
    api_schema: GraphQLSchema
    """What clients see: no join/link machinery, no @inaccessible elements."""
    graphs: dict[str, Graph]
    """By subgraph name."""
    types: dict[str, TypeMeta]
    query_type: str
    mutation_type: str | None

    def possible_types_in(self, abstract: str, graph: str) -> list[str]:
        """The object types a field of type `abstract` can return in `graph`."""
        meta = self.types[abstract]
        if meta.kind == "union":
            return sorted(meta.union_members.get(graph, ()))
        if meta.kind == "interface":
            return sorted(
                name
                for name, candidate in self.types.items()
                if candidate.kind == "object"
                and abstract in candidate.implements.get(graph, ())
                and graph in candidate.graphs
            )
        return [abstract]

    @cached_property
    def runtime_types(self) -> dict[str, frozenset[str]]:
        return runtime_types(self.schema)


def runtime_types(schema: GraphQLSchema) -> dict[str, frozenset[str]]:
    """For every type, the object types an object of it can be: itself for an object
    type, the implementations or members of an interface or union."""
    result: dict[str, frozenset[str]] = {}
    for name, named in schema.type_map.items():
        if isinstance(named, GraphQLInterfaceType | GraphQLUnionType):
            result[name] = frozenset(t.name for t in schema.get_possible_types(named))
        else:
            result[name] = frozenset((name,))
    return result
