"""Limits on one operation a subgraph runs: tokens, depth, aliases and estimated cost.

The gateway checks its own limits on a client's operation; every subgraph checks these on
what reaches it as well, so that a caller who reaches a service directly cannot make it do
unbounded work. They are checked after parsing and before validation (whose overlapping-
fields rule alone is quadratic in the number of fields). Depth, aliases and cost are counted
as the gateway counts them (gateway/server/limits.py): a root field is 1 level deep; the cost
of a field is its list size * (1 + the cost of its selections), where a list's size is its
`first`/`last`/`limit` argument, the one of the connection field right above it, the length
of a list argument (`_entities(representations: …)`), or a default size.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    Source,
    TokenKind,
    ValueNode,
    VariableNode,
    get_named_type,
    get_operation_ast,
)
from graphql.error import GraphQLSyntaxError
from graphql.language import Lexer
from strawberry.extensions import SchemaExtension

from .integers import int_literal
from .settings import Settings

SIZE_ARGUMENTS = frozenset({"first", "last", "limit"})
INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})


@dataclass(frozen=True)
class OperationLimits:
    """What one operation may ask of a subgraph (settings `GRAPHQL_*`)."""

    max_tokens: int
    max_depth: int
    max_aliases: int
    max_cost: int
    default_list_size: int
    timeout_s: float

    @classmethod
    def of(cls, settings: Settings) -> OperationLimits:
        return cls(
            max_tokens=settings.graphql_max_tokens,
            max_depth=settings.graphql_max_depth,
            max_aliases=settings.graphql_max_aliases,
            max_cost=settings.graphql_max_cost,
            default_list_size=settings.graphql_default_list_size,
            timeout_s=settings.graphql_timeout_s,
        )


@cache
def default_limits() -> OperationLimits:
    """The limits of the settings from the environment, for a context made without any."""
    return OperationLimits.of(Settings())


class LimitExceeded(GraphQLError):
    """An operation over one of the limits; `code` as the gateway reports the same limit."""

    def __init__(self, code: str, message: str, measured: int, limit: int) -> None:
        super().__init__(
            f"{message}; the limit is {limit}.",
            extensions={"code": code, "measured": measured, "limit": limit},
        )


class OperationLimitsExtension(SchemaExtension):
    """Refuses an operation over the limits of its context (`context.limits`)."""

    def on_parse(self) -> Iterator[None]:
        query = self.execution_context.query
        if query is not None:
            check_tokens(query, limits_of(self.execution_context.context).max_tokens)
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        operation = (
            None if document is None else get_operation_ast(document, context.operation_name)
        )
        if document is not None and operation is not None:
            check_operation(
                context.schema._schema,
                document,
                operation,
                context.variables or {},
                limits_of(context.context),
            )
        yield


def limits_of(context: Any) -> OperationLimits:
    """The context's limits (`context.limits`), or the default ones."""
    limits = getattr(context, "limits", None)
    return limits if isinstance(limits, OperationLimits) else default_limits()


def check_tokens(query: str, max_tokens: int) -> None:
    """Raises LimitExceeded past `max_tokens` tokens; stops counting there. A syntax error
    stops the count too: the parser reports it."""
    lexer = Lexer(Source(query))
    count = 0
    try:
        while lexer.advance().kind is not TokenKind.EOF:
            count += 1
            if count > max_tokens:
                raise LimitExceeded(
                    "MAX_TOKENS_LIMIT",
                    f"The operation has more than {max_tokens} tokens",
                    count,
                    max_tokens,
                )
    except GraphQLSyntaxError:
        return


def check_operation(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Mapping[str, Any],
    limits: OperationLimits,
) -> None:
    """Raises LimitExceeded for the first limit the operation is over."""
    walker = _Walker(schema, document, operation, variables, limits)
    root = {
        OperationType.QUERY: schema.query_type,
        OperationType.MUTATION: schema.mutation_type,
        OperationType.SUBSCRIPTION: schema.subscription_type,
    }[operation.operation]
    cost = walker.selections(operation.selection_set, root, 1, None, False, frozenset())
    checks = (
        ("MAX_DEPTH_LIMIT", f"The operation is {walker.depth} levels deep", walker.depth),
        ("MAX_ALIASES_LIMIT", f"The operation uses {walker.aliases} aliases", walker.aliases),
        ("COST_ESTIMATED_TOO_EXPENSIVE", f"The operation has an estimated cost of {cost}", cost),
    )
    maxima = (limits.max_depth, limits.max_aliases, limits.max_cost)
    for (code, message, measured), limit in zip(checks, maxima, strict=True):
        if measured > limit:
            raise LimitExceeded(code, message, measured, limit)


class _Walker:
    """Walks the operation with fragments expanded, measuring depth, aliases and cost."""

    def __init__(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        operation: OperationDefinitionNode,
        variables: Mapping[str, Any],
        limits: OperationLimits,
    ) -> None:
        self._schema = schema
        self._fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self._variables = variables
        self._defaults: dict[str, ValueNode | None] = {
            v.variable.name.value: v.default_value for v in operation.variable_definitions or ()
        }
        self._limits = limits
        self._fields = 0
        self.depth = 0
        self.aliases = 0

    def selections(
        self,
        selection_set: SelectionSetNode,
        parent: GraphQLNamedType | None,
        depth: int,
        inherited_size: int | None,
        in_introspection: bool,
        expanding: frozenset[str],
    ) -> int:
        cost = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                cost += self._field(
                    selection, parent, depth, inherited_size, in_introspection, expanding
                )
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                on = self._schema.get_type(condition.name.value) if condition else parent
                cost += self.selections(
                    selection.selection_set, on, depth, inherited_size, in_introspection, expanding
                )
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self._fragments.get(name)
                # Unknown and cyclic spreads are validation errors, reported by validation.
                if fragment is None or name in expanding:
                    continue
                on = self._schema.get_type(fragment.type_condition.name.value)
                cost += self.selections(
                    fragment.selection_set,
                    on,
                    depth,
                    inherited_size,
                    in_introspection,
                    expanding | {name},
                )
        return cost

    def _field(
        self,
        node: FieldNode,
        parent: GraphQLNamedType | None,
        depth: int,
        inherited_size: int | None,
        in_introspection: bool,
        expanding: frozenset[str],
    ) -> int:
        self._fields += 1
        if self._fields > self._limits.max_cost:
            # Fragments can expand exponentially: stop once the cost is certain to be over.
            raise LimitExceeded(
                "COST_ESTIMATED_TOO_EXPENSIVE",
                f"The operation expands to more than {self._limits.max_cost} fields",
                self._fields,
                self._limits.max_cost,
            )
        if node.alias is not None:
            self.aliases += 1
        self.depth = max(self.depth, depth)
        name = node.name.value
        if name in INTROSPECTION_FIELDS:
            in_introspection = True
        definition = self._definition(parent, name)
        is_list = False
        named: GraphQLNamedType | None = None
        if definition is not None:
            field_type = definition.type
            if isinstance(field_type, GraphQLNonNull):
                field_type = field_type.of_type
            is_list = isinstance(field_type, GraphQLList)
            named = get_named_type(field_type)
        size = self._size(node)
        multiplier = 1
        if is_list and not in_introspection:
            if size is not None:
                multiplier = size
            elif (length := self._list_argument_length(node)) is not None:
                multiplier = length
            elif inherited_size is not None:
                multiplier = inherited_size
            else:
                multiplier = self._limits.default_list_size
        if node.selection_set is None:
            return multiplier
        passed_size = size if size is not None and not is_list else None
        inner = self.selections(
            node.selection_set, named, depth + 1, passed_size, in_introspection, expanding
        )
        return multiplier * (1 + inner)

    def _definition(self, parent: GraphQLNamedType | None, name: str) -> GraphQLField | None:
        if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            found: GraphQLField | None = parent.fields.get(name)
            return found
        return None

    def _value(self, value: ValueNode) -> Any:
        """An argument's value when it is a literal int or list, or a variable."""
        if isinstance(value, IntValueNode):
            return int_literal(value)
        if isinstance(value, ListValueNode):
            return value.values
        if isinstance(value, VariableNode):
            name = value.name.value
            if name in self._variables:
                return self._variables[name]
            default = self._defaults.get(name)
            return None if default is None else self._value(default)
        return None

    def _size(self, node: FieldNode) -> int | None:
        for argument in node.arguments or ():
            if argument.name.value in SIZE_ARGUMENTS:
                value = self._value(argument.value)
                if isinstance(value, int) and not isinstance(value, bool):
                    return max(0, value)
        return None

    def _list_argument_length(self, node: FieldNode) -> int | None:
        lengths = [
            len(value)
            for argument in node.arguments or ()
            if isinstance(value := self._value(argument.value), list | tuple)
        ]
        return max(lengths) if lengths else None
