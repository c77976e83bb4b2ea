"""The cost spec's directives (`@cost`, `@listSize`) of a supergraph, handed to the API schema.

The API schema shows clients no such directive (as Apollo's does not); the operation
measurement reads them from the schema's `extensions` instead (services/common/
operation_measure.py).
"""

from __future__ import annotations

from typing import Any

from graphql import (
    ConstDirectiveNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    GraphQLSchema,
    InterfaceTypeDefinitionNode,
    ObjectTypeDefinitionNode,
    ScalarTypeDefinitionNode,
    value_from_ast_untyped,
)

from services.common.operation_measure import COST, LIST_SIZE, ListSize

from .links import LinkedSpecs


def carry_cost_directives(
    document: DocumentNode, specs: LinkedSpecs, schema: GraphQLSchema
) -> None:
    """Sets the `extensions` of the API schema's types, fields and arguments the supergraph
    weighs or sizes."""
    if specs.cost is None and specs.list_size is None:
        return
    for node in document.definitions:
        if not isinstance(
            node,
            ObjectTypeDefinitionNode
            | InterfaceTypeDefinitionNode
            | ScalarTypeDefinitionNode
            | EnumTypeDefinitionNode,
        ):
            continue
        named = schema.get_type(node.name.value)
        if named is None:
            continue
        if (weight := _weight(node.directives, specs)) is not None:
            named.extensions = {**named.extensions, COST: weight}
        if not isinstance(node, ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode):
            continue
        fields = getattr(named, "fields", {})
        for field_node in node.fields or ():
            field = fields.get(field_node.name.value)
            if field is None:
                continue
            extensions = dict(field.extensions)
            if (weight := _weight(field_node.directives, specs)) is not None:
                extensions[COST] = weight
            if (list_size := _list_size(field_node.directives, specs)) is not None:
                extensions[LIST_SIZE] = list_size
            field.extensions = extensions
            for argument_node in field_node.arguments or ():
                argument = field.args.get(argument_node.name.value)
                weight = _weight(argument_node.directives, specs)
                if argument is not None and weight is not None:
                    argument.extensions = {**argument.extensions, COST: weight}


def _arguments(
    directives: tuple[ConstDirectiveNode, ...] | None, name: str | None
) -> dict[str, Any] | None:
    for directive in directives or ():
        if directive.name.value == name:
            return {
                argument.name.value: value_from_ast_untyped(argument.value)
                for argument in directive.arguments or ()
            }
    return None


def _weight(directives: tuple[ConstDirectiveNode, ...] | None, specs: LinkedSpecs) -> int | None:
    arguments = _arguments(directives, specs.cost)
    weight = None if arguments is None else arguments.get("weight")
    return weight if isinstance(weight, int) else None


def _list_size(
    directives: tuple[ConstDirectiveNode, ...] | None, specs: LinkedSpecs
) -> ListSize | None:
    arguments = _arguments(directives, specs.list_size)
    if arguments is None:
        return None
    assumed = arguments.get("assumedSize")
    return ListSize(
        assumed_size=assumed if isinstance(assumed, int) else None,
        slicing_arguments=_names(arguments.get("slicingArguments")),
        sized_fields=_names(arguments.get("sizedFields")),
        require_one_slicing_argument=arguments.get("requireOneSlicingArgument") is not False,
    )


def _names(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(item for item in value if isinstance(item, str)) if isinstance(value, list) else ()
