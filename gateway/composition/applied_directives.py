"""Merging the non-join directives the supergraph keeps: @inaccessible, @tag, @deprecated,
@specifiedBy, and the cost spec's @cost and @listSize. Custom type-system directives (and
@composeDirective) are not composed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from graphql import IntValueNode, ListValueNode, StringValueNode, ValueNode

from .merged_model import Directive
from .subgraph_model import Applied
from .values import print_string, print_value

MERGED = ("inaccessible", "tag", "deprecated", "specifiedBy", "cost", "listSize")
REPEATABLE = frozenset({"tag"})
# Argument defaults count when comparing applications (`@deprecated` = its default reason).
DEFAULTS = {"deprecated": {"reason": '"No longer supported"'}}


def gather_names(sources: Sequence[Sequence[Applied]]) -> list[str]:
    """The merged directive names applied in any source, in first-seen order."""
    names: list[str] = []
    for applied in sources:
        for directive in applied:
            if directive.name in MERGED and directive.name not in names:
                names.append(directive.name)
    return names


def merge_directive(name: str, sources: Sequence[Sequence[Applied]]) -> list[Directive]:
    """Repeatable ones: each distinct application once; the cost spec's as Apollo merges them
    (the costliest, the largest size); others: the most common application."""
    if name == "cost":
        weights = [_int(d.arguments.get("weight")) for ds in sources for d in ds if d.name == name]
        known = [w for w in weights if w is not None]
        return [Directive("cost", (("weight", str(max(known))),))] if known else []
    if name == "listSize":
        return _merged_list_size([d for ds in sources for d in ds if d.name == name])
    per_source = [[_printed(d) for d in applied if d.name == name] for applied in sources]
    per_source = [applications for applications in per_source if applications]
    if not per_source:
        return []
    if name in REPEATABLE:
        result: list[Directive] = []
        while per_source:
            chosen = per_source[0][0]
            result.append(chosen)
            key = _comparable(chosen)
            per_source = [[d for d in ds if _comparable(d) != key] for ds in per_source]
            per_source = [ds for ds in per_source if ds]
        return result
    distinct: list[Directive] = []
    counts: list[int] = []
    for applications in per_source:
        keys = [_comparable(d) for d in distinct]
        key = _comparable(applications[0])
        if key in keys:
            counts[keys.index(key)] += 1
        else:
            distinct.append(applications[0])
            counts.append(1)
    return [distinct[counts.index(max(counts))]]


def _printed(applied: Applied) -> Directive:
    return Directive(applied.name, tuple((k, print_value(v)) for k, v in applied.arguments.items()))


def _comparable(directive: Directive) -> tuple[tuple[str, str], ...]:
    arguments = dict(DEFAULTS.get(directive.name, {}))
    arguments.update(directive.arguments)
    return tuple(sorted(arguments.items()))


def _merged_list_size(applications: Sequence[Applied]) -> list[Directive]:
    """The largest assumed size, every slicing argument and sized field, and one slicing
    argument required only when every subgraph requires it."""
    if not applications:
        return []
    sizes = [_int(d.arguments.get("assumedSize")) for d in applications]
    known = [size for size in sizes if size is not None]
    slicing = _union(d.arguments.get("slicingArguments") for d in applications)
    sized = _union(d.arguments.get("sizedFields") for d in applications)
    require_one = all(
        d.boolean_argument("requireOneSlicingArgument") is not False for d in applications
    )
    arguments: list[tuple[str, str]] = []
    if known:
        arguments.append(("assumedSize", str(max(known))))
    if slicing:
        arguments.append(("slicingArguments", _strings(slicing)))
    if sized:
        arguments.append(("sizedFields", _strings(sized)))
    if not require_one:
        arguments.append(("requireOneSlicingArgument", "false"))
    return [Directive("listSize", tuple(arguments))]


def _int(value: ValueNode | None) -> int | None:
    return int(value.value) if isinstance(value, IntValueNode) else None


def _union(values: Iterable[ValueNode | None]) -> list[str]:
    names: list[str] = []
    for value in values:
        items = value.values if isinstance(value, ListValueNode) else (value,)
        for item in items:
            if isinstance(item, StringValueNode) and item.value not in names:
                names.append(item.value)
    return names


def _strings(names: Sequence[str]) -> str:
    return "[" + ", ".join(print_string(name) for name in names) + "]"
