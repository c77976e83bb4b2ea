"""GraphQL type references (`[Product!]!`): printing, equality and federation's subtyping."""

from __future__ import annotations

from collections.abc import Callable

from graphql import ListTypeNode, NamedTypeNode, NameNode, NonNullTypeNode, TypeNode


def print_type(ref: TypeNode) -> str:
    if isinstance(ref, NonNullTypeNode):
        return print_type(ref.type) + "!"
    if isinstance(ref, ListTypeNode):
        return "[" + print_type(ref.type) + "]"
    assert isinstance(ref, NamedTypeNode)
    return ref.name.value


def base_name(ref: TypeNode) -> str:
    while isinstance(ref, NonNullTypeNode | ListTypeNode):
        ref = ref.type
    assert isinstance(ref, NamedTypeNode)
    return ref.name.value


def rename(ref: TypeNode, names: dict[str, str]) -> TypeNode:
    """The same reference with named types renamed (root types normalised to Query, ...)."""
    if isinstance(ref, NonNullTypeNode):
        inner = rename(ref.type, names)
        assert isinstance(inner, NamedTypeNode | ListTypeNode)
        return NonNullTypeNode(type=inner)
    if isinstance(ref, ListTypeNode):
        return ListTypeNode(type=rename(ref.type, names))
    assert isinstance(ref, NamedTypeNode)
    name = ref.name.value
    return NamedTypeNode(name=NameNode(value=names.get(name, name))) if name in names else ref


def same_type(a: TypeNode, b: TypeNode) -> bool:
    return print_type(a) == print_type(b)


def is_required(ref: TypeNode) -> bool:
    return isinstance(ref, NonNullTypeNode)


# (abstract type name, object/interface type name) -> whether the second is a member/implementer
DirectSubtypeTest = Callable[[str, str], bool]


def is_subtype(ref: TypeNode, maybe_sub: TypeNode, direct: DirectSubtypeTest) -> bool:
    return same_type(ref, maybe_sub) or is_strict_subtype(ref, maybe_sub, direct)


def is_strict_subtype(ref: TypeNode, maybe_sub: TypeNode, direct: DirectSubtypeTest) -> bool:
    """Apollo's default rules: direct (union member, implementer), non-null downgrade,
    list propagation and non-null propagation; no list upgrade."""
    if isinstance(maybe_sub, ListTypeNode):
        return isinstance(ref, ListTypeNode) and is_subtype(ref.type, maybe_sub.type, direct)
    if isinstance(maybe_sub, NonNullTypeNode):
        if isinstance(ref, NonNullTypeNode):
            return is_subtype(ref.type, maybe_sub.type, direct)
        return is_subtype(ref, maybe_sub.type, direct)
    if isinstance(ref, NamedTypeNode) and isinstance(maybe_sub, NamedTypeNode):
        return direct(ref.name.value, maybe_sub.name.value)
    return False
