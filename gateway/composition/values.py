"""GraphQL value literals printed the way Apollo's supergraph printer prints them."""

from __future__ import annotations

import json
import re

from graphql import (
    BooleanValueNode,
    EnumValueNode,
    FloatValueNode,
    IntValueNode,
    ListValueNode,
    NullValueNode,
    ObjectValueNode,
    StringValueNode,
    TypeNode,
    ValueNode,
    VariableNode,
)

from .type_refs import base_name

_INTEGER_STRING = re.compile(r"^-?(?:0|[1-9][0-9]*)$")


def print_value(value: ValueNode, type_ref: TypeNode | None = None) -> str:
    """Apollo turns literals into JavaScript values first: floats print as JS numbers, and an
    integer-looking string for an ID prints bare."""
    if isinstance(value, NullValueNode):
        return "null"
    if isinstance(value, IntValueNode):
        return str(int(value.value))
    if isinstance(value, FloatValueNode):
        return js_number(float(value.value))
    if isinstance(value, StringValueNode):
        is_id = type_ref is not None and base_name(type_ref) == "ID"
        if is_id and _INTEGER_STRING.match(value.value):
            return value.value
        return print_string(value.value)
    if isinstance(value, BooleanValueNode):
        return "true" if value.value else "false"
    if isinstance(value, EnumValueNode):
        return value.value
    if isinstance(value, ListValueNode):
        return "[" + ", ".join(print_value(v) for v in value.values) + "]"
    if isinstance(value, ObjectValueNode):
        return (
            "{" + ", ".join(f"{f.name.value}: {print_value(f.value)}" for f in value.fields) + "}"
        )
    if isinstance(value, VariableNode):
        return f"${value.name.value}"
    raise TypeError(f"unexpected value node {value.kind}")


def print_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def js_number(number: float) -> str:
    if number.is_integer() and abs(number) < 1e21:
        return str(int(number))
    text = repr(number)
    return re.sub(r"e([+-])0*(\d)", r"e\1\2", text)
