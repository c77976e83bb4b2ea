"""What federation directives imply for a subgraph's fields: external, shareable, used."""

from __future__ import annotations

from dataclasses import dataclass

from .subgraph_field_sets import resolve_field_set
from .subgraph_model import FieldDef, Kind, Subgraph
from .type_refs import base_name

COMPOSITE = (Kind.OBJECT, Kind.INTERFACE, Kind.UNION)


@dataclass(frozen=True)
class FederationMetadata:
    """Per-subgraph facts keyed by field coordinate (`Type.field`)."""

    subgraph: Subgraph
    external: frozenset[str]
    fake_external: frozenset[str]
    provided: frozenset[str]
    shareable: frozenset[str]
    used: frozenset[str]

    def is_external(self, field: FieldDef) -> bool:
        return field.coordinate in self.external

    def is_fully_external(self, field: FieldDef) -> bool:
        return field.coordinate in self.external and field.coordinate not in self.provided

    def is_shareable(self, field: FieldDef) -> bool:
        return field.coordinate in self.shareable

    def is_used(self, field: FieldDef) -> bool:
        return field.coordinate in self.used


def compute_metadata(subgraph: Subgraph) -> FederationMetadata:
    fake_external = _fake_externals(subgraph)
    external: set[str] = set()
    for typedef in subgraph.types.values():
        on_type = typedef.kind is Kind.OBJECT and typedef.has("external")
        for field in typedef.fields.values():
            if (on_type or field.has("external")) and field.coordinate not in fake_external:
                external.add(field.coordinate)
    provided = _provided(subgraph)
    return FederationMetadata(
        subgraph=subgraph,
        external=frozenset(external),
        fake_external=frozenset(fake_external),
        provided=frozenset(provided),
        shareable=frozenset(_shareable(subgraph, external)),
        used=frozenset(_used(subgraph)),
    )


def targets(subgraph: Subgraph, parent: str, fields: str | None) -> list[FieldDef]:
    """The fields a field set selects, plus their implementations when selected on interfaces."""
    if fields is None:
        return []
    result: list[FieldDef] = []
    for selected in resolve_field_set(subgraph, parent, fields).fields:
        result.append(selected.definition)
        owner = subgraph.type(selected.definition.parent)
        if owner is not None and owner.kind is Kind.INTERFACE:
            for implementation in subgraph.object_implementations(owner.name):
                implemented = implementation.fields.get(selected.definition.name)
                if implemented is not None:
                    result.append(implemented)
    return result


def _fake_externals(subgraph: Subgraph) -> set[str]:
    """@external key fields of an extension keep Fed 1's meaning: not really external."""
    fake: set[str] = set()
    for typedef in subgraph.types.values():
        for key in typedef.all("key"):
            if not (key.from_extension or typedef.has("extends")):
                continue
            for field in resolve_field_set(
                subgraph, typedef.name, key.string_argument("fields") or ""
            ).fields:
                if field.definition.has("external"):
                    fake.add(field.definition.coordinate)
    return fake


def _provided(subgraph: Subgraph) -> set[str]:
    provided: set[str] = set()
    for typedef in subgraph.types.values():
        for field in typedef.fields.values():
            provides = field.first("provides")
            target = subgraph.type(base_name(field.type))
            if provides is None or target is None or target.kind not in COMPOSITE:
                continue
            for selected in targets(subgraph, target.name, provides.string_argument("fields")):
                provided.add(selected.coordinate)
    return provided


def _key_fields(subgraph: Subgraph) -> set[str]:
    fields: set[str] = set()
    for typedef in subgraph.types.values():
        if typedef.kind not in (Kind.OBJECT, Kind.INTERFACE):
            continue
        for key in typedef.all("key"):
            for target in targets(subgraph, typedef.name, key.string_argument("fields")):
                fields.add(target.coordinate)
    return fields


def _shareable(subgraph: Subgraph, external: set[str]) -> set[str]:
    shareable = _key_fields(subgraph)
    for typedef in subgraph.types.values():
        if typedef.kind is not Kind.OBJECT:
            continue
        blocks = {d.from_extension for d in typedef.all("shareable")}
        for field in typedef.fields.values():
            if field.has("shareable") or field.from_extension in blocks:
                shareable.add(field.coordinate)
            provides = field.first("provides")
            target = subgraph.type(base_name(field.type))
            if provides is None or target is None or target.kind not in COMPOSITE:
                continue
            for selected in targets(subgraph, target.name, provides.string_argument("fields")):
                if selected.coordinate in external:
                    shareable.add(selected.coordinate)
    return shareable


def _used(subgraph: Subgraph) -> set[str]:
    used = _key_fields(subgraph)
    for typedef in subgraph.types.values():
        for field in typedef.fields.values():
            requires = field.first("requires")
            if requires is not None:
                used.update(
                    t.coordinate
                    for t in targets(subgraph, typedef.name, requires.string_argument("fields"))
                )
            provides = field.first("provides")
            target = subgraph.type(base_name(field.type))
            if provides is not None and target is not None and target.kind in COMPOSITE:
                used.update(
                    t.coordinate
                    for t in targets(subgraph, target.name, provides.string_argument("fields"))
                )
        if typedef.kind is Kind.INTERFACE:
            for implementation in subgraph.object_implementations(typedef.name):
                for name in typedef.fields:
                    if name in implementation.fields:
                        used.add(implementation.fields[name].coordinate)
    return used
