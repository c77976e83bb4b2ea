"""Walks a service's schema (by introspection) to build well-typed arguments for any field,
so hostile-input tests reach every argument without a hand-kept list."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
    GraphQLSchema,
    build_client_schema,
    get_introspection_query,
)

from ..support.services import RunningService

SAMPLE_SCALARS: dict[str, Any] = {
    "ID": "x",
    "String": "x",
    "Int": 1,
    "Boolean": True,
    "Date": "2026-01-01",
    "DateTime": "2026-01-01T00:00:00+00:00",
    "Decimal": "1",
}


async def client_schema(service: RunningService) -> GraphQLSchema:
    body = await service.data(get_introspection_query())
    return build_client_schema(body)


def sample(type_: GraphQLInputType) -> Any:
    """A value of `type_` that passes GraphQL coercion (every optional field left out)."""
    if isinstance(type_, GraphQLNonNull):
        return sample(type_.of_type)
    if isinstance(type_, GraphQLList):
        return [sample(type_.of_type)]
    if isinstance(type_, GraphQLEnumType):
        return next(iter(type_.values))
    if isinstance(type_, GraphQLInputObjectType):
        return {
            name: sample(field.type)
            for name, field in type_.fields.items()
            if isinstance(field.type, GraphQLNonNull)
        }
    assert isinstance(type_, GraphQLScalarType)
    return SAMPLE_SCALARS[type_.name]


@dataclass(frozen=True)
class Slot:
    """One place a scalar can be written: the root field, its argument and the path within."""

    operation: str
    field: str
    argument: str
    path: tuple[str, ...]
    scalar: str


def slots(schema: GraphQLSchema) -> Iterator[Slot]:
    """Every scalar input position of every root field (lists entered through their item)."""
    for operation, root in (("query", schema.query_type), ("mutation", schema.mutation_type)):
        if root is None:
            continue
        for name, field in root.fields.items():
            if name.startswith("_"):
                continue
            for arg_name, arg in field.args.items():
                yield from _slots(operation, name, arg_name, (), arg.type, set())


def _slots(
    op: str, field: str, arg: str, path: tuple[str, ...], type_: Any, seen: set[str]
) -> Iterator[Slot]:
    while isinstance(type_, GraphQLNonNull | GraphQLList):
        type_ = type_.of_type
    if isinstance(type_, GraphQLScalarType):
        yield Slot(op, field, arg, path, type_.name)
    elif isinstance(type_, GraphQLInputObjectType) and type_.name not in seen:
        for name, sub in type_.fields.items():
            yield from _slots(op, field, arg, (*path, name), sub.type, seen | {type_.name})


def arguments_with(schema: GraphQLSchema, slot: Slot, value: Any) -> dict[str, Any]:
    """Well-typed arguments of the slot's field, with `value` at the slot."""
    field = root_field(schema, slot)
    args = {
        name: sample(arg.type)
        for name, arg in field.args.items()
        if isinstance(arg.type, GraphQLNonNull) or name == slot.argument
    }
    if not slot.path:
        args[slot.argument] = value
        return args
    target = args[slot.argument]
    type_: Any = field.args[slot.argument].type
    for i, key in enumerate(slot.path):
        type_ = _unwrap(type_)
        inner = _unwrap(type_.fields[key].type)
        if i == len(slot.path) - 1:
            target[key] = _fit(type_.fields[key].type, value)
        else:
            if key not in target:
                target[key] = sample(inner)
            target = target[key][0] if isinstance(target[key], list) else target[key]
        type_ = inner
    return args


def _unwrap(type_: Any) -> Any:
    while isinstance(type_, GraphQLNonNull | GraphQLList):
        type_ = type_.of_type
    return type_


def _fit(type_: Any, value: Any) -> Any:
    """`value` wrapped in as many lists as the field's type asks for."""
    if isinstance(type_, GraphQLNonNull):
        return _fit(type_.of_type, value)
    if isinstance(type_, GraphQLList):
        return [_fit(type_.of_type, value)]
    return value


def root_field(schema: GraphQLSchema, slot: Slot) -> GraphQLField:
    root = schema.query_type if slot.operation == "query" else schema.mutation_type
    assert root is not None
    field: GraphQLField = root.fields[slot.field]
    return field


def selection(schema: GraphQLSchema, slot: Slot) -> str:
    """The smallest selection the field's result allows (`__typename` on objects)."""
    type_ = _unwrap(root_field(schema, slot).type)
    return "" if isinstance(type_, GraphQLScalarType | GraphQLEnumType) else "{ __typename }"


def with_variables(schema: GraphQLSchema, slot: Slot) -> str:
    field = root_field(schema, slot)
    declared = ", ".join(f"${n}: {a.type}" for n, a in field.args.items())
    passed = ", ".join(f"{n}: ${n}" for n in field.args)
    return f"{slot.operation}({declared}) {{ {slot.field}({passed}) {selection(schema, slot)} }}"


def inline(schema: GraphQLSchema, slot: Slot, args: dict[str, Any]) -> str:
    field = root_field(schema, slot)
    written = ", ".join(f"{n}: {literal(field.args[n].type, v)}" for n, v in args.items())
    return f"{slot.operation} {{ {slot.field}({written}) {selection(schema, slot)} }}"


def literal(type_: Any, value: Any) -> str:
    """`value` written as a GraphQL literal of `type_`."""
    type_ = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
    if value is None:
        return "null"
    if isinstance(type_, GraphQLList):
        items = value if isinstance(value, list) else [value]
        return "[" + ", ".join(literal(type_.of_type, v) for v in items) + "]"
    if isinstance(type_, GraphQLEnumType) and isinstance(value, str):
        return value
    if isinstance(type_, GraphQLInputObjectType) and isinstance(value, dict):
        return (
            "{"
            + ", ".join(f"{k}: {literal(type_.fields[k].type, v)}" for k, v in value.items())
            + "}"
        )
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {literal(type_, v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(literal(type_, v) for v in value) + "]"
    return json.dumps(value)
