"""Federation rules one subgraph must satisfy on its own (before merging)."""

from __future__ import annotations

from .metadata import COMPOSITE, FederationMetadata
from .public_types import CompositionError
from .subgraph_field_sets import SelectedField, resolve_field_set
from .subgraph_model import Applied, FieldDef, Kind, Subgraph, TypeDef
from .type_refs import base_name, print_type


def validate_subgraph(metadata: FederationMetadata) -> list[CompositionError]:
    return _Validator(metadata).run()


def _fields_argument(directive: Applied) -> str:
    fields = directive.string_argument("fields")
    return "" if fields is None else fields


class _Validator:
    def __init__(self, metadata: FederationMetadata) -> None:
        self._metadata = metadata
        self._subgraph: Subgraph = metadata.subgraph
        self._errors: list[CompositionError] = []

    def run(self) -> list[CompositionError]:
        for typedef in self._subgraph.types.values():
            for key in typedef.all("key"):
                self._check_key(typedef, key)
        for typedef in self._subgraph.types.values():
            for field in typedef.fields.values():
                requires = field.first("requires")
                if requires is not None:
                    self._check_requires(typedef, field, requires)
        for typedef in self._subgraph.types.values():
            for field in typedef.fields.values():
                provides = field.first("provides")
                if provides is not None:
                    self._check_provides(field, provides)
        self._check_externals()
        return self._errors

    def _error(self, code: str, message: str) -> None:
        self._errors.append(CompositionError(code, f"[{self._subgraph.name}] {message}"))

    def _describe(self, directive: Applied, where: str) -> str:
        fields = _fields_argument(directive)
        return f'On {where}, for @{directive.name}(fields: "{fields}")'

    def _check_key(self, typedef: TypeDef, key: Applied) -> None:
        where = f'type "{typedef.name}"'
        if typedef.kind is Kind.INTERFACE and self._subgraph.federation_version < (2, 3):
            self._error(
                "KEY_UNSUPPORTED_ON_INTERFACE",
                f'Cannot use @key on interface "{typedef.name}": @key is only supported on '
                "interfaces when @linking to federation 2.3+",
            )
            return
        if typedef.kind not in (Kind.OBJECT, Kind.INTERFACE):
            self._error("KEY_INVALID_FIELDS", f'@key on non-composite type "{typedef.name}"')
            return
        resolution = resolve_field_set(self._subgraph, typedef.name, _fields_argument(key))
        for problem in resolution.problems:
            self._error("KEY_INVALID_FIELDS", f"{self._describe(key, where)}: {problem}")
        for selected in resolution.fields:
            field = selected.definition
            if field.arguments:
                self._error(
                    "KEY_FIELDS_HAS_ARGS",
                    f"{self._describe(key, where)}: field {field.coordinate} cannot be included "
                    "because it has arguments (fields with argument are not allowed in @key)",
                )
            target = self._subgraph.type(base_name(field.type))
            if target is not None and target.kind in (Kind.UNION, Kind.INTERFACE):
                kind = "Union" if target.kind is Kind.UNION else "Interface"
                self._error(
                    "KEY_FIELDS_SELECT_INVALID_TYPE",
                    f'{self._describe(key, where)}: field "{field.coordinate}" is a {kind} '
                    "type which is not allowed in @key",
                )

    def _check_requires(self, typedef: TypeDef, field: FieldDef, requires: Applied) -> None:
        where = f'field "{field.coordinate}"'
        resolution = resolve_field_set(
            self._subgraph, typedef.name, _fields_argument(requires), self._metadata.is_external
        )
        for problem in resolution.problems:
            self._error("REQUIRES_INVALID_FIELDS", f"{self._describe(requires, where)}: {problem}")
        self._check_leaves_external(resolution.fields, requires, where, "REQUIRES")

    def _check_provides(self, field: FieldDef, provides: Applied) -> None:
        where = f'field "{field.coordinate}"'
        if self._metadata.is_external(field):
            self._error(
                "EXTERNAL_COLLISION_WITH_ANOTHER_DIRECTIVE",
                f'Cannot have both @provides and @external on field "{field.coordinate}"',
            )
            return
        target = self._subgraph.type(base_name(field.type))
        if target is None or target.kind not in COMPOSITE:
            self._error(
                "PROVIDES_ON_NON_OBJECT_FIELD",
                f'Invalid @provides directive on field "{field.coordinate}": field has type '
                f'"{print_type(field.type)}" which is not a Composite Type',
            )
            return
        resolution = resolve_field_set(
            self._subgraph, target.name, _fields_argument(provides), self._metadata.is_external
        )
        for problem in resolution.problems:
            self._error("PROVIDES_INVALID_FIELDS", f"{self._describe(provides, where)}: {problem}")
        self._check_leaves_external(resolution.fields, provides, where, "PROVIDES")

    def _check_leaves_external(
        self, selected: list[SelectedField], directive: Applied, where: str, prefix: str
    ) -> None:
        for item in selected:
            field: FieldDef = item.definition
            leaf = item.node.selection_set is None
            if not leaf or item.external_in_parents or self._metadata.is_external(field):
                continue
            if field.coordinate in self._metadata.fake_external:
                reason = (
                    'it is already "effectively" provided by this subgraph (while it is marked '
                    "@external, it is a @key field of an extension type, which are not internally "
                    "considered external for historical/backward compatibility reasons)"
                )
            else:
                reason = "it is already provided by this subgraph (it is not marked @external)"
            self._error(
                f"{prefix}_FIELDS_MISSING_EXTERNAL",
                f'{self._describe(directive, where)}: field "{field.coordinate}" should not be '
                f"part of a @{directive.name} since {reason}",
            )

    def _check_externals(self) -> None:
        for typedef in self._subgraph.types.values():
            for field in typedef.fields.values():
                if not self._metadata.is_external(field):
                    continue
                if typedef.kind is Kind.INTERFACE:
                    self._error(
                        "EXTERNAL_ON_INTERFACE",
                        f'Interface type field "{field.coordinate}" is marked @external but '
                        "@external is not allowed on interface fields (it is nonsensical).",
                    )
                elif not self._metadata.is_used(field):
                    self._error(
                        "EXTERNAL_UNUSED",
                        f'Field "{field.coordinate}" is marked @external but is not used in any '
                        "federation directive (@key, @provides, @requires) or to satisfy an "
                        "interface; the field declaration has no use and should be removed (or "
                        "the field should not be @external).",
                    )
