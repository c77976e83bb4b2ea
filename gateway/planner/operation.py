"""The client's operation in the form planning and response shaping walk.

Named fragments become inline fragments, @skip/@include are decided (the decisions are part
of the plan cache key, see `Conditions`), and each field keeps its arguments as GraphQL text
ready to be forwarded to a subgraph.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    ArgumentNode,
    BooleanValueNode,
    DirectiveNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    Visitor,
    print_ast,
    visit,
)


@dataclass(frozen=True, eq=False)
class ClientField:
    response_key: str
    name: str
    arguments: str
    """`(a: 1, b: $v)` or empty."""
    variables: frozenset[str]
    selections: tuple[ClientSelection, ...] = ()


@dataclass(frozen=True, eq=False)
class ClientFragment:
    type_condition: str | None
    selections: tuple[ClientSelection, ...]


ClientSelection = ClientField | ClientFragment


@dataclass(frozen=True)
class Condition:
    include: bool
    """@include (True) or @skip (False)."""
    literal: bool | None
    variable: str | None


@dataclass
class Conditions:
    """Every @skip/@include of an operation, in document order."""

    items: list[Condition] = field(default_factory=list)

    def decide(self, variables: Mapping[str, Any], defaults: Mapping[str, Any]) -> tuple[bool, ...]:
        """Whether each directive lets its selection through, for these variables."""
        decisions = []
        for condition in self.items:
            value = condition.literal
            if condition.variable is not None:
                value = bool(variables.get(condition.variable, defaults.get(condition.variable)))
            decisions.append(bool(value) == condition.include)
        return tuple(decisions)


def conditions_of(
    operation: OperationDefinitionNode, fragments: Mapping[str, FragmentDefinitionNode]
) -> Conditions:
    conditions = Conditions()
    _walk_conditions(operation.selection_set, fragments, conditions)
    return conditions


def _walk_conditions(
    selection_set: SelectionSetNode | None,
    fragments: Mapping[str, FragmentDefinitionNode],
    conditions: Conditions,
) -> None:
    # The walk order here is the order `normalize` consumes decisions in.
    for node in selection_set.selections if selection_set else ():
        for directive in node.directives or ():
            condition = _condition(directive)
            if condition is not None:
                conditions.items.append(condition)
        if isinstance(node, FieldNode | InlineFragmentNode):
            _walk_conditions(node.selection_set, fragments, conditions)
        elif isinstance(node, FragmentSpreadNode):
            _walk_conditions(fragments[node.name.value].selection_set, fragments, conditions)


def _condition(directive: DirectiveNode) -> Condition | None:
    if directive.name.value not in ("skip", "include"):
        return None
    argument = next(a for a in directive.arguments or () if a.name.value == "if")
    literal = argument.value.value if isinstance(argument.value, BooleanValueNode) else None
    variable = argument.value.name.value if isinstance(argument.value, VariableNode) else None
    return Condition(directive.name.value == "include", literal, variable)


def normalize(
    operation: OperationDefinitionNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    decisions: tuple[bool, ...],
) -> tuple[ClientSelection, ...]:
    return _Normalizer(fragments, iter(decisions)).selections(operation.selection_set)


class _Normalizer:
    def __init__(self, fragments: Mapping[str, FragmentDefinitionNode], decisions: Any) -> None:
        self.fragments = fragments
        self.decisions = decisions

    def _included(self, directives: Any) -> bool:
        included = True
        for directive in directives or ():
            if directive.name.value in ("skip", "include"):
                included = next(self.decisions) and included
        return included

    def selections(self, selection_set: SelectionSetNode | None) -> tuple[ClientSelection, ...]:
        result: list[ClientSelection] = []
        for node in selection_set.selections if selection_set else ():
            included = self._included(node.directives)
            if isinstance(node, FieldNode):
                children = self.selections(node.selection_set)
                if included:
                    result.append(_field(node, children))
            elif isinstance(node, InlineFragmentNode):
                children = self.selections(node.selection_set)
                if included:
                    condition = node.type_condition.name.value if node.type_condition else None
                    result.append(ClientFragment(condition, children))
            elif isinstance(node, FragmentSpreadNode):
                fragment = self.fragments[node.name.value]
                children = self.selections(fragment.selection_set)
                if included:
                    result.append(ClientFragment(fragment.type_condition.name.value, children))
        return tuple(result)


def _field(node: FieldNode, children: tuple[ClientSelection, ...]) -> ClientField:
    return ClientField(
        response_key=node.alias.value if node.alias else node.name.value,
        name=node.name.value,
        arguments=arguments_text(node.arguments),
        variables=variables_in(node.arguments),
        selections=children,
    )


def arguments_text(arguments: tuple[ArgumentNode, ...] | None) -> str:
    if not arguments:
        return ""
    return "(" + ", ".join(f"{a.name.value}: {print_ast(a.value)}" for a in arguments) + ")"


def variables_in(arguments: tuple[ArgumentNode, ...] | None) -> frozenset[str]:
    names: set[str] = set()

    class Collect(Visitor):
        def enter_variable(self, node: VariableNode, *_: Any) -> None:
            names.add(node.name.value)

    for argument in arguments or ():
        visit(argument, Collect())
    return frozenset(names)
