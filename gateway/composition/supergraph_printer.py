"""Prints a MergedSupergraph exactly as @apollo/composition prints its supergraphSdl."""

from __future__ import annotations

from collections.abc import Sequence

from .merged_model import Directive, MergedArgument, MergedField, MergedSupergraph, MergedType
from .spec_definitions import directive_definitions, schema_links, spec_types
from .subgraph_model import Kind
from .type_refs import print_type
from .values import print_string

INDENT = "  "
_ROOT_ORDER = ("query", "mutation", "subscription")


def print_supergraph(supergraph: MergedSupergraph) -> str:
    directives = directive_definitions(supergraph.join_version, supergraph.features)
    graph_enum = (
        "enum join__Graph {\n"
        + "\n".join(
            f"{INDENT}{g.enum_value} @join__graph(name: {print_string(g.name)}, url: "
            f"{print_string(g.url)})"
            for g in supergraph.graphs
        )
        + "\n}"
    )
    types = spec_types(supergraph.join_version, graph_enum)
    types.update({name: _print_type(t) for name, t in supergraph.types.items()})
    parts = [_print_schema(supergraph)]
    parts += [directives[name] for name in sorted(directives, key=locale_key)]
    parts += [types[name] for name in sorted(types, key=locale_key)]
    return "\n\n".join(parts)


def locale_key(name: str) -> tuple[tuple[tuple[int, str], ...], tuple[bool, ...]]:
    """Approximates JavaScript's `localeCompare` (ICU root collation) on GraphQL names:
    `_` before digits before letters, letters case-insensitively, then lower case first."""
    primary = tuple((0 if c == "_" else 1 if c.isdigit() else 2, c.lower()) for c in name)
    return primary, tuple(c.isupper() for c in name)


def _print_schema(supergraph: MergedSupergraph) -> str:
    applied = schema_links(supergraph.join_version, supergraph.features)
    applied += [str(d) for d in supergraph.schema_directives]
    roots = [
        f"{INDENT}{kind}: {supergraph.roots[kind]}"
        for kind in _ROOT_ORDER
        if kind in supergraph.roots
    ]
    return (
        _description(supergraph.description)
        + "schema"
        + "\n"
        + "\n".join(INDENT + a for a in applied)
        + "\n{\n"
        + "\n".join(roots)
        + "\n}"
    )


def _directives_on_lines(directives: Sequence[Directive], end_with_newline: bool) -> str:
    if not directives:
        return ""
    return (
        "\n"
        + INDENT
        + ("\n" + INDENT).join(str(d) for d in directives)
        + ("\n" if end_with_newline else "")
    )


def _inline_directives(directives: Sequence[Directive]) -> str:
    return "".join(" " + str(d) for d in directives)


def _print_type(merged: MergedType) -> str:
    head = _description(merged.description)
    if merged.kind is Kind.SCALAR:
        return head + f"scalar {merged.name}" + _directives_on_lines(merged.directives, False)
    if merged.kind is Kind.UNION:
        members = " = " + " | ".join(merged.members) if merged.members else ""
        return (
            head
            + f"union {merged.name}"
            + _directives_on_lines(merged.directives, bool(merged.members))
            + members
        )
    if merged.kind is Kind.ENUM:
        lines = [
            _description(v.description, INDENT, i == 0)
            + INDENT
            + v.name
            + _inline_directives(v.directives)
            for i, v in enumerate(merged.values.values())
        ]
        return head + f"enum {merged.name}" + _block_after_directives(merged.directives, lines)
    keyword = {Kind.OBJECT: "type", Kind.INTERFACE: "interface", Kind.INPUT_OBJECT: "input"}[
        merged.kind
    ]
    implements = " implements " + " & ".join(merged.interfaces) if merged.interfaces else ""
    lines = [
        _description(f.description, INDENT, i == 0)
        + INDENT
        + _print_field(f, merged.kind is Kind.INPUT_OBJECT)
        + _inline_directives(f.directives)
        for i, f in enumerate(merged.fields.values())
    ]
    return (
        head
        + f"{keyword} {merged.name}{implements}"
        + _block_after_directives(merged.directives, lines)
    )


def _block_after_directives(directives: Sequence[Directive], lines: list[str]) -> str:
    text = _directives_on_lines(directives, bool(lines))
    if not directives and lines:
        text += " "
    if lines:
        text += "{\n" + "\n".join(lines) + "\n}"
    return text


def _print_field(merged: MergedField, is_input: bool) -> str:
    assert merged.type is not None
    default = f" = {merged.default}" if is_input and merged.default is not None else ""
    return f"{merged.name}{_print_arguments(list(merged.arguments.values()))}: " + (
        print_type(merged.type) + default
    )


def _print_arguments(arguments: list[MergedArgument]) -> str:
    if not arguments:
        return ""
    if all(a.description is None for a in arguments):
        return "(" + ", ".join(_print_argument(a) for a in arguments) + ")"
    indentation = INDENT + INDENT
    lines = [
        _description(a.description, indentation, i == 0) + indentation + _print_argument(a)
        for i, a in enumerate(arguments)
    ]
    return "(\n" + "\n".join(lines) + "\n" + INDENT + ")"


def _print_argument(argument: MergedArgument) -> str:
    assert argument.type is not None
    default = f" = {argument.default}" if argument.default is not None else ""
    return f"{argument.name}: {print_type(argument.type)}{default}" + _inline_directives(
        argument.directives
    )


def _description(description: str | None, indentation: str = "", first: bool = True) -> str:
    if description is None:
        return ""
    block = _block_string(description, len(description) > 70)
    prefix = "\n" + indentation if indentation and not first else indentation
    return prefix + block.replace("\n", "\n" + indentation) + "\n"


def _block_string(value: str, prefer_multiple_lines: bool) -> str:
    single_line = "\n" not in value
    leading_space = value[:1] in (" ", "\t")
    multiple_lines = (
        not single_line or value.endswith('"') or value.endswith("\\") or prefer_multiple_lines
    )
    result = "\n" if multiple_lines and not (single_line and leading_space) else ""
    result += value
    if multiple_lines:
        result += "\n"
    return '"""' + result.replace('"""', '\\"""') + '"""'
