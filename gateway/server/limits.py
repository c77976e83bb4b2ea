"""Static limits on an operation, checked before it is planned: depth, aliases, root fields,
estimated cost, and whether it uses introspection.

Measured on the selected operation with fragments expanded, against the API schema. The cost
of a field is its list multiplier * (1 + the cost of its selections): 1 for a field that is not
a list; for a list, its `first`/`last`/`limit` argument, or the one of the connection field
right above it (Relay: `items(first: 5) { edges { … } }` sizes `edges`), or a default size.
Lists inside introspection count once: they are the schema's size, not the data's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    ValueNode,
    VariableNode,
    get_named_type,
)
from graphql.type.introspection import SchemaMetaFieldDef, TypeMetaFieldDef, TypeNameMetaFieldDef

from services.common.integers import int_literal, int_value

from .errors import RequestError

SIZE_ARGUMENTS = frozenset({"first", "last", "limit"})
INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})


@dataclass(frozen=True)
class Limits:
    max_depth: int
    max_aliases: int
    max_root_fields: int
    max_cost: int
    default_list_size: int
    introspection: bool


@dataclass(frozen=True)
class Measurement:
    depth: int
    aliases: int
    root_fields: int
    cost: int
    introspection: bool
    uses_variables: bool
    """The cost depends on variable values, so the measurement holds for this request only."""


def measure(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Mapping[str, Any],
    limits: Limits,
) -> Measurement:
    walker = _Walker(schema, document, operation, variables, limits)
    root = {
        OperationType.QUERY: schema.query_type,
        OperationType.MUTATION: schema.mutation_type,
        OperationType.SUBSCRIPTION: schema.subscription_type,
    }[operation.operation]
    cost = walker.selections(operation.selection_set, root, 1, None, False, frozenset())
    return Measurement(
        depth=walker.depth,
        aliases=walker.aliases,
        root_fields=walker.root_fields,
        cost=cost,
        introspection=walker.introspection,
        uses_variables=walker.uses_variables,
    )


def enforce(measurement: Measurement, limits: Limits) -> None:
    if measurement.introspection and not limits.introspection:
        raise RequestError(
            400,
            "GraphQL introspection is disabled on this gateway, "
            "but the operation selects __schema or __type.",
            "INTROSPECTION_DISABLED",
        )
    checks = (
        ("MAX_DEPTH_LIMIT", "is {} levels deep", measurement.depth, limits.max_depth),
        ("MAX_ALIASES_LIMIT", "uses {} aliases", measurement.aliases, limits.max_aliases),
        (
            "MAX_ROOT_FIELDS_LIMIT",
            "selects {} root fields",
            measurement.root_fields,
            limits.max_root_fields,
        ),
        (
            "COST_ESTIMATED_TOO_EXPENSIVE",
            "has an estimated cost of {}",
            measurement.cost,
            limits.max_cost,
        ),
    )
    for code, what, measured, limit in checks:
        if measured > limit:
            raise _exceeded(code, f"The operation {what.format(measured)}", measured, limit)


def _exceeded(code: str, message: str, measured: int, limit: int) -> RequestError:
    return RequestError(
        400,
        f"{message}; the limit is {limit}.",
        code,
        extensions={"measured": measured, "limit": limit},
    )


class _Walker:
    def __init__(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        operation: OperationDefinitionNode,
        variables: Mapping[str, Any],
        limits: Limits,
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
        self.root_fields = 0
        self.introspection = False
        self.uses_variables = False

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
                # Unknown and cyclic spreads are validation errors the engine reports.
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
            # Fragments can expand exponentially: stop counting once the cost is certain
            # to be over (every field costs at least 1 unless sized to zero).
            raise _exceeded(
                "COST_ESTIMATED_TOO_EXPENSIVE",
                f"The operation expands to more than {self._limits.max_cost} fields",
                self._fields,
                self._limits.max_cost,
            )
        name = node.name.value
        if node.alias is not None:
            self.aliases += 1
        if depth == 1:
            self.root_fields += 1
        self.depth = max(self.depth, depth)
        if name in INTROSPECTION_FIELDS:
            self.introspection = True
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
        if name == "__typename":
            return TypeNameMetaFieldDef
        if parent is not None and parent is self._schema.query_type:
            if name == "__schema":
                return SchemaMetaFieldDef
            if name == "__type":
                return TypeMetaFieldDef
        if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            found: GraphQLField | None = parent.fields.get(name)
            return found
        return None

    def _size(self, node: FieldNode) -> int | None:
        for argument in node.arguments or ():
            if argument.name.value not in SIZE_ARGUMENTS:
                continue
            # A value that is no Int is no size: validation refuses the operation after this.
            value: int | None = None
            if isinstance(argument.value, IntValueNode):
                value = int_literal(argument.value)
            elif isinstance(argument.value, VariableNode):
                self.uses_variables = True
                variable = argument.value.name.value
                if variable in self._variables:
                    value = int_value(self._variables[variable])
                elif isinstance(default := self._defaults.get(variable), IntValueNode):
                    value = int_literal(default)
            if value is not None:
                # A negative size is the subgraph's to refuse; it costs nothing to ask.
                return max(0, value)
        return None
