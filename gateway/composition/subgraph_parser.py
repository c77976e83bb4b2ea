"""Builds the Subgraph model from federation SDL (`_service { sdl }`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from graphql import (
    DirectiveDefinitionNode as DirectiveDefinition,
)
from graphql import (
    DirectiveNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    EnumTypeExtensionNode,
    GraphQLSyntaxError,
    InputObjectTypeDefinitionNode,
    InputObjectTypeExtensionNode,
    InputValueDefinitionNode,
    InterfaceTypeDefinitionNode,
    InterfaceTypeExtensionNode,
    ObjectTypeDefinitionNode,
    ObjectTypeExtensionNode,
    ScalarTypeDefinitionNode,
    ScalarTypeExtensionNode,
    SchemaDefinitionNode,
    SchemaExtensionNode,
    TypeDefinitionNode,
    TypeExtensionNode,
    UnionTypeDefinitionNode,
    UnionTypeExtensionNode,
    parse,
)

from .link_imports import (
    BUILT_IN_DIRECTIVES,
    DIRECTIVE_ARGUMENTS,
    FederationLink,
    LinkError,
    resolve_federation_link,
)
from .public_types import CompositionError, SubgraphSource
from .subgraph_model import Applied, ArgumentDef, EnumValueDef, FieldDef, Kind, Subgraph, TypeDef
from .type_refs import base_name, rename

BUILT_IN_SCALARS = frozenset({"Int", "Float", "String", "Boolean", "ID"})
DEFAULT_ROOTS = {"query": "Query", "mutation": "Mutation", "subscription": "Subscription"}
FEDERATION_TYPES = frozenset({"_Service", "_Entity", "_Any", "_FieldSet", "FieldSet"})
FEDERATION_QUERY_FIELDS = frozenset({"_service", "_entities"})

_KINDS: dict[type[Any], Kind] = {
    ObjectTypeDefinitionNode: Kind.OBJECT,
    ObjectTypeExtensionNode: Kind.OBJECT,
    InterfaceTypeDefinitionNode: Kind.INTERFACE,
    InterfaceTypeExtensionNode: Kind.INTERFACE,
    UnionTypeDefinitionNode: Kind.UNION,
    UnionTypeExtensionNode: Kind.UNION,
    EnumTypeDefinitionNode: Kind.ENUM,
    EnumTypeExtensionNode: Kind.ENUM,
    InputObjectTypeDefinitionNode: Kind.INPUT_OBJECT,
    InputObjectTypeExtensionNode: Kind.INPUT_OBJECT,
    ScalarTypeDefinitionNode: Kind.SCALAR,
    ScalarTypeExtensionNode: Kind.SCALAR,
}


class SubgraphInvalid(Exception):
    def __init__(self, errors: Sequence[CompositionError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = tuple(errors)


def parse_subgraph(source: SubgraphSource) -> Subgraph:
    """Raises SubgraphInvalid (INVALID_GRAPHQL, ROOT_*_USED, ...) for an unusable schema."""
    return _SubgraphBuilder(source).build()


def _invalid(subgraph: str, message: str, code: str = "INVALID_GRAPHQL") -> CompositionError:
    return CompositionError(code, f"[{subgraph}] {message}")


def _is_federation_type(name: str) -> bool:
    return (
        name in FEDERATION_TYPES
        or name in BUILT_IN_SCALARS
        or name.startswith(("link__", "federation__", "join__", "__"))
    )


def _schema_description(
    nodes: Sequence[SchemaDefinitionNode | SchemaExtensionNode],
) -> str | None:
    for node in nodes:
        if isinstance(node, SchemaDefinitionNode) and node.description is not None:
            return node.description.value
    return None


class _SubgraphBuilder:
    def __init__(self, source: SubgraphSource) -> None:
        self._source = source
        self._errors: list[CompositionError] = []
        self._link: FederationLink | None = None
        self._renames: dict[str, str] = {}
        self._used: set[str] = set()

    def build(self) -> Subgraph:
        document = self._parse()
        schema_nodes: list[SchemaDefinitionNode | SchemaExtensionNode] = [
            d
            for d in document.definitions
            if isinstance(d, SchemaDefinitionNode | SchemaExtensionNode)
        ]
        schema_directives = [d for node in schema_nodes for d in node.directives or ()]
        try:
            self._link = resolve_federation_link(schema_directives)
        except LinkError as error:
            raise SubgraphInvalid(
                [self._error(str(error), "INVALID_LINK_DIRECTIVE_USAGE")]
            ) from None
        if self._link is None:
            raise SubgraphInvalid(
                [
                    self._error(
                        "the schema does not @link the federation 2 spec "
                        "(https://specs.apollo.dev/federation/v2.x); Federation 1 subgraphs are "
                        "not supported",
                        "UNSUPPORTED_FEDERATION_VERSION",
                    )
                ]
            )
        roots = self._roots(document, schema_nodes)
        if self._errors:
            raise SubgraphInvalid(self._errors)
        types = self._types(document)
        if "Query" not in types:
            # Every federation subgraph has a Query type: the spec adds _service to it.
            types["Query"] = TypeDef("Query", Kind.OBJECT, has_definition=True)
        roots.setdefault("query", "Query")
        self._check_references(types)
        if self._errors:
            raise SubgraphInvalid(self._errors)
        return Subgraph(
            name=self._source.name,
            url=self._source.url,
            federation_version=self._link.version,
            types=types,
            roots=roots,
            schema_description=_schema_description(schema_nodes),
            schema_directives=self._directives(schema_directives, False),
            used_directives=self._used,
        )

    def _error(self, message: str, code: str = "INVALID_GRAPHQL") -> CompositionError:
        return _invalid(self._source.name, message, code)

    def _parse(self) -> DocumentNode:
        try:
            return parse(self._source.sdl, no_location=False)
        except GraphQLSyntaxError as error:
            raise SubgraphInvalid([self._error(error.message)]) from None

    def _roots(
        self,
        document: DocumentNode,
        schema_nodes: Sequence[SchemaDefinitionNode | SchemaExtensionNode],
    ) -> dict[str, str]:
        declared: dict[str, str] = {}
        for node in schema_nodes:
            for operation_type in node.operation_types or ():
                declared[operation_type.operation.value] = operation_type.type.name.value
        defined = {
            d.name.value
            for d in document.definitions
            if isinstance(d, TypeDefinitionNode | TypeExtensionNode)
        }
        roots: dict[str, str] = {}
        for operation, default in DEFAULT_ROOTS.items():
            name = declared.get(operation)
            if name is None:
                if default in defined and not declared:
                    roots[operation] = default
                continue
            if name != default:
                if default in defined:
                    self._errors.append(
                        self._error(
                            f'The schema has a type named "{default}" but it is not set as the '
                            f'{operation} root type ("{name}" is instead): this is not supported '
                            "by federation. If a root type does not use its default name, there "
                            "should be no other type with that default name.",
                            f"ROOT_{operation.upper()}_USED",
                        )
                    )
                self._renames[name] = default
            roots[operation] = default
        return roots

    def _types(self, document: DocumentNode) -> dict[str, TypeDef]:
        types: dict[str, TypeDef] = {}
        for node in document.definitions:
            if isinstance(node, SchemaDefinitionNode | SchemaExtensionNode | DirectiveDefinition):
                continue
            kind = _KINDS.get(type(node))
            if kind is None:
                self._errors.append(
                    self._error(f"unexpected {node.kind} in a subgraph schema (only type system)")
                )
                continue
            original: str = node.name.value  # type: ignore[attr-defined]
            if _is_federation_type(original):
                continue
            name = self._renames.get(original, original)
            extension = isinstance(node, TypeExtensionNode)
            typedef = types.get(name)
            if typedef is None:
                typedef = types[name] = TypeDef(name, kind)
            elif typedef.kind is not kind:
                self._errors.append(
                    self._error(
                        f'Type "{name}" is defined as both {typedef.kind.value} and {kind.value}'
                    )
                )
                continue
            elif not extension and typedef.has_definition:
                self._errors.append(self._error(f'There can be only one type named "{name}".'))
                continue
            self._add_block(typedef, node, extension)
        return types

    def _add_block(self, typedef: TypeDef, node: Any, extension: bool) -> None:
        if extension:
            typedef.has_extension = True
        else:
            typedef.has_definition = True
            if node.description is not None:
                typedef.description = node.description.value
        typedef.directives.extend(self._directives(node.directives or (), extension))
        for interface in getattr(node, "interfaces", None) or ():
            typedef.interfaces.append(self._renames.get(interface.name.value, interface.name.value))
        for member in getattr(node, "types", None) or ():
            typedef.members.append(self._renames.get(member.name.value, member.name.value))
        for value in getattr(node, "values", None) or ():
            if value.name.value in typedef.values:
                self._errors.append(
                    self._error(f'Enum value "{typedef.name}.{value.name.value}" is defined twice.')
                )
            typedef.values[value.name.value] = EnumValueDef(
                value.name.value,
                value.description.value if value.description else None,
                self._directives(value.directives or (), extension),
            )
        for field_node in getattr(node, "fields", None) or ():
            name = field_node.name.value
            if typedef.name == "Query" and name in FEDERATION_QUERY_FIELDS:
                continue
            if name in typedef.fields:
                self._errors.append(
                    self._error(f'Field "{typedef.name}.{name}" can only be defined once.')
                )
                continue
            typedef.fields[name] = self._field(typedef.name, field_node, extension)

    def _field(self, parent: str, node: Any, extension: bool) -> FieldDef:
        arguments = {
            arg.name.value: self._argument(arg) for arg in getattr(node, "arguments", None) or ()
        }
        return FieldDef(
            parent=parent,
            name=node.name.value,
            type=rename(node.type, self._renames),
            arguments=arguments,
            description=node.description.value if node.description else None,
            directives=self._directives(node.directives or (), extension),
            from_extension=extension,
            default=getattr(node, "default_value", None),
        )

    def _argument(self, node: InputValueDefinitionNode) -> ArgumentDef:
        return ArgumentDef(
            name=node.name.value,
            type=rename(node.type, self._renames),
            default=node.default_value,
            description=node.description.value if node.description else None,
            directives=self._directives(node.directives or (), False),
        )

    def _directives(self, nodes: Sequence[DirectiveNode], extension: bool) -> list[Applied]:
        assert self._link is not None
        applied: list[Applied] = []
        for node in nodes:
            raw = node.name.value
            spec_name = self._link.spec_name(raw)
            if spec_name is None and raw in BUILT_IN_DIRECTIVES:
                spec_name = raw
            if spec_name is None:
                continue
            self._used.add(spec_name)
            arguments = {a.name.value: a.value for a in node.arguments or ()}
            self._check_arguments(raw, spec_name, arguments)
            applied.append(Applied(spec_name, arguments, node, extension))
        return applied

    def _check_arguments(self, raw: str, spec_name: str, arguments: Mapping[str, object]) -> None:
        assert self._link is not None
        known = DIRECTIVE_ARGUMENTS.get(spec_name, {})
        for name in arguments:
            if name not in known or self._link.version < known[name][1]:
                self._errors.append(
                    self._error(f'Unknown argument "{name}" on directive "@{raw}".')
                )
        for name, (required, since) in known.items():
            if required and name not in arguments and self._link.version >= since:
                self._errors.append(
                    self._error(
                        f'Directive "@{raw}" argument "{name}" is required, but it was not '
                        "provided."
                    )
                )

    def _check_references(self, types: dict[str, TypeDef]) -> None:
        def known(name: str) -> bool:
            return name in types or _is_federation_type(name)

        for typedef in types.values():
            referenced = [*typedef.interfaces, *typedef.members]
            for field in typedef.fields.values():
                referenced.append(base_name(field.type))
                referenced.extend(base_name(a.type) for a in field.arguments.values())
            for name in referenced:
                if not known(name):
                    self._errors.append(self._error(f"Unknown type {name}"))
