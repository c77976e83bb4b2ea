"""How much an operation asks for: depth, aliases, root fields, estimated cost, introspection.

One measurement for the gateway (gateway/server/limits.py, on a client's operation against
the API schema) and for every subgraph (services/common/limits.py, on what reaches it), so
that both count alike; each enforces its own limits with its own errors.

Measured on the selected operation with fragments expanded. A root field is 1 level deep. The
cost of a field is its list multiplier * (its weight + the cost of its selections). The weight
is 1, or what the schema says with IBM's cost spec (as Apollo's demand control reads it):
`@cost(weight:)` on the field, else on its type, plus `@cost` of each argument given. The
multiplier is 1 for a field that is not a list; for a list, the largest of its `@listSize`
slicing arguments given, or its `@listSize(assumedSize:)`, or its `first`/`last`/`limit`
argument, or (when asked for) the length of its longest list argument
(`_entities(representations: …)`), or the size of the field right above it when that field
sizes it (`@listSize(sizedFields:)`, or any list below a field that is no list itself —
Relay: `items(first: 5) { edges { … } }` sizes `edges`), or a default size. Lists inside
introspection count once: they are the schema's size, not the data's.

The schema carries the cost spec in `extensions` (COST, LIST_SIZE) of its fields, arguments
and types, so that any schema can: the gateway's API schema takes them from the supergraph.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

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
    ListValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    ValueNode,
    VariableNode,
    get_named_type,
)
from graphql.type.introspection import SchemaMetaFieldDef, TypeMetaFieldDef, TypeNameMetaFieldDef

from .integers import int_literal, int_value

SIZE_ARGUMENTS = ("first", "last", "limit")
INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})
COST = "cost"
"""`extensions` key of a field, argument or type: its `@cost(weight:)`, an int."""
LIST_SIZE = "listSize"
"""`extensions` key of a field: its `@listSize`, a ListSize."""


@dataclass(frozen=True)
class ListSize:
    """A field's `@listSize` (IBM's cost spec)."""

    assumed_size: int | None = None
    slicing_arguments: tuple[str, ...] = ()
    sized_fields: tuple[str, ...] = ()
    require_one_slicing_argument: bool = True
    """Kept as the schema says; the measurement takes the largest slicing argument given."""


@dataclass(frozen=True)
class Sizing:
    """How the measurement sizes lists, and how far it walks."""

    max_fields: int
    """The cost limit: past this many fields the cost is certain to be over it."""
    default_list_size: int
    list_arguments: bool = False
    """Size an unsized list by its longest list argument (a subgraph's `_entities`)."""


@dataclass(frozen=True)
class Measurement:
    depth: int
    aliases: int
    root_fields: int
    cost: int
    introspection: bool
    uses_variables: bool
    """The cost depends on variable values, so the measurement holds for this request only."""


class ExpandsPastLimit(Exception):
    """The operation expands to more fields than the cost limit: its cost is over it."""

    def __init__(self, fields: int, limit: int) -> None:
        super().__init__(f"The operation expands to more than {limit} fields")
        self.fields = fields
        self.limit = limit


def measure(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Mapping[str, Any],
    sizing: Sizing,
) -> Measurement:
    """Raises ExpandsPastLimit once the walk passes `sizing.max_fields` fields."""
    walker = _Walker(schema, document, operation, variables, sizing)
    root = {
        OperationType.QUERY: schema.query_type,
        OperationType.MUTATION: schema.mutation_type,
        OperationType.SUBSCRIPTION: schema.subscription_type,
    }[operation.operation]
    start = _Scope(root, 1, None, None, False, frozenset())
    cost = walker.selections(operation.selection_set, start)
    return Measurement(
        depth=walker.depth,
        aliases=walker.aliases,
        root_fields=walker.root_fields,
        cost=cost,
        introspection=walker.introspection,
        uses_variables=walker.uses_variables,
    )


class _Scope(NamedTuple):
    """Where a selection set stands in the walk."""

    parent: GraphQLNamedType | None
    depth: int
    inherited_size: int | None
    sized_fields: frozenset[str] | None
    """The fields the inherited size is for; None: every list."""
    in_introspection: bool
    expanding: frozenset[str]
    """The fragments being expanded around it: a cyclic spread stops there."""

    def within(self, on: GraphQLNamedType | None, fragment: str | None = None) -> _Scope:
        """The scope of a fragment's selections, on its type condition."""
        expanding = self.expanding if fragment is None else self.expanding | {fragment}
        return self._replace(parent=on, expanding=expanding)


class _Walker:
    def __init__(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        operation: OperationDefinitionNode,
        variables: Mapping[str, Any],
        sizing: Sizing,
    ) -> None:
        self._schema = schema
        self._fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self._variables = variables
        self._defaults: dict[str, ValueNode | None] = {
            v.variable.name.value: v.default_value for v in operation.variable_definitions or ()
        }
        self._sizing = sizing
        self._fields = 0
        self.depth = 0
        self.aliases = 0
        self.root_fields = 0
        self.introspection = False
        self.uses_variables = False

    def selections(self, selection_set: SelectionSetNode, scope: _Scope) -> int:
        cost = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                cost += self._field(selection, scope)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                on = self._schema.get_type(condition.name.value) if condition else scope.parent
                cost += self.selections(selection.selection_set, scope.within(on))
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self._fragments.get(name)
                # Unknown and cyclic spreads are validation errors, reported by validation.
                if fragment is None or name in scope.expanding:
                    continue
                on = self._schema.get_type(fragment.type_condition.name.value)
                cost += self.selections(fragment.selection_set, scope.within(on, name))
        return cost

    def _field(self, node: FieldNode, scope: _Scope) -> int:
        self._fields += 1
        if self._fields > self._sizing.max_fields:
            # Fragments can expand exponentially: stop counting once the cost is certain
            # to be over (every field costs at least 1 unless sized or weighed to zero,
            # and a zero weight must not open the door to that expansion).
            raise ExpandsPastLimit(self._fields, self._sizing.max_fields)
        parent, depth, inherited_size, sized_fields, in_introspection, expanding = scope
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
        list_size: ListSize | None = None
        weight = 1
        if definition is not None:
            field_type = definition.type
            if isinstance(field_type, GraphQLNonNull):
                field_type = field_type.of_type
            is_list = isinstance(field_type, GraphQLList)
            named = get_named_type(field_type)
            list_size = definition.extensions.get(LIST_SIZE)
            weight = self._weight(node, definition, named)
        size = self._size(node, list_size)
        multiplier = 1
        if is_list and not in_introspection:
            if size is not None:
                multiplier = size
            elif self._sizing.list_arguments and (length := self._longest_list(node)) is not None:
                multiplier = length
            elif inherited_size is not None and (sized_fields is None or name in sized_fields):
                multiplier = inherited_size
            else:
                multiplier = self._sizing.default_list_size
        if node.selection_set is None:
            return multiplier * weight
        passed_size: int | None = None
        passed_fields: frozenset[str] | None = None
        if list_size is not None and list_size.sized_fields:
            passed_size = size if size is not None else self._sizing.default_list_size
            passed_fields = frozenset(list_size.sized_fields)
        elif size is not None and not is_list:
            passed_size = size
        inner = self.selections(
            node.selection_set,
            _Scope(named, depth + 1, passed_size, passed_fields, in_introspection, expanding),
        )
        return multiplier * (weight + inner)

    @staticmethod
    def _weight(node: FieldNode, definition: GraphQLField, named: GraphQLNamedType) -> int:
        """The field's `@cost`, else its type's, else 1; plus its given arguments' `@cost`."""
        weight: int | None = definition.extensions.get(COST)
        if weight is None:
            weight = named.extensions.get(COST, 1)
        for argument in node.arguments or ():
            if (defined := definition.args.get(argument.name.value)) is not None:
                weight += defined.extensions.get(COST, 0)
        return max(0, weight)

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

    def _size(self, node: FieldNode, list_size: ListSize | None) -> int | None:
        """The size the field's arguments give it, or its `@listSize(assumedSize:)`."""
        if list_size is None:
            return self._slice(node, SIZE_ARGUMENTS, largest=False)
        if list_size.slicing_arguments:
            size = self._slice(node, list_size.slicing_arguments, largest=True)
            if size is not None:
                return size
        if list_size.assumed_size is not None:
            return max(0, list_size.assumed_size)
        return self._slice(node, SIZE_ARGUMENTS, largest=False)

    def _slice(self, node: FieldNode, names: Sequence[str], *, largest: bool) -> int | None:
        """The first (or largest) of the named arguments that is given an Int."""
        sizes: list[int] = []
        for argument in node.arguments or ():
            if argument.name.value not in names:
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
                sizes.append(max(0, value))
                if not largest:
                    break
        return max(sizes) if sizes else None

    def _longest_list(self, node: FieldNode) -> int | None:
        lengths = [
            len(value)
            for argument in node.arguments or ()
            if (value := self._list(argument.value)) is not None
        ]
        return max(lengths) if lengths else None

    def _list(self, value: ValueNode | None) -> Sequence[Any] | None:
        """An argument's value when it is a list, written inline or in a variable."""
        if isinstance(value, ListValueNode):
            return value.values
        if isinstance(value, VariableNode):
            self.uses_variables = True
            name = value.name.value
            if name not in self._variables:
                return self._list(self._defaults.get(name))
            if isinstance(given := self._variables[name], list | tuple):
                return given
        return None
