"""One subgraph's schema after @link resolution: types, fields and federation directives.

Federation directives are stored under their spec names (`key`, `shareable`, ...) whatever
they were imported or prefixed as; root types carry their default names (Query, ...)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from graphql import DirectiveNode, TypeNode, ValueNode


class Kind(Enum):
    OBJECT = "type"
    INTERFACE = "interface"
    UNION = "union"
    ENUM = "enum"
    INPUT_OBJECT = "input"
    SCALAR = "scalar"


@dataclass
class Applied:
    """A directive application; `name` is the spec name for federation directives."""

    name: str
    arguments: dict[str, ValueNode]
    node: DirectiveNode
    from_extension: bool = False

    def string_argument(self, name: str) -> str | None:
        value = self.arguments.get(name)
        return getattr(value, "value", None) if value is not None else None

    def boolean_argument(self, name: str) -> bool | None:
        value = self.arguments.get(name)
        raw = getattr(value, "value", None) if value is not None else None
        return raw if isinstance(raw, bool) else None


@dataclass
class ArgumentDef:
    name: str
    type: TypeNode
    default: ValueNode | None
    description: str | None
    directives: list[Applied]


@dataclass
class FieldDef:
    """A field of an object/interface type, or of an input object (then `default` may be set)."""

    parent: str
    name: str
    type: TypeNode
    arguments: dict[str, ArgumentDef]
    description: str | None
    directives: list[Applied]
    from_extension: bool
    default: ValueNode | None = None

    @property
    def coordinate(self) -> str:
        return f"{self.parent}.{self.name}"

    def has(self, directive: str) -> bool:
        return any(d.name == directive for d in self.directives)

    def first(self, directive: str) -> Applied | None:
        return next((d for d in self.directives if d.name == directive), None)


@dataclass
class EnumValueDef:
    name: str
    description: str | None
    directives: list[Applied]


@dataclass
class TypeDef:
    name: str
    kind: Kind
    description: str | None = None
    directives: list[Applied] = field(default_factory=list)
    fields: dict[str, FieldDef] = field(default_factory=dict)
    interfaces: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    values: dict[str, EnumValueDef] = field(default_factory=dict)
    has_definition: bool = False
    has_extension: bool = False

    def has(self, directive: str) -> bool:
        return any(d.name == directive for d in self.directives)

    def all(self, directive: str) -> list[Applied]:
        return [d for d in self.directives if d.name == directive]

    @property
    def is_interface_object(self) -> bool:
        return self.kind is Kind.OBJECT and self.has("interfaceObject")

    @property
    def merge_kind(self) -> Kind:
        """The kind in the supergraph: an @interfaceObject is an interface there."""
        return Kind.INTERFACE if self.is_interface_object else self.kind


@dataclass
class Subgraph:
    name: str
    url: str
    federation_version: tuple[int, int]
    types: dict[str, TypeDef]
    roots: dict[str, str]
    schema_description: str | None = None
    schema_directives: list[Applied] = field(default_factory=list)
    # spec name -> whether the subgraph applies it anywhere (decides the supergraph's @links)
    used_directives: set[str] = field(default_factory=set)

    def type(self, name: str) -> TypeDef | None:
        return self.types.get(name)

    def field(self, type_name: str, field_name: str) -> FieldDef | None:
        owner = self.types.get(type_name)
        return owner.fields.get(field_name) if owner else None

    def implementations(self, interface: str) -> list[TypeDef]:
        return [
            t
            for t in self.types.values()
            if t.kind in (Kind.OBJECT, Kind.INTERFACE) and interface in t.interfaces
        ]

    def object_implementations(self, interface: str) -> list[TypeDef]:
        return [t for t in self.implementations(interface) if t.kind is Kind.OBJECT]
