"""@override(from:, label:) between subgraphs resolving the same field."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .metadata import FederationMetadata
from .public_types import CompositionError
from .subgraph_model import FieldDef, Kind

_LABEL = re.compile(r"^[a-zA-Z][a-zA-Z0-9_\-:./]*$")
_PERCENT = re.compile(r"^percent\((\d{1,2}(\.\d{1,8})?|100)\)$")


@dataclass
class FieldMergeContext:
    """Per subgraph index: how @override changes its part in resolving one field."""

    used_overridden: set[int] = field(default_factory=set)
    unused_overridden: set[int] = field(default_factory=set)
    unknown_target: set[int] = field(default_factory=set)
    labels: dict[int, str] = field(default_factory=dict)

    def has_override_effect(self) -> bool:
        return bool(self.used_overridden or self.labels)


def validate_override(
    coordinate: str,
    sources: dict[int, FieldDef | None],
    metadata: Sequence[FederationMetadata],
    errors: list[CompositionError],
) -> FieldMergeContext:
    context = FieldMergeContext()
    names = [m.subgraph.name for m in metadata]
    overrides = {
        idx: applied
        for idx, source in sources.items()
        if source is not None and (applied := source.first("override")) is not None
    }
    overriding_names = {names[idx] for idx in overrides}
    for idx, applied in overrides.items():
        source = sources[idx]
        assert source is not None
        subgraph = names[idx]
        parent = metadata[idx].subgraph.type(source.parent)
        if parent is not None and parent.kind is Kind.INTERFACE:
            errors.append(
                CompositionError(
                    "OVERRIDE_ON_INTERFACE",
                    f'@override cannot be used on field "{coordinate}" on subgraph "{subgraph}": '
                    "@override is not supported on interface type fields.",
                )
            )
            continue
        if parent is not None and parent.is_interface_object:
            errors.append(
                CompositionError(
                    "OVERRIDE_COLLISION_WITH_ANOTHER_DIRECTIVE",
                    "@override is not yet supported on fields of @interfaceObject types: cannot "
                    f'be used on field "{coordinate}" on subgraph "{subgraph}".',
                )
            )
            continue
        source_name = applied.string_argument("from") or ""
        if source_name not in names:
            context.unknown_target.add(idx)
            continue
        if source_name == subgraph:
            errors.append(
                CompositionError(
                    "OVERRIDE_FROM_SELF_ERROR",
                    f'Source and destination subgraphs "{source_name}" are the same for '
                    f'overridden field "{coordinate}"',
                )
            )
            continue
        if source_name in overriding_names:
            errors.append(
                CompositionError(
                    "OVERRIDE_SOURCE_HAS_OVERRIDE",
                    f'Field "{coordinate}" on subgraph "{subgraph}" is also marked with directive '
                    f'@override in subgraph "{source_name}". Only one @override directive is '
                    "allowed per field.",
                )
            )
            continue
        from_idx = names.index(source_name)
        from_field = sources.get(from_idx)
        if from_field is None:
            continue
        conflict = _conflict(from_field, source, metadata[idx], names[from_idx], subgraph)
        if conflict:
            errors.append(
                CompositionError(
                    "OVERRIDE_COLLISION_WITH_ANOTHER_DIRECTIVE",
                    f'@override cannot be used on field "{coordinate}" on subgraph "{subgraph}" '
                    f'since "{coordinate}" on "{conflict[0]}" is marked with directive '
                    f'"@{conflict[1]}"',
                )
            )
            continue
        from_metadata = metadata[from_idx]
        if not from_metadata.is_external(from_field):
            if from_metadata.is_used(from_field):
                context.used_overridden.add(from_idx)
            else:
                context.unused_overridden.add(from_idx)
        label = applied.string_argument("label")
        if label is not None:
            if _valid_label(label):
                context.labels[idx] = label
                context.labels[from_idx] = label
            else:
                errors.append(
                    CompositionError(
                        "OVERRIDE_LABEL_INVALID",
                        f'Invalid @override label "{label}" on field "{coordinate}" on subgraph '
                        f'"{subgraph}": labels must start with a letter and after that may '
                        "contain alphanumerics, underscores, minuses, colons, periods, or "
                        'slashes. Alternatively, labels may be of the form "percent(x)" where x '
                        "is a float between 0-100 inclusive.",
                    )
                )
    return context


def _conflict(
    from_field: FieldDef,
    field_def: FieldDef,
    field_metadata: FederationMetadata,
    from_subgraph: str,
    subgraph: str,
) -> tuple[str, str] | None:
    for name in ("requires", "provides"):
        if from_field.has(name):
            return from_subgraph, name
    if field_metadata.is_external(field_def):
        return subgraph, "external"
    return None


def _valid_label(label: str) -> bool:
    if _LABEL.match(label):
        return True
    match = _PERCENT.match(label)
    return match is not None and 0 <= float(match.group(1)) <= 100
