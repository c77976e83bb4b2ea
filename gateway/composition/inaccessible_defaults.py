"""Apollo's DEFAULT_VALUE_USES_INACCESSIBLE: a default value clients can see may not name an
enum value or input field that @inaccessible hides from them (the API schema would carry a
default that is not a value of its own type)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from graphql import (
    EnumValueNode,
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    ListValueNode,
    ObjectValueNode,
    ValueNode,
    VariableNode,
    build_ast_schema,
    parse,
)

from ..supergraph.links import linked_specs
from .public_types import CompositionError

_Hidden = Callable[[Any], bool]


def inaccessible_default_errors(supergraph_sdl: str) -> list[CompositionError]:
    document = parse(supergraph_sdl)
    inaccessible = linked_specs(document).inaccessible
    if inaccessible is None:
        return []
    schema = build_ast_schema(document, assume_valid_sdl=True)

    def hidden(element: Any) -> bool:
        node = element.ast_node
        return node is not None and any(
            directive.name.value == inaccessible for directive in node.directives or ()
        )

    return [
        CompositionError(
            "DEFAULT_VALUE_USES_INACCESSIBLE",
            f'{kind} "{coordinate}" is @inaccessible but is used in the default value of '
            f'"{referencer}", which is in the API schema.',
        )
        for referencer, type_, default in _visible_defaults(schema, hidden)
        for kind, coordinate, element in _references(default, type_)
        if hidden(element)
    ]


def _visible_defaults(
    schema: GraphQLSchema, hidden: _Hidden
) -> Iterator[tuple[str, GraphQLInputType, ValueNode]]:
    """Every default value in the API schema: (the coordinate that holds it, its type, it)."""
    for name, type_ in schema.type_map.items():
        if name.startswith("__") or hidden(type_):
            continue
        if isinstance(type_, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, field in type_.fields.items():
                if hidden(field):
                    continue
                for arg_name, argument in field.args.items():
                    node = argument.ast_node
                    if node is not None and node.default_value is not None and not hidden(argument):
                        yield f"{name}.{field_name}({arg_name}:)", argument.type, node.default_value
        elif isinstance(type_, GraphQLInputObjectType):
            for field_name, input_field in type_.fields.items():
                node = input_field.ast_node
                if node is not None and node.default_value is not None and not hidden(input_field):
                    yield f"{name}.{field_name}", input_field.type, node.default_value


def _references(value: ValueNode, type_: GraphQLInputType) -> Iterator[tuple[str, str, Any]]:
    """The enum values and input fields a default names, as Apollo walks it:
    (kind, coordinate, definition)."""
    if isinstance(type_, GraphQLNonNull):
        yield from _references(value, type_.of_type)
    elif isinstance(value, VariableNode):
        return
    elif isinstance(value, ListValueNode):
        if isinstance(type_, GraphQLList):
            for item in value.values:
                yield from _references(item, type_.of_type)
    elif isinstance(type_, GraphQLList):
        yield from _references(value, type_.of_type)
    elif isinstance(value, ObjectValueNode) and isinstance(type_, GraphQLInputObjectType):
        given = {field.name.value: field.value for field in value.fields}
        for field_name, input_field in type_.fields.items():
            if field_name in given:
                yield "Input field", f"{type_.name}.{field_name}", input_field
                yield from _references(given[field_name], input_field.type)
    elif isinstance(value, EnumValueNode) and isinstance(type_, GraphQLEnumType):
        enum_value = type_.values.get(value.value)
        if enum_value is not None:
            yield "Enum value", f"{type_.name}.{value.value}", enum_value
