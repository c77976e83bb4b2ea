"""The errors @apollo/composition reports while merging subgraphs, in its codes and words.

The merger calls each check where Apollo makes it, with the subgraphs' elements it is merging
(by subgraph index) and what it has merged so far. A check appends to the shared `errors` and
changes nothing merged; those whose failure ends the merge of an element say so by returning
True."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from graphql import TypeNode

from .merged_model import MergedField, MergedType, is_direct_subtype
from .messages import mismatch, subgraph_names
from .metadata import FederationMetadata
from .override import FieldMergeContext
from .public_types import CompositionError
from .subgraph_model import ArgumentDef, FieldDef, Kind, TypeDef
from .type_refs import is_required, is_strict_subtype, print_type, same_type
from .values import print_value

_KIND_NAMES = {
    Kind.OBJECT: "Object Type",
    Kind.INTERFACE: "Interface Type",
    Kind.UNION: "Union Type",
    Kind.ENUM: "Enum Type",
    Kind.INPUT_OBJECT: "Input Object Type",
    Kind.SCALAR: "Scalar Type",
}

# Directives Apollo merges into the supergraph, which an @external field must not carry.
_MERGED_ON_FIELDS = ("inaccessible", "tag", "deprecated")


@dataclass
class EnumUsage:
    """Where fields and arguments use an enum: "Input", "Output" or "Both", with an example
    coordinate of each."""

    position: str
    examples: dict[str, str] = field(default_factory=dict)


class MergeValidation:
    """The checks of one merge, over its subgraphs and the types merged so far (`types`, the
    merger's own dictionary, read as it grows)."""

    def __init__(
        self,
        metadata: Sequence[FederationMetadata],
        types: dict[str, MergedType],
        errors: list[CompositionError],
    ) -> None:
        self._metadata = list(metadata)
        self._subgraphs = [m.subgraph for m in metadata]
        self._names = [s.name for s in self._subgraphs]
        self._types = types
        self.errors = errors

    def _error(self, code: str, message: str) -> None:
        self.errors.append(CompositionError(code, message))

    # -- types --------------------------------------------------------------------------------

    def type_kinds(self) -> None:
        """A type defined with different kinds, and an @interfaceObject with no interface
        behind it."""
        kinds: dict[str, Kind] = {}
        mismatched: list[str] = []
        interface_objects: set[str] = set()
        for subgraph in self._subgraphs:
            for typedef in subgraph.types.values():
                if typedef.is_interface_object:
                    interface_objects.add(typedef.name)
                first = kinds.setdefault(typedef.name, typedef.merge_kind)
                if first is not typedef.merge_kind and typedef.name not in mismatched:
                    mismatched.append(typedef.name)
        for name in mismatched:
            renderings = []
            for subgraph in self._subgraphs:
                found = subgraph.type(name)
                if found is not None:
                    kind = (
                        "Interface Object Type (Object Type with @interfaceObject)"
                        if found.is_interface_object
                        else _KIND_NAMES[found.kind]
                    )
                    renderings.append((subgraph.name, kind))
            self._error(
                "TYPE_KIND_MISMATCH",
                f'Type "{name}" has mismatched kind: it is defined as {mismatch(renderings)}',
            )
        for name in sorted(interface_objects - set(mismatched)):
            if not any(
                (t := s.type(name)) is not None and t.kind is Kind.INTERFACE
                for s in self._subgraphs
            ):
                defining = [s.name for s in self._subgraphs if s.type(name) is not None]
                self._error(
                    "INTERFACE_OBJECT_USAGE_ERROR",
                    f'Type "{name}" is declared with @interfaceObject in all the subgraphs in '
                    f"which it is defined (it is defined in {subgraph_names(defining)} but should "
                    "be defined as an interface in at least one subgraph)",
                )

    def query_root(self, roots: dict[str, str]) -> None:
        if "query" not in roots:
            self._error(
                "NO_QUERIES",
                "No queries found in any subgraph: a supergraph must have a query root type.",
            )

    def extension_with_no_base(
        self, merged: MergedType, sources: dict[int, TypeDef | None]
    ) -> None:
        if merged.kind is Kind.OBJECT and merged.name in {"Query", "Mutation", "Subscription"}:
            return
        present = [(idx, s) for idx, s in sources.items() if s is not None]
        if present and not any(s.has_definition for _, s in present):
            for idx, _ in present:
                self._error(
                    "EXTENSION_WITH_NO_BASE",
                    f'[{self._names[idx]}] Type "{merged.name}" is an extension type, but there is '
                    f'no type definition for "{merged.name}" in any subgraph.',
                )

    def interface_keys(self, merged: MergedType, sources: dict[int, TypeDef | None]) -> None:
        """A subgraph with a resolvable key on an interface defines all its implementations."""
        implementations = self._implementations(merged.name)
        for idx, source in sources.items():
            if source is None or source.kind is not Kind.INTERFACE:
                continue
            resolvable = next(
                (k for k in source.all("key") if k.boolean_argument("resolvable") is not False),
                None,
            )
            if resolvable is None:
                continue
            subgraph = self._subgraphs[idx]
            local = {t.name for t in subgraph.object_implementations(merged.name)}
            missing = [name for name in implementations if name not in local]
            if missing:
                types = ", ".join(f'"{m}"' for m in missing)
                self._error(
                    "INTERFACE_KEY_MISSING_IMPLEMENTATION_TYPE",
                    f'[{subgraph.name}] Interface type "{merged.name}" has a resolvable key '
                    f'(@key(fields: "{resolvable.string_argument("fields")}")) in subgraph '
                    f'"{subgraph.name}" but that subgraph is missing some of the supergraph '
                    f'implementation types of "{merged.name}". Subgraph "{subgraph.name}" should '
                    f"define type{'s' if len(missing) > 1 else ''} {types} (and have "
                    f'{"them" if len(missing) > 1 else "it"} implement "{merged.name}").',
                )

    def interface_objects(self, merged: MergedType, sources: dict[int, TypeDef | None]) -> None:
        """A subgraph with an interface as @interfaceObject defines none of its
        implementations."""
        implementations = self._implementations(merged.name)
        for idx, source in sources.items():
            if source is None or not source.is_interface_object:
                continue
            subgraph = self._subgraphs[idx]
            defined = [name for name in implementations if subgraph.type(name) is not None]
            if defined:
                self._error(
                    "INTERFACE_OBJECT_USAGE_ERROR",
                    f'[{subgraph.name}] Interface type "{merged.name}" is defined as an '
                    f'@interfaceObject in subgraph "{subgraph.name}" so that subgraph should not '
                    f'define any of the implementation types of "{merged.name}", but it defines '
                    + ", ".join(f'type "{d}"' for d in defined),
                )

    def interface_fields_implemented(self) -> None:
        """After merging: every object or interface has the fields of its interfaces."""
        for merged in self._types.values():
            if merged.kind not in (Kind.OBJECT, Kind.INTERFACE):
                continue
            for interface_name in merged.interfaces:
                interface = self._types.get(interface_name)
                if interface is None:
                    continue
                for name in interface.fields:
                    if name in merged.fields:
                        continue
                    declaring = [
                        s.name
                        for s in self._subgraphs
                        if (t := s.type(interface_name)) is not None
                        and t.kind is Kind.INTERFACE
                        and name in t.fields
                    ]
                    implementing = [
                        s.name
                        for s in self._subgraphs
                        if (t := s.type(merged.name)) is not None and interface_name in t.interfaces
                    ]
                    self._error(
                        "INTERFACE_FIELD_NO_IMPLEM",
                        f'Interface field "{interface_name}.{name}" is declared in '
                        f'{subgraph_names(declaring)} but type "{merged.name}", which implements '
                        f'"{interface_name}" only in {subgraph_names(implementing)} does not have '
                        f'field "{name}".',
                    )

    def _implementations(self, interface: str) -> list[str]:
        return [
            t.name
            for t in self._types.values()
            if t.kind is Kind.OBJECT and interface in t.interfaces
        ]

    # -- fields -------------------------------------------------------------------------------

    def external_everywhere(self, coordinate: str, defined: dict[int, FieldDef]) -> bool:
        """A field @external in every subgraph listing it: True ends its merge."""
        if not all(self._metadata[idx].is_external(s) for idx, s in defined.items()):
            return False
        self._error(
            "EXTERNAL_MISSING_ON_BASE",
            f'Field "{coordinate}" is marked @external on all the subgraphs in which it is '
            f"listed ({subgraph_names([self._names[i] for i in defined])}).",
        )
        return True

    def merged_directives_on_external(self, coordinate: str, idx: int, source: FieldDef) -> None:
        for applied in source.directives:
            if applied.name in _MERGED_ON_FIELDS:
                self._error(
                    "MERGED_DIRECTIVE_APPLICATION_ON_EXTERNAL",
                    f"[{self._names[idx]}] Cannot apply merged directive "
                    f'@{applied.name} to external field "{coordinate}"',
                )

    def external_fields(
        self,
        coordinate: str,
        merged: MergedField,
        defined: dict[int, FieldDef],
        all_equal: bool,
    ) -> None:
        """The @external declarations of a field agree with its merged type and arguments."""
        assert merged.type is not None
        externals = {i: s for i, s in defined.items() if self._metadata[i].is_external(s)}
        invalid_type = any(
            not (
                same_type(merged.type, s.type)
                or (not all_equal and is_strict_subtype(merged.type, s.type, self._subtype))
            )
            for s in externals.values()
        )
        if invalid_type:
            self._error(
                "EXTERNAL_TYPE_MISMATCH",
                f'Type of field "{coordinate}" is incompatible across subgraphs (where marked '
                "@external): it has "
                + mismatch(
                    [(self._names[i], f'type "{print_type(s.type)}"') for i, s in defined.items()]
                ),
            )
        for name, argument in merged.arguments.items():
            assert argument.type is not None
            for idx, source in externals.items():
                external_argument = source.arguments.get(name)
                if external_argument is None:
                    self._error(
                        "EXTERNAL_ARGUMENT_MISSING",
                        f'Field "{coordinate}" is missing argument "{coordinate}({name}:)" in some '
                        f'subgraphs where it is marked @external: argument "{coordinate}({name}:)" '
                        f'is not declared in subgraph "{self._names[idx]}" (where '
                        f'"{coordinate}" is @external).',
                    )
                    continue
                if not same_type(argument.type, external_argument.type) and not is_strict_subtype(
                    external_argument.type, argument.type, self._subtype
                ):
                    self._error(
                        "EXTERNAL_ARGUMENT_TYPE_MISMATCH",
                        f'Type of argument "{coordinate}({name}:)" is incompatible across '
                        f'subgraphs (where "{coordinate}" is marked @external): subgraph '
                        f'"{self._names[idx]}" has type "{print_type(external_argument.type)}"',
                    )
                default = (
                    print_value(external_argument.default, external_argument.type)
                    if external_argument.default is not None
                    else None
                )
                if default != argument.default:
                    self._error(
                        "EXTERNAL_ARGUMENT_DEFAULT_MISMATCH",
                        f'Argument "{coordinate}({name}:)" has incompatible defaults across '
                        f'subgraphs (where "{coordinate}" is marked @external): subgraph '
                        f'"{self._names[idx]}" has {default or "no default value"}',
                    )

    def field_sharing(
        self, coordinate: str, sources: dict[int, FieldDef | None], context: FieldMergeContext
    ) -> None:
        """A field resolved by several subgraphs is @shareable in all of them."""
        shareable: list[int] = []
        non_shareable: list[int] = []
        resolving: list[int] = []
        for idx, source in sources.items():
            if source is None or idx in context.used_overridden or idx in context.unused_overridden:
                continue
            metadata = self._metadata[idx]
            if metadata.is_fully_external(source):
                continue
            resolving.append(idx)
            (shareable if metadata.is_shareable(source) else non_shareable).append(idx)
        if non_shareable and (shareable or len(non_shareable) > 1):
            names = [self._names[i] for i in resolving]
            culprits = (
                subgraph_names([self._names[i] for i in non_shareable])
                if shareable
                else "all of them"
            )
            hint = ""
            unknown = next((i for i in non_shareable if i in context.unknown_target), None)
            if unknown is not None:
                hint = (
                    f' (please note that "{coordinate}" has an @override directive in '
                    f'"{self._names[unknown]}" that targets an unknown subgraph so this could be '
                    "due to misspelling the @override(from:) argument)"
                )
            self._error(
                "INVALID_FIELD_SHARING",
                f'Non-shareable field "{coordinate}" is resolved from multiple subgraphs: it is '
                f"resolved from {subgraph_names(names)} and defined as non-shareable in "
                f"{culprits}{hint}",
            )

    def required_argument_missing(
        self, coordinate: str, name: str, sources: dict[int, ArgumentDef | None]
    ) -> None:
        """An argument absent from some subgraphs is required in none."""
        required = [
            self._names[i]
            for i, a in sources.items()
            if a is not None and is_required(a.type) and a.default is None
        ]
        if required:
            missing = [self._names[i] for i, a in sources.items() if a is None]
            self._error(
                "REQUIRED_ARGUMENT_MISSING_IN_SOME_SUBGRAPH",
                f'Argument "{coordinate}({name}:)" is required in some subgraphs but '
                f"does not appear in all subgraphs: it is required in "
                f"{subgraph_names(required)} but does not appear in "
                f"{subgraph_names(missing)}",
            )

    def type_mismatch(self, coordinate: str, element: str, sources: dict[int, TypeNode]) -> None:
        """The subgraphs' types of a field or argument (`element`) are incompatible."""
        code = "FIELD_ARGUMENT_TYPE_MISMATCH" if element == "argument" else "FIELD_TYPE_MISMATCH"
        renderings = [(self._names[i], f'type "{print_type(t)}"') for i, t in sources.items()]
        self._error(
            code,
            f'Type of {element} "{coordinate}" is incompatible across subgraphs: it has '
            + mismatch(renderings),
        )

    def default_mismatch(self, coordinate: str, kind: str, printed: dict[int, str | None]) -> None:
        """Two subgraphs give an argument or input field (`kind`) different default values."""
        code = (
            "FIELD_ARGUMENT_DEFAULT_MISMATCH"
            if kind == "Argument"
            else "INPUT_FIELD_DEFAULT_MISMATCH"
        )
        renderings = [
            (self._names[i], f"default value {v}" if v is not None else "no default value")
            for i, v in printed.items()
        ]
        self._error(
            code,
            f'{kind} "{coordinate}" has incompatible default values across subgraphs: it has '
            + mismatch(renderings),
        )

    # -- enums and inputs ---------------------------------------------------------------------

    def enum_value_mismatch(
        self,
        merged: MergedType,
        name: str,
        usage: EnumUsage,
        sources: dict[int, TypeDef | None],
        missing: list[int],
    ) -> None:
        """A value some subgraphs lack, of an enum used both as input and output."""
        defining = [
            self._names[i] for i, s in sources.items() if s is not None and name in s.values
        ]
        self._error(
            "ENUM_VALUE_MISMATCH",
            f'Enum type "{merged.name}" is used as both input type (for example, as type '
            f'of "{usage.examples.get("Input")}") and output type (for example, as type '
            f'of "{usage.examples.get("Output")}"), but value "{name}" is not defined in '
            f'all the subgraphs defining "{merged.name}": "{name}" is defined in '
            f"{subgraph_names(defining)} but not in "
            f"{subgraph_names([self._names[i] for i in missing])}",
        )

    def empty_enum(self, merged: MergedType) -> None:
        self._error(
            "EMPTY_MERGED_ENUM_TYPE",
            f'None of the values of enum type "{merged.name}" are defined consistently in all '
            "the subgraphs defining that type. As only values common to all subgraphs are "
            "merged, this would result in an empty type.",
        )

    def required_input_field_missing(
        self, coordinate: str, present: dict[int, FieldDef], missing: list[int]
    ) -> None:
        """An input field absent from some subgraphs is required in none."""
        required = [
            self._names[i] for i, f in present.items() if is_required(f.type) and f.default is None
        ]
        if required:
            self._error(
                "REQUIRED_INPUT_FIELD_MISSING_IN_SOME_SUBGRAPH",
                f'Input object field "{coordinate}" is required in some subgraphs but does '
                f"not appear in all subgraphs: it is required in {subgraph_names(required)} "
                f"but does not appear in {subgraph_names([self._names[i] for i in missing])}",
            )

    def empty_input(self, merged: MergedType) -> None:
        self._error(
            "EMPTY_MERGED_INPUT_TYPE",
            f'None of the fields of input object type "{merged.name}" are consistently '
            "defined in all the subgraphs defining that type. As only fields common to all "
            "subgraphs are merged, this would result in an empty type.",
        )

    def _subtype(self, abstract: str, candidate: str) -> bool:
        return is_direct_subtype(self._types, abstract, candidate)
