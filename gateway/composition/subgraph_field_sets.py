"""Field sets (`@key(fields:)`, `@requires`, `@provides`) of a subgraph SDL: their syntax and
the subgraph fields they select. (The runtime reads a supergraph's field sets with
`gateway.supergraph.fieldsets`.)"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from graphql import (
    FieldNode,
    GraphQLSyntaxError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    parse,
)

from .subgraph_model import FieldDef, Kind, Subgraph
from .type_refs import base_name


@dataclass(frozen=True)
class SelectedField:
    definition: FieldDef
    node: FieldNode
    # an enclosing selected field is @external: the leaves below need not be
    external_in_parents: bool


@dataclass
class Resolution:
    """The fields a field set selects, or why it is invalid (`problems`, in Apollo's words)."""

    fields: list[SelectedField] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def field_set_ast(text: str) -> SelectionSetNode:
    """The field set as a selection set node; raises GraphQLSyntaxError."""
    document = parse("{" + text + "}", no_location=True)
    operation = document.definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    return operation.selection_set


def resolve_field_set(
    subgraph: Subgraph,
    parent: str,
    text: str,
    is_external: Callable[[FieldDef], bool] | None = None,
) -> Resolution:
    resolution = Resolution()
    try:
        selection_set = field_set_ast(text)
    except GraphQLSyntaxError as error:
        resolution.problems.append(f"Syntax Error: {error.message}")
        return resolution
    _walk(subgraph, parent, selection_set, False, is_external, resolution)
    return resolution


def _walk(
    subgraph: Subgraph,
    parent: str,
    selection_set: SelectionSetNode,
    external_in_parents: bool,
    is_external: Callable[[FieldDef], bool] | None,
    resolution: Resolution,
) -> None:
    owner = subgraph.type(parent)
    for selection in selection_set.selections:
        if isinstance(selection, InlineFragmentNode):
            condition = selection.type_condition.name.value if selection.type_condition else parent
            if subgraph.type(condition) is None:
                resolution.problems.append(f'Unknown type "{condition}"')
                continue
            _walk(
                subgraph,
                condition,
                selection.selection_set,
                external_in_parents,
                is_external,
                resolution,
            )
            continue
        if not isinstance(selection, FieldNode):
            resolution.problems.append("named fragments are not allowed in field sets")
            continue
        name = selection.name.value
        if name == "__typename":
            continue
        definition = owner.fields.get(name) if owner else None
        if definition is None:
            resolution.problems.append(
                f'Cannot query field "{name}" on type "{parent}" (the field should either be '
                "added to this subgraph or, if it should not be resolved by this subgraph, you "
                "need to add it to this subgraph with @external)."
            )
            continue
        resolution.fields.append(SelectedField(definition, selection, external_in_parents))
        target = subgraph.type(base_name(definition.type))
        composite = target is not None and target.kind in (Kind.OBJECT, Kind.INTERFACE, Kind.UNION)
        if composite and selection.selection_set is None:
            resolution.problems.append(
                f'Field "{definition.coordinate}" of type "{base_name(definition.type)}" must '
                "have a selection of sub-fields"
            )
        elif not composite and selection.selection_set is not None:
            resolution.problems.append(
                f'Field "{definition.coordinate}" must not have a selection since type '
                f'"{base_name(definition.type)}" has no subfields'
            )
        elif selection.selection_set is not None:
            external = external_in_parents or bool(is_external and is_external(definition))
            _walk(
                subgraph,
                base_name(definition.type),
                selection.selection_set,
                external,
                is_external,
                resolution,
            )
