"""A part of Apollo's satisfiability check: every field of an object type can be resolved
wherever a subgraph returns that type.

A subgraph that returns objects of type T can give a client each field of T only if it
resolves the field itself, or if T is an entity some other subgraph resolves the field of,
reachable through a key whose fields this subgraph has. A value type (no key) defined
differently in two subgraphs fails this; Apollo reports it as SATISFIABILITY_ERROR. The
full analysis (paths through @requires, @provides and chains of keys) is not done here.

It reads the merged supergraph (which subgraphs declare each field, what clients see) and
the subgraphs themselves (where each type is defined, its keys, interfaces and members).
"""

from __future__ import annotations

from collections.abc import Sequence

from graphql import FieldNode

from .merged_model import Directive, MergedField, MergedSupergraph, MergedType
from .public_types import CompositionError
from .subgraph_field_sets import field_set_ast
from .subgraph_model import Kind, Subgraph, TypeDef
from .supergraph_printer import locale_key
from .type_refs import base_name


def unreachable_fields(
    supergraph: MergedSupergraph, subgraphs: Sequence[Subgraph]
) -> list[CompositionError]:
    errors: list[CompositionError] = []
    by_name = {subgraph.name: subgraph for subgraph in subgraphs}
    roots = {supergraph.roots.get("query"), supergraph.roots.get("mutation")}
    for type_name, graphs in _returned_types(supergraph, by_name).items():
        merged = supergraph.types[type_name]
        if type_name in roots or merged.kind is not Kind.OBJECT or _inaccessible(merged.directives):
            continue
        for graph in sorted(graphs):
            for field in _api_fields(supergraph, merged):
                if not _reachable(merged, field, graph, by_name):
                    errors.append(
                        CompositionError(
                            "SATISFIABILITY_ERROR",
                            f'Field "{type_name}.{field.name}" cannot be resolved where '
                            f'subgraph "{graph}" returns a "{type_name}": "{graph}" does not '
                            f"resolve it and no subgraph that does can be reached from "
                            f'"{graph}" through a @key of "{type_name}".',
                        )
                    )
    return errors


def _returned_types(
    supergraph: MergedSupergraph, subgraphs: dict[str, Subgraph]
) -> dict[str, set[str]]:
    """Object type → the subgraphs that have a field resolving to it (directly, or to an
    interface or union it belongs to there). In the printed supergraph's type order."""
    returned: dict[str, set[str]] = {}
    for parent_name in sorted(supergraph.types, key=locale_key):
        parent = supergraph.types[parent_name]
        if parent.kind not in (Kind.OBJECT, Kind.INTERFACE):
            continue
        for field in parent.fields.values():
            assert field.type is not None
            target = supergraph.types.get(base_name(field.type))
            if target is None or target.kind not in (Kind.OBJECT, Kind.INTERFACE, Kind.UNION):
                continue
            for graph, external in field.declared_in.items():
                if external:
                    continue
                subgraph = subgraphs[graph]
                for type_name in _possible_types_in(supergraph, target, subgraph):
                    if _defined_as(subgraph, type_name, Kind.OBJECT) is not None:
                        returned.setdefault(type_name, set()).add(graph)
    return returned


def _possible_types_in(
    supergraph: MergedSupergraph, abstract: MergedType, subgraph: Subgraph
) -> list[str]:
    """The object types a field of type `abstract` can return in `subgraph`."""
    if abstract.kind is Kind.UNION:
        union = _defined_as(subgraph, abstract.name, Kind.UNION)
        return sorted(union.members) if union is not None else []
    if abstract.kind is Kind.INTERFACE:
        return sorted(
            name
            for name, candidate in supergraph.types.items()
            if candidate.kind is Kind.OBJECT
            and (typedef := _defined_as(subgraph, name, Kind.OBJECT)) is not None
            and abstract.name in typedef.interfaces
        )
    return [abstract.name]


def _api_fields(supergraph: MergedSupergraph, merged: MergedType) -> list[MergedField]:
    """The fields clients see: neither @inaccessible nor of an @inaccessible type."""
    visible: list[MergedField] = []
    for field in merged.fields.values():
        assert field.type is not None
        field_type = supergraph.types.get(base_name(field.type))
        if _inaccessible(field.directives) or (
            field_type is not None and _inaccessible(field_type.directives)
        ):
            continue
        visible.append(field)
    return visible


def _reachable(
    merged: MergedType, field: MergedField, graph: str, subgraphs: dict[str, Subgraph]
) -> bool:
    if not field.declared_in:
        return True  # no subgraph named: composition added it for an @interfaceObject
    return any(
        other in field.declared_in and not field.declared_in[other]
        for other in _jumps(merged, graph, subgraphs)
    )


def _jumps(merged: MergedType, start: str, subgraphs: dict[str, Subgraph]) -> set[str]:
    """The subgraphs an object of this type in `start` can reach through keys (chains
    included): those with a resolvable key whose fields a reached subgraph has."""
    reached = {start}
    frontier = [start]
    while frontier:
        graph = frontier.pop()
        for other in subgraphs.values():
            target = _defined_as(other, merged.name, Kind.OBJECT)
            if other.name in reached or target is None:
                continue
            if any(
                all(_has(merged, name, subgraphs[graph]) for name in key_fields)
                for key_fields, resolvable in _keys(target)
                if resolvable
            ):
                reached.add(other.name)
                frontier.append(other.name)
    return reached


def _has(merged: MergedType, name: str, subgraph: Subgraph) -> bool:
    """Whether the subgraph can give this field of an object: it resolves it, or it is one
    of the type's key fields there (echoed from the representation)."""
    field = merged.fields.get(name)
    external = field.declared_in.get(subgraph.name) if field is not None else None
    if external is False:
        return True
    typedef = _defined_as(subgraph, merged.name, Kind.OBJECT)
    return typedef is not None and any(name in key_fields for key_fields, _ in _keys(typedef))


def _keys(typedef: TypeDef) -> list[tuple[set[str], bool]]:
    """Each @key's top-level field names, and whether it is resolvable."""
    return [
        (
            {
                selection.name.value
                for selection in field_set_ast(key.string_argument("fields") or "").selections
                if isinstance(selection, FieldNode)
            },
            key.boolean_argument("resolvable") is not False,
        )
        for key in typedef.all("key")
    ]


def _defined_as(subgraph: Subgraph, name: str, kind: Kind) -> TypeDef | None:
    """The subgraph's definition of the type when it has it with this supergraph kind."""
    typedef = subgraph.type(name)
    return typedef if typedef is not None and typedef.merge_kind is kind else None


def _inaccessible(directives: Sequence[Directive]) -> bool:
    return any(directive.name == "inaccessible" for directive in directives)
