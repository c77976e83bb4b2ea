"""FieldSet strings of @key, @requires and @provides, parsed once into selections."""

from __future__ import annotations

from dataclasses import dataclass

from graphql import (
    FieldNode,
    GraphQLError,
    InlineFragmentNode,
    SelectionSetNode,
    parse,
    print_ast,
)

from .errors import SupergraphError


@dataclass(frozen=True)
class FieldSetSelection:
    """One field of a field set, or (with `type_condition`) an inline fragment of them."""

    name: str
    arguments: tuple[tuple[str, str], ...] = ()
    """Argument name and value as GraphQL text, e.g. (("currency", "EUR"),)."""
    selections: tuple[FieldSetSelection, ...] = ()
    type_condition: str | None = None


FieldSet = tuple[FieldSetSelection, ...]


def parse_field_set(text: str) -> FieldSet:
    try:
        document = parse("{" + text + "}")
    except GraphQLError as error:
        raise SupergraphError(f"invalid field set {text!r}: {error.message}") from error
    operation = document.definitions[0]
    return _selections(operation.selection_set)  # type: ignore[attr-defined]


def _selections(selection_set: SelectionSetNode | None) -> FieldSet:
    if selection_set is None:
        return ()
    result: list[FieldSetSelection] = []
    for node in selection_set.selections:
        if isinstance(node, FieldNode):
            result.append(
                FieldSetSelection(
                    name=node.name.value,
                    arguments=tuple(
                        (argument.name.value, print_ast(argument.value))
                        for argument in node.arguments or ()
                    ),
                    selections=_selections(node.selection_set),
                )
            )
        elif isinstance(node, InlineFragmentNode) and node.type_condition is not None:
            result.append(
                FieldSetSelection(
                    name="",
                    type_condition=node.type_condition.name.value,
                    selections=_selections(node.selection_set),
                )
            )
        else:
            raise SupergraphError("field sets may hold only fields and typed inline fragments")
    return tuple(result)
