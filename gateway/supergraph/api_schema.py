"""The API schema: the supergraph as clients see it.

Composition machinery (join/link types and directives) goes, and so does every element
marked @inaccessible, as the inaccessible spec demands: clients can neither see nor query it.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from graphql import (
    DirectiveDefinitionNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    FieldDefinitionNode,
    GraphQLError,
    GraphQLSchema,
    InputObjectTypeDefinitionNode,
    InputValueDefinitionNode,
    InterfaceTypeDefinitionNode,
    ListTypeNode,
    NamedTypeNode,
    Node,
    NonNullTypeNode,
    ObjectTypeDefinitionNode,
    SchemaDefinitionNode,
    TypeDefinitionNode,
    TypeNode,
    UnionTypeDefinitionNode,
    build_ast_schema,
    validate_schema,
)

from .cost import carry_cost_directives
from .errors import SupergraphError
from .links import LinkedSpecs

N = TypeVar("N", bound=Node)
_KEPT_DIRECTIVES = {"deprecated", "specifiedBy", "oneOf"}


def build_api_schema(document: DocumentNode, specs: LinkedSpecs) -> GraphQLSchema:
    hidden = _hidden_types(document, specs)
    definitions: list[Any] = []
    for node in document.definitions:
        if isinstance(node, DirectiveDefinitionNode):
            name = node.name.value
            if name in specs.machinery_directives or name.startswith(specs.machinery_prefixes):
                continue
            definitions.append(node)
        elif isinstance(node, SchemaDefinitionNode):
            definitions.append(_with(node, directives=()))
        elif isinstance(node, TypeDefinitionNode) and node.name.value not in hidden:
            definitions.append(_api_type(node, specs, hidden))
    try:
        schema = build_ast_schema(DocumentNode(definitions=tuple(definitions)))
    except (GraphQLError, TypeError) as error:
        raise SupergraphError(f"the API schema does not build: {error}") from error
    # Checked once here, so a supergraph composed elsewhere (e.g. with a default value naming
    # an @inaccessible enum value) is refused at load, not met as a failure by every request.
    invalid = validate_schema(schema)
    if invalid:
        raise SupergraphError(
            "the API schema is invalid: " + " ".join(error.message for error in invalid)
        )
    carry_cost_directives(document, specs, schema)
    return schema


def _hidden_types(document: DocumentNode, specs: LinkedSpecs) -> set[str]:
    return {
        node.name.value
        for node in document.definitions
        if isinstance(node, TypeDefinitionNode)
        and (node.name.value.startswith(specs.machinery_prefixes) or _inaccessible(node, specs))
    }


def _inaccessible(node: Any, specs: LinkedSpecs) -> bool:
    return specs.inaccessible is not None and any(
        directive.name.value == specs.inaccessible for directive in node.directives or ()
    )


def _named(type_node: TypeNode) -> str:
    while isinstance(type_node, ListTypeNode | NonNullTypeNode):
        type_node = type_node.type
    assert isinstance(type_node, NamedTypeNode)
    return type_node.name.value


def _with(node: N, **changes: Any) -> N:
    return dataclasses.replace(node, **changes)


def _kept_directives(node: Any) -> tuple[Any, ...]:
    return tuple(d for d in node.directives or () if d.name.value in _KEPT_DIRECTIVES)


def _api_type(node: TypeDefinitionNode, specs: LinkedSpecs, hidden: set[str]) -> Any:
    def visible_arguments(arguments: Any) -> tuple[InputValueDefinitionNode, ...]:
        return tuple(
            _with(argument, directives=_kept_directives(argument))
            for argument in arguments or ()
            if not _inaccessible(argument, specs) and _named(argument.type) not in hidden
        )

    def visible_fields(fields: Any) -> tuple[FieldDefinitionNode, ...]:
        return tuple(
            _with(
                field,
                directives=_kept_directives(field),
                arguments=visible_arguments(field.arguments),
            )
            for field in fields or ()
            if not _inaccessible(field, specs) and _named(field.type) not in hidden
        )

    changes: dict[str, Any] = {"directives": _kept_directives(node)}
    if isinstance(node, ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode):
        changes["fields"] = visible_fields(node.fields)
        changes["interfaces"] = tuple(
            i for i in node.interfaces or () if i.name.value not in hidden
        )
    elif isinstance(node, InputObjectTypeDefinitionNode):
        changes["fields"] = visible_arguments(node.fields)
    elif isinstance(node, UnionTypeDefinitionNode):
        changes["types"] = tuple(t for t in node.types or () if t.name.value not in hidden)
    elif isinstance(node, EnumTypeDefinitionNode):
        changes["values"] = tuple(
            _with(value, directives=_kept_directives(value))
            for value in node.values or ()
            if not _inaccessible(value, specs)
        )
    return _with(node, **changes)
