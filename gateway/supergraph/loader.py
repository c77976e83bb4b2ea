"""Reads a supergraph SDL into the per-subgraph facts the planner needs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graphql import (
    ConstDirectiveNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    GraphQLError,
    InputObjectTypeDefinitionNode,
    InterfaceTypeDefinitionNode,
    ObjectTypeDefinitionNode,
    ScalarTypeDefinitionNode,
    TypeDefinitionNode,
    UnionTypeDefinitionNode,
    build_ast_schema,
    parse,
    value_from_ast_untyped,
)

from .api_schema import build_api_schema
from .errors import SupergraphError
from .fieldsets import parse_field_set
from .links import LinkedSpecs, linked_specs
from .model import FieldInGraph, FieldMeta, Graph, Key, Supergraph, TypeInGraph, TypeMeta

_KINDS: dict[type[TypeDefinitionNode], str] = {
    ObjectTypeDefinitionNode: "object",
    InterfaceTypeDefinitionNode: "interface",
    UnionTypeDefinitionNode: "union",
    EnumTypeDefinitionNode: "enum",
    InputObjectTypeDefinitionNode: "input",
    ScalarTypeDefinitionNode: "scalar",
}


def load_supergraph(sdl: str) -> Supergraph:
    try:
        document = parse(sdl)
    except GraphQLError as error:
        raise SupergraphError(f"supergraph SDL: {error.message}") from error
    specs = linked_specs(document)
    try:
        schema = build_ast_schema(document, assume_valid_sdl=True)
    except (GraphQLError, TypeError) as error:
        raise SupergraphError(f"supergraph SDL does not build a schema: {error}") from error
    graphs, by_enum = _graphs(document, specs)
    types = _types(document, specs, by_enum)
    query = schema.query_type
    if query is None:
        raise SupergraphError("the supergraph has no query type")
    return Supergraph(
        schema=schema,
        api_schema=build_api_schema(document, specs),
        graphs=graphs,
        types=types,
        query_type=query.name,
        mutation_type=schema.mutation_type.name if schema.mutation_type else None,
    )


def _arguments(directive: ConstDirectiveNode) -> dict[str, Any]:
    return {
        argument.name.value: value_from_ast_untyped(argument.value)
        for argument in directive.arguments or ()
    }


def _applied(nodes: Iterable[ConstDirectiveNode] | None, name: str) -> list[dict[str, Any]]:
    return [_arguments(node) for node in nodes or () if node.name.value == name]


def _graphs(document: DocumentNode, specs: LinkedSpecs) -> tuple[dict[str, Graph], dict[str, str]]:
    enum_name = f"{specs.join}__Graph"
    for node in document.definitions:
        if isinstance(node, EnumTypeDefinitionNode) and node.name.value == enum_name:
            graphs: dict[str, Graph] = {}
            by_enum: dict[str, str] = {}
            for value in node.values or ():
                applied = _applied(value.directives, f"{specs.join}__graph")
                if len(applied) != 1:
                    raise SupergraphError(f"{enum_name}.{value.name.value} lacks @join__graph")
                name, url = applied[0].get("name"), applied[0].get("url")
                if not isinstance(name, str) or not isinstance(url, str):
                    raise SupergraphError(f"{enum_name}.{value.name.value}: name and url needed")
                graphs[name] = Graph(name=name, enum_value=value.name.value, url=url)
                by_enum[value.name.value] = name
            return graphs, by_enum
    raise SupergraphError(f"the supergraph defines no {enum_name} enum")


def _types(
    document: DocumentNode, specs: LinkedSpecs, by_enum: dict[str, str]
) -> dict[str, TypeMeta]:
    def graph_of(arguments: dict[str, Any], where: str) -> str:
        value = arguments.get("graph")
        if value not in by_enum:
            raise SupergraphError(f"{where}: unknown join__Graph {value!r}")
        return by_enum[value]

    types: dict[str, TypeMeta] = {}
    for node in document.definitions:
        if not isinstance(node, TypeDefinitionNode):
            continue
        kind = _KINDS.get(type(node))
        if kind is None or node.name.value.startswith(specs.machinery_prefixes):
            continue
        name = node.name.value
        meta = TypeMeta(name=name, kind=kind)
        for arguments in _applied(node.directives, f"{specs.join}__type"):
            graph = graph_of(arguments, name)
            in_graph = meta.graphs.setdefault(graph, TypeInGraph(graph=graph))
            in_graph.interface_object |= bool(arguments.get("isInterfaceObject", False))
            key = arguments.get("key")
            if isinstance(key, str):
                in_graph.keys.append(
                    Key(
                        fields=parse_field_set(key),
                        text=key,
                        resolvable=bool(arguments.get("resolvable", True)),
                    )
                )
        for arguments in _applied(node.directives, f"{specs.join}__implements"):
            meta.implements.setdefault(graph_of(arguments, name), set()).add(
                str(arguments["interface"])
            )
        for arguments in _applied(node.directives, f"{specs.join}__unionMember"):
            meta.union_members.setdefault(graph_of(arguments, name), set()).add(
                str(arguments["member"])
            )
        if isinstance(node, UnionTypeDefinitionNode) and not meta.union_members:
            # join v0.3 before unionMember: every member in every subgraph that has the union.
            members = {member.name.value for member in node.types or ()}
            meta.union_members = {graph: set(members) for graph in meta.graphs}
        if isinstance(node, ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode):
            if not _applied(node.directives, f"{specs.join}__implements"):
                interfaces = {interface.name.value for interface in node.interfaces or ()}
                meta.implements = {graph: set(interfaces) for graph in meta.graphs}
            for field_node in node.fields or ():
                meta.fields[field_node.name.value] = _field(
                    name, field_node.name.value, field_node.directives, meta, specs, graph_of
                )
        types[name] = meta
    return types


def _field(
    parent: str,
    name: str,
    directives: Iterable[ConstDirectiveNode] | None,
    meta: TypeMeta,
    specs: LinkedSpecs,
    graph_of: Any,
) -> FieldMeta:
    field = FieldMeta(name=name, parent=parent)
    applied = _applied(directives, f"{specs.join}__field")
    if not applied:
        field.graphs = {graph: FieldInGraph(graph=graph) for graph in meta.graphs}
        return field
    for arguments in applied:
        if arguments.get("graph") is None:
            continue
        graph = graph_of(arguments, f"{parent}.{name}")
        requires, provides = arguments.get("requires"), arguments.get("provides")
        field.graphs[graph] = FieldInGraph(
            graph=graph,
            external=bool(arguments.get("external", False)),
            requires=parse_field_set(requires) if isinstance(requires, str) else None,
            provides=parse_field_set(provides) if isinstance(provides, str) else None,
            type_name=arguments.get("type"),
            override_from=arguments.get("override"),
            override_label=arguments.get("overrideLabel"),
            used_overridden=bool(arguments.get("usedOverridden", False)),
        )
    return field
