"""A comparable outline of a supergraph SDL: every element with its type, default value and
directive applications (graphql-core parses; directive order is ignored, field order kept)."""

from __future__ import annotations

from typing import Any

from graphql import (
    DirectiveNode,
    EnumTypeDefinitionNode,
    InputObjectTypeDefinitionNode,
    InterfaceTypeDefinitionNode,
    ObjectTypeDefinitionNode,
    ScalarTypeDefinitionNode,
    UnionTypeDefinitionNode,
    parse,
    print_ast,
)

Outline = dict[str, Any]


def _directives(nodes: Any) -> list[str]:
    return sorted(print_ast(d) for d in (nodes or ()) if isinstance(d, DirectiveNode))


def _description(node: Any) -> str | None:
    return node.description.value if getattr(node, "description", None) else None


def _default(node: Any) -> str | None:
    value = getattr(node, "default_value", None)
    return print_ast(value) if value is not None else None


def outline(sdl: str) -> Outline:
    document = parse(sdl)
    result: Outline = {}
    for node in document.definitions:
        name = getattr(node, "name", None)
        key = name.value if name is not None else node.kind
        entry: dict[str, Any] = {
            "kind": node.kind,
            "description": _description(node),
            "directives": _directives(getattr(node, "directives", None)),
        }
        if node.kind == "directive_definition":
            entry["definition"] = print_ast(node)
        if node.kind == "schema_definition":
            entry["roots"] = [print_ast(o) for o in node.operation_types]  # type: ignore[attr-defined]
        if isinstance(node, ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode):
            entry["interfaces"] = [i.name.value for i in node.interfaces or ()]
        if isinstance(node, UnionTypeDefinitionNode):
            entry["members"] = [t.name.value for t in node.types or ()]
        if isinstance(node, EnumTypeDefinitionNode):
            entry["values"] = [
                (v.name.value, _description(v), _directives(v.directives))
                for v in node.values or ()
            ]
        if isinstance(
            node,
            ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode | InputObjectTypeDefinitionNode,
        ):
            entry["fields"] = [
                {
                    "name": f.name.value,
                    "type": print_ast(f.type),
                    "default": _default(f),
                    "description": _description(f),
                    "directives": _directives(f.directives),
                    "arguments": [
                        (
                            a.name.value,
                            print_ast(a.type),
                            print_ast(a.default_value) if a.default_value else None,
                            _description(a),
                            _directives(a.directives),
                        )
                        for a in getattr(f, "arguments", None) or ()
                    ],
                }
                for f in node.fields or ()
            ]
        assert not isinstance(node, ScalarTypeDefinitionNode) or "fields" not in entry
        result[key] = entry
    return result
