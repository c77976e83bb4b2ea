"""Merges validated subgraphs into a MergedSupergraph, following @apollo/composition's merge
rules (which subgraphs resolve what, as join__ directives). The errors it finds on the way are
`merge_validation`'s.

Satisfiability (can every query be planned across the subgraphs?) is not analysed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from graphql import TypeNode, ValueNode

from .applied_directives import gather_names, merge_directive
from .merge_validation import EnumUsage, MergeValidation
from .merged_model import (
    Directive,
    JoinGraph,
    MergedArgument,
    MergedEnumValue,
    MergedField,
    MergedSupergraph,
    MergedType,
    directive,
    is_direct_subtype,
)
from .metadata import FederationMetadata
from .override import FieldMergeContext, validate_override
from .public_types import CompositionError
from .subgraph_model import Applied, FieldDef, Kind, Subgraph, TypeDef
from .type_refs import base_name, is_strict_subtype, print_type, same_type
from .values import print_string, print_value

T = TypeVar("T")
Sources = dict[int, T | None]

# Order in which Apollo merges kinds; enums last, once their input/output usage is known.
_KIND_ORDER = (Kind.SCALAR, Kind.INPUT_OBJECT, Kind.INTERFACE, Kind.OBJECT)


@dataclass
class _Deferred:
    names: list[str]
    sources: list[Sequence[Applied]]
    target: list[Directive]


def join_version(subgraphs: Sequence[Subgraph]) -> str:
    latest = max(s.federation_version for s in subgraphs)
    if latest >= (2, 8):
        return "0.5"
    if latest >= (2, 7):
        return "0.4"
    return "0.3"


def graph_enum_values(names: Sequence[str]) -> dict[str, str]:
    """Subgraph name -> join__Graph value (Apollo's sanitising, `_1`, `_2` on clashes)."""
    sanitized: dict[str, list[str]] = {}
    for name in names:
        value = re.sub(r"\W", "_", name, flags=re.ASCII)
        if re.match(r"^\d", value):
            value = "_" + value
        if re.search(r"_\d+$", value):
            value += "_"
        sanitized.setdefault(value.upper(), []).append(name)
    result: dict[str, str] = {}
    for value, owners in sanitized.items():
        for index, owner in enumerate(owners):
            result[owner] = value if len(owners) == 1 else f"{value}_{index + 1}"
    return result


class Merger:
    """One merge of validated subgraphs: merge() once, then read `errors` if it gave None."""

    def __init__(self, metadata: Sequence[FederationMetadata]) -> None:
        self._metadata = list(metadata)
        self._subgraphs = [m.subgraph for m in metadata]
        self._names = [s.name for s in self._subgraphs]
        self._graphs = graph_enum_values(self._names)
        self.errors: list[CompositionError] = []
        self._types: dict[str, MergedType] = {}
        self._enum_usages: dict[str, EnumUsage] = {}
        self._deferred: list[_Deferred] = []
        self._validation = MergeValidation(metadata, self._types, self.errors)

    # -- entry point --------------------------------------------------------------------------

    def merge(self) -> MergedSupergraph | None:
        self._add_types_shallow()
        self._validation.type_kinds()
        if self.errors:
            return None
        by_kind = {kind: [t for t in self._types.values() if t.kind is kind] for kind in Kind}
        for kind in (Kind.OBJECT, Kind.INTERFACE):
            for merged in by_kind[kind]:
                self._merge_implements(merged)
        for merged in by_kind[Kind.UNION]:
            self._merge_type(merged)
        roots = self._merge_roots()
        schema_directives: list[Directive] = []
        self._record_directives([s.schema_directives for s in self._subgraphs], schema_directives)
        for kind in _KIND_ORDER:
            for merged in by_kind[kind]:
                self._merge_type(merged)
        for merged in by_kind[Kind.ENUM]:
            self._merge_type(merged)
        self._validation.query_root(roots)
        for deferred in self._deferred:
            for name in deferred.names:
                deferred.target.extend(merge_directive(name, deferred.sources))
        self._add_interface_object_fields()
        if not self.errors:
            self._validation.interface_fields_implemented()
        if self.errors:
            return None
        return MergedSupergraph(
            join_version=join_version(self._subgraphs),
            graphs=[JoinGraph(self._graphs[s.name], s.name, s.url) for s in self._subgraphs],
            types=self._types,
            roots={k: v for k, v in roots.items() if v in self._types},
            features=self._features(),
            description=self._merge_description([s.schema_description for s in self._subgraphs]),
            schema_directives=schema_directives,
        )

    # -- helpers ------------------------------------------------------------------------------

    def _graph(self, idx: int) -> str:
        return self._graphs[self._names[idx]]

    def _subtype(self, abstract: str, candidate: str) -> bool:
        return is_direct_subtype(self._types, abstract, candidate)

    def _features(self) -> list[str]:
        features: list[str] = []
        for subgraph in self._subgraphs:
            for name in ("tag", "inaccessible"):
                if name in subgraph.used_directives and name not in features:
                    features.append(name)
        if any({"cost", "listSize"} & s.used_directives for s in self._subgraphs):
            features.append("cost")
        return features

    def _sources(self, name: str, kind: Kind) -> dict[int, TypeDef | None]:
        result: dict[int, TypeDef | None] = {}
        for idx, subgraph in enumerate(self._subgraphs):
            typedef = subgraph.type(name)
            result[idx] = typedef if typedef is not None and typedef.merge_kind is kind else None
        return result

    @staticmethod
    def _merge_description(descriptions: Sequence[str | None]) -> str | None:
        distinct: list[str] = []
        counts: list[float] = []
        for description in descriptions:
            if description is None:
                continue
            if description in distinct:
                counts[distinct.index(description)] += 1
            else:
                distinct.append(description)
                counts.append(float("-inf") if description == "" else 1)
        if not distinct:
            return None
        non_empty = [d for d in distinct if d]
        if len(distinct) == 1:
            return distinct[0]
        if len(non_empty) == 1:
            return non_empty[0]
        return distinct[counts.index(max(counts))]

    def _record_directives(self, sources: list[Sequence[Applied]], target: list[Directive]) -> None:
        """@inaccessible is merged at once, the others once every element is merged."""
        names = gather_names(sources)
        if "inaccessible" in names:
            target.extend(merge_directive("inaccessible", sources))
            names.remove("inaccessible")
        self._deferred.append(_Deferred(names, sources, target))

    # -- types --------------------------------------------------------------------------------

    def _add_types_shallow(self) -> None:
        """Each type under the kind it first has (type_kinds reports any other)."""
        for subgraph in self._subgraphs:
            for typedef in subgraph.types.values():
                if typedef.name not in self._types:
                    self._types[typedef.name] = MergedType(typedef.name, typedef.merge_kind)

    def _merge_implements(self, merged: MergedType) -> None:
        for idx, source in self._sources(merged.name, merged.kind).items():
            if source is None:
                continue
            for interface in source.interfaces:
                merged.directives.append(
                    directive(
                        "join__implements",
                        graph=self._graph(idx),
                        interface=print_string(interface),
                    )
                )
                if interface not in merged.interfaces:
                    merged.interfaces.append(interface)

    def _merge_roots(self) -> dict[str, str]:
        roots: dict[str, str] = {}
        for subgraph in self._subgraphs:
            for operation, name in subgraph.roots.items():
                root = subgraph.type(name)
                if root is not None and root.fields:
                    roots.setdefault(operation, name)
        return roots

    def _merge_type(self, merged: MergedType) -> None:
        sources = self._sources(merged.name, merged.kind)
        self._validation.extension_with_no_base(merged, sources)
        merged.description = self._merge_description(
            [s.description for s in sources.values() if s is not None]
        )
        self._add_join_types(merged, sources)
        self._record_directives(
            [s.directives for s in sources.values() if s is not None], merged.directives
        )
        if merged.kind is Kind.OBJECT:
            self._merge_object(merged, sources)
        elif merged.kind is Kind.INTERFACE:
            self._merge_interface(merged, sources)
        elif merged.kind is Kind.UNION:
            self._merge_union(merged, sources)
        elif merged.kind is Kind.ENUM:
            self._merge_enum(merged, sources)
        elif merged.kind is Kind.INPUT_OBJECT:
            self._merge_input(merged, sources)

    def _add_join_types(self, merged: MergedType, sources: Sources[TypeDef]) -> None:
        for idx, source in sources.items():
            if source is None:
                continue
            interface_object = "true" if source.is_interface_object else None
            keys = source.all("key")
            if not keys:
                merged.directives.append(
                    directive(
                        "join__type", graph=self._graph(idx), isInterfaceObject=interface_object
                    )
                )
            for key in keys:
                extension = key.from_extension or source.has("extends")
                resolvable = key.arguments.get("resolvable")
                merged.directives.append(
                    directive(
                        "join__type",
                        graph=self._graph(idx),
                        key=print_string(key.string_argument("fields") or ""),
                        extension="true" if extension else None,
                        resolvable=print_value(resolvable) if resolvable is not None else None,
                        isInterfaceObject=interface_object,
                    )
                )

    # -- objects and interfaces ---------------------------------------------------------------

    def _fields_shallow(
        self, merged: MergedType, sources: Sources[TypeDef]
    ) -> dict[str, dict[int, FieldDef | None]]:
        having_type: dict[int, FieldDef | None] = {}
        for idx, subgraph in enumerate(self._subgraphs):
            if subgraph.type(merged.name) is not None or (
                merged.kind in (Kind.OBJECT, Kind.INTERFACE)
                and any(
                    (t := subgraph.type(i)) is not None and t.is_interface_object
                    for i in merged.interfaces
                )
            ):
                having_type[idx] = None
        added: dict[str, dict[int, FieldDef | None]] = {}
        for idx, source in sources.items():
            if source is None:
                continue
            for name, field_def in source.fields.items():
                if name not in merged.fields:
                    merged.fields[name] = MergedField(name)
                field_sources = added.setdefault(name, dict(having_type))
                field_sources[idx] = field_def
        return {name: dict(sorted(s.items())) for name, s in added.items()}

    def _merge_object(self, merged: MergedType, sources: Sources[TypeDef]) -> None:
        added = self._fields_shallow(merged, sources)
        if not added:
            del self._types[merged.name]
            return
        for name, field_sources in added.items():
            coordinate = f"{merged.name}.{name}"
            context = validate_override(coordinate, field_sources, self._metadata, self.errors)
            self._merge_field(merged, merged.fields[name], field_sources, context)
            self._validation.field_sharing(coordinate, field_sources, context)

    def _merge_interface(self, merged: MergedType, sources: Sources[TypeDef]) -> None:
        self._validation.interface_keys(merged, sources)
        self._validation.interface_objects(merged, sources)
        for name, field_sources in self._fields_shallow(merged, sources).items():
            coordinate = f"{merged.name}.{name}"
            context = validate_override(coordinate, field_sources, self._metadata, self.errors)
            self._merge_field(merged, merged.fields[name], field_sources, context)

    def _merge_field(
        self,
        parent: MergedType,
        merged: MergedField,
        sources: dict[int, FieldDef | None],
        context: FieldMergeContext,
    ) -> None:
        coordinate = f"{parent.name}.{merged.name}"
        defined = {idx: s for idx, s in sources.items() if s is not None}
        if self._validation.external_everywhere(coordinate, defined):
            return
        without_external: dict[int, FieldDef | None] = {}
        for idx, source in sources.items():
            if source is not None and self._metadata[idx].is_external(source):
                without_external[idx] = None
                self._validation.merged_directives_on_external(coordinate, idx, source)
            else:
                without_external[idx] = source
        resolving = {idx: s for idx, s in without_external.items() if s is not None}
        merged.description = self._merge_description([s.description for s in resolving.values()])
        self._record_directives([s.directives for s in resolving.values()], merged.directives)
        self._merge_arguments(coordinate, merged, resolving)
        merged.type, all_equal = self._merge_type_reference(
            coordinate, "field", {i: s.type for i, s in resolving.items()}, is_input=False
        )
        if len(resolving) < len(defined):
            self._validation.external_fields(coordinate, merged, defined, all_equal)
        self._add_join_fields(parent.name, merged, sources, all_equal, context)

    def _merge_arguments(
        self, coordinate: str, merged: MergedField, sources: dict[int, FieldDef]
    ) -> None:
        names: list[str] = []
        for source in sources.values():
            names.extend(a for a in source.arguments if a not in names)
        for name in names:
            argument_sources = {idx: s.arguments.get(name) for idx, s in sources.items()}
            if any(a is None for a in argument_sources.values()):
                self._validation.required_argument_missing(coordinate, name, argument_sources)
                continue
            present = {i: a for i, a in argument_sources.items() if a is not None}
            argument = MergedArgument(name)
            merged.arguments[name] = argument
            argument.description = self._merge_description(
                [a.description for a in present.values()]
            )
            self._record_directives([a.directives for a in present.values()], argument.directives)
            argument.type, _ = self._merge_type_reference(
                f"{coordinate}({name}:)", "argument", {i: a.type for i, a in present.items()}, True
            )
            argument.default = self._merge_default(
                f"{coordinate}({name}:)",
                "Argument",
                {i: (a.default, a.type) for i, a in present.items()},
            )

    def _merge_type_reference(
        self, coordinate: str, element: str, sources: dict[int, TypeNode], is_input: bool
    ) -> tuple[TypeNode, bool]:
        result: TypeNode | None = None
        has_subtypes = False
        incompatible = False
        for source in sources.values():
            if result is None or same_type(result, source):
                result = source
            elif is_strict_subtype(result, source, self._subtype):
                has_subtypes = True
                if is_input:
                    result = source
            elif is_strict_subtype(source, result, self._subtype):
                has_subtypes = True
                if not is_input:
                    result = source
            else:
                incompatible = True
        assert result is not None
        base = self._types.get(base_name(result))
        if base is not None and base.kind is Kind.ENUM:
            position = "Input" if is_input else "Output"
            usage = self._enum_usages.get(base.name)
            if usage is None:
                usage = self._enum_usages[base.name] = EnumUsage(position)
            elif usage.position != position:
                usage.position = "Both"
            usage.examples.setdefault(position, coordinate)
        if incompatible:
            self._validation.type_mismatch(coordinate, element, sources)
        return result, not (incompatible or has_subtypes)

    def _merge_default(
        self, coordinate: str, kind: str, sources: dict[int, tuple[ValueNode | None, TypeNode]]
    ) -> str | None:
        printed = {
            idx: (print_value(value, type_ref) if value is not None else None)
            for idx, (value, type_ref) in sources.items()
        }
        result: str | None = None
        seen = inconsistent = incompatible = False
        for value in printed.values():
            if result is None:
                result = value
                if seen and value is not None:
                    inconsistent = True
            elif result != value:
                inconsistent = True
                if value is not None:
                    incompatible = True
            seen = True
        if incompatible:
            self._validation.default_mismatch(coordinate, kind, printed)
        return result if not inconsistent or incompatible else None

    def _needs_join_field(
        self,
        parent: str,
        sources: dict[int, FieldDef | None],
        all_equal: bool,
        context: FieldMergeContext,
    ) -> bool:
        if not all_equal or context.has_override_effect():
            return True
        for idx, source in sources.items():
            if source is not None and idx not in context.unused_overridden:
                if (
                    self._metadata[idx].is_external(source)
                    or source.has("provides")
                    or source.has("requires")
                ):
                    return True
            elif self._subgraphs[idx].type(parent) is not None:
                return True
        return False

    def _add_join_fields(
        self,
        parent: str,
        merged: MergedField,
        sources: dict[int, FieldDef | None],
        all_equal: bool,
        context: FieldMergeContext,
    ) -> None:
        declaring = {
            idx: source
            for idx, source in sources.items()
            if source is not None
            and not (idx in context.unused_overridden and idx not in context.labels)
        }
        merged.declared_in = {
            self._names[idx]: self._metadata[idx].is_external(source)
            for idx, source in declaring.items()
        }
        if not self._needs_join_field(parent, sources, all_equal, context):
            return
        for idx, source in declaring.items():
            label = context.labels.get(idx)
            requires = source.first("requires")
            provides = source.first("provides")
            override = source.first("override")
            merged.directives.append(
                directive(
                    "join__field",
                    graph=self._graph(idx),
                    requires=_fields_literal(requires),
                    provides=_fields_literal(provides),
                    type=None if all_equal else print_string(print_type(source.type)),
                    external="true" if self._metadata[idx].is_external(source) else None,
                    override=_string_literal(override, "from"),
                    usedOverridden="true" if idx in context.used_overridden else None,
                    overrideLabel=print_string(label) if label is not None else None,
                )
            )

    # -- unions, enums, inputs ----------------------------------------------------------------

    def _merge_union(self, merged: MergedType, sources: Sources[TypeDef]) -> None:
        for source in sources.values():
            if source is not None:
                merged.members.extend(m for m in source.members if m not in merged.members)
        for member in merged.members:
            for idx, source in sources.items():
                if source is not None and member in source.members:
                    merged.directives.append(
                        directive(
                            "join__unionMember", graph=self._graph(idx), member=print_string(member)
                        )
                    )

    def _merge_enum(self, merged: MergedType, sources: Sources[TypeDef]) -> None:
        usage = self._enum_usages.get(merged.name, EnumUsage("Output"))
        for source in sources.values():
            if source is not None:
                for name in source.values:
                    merged.values.setdefault(name, MergedEnumValue(name))
        for name, value in list(merged.values.items()):
            value_sources = {
                idx: (s.values.get(name) if s is not None else None) for idx, s in sources.items()
            }
            present = {i: v for i, v in value_sources.items() if v is not None}
            value.description = self._merge_description([v.description for v in present.values()])
            self._record_directives([v.directives for v in present.values()], value.directives)
            for idx in present:
                value.directives.append(directive("join__enumValue", graph=self._graph(idx)))
            inaccessible = any(d.name == "inaccessible" for d in value.directives)
            missing = [i for i, s in sources.items() if s is not None and name not in s.values]
            if inaccessible or usage.position == "Output" or not missing:
                continue
            if usage.position == "Both":
                self._validation.enum_value_mismatch(merged, name, usage, sources, missing)
            else:
                del merged.values[name]
        if not merged.values:
            self._validation.empty_enum(merged)

    def _merge_input(self, merged: MergedType, sources: Sources[TypeDef]) -> None:
        for name, field_sources in self._fields_shallow(merged, sources).items():
            coordinate = f"{merged.name}.{name}"
            merged_field = merged.fields[name]
            present = {i: f for i, f in field_sources.items() if f is not None}
            merged_field.description = self._merge_description(
                [f.description for f in present.values()]
            )
            self._record_directives(
                [f.directives for f in present.values()], merged_field.directives
            )
            merged_field.type, all_equal = self._merge_type_reference(
                coordinate, "field", {i: f.type for i, f in present.items()}, is_input=True
            )
            self._add_join_fields(
                merged.name, merged_field, field_sources, all_equal, FieldMergeContext()
            )
            merged_field.default = self._merge_default(
                coordinate, "Input field", {i: (f.default, f.type) for i, f in present.items()}
            )
            inaccessible = any(d.name == "inaccessible" for d in merged_field.directives)
            missing = [i for i, f in field_sources.items() if f is None]
            if inaccessible or not missing:
                continue
            self._validation.required_input_field_missing(coordinate, present, missing)
            del merged.fields[name]
        if not merged.fields:
            self._validation.empty_input(merged)

    # -- after merging ------------------------------------------------------------------------

    def _provided_by_interface_object(self, field_name: str, interface: str) -> bool:
        for metadata in self._metadata:
            typedef = metadata.subgraph.type(interface)
            if typedef is not None and typedef.is_interface_object:
                field_def = typedef.fields.get(field_name)
                if field_def is not None and not metadata.is_external(field_def):
                    return True
        return False

    def _add_interface_object_fields(self) -> None:
        """Fields an @interfaceObject adds to an interface exist on every implementation."""
        for merged in list(self._types.values()):
            if merged.kind is not Kind.OBJECT:
                continue
            for interface_name in merged.interfaces:
                interface = self._types.get(interface_name)
                if interface is None:
                    continue
                for name, interface_field in interface.fields.items():
                    if name in merged.fields or not self._provided_by_interface_object(
                        name, interface_name
                    ):
                        continue
                    added = MergedField(
                        name,
                        interface_field.type,
                        {
                            n: MergedArgument(
                                n, a.type, a.default, a.description, _non_join(a.directives)
                            )
                            for n, a in interface_field.arguments.items()
                        },
                        interface_field.description,
                        _non_join(interface_field.directives),
                    )
                    added.directives.append(Directive("join__field"))
                    merged.fields[name] = added


def _non_join(directives: list[Directive]) -> list[Directive]:
    return [d for d in directives if not d.name.startswith("join__")]


def _fields_literal(applied: Applied | None) -> str | None:
    if applied is None:
        return None
    return print_string(applied.string_argument("fields") or "")


def _string_literal(applied: Applied | None, argument: str) -> str | None:
    if applied is None:
        return None
    value = applied.string_argument(argument)
    return print_string(value) if value is not None else None
