"""Composition's own model of the supergraph it builds, before printing: merged types, each
element with its directive applications in the order Apollo adds them (the printer keeps that
order). The runtime's model of a loaded supergraph is `gateway.supergraph.Supergraph`."""

from __future__ import annotations

from dataclasses import dataclass, field

from graphql import TypeNode

from .subgraph_model import Kind


@dataclass(frozen=True)
class Directive:
    """An applied directive; argument values are already GraphQL literals."""

    name: str
    arguments: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        if not self.arguments:
            return f"@{self.name}"
        return f"@{self.name}(" + ", ".join(f"{k}: {v}" for k, v in self.arguments) + ")"


def directive(name: str, **arguments: str | None) -> Directive:
    """Arguments given as None are left out (as Apollo leaves out undefined arguments)."""
    return Directive(name, tuple((k, v) for k, v in arguments.items() if v is not None))


@dataclass
class MergedArgument:
    name: str
    type: TypeNode | None = None
    default: str | None = None
    description: str | None = None
    directives: list[Directive] = field(default_factory=list)


@dataclass
class MergedField:
    name: str
    type: TypeNode | None = None
    arguments: dict[str, MergedArgument] = field(default_factory=dict)
    description: str | None = None
    directives: list[Directive] = field(default_factory=list)
    default: str | None = None
    # Subgraph name -> whether the field is @external there: the subgraphs its join__field
    # applications name (all that define it when it has none; none for a field added to an
    # implementation for its interface's @interfaceObject).
    declared_in: dict[str, bool] = field(default_factory=dict)


@dataclass
class MergedEnumValue:
    name: str
    description: str | None = None
    directives: list[Directive] = field(default_factory=list)


@dataclass
class MergedType:
    name: str
    kind: Kind
    description: str | None = None
    directives: list[Directive] = field(default_factory=list)
    interfaces: list[str] = field(default_factory=list)
    fields: dict[str, MergedField] = field(default_factory=dict)
    members: list[str] = field(default_factory=list)
    values: dict[str, MergedEnumValue] = field(default_factory=dict)


@dataclass(frozen=True)
class JoinGraph:
    """A subgraph as the supergraph's join__Graph enum lists it."""

    enum_value: str
    name: str
    url: str


@dataclass
class MergedSupergraph:
    """The merge's result, printed by `supergraph_printer`."""

    join_version: str
    graphs: list[JoinGraph]
    types: dict[str, MergedType]
    roots: dict[str, str] = field(default_factory=dict)
    # "tag" / "inaccessible" in the order their @link is emitted
    features: list[str] = field(default_factory=list)
    description: str | None = None
    schema_directives: list[Directive] = field(default_factory=list)


def is_direct_subtype(types: dict[str, MergedType], abstract: str, candidate: str) -> bool:
    """Whether `candidate` is a member of union `abstract` or implements interface `abstract`."""
    owner = types.get(abstract)
    member = types.get(candidate)
    if owner is None or member is None:
        return False
    if owner.kind is Kind.UNION:
        return member.kind is Kind.OBJECT and candidate in owner.members
    return owner.kind is Kind.INTERFACE and abstract in member.interfaces
