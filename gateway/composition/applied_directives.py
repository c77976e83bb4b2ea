"""Merging the non-join directives the supergraph keeps: @inaccessible, @tag, @deprecated,
@specifiedBy. Custom type-system directives (and @composeDirective) are not composed."""

from __future__ import annotations

from collections.abc import Sequence

from .subgraph import Applied
from .supergraph import Directive
from .values import print_value

MERGED = ("inaccessible", "tag", "deprecated", "specifiedBy")
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
    """Repeatable ones: each distinct application once; others: the most common application."""
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
