"""Aliases in a subgraph operation for selections that GraphQL would refuse to merge.

Fields of one response key in sibling fragments must have the same response shape
(FieldsInSetCanMerge, GraphQL spec §5.3.2) in the subgraph's own schema, which may declare a
shareable field non-null where the supergraph has it nullable, so a query valid against the
supergraph can be refused by the subgraph. Such fields get a fresh alias in the subgraph
operation, and a `Renaming` turns the subgraph's answer back into the planned keys.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from graphql import GraphQLOutputType

from ..supergraph import FieldMeta
from .selections import SubgraphField, SubgraphSelection

_NAMED = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Renaming:
    """Sent alias → planned response key in an object of the subgraph's answer, and the
    renamings inside its fields' values (by sent key)."""

    keys: Mapping[str, str]
    below: Mapping[str, Renaming]

    def apply(self, value: Any) -> None:
        """Renames in place, in every object of `value` (lists at any depth)."""
        if isinstance(value, list):
            for item in value:
                self.apply(item)
            return
        if not isinstance(value, dict):
            return
        for sent, renaming in self.below.items():
            child = value.get(sent)
            if child is not None:
                renaming.apply(child)
        for sent, key in self.keys.items():
            if sent in value:
                value[key] = value.pop(sent)

    def path(self, path: list[Any]) -> list[Any]:
        """A path in the subgraph's answer (from an error) with the planned keys."""
        renamed: list[Any] = []
        current: Renaming | None = self
        for segment in path:
            if current is not None and isinstance(segment, str):
                renamed.append(current.keys.get(segment, segment))
                current = current.below.get(segment)
            else:
                renamed.append(segment)
        return renamed


@dataclass
class _RenamingDraft:
    """A `Renaming` while the aliases of one operation are chosen."""

    keys: dict[str, str] = field(default_factory=dict)
    below: dict[str, _RenamingDraft] = field(default_factory=dict)

    def add(self, other: _RenamingDraft) -> None:
        self.keys.update(other.keys)
        for sent, renaming in other.below.items():
            self.below.setdefault(sent, _RenamingDraft()).add(renaming)

    def freeze(self) -> Renaming:
        return Renaming(
            MappingProxyType(dict(self.keys)),
            MappingProxyType({sent: below.freeze() for sent, below in self.below.items()}),
        )


def subgraph_type(meta: FieldMeta, graph: str, supergraph_type: GraphQLOutputType) -> str:
    """The field's type as `graph` declares it."""
    in_graph = meta.graphs.get(graph)
    return (in_graph.type_name if in_graph else None) or str(supergraph_type)


def alias_conflicts(selection: SubgraphSelection, fresh: Callable[[str], str]) -> Renaming | None:
    """Aliases (with `fresh(name)`) every field that would conflict with another of its
    response key; returns how to undo it in the answer, None when nothing was aliased."""
    renaming = _conflicts(selection, fresh)
    return renaming.freeze() if renaming.keys or renaming.below else None


def _conflicts(selection: SubgraphSelection, fresh: Callable[[str], str]) -> _RenamingDraft:
    renaming = _RenamingDraft()
    for occurrences in _merged(selection).values():
        kept: list[SubgraphField] = []
        for subgraph_field in occurrences:
            below = (
                None
                if subgraph_field.selection is None
                else _conflicts(subgraph_field.selection, fresh)
            )
            if all(_same_shape(subgraph_field, other) for other in kept):
                kept.append(subgraph_field)
            else:
                subgraph_field.sent_key = fresh(subgraph_field.name)
                renaming.keys[subgraph_field.sent_key] = subgraph_field.response_key
            if below is not None and (below.keys or below.below):
                sent = subgraph_field.sent_key or subgraph_field.response_key
                renaming.below.setdefault(sent, _RenamingDraft()).add(below)
    return renaming


def _merged(selection: SubgraphSelection) -> dict[str, list[SubgraphField]]:
    """The fields that merge into one set: the selection's own and its fragments', by the
    key sent for them."""
    fields: dict[str, list[SubgraphField]] = {}
    pending = [selection]
    while pending:
        current = pending.pop(0)
        for subgraph_field in current.fields.values():
            sent = subgraph_field.sent_key or subgraph_field.response_key
            fields.setdefault(sent, []).append(subgraph_field)
        pending.extend(current.fragments.values())
    return fields


def _same_shape(first: SubgraphField, second: SubgraphField) -> bool:
    """SameResponseShape: equal leaf types, equal list/non-null wrappers around objects, and
    subfields of one key that have the same shape again."""
    if first.selection is None or second.selection is None:
        return first.selection is None and second.selection is None and first.type == second.type
    if _NAMED.sub("", first.type) != _NAMED.sub("", second.type):
        return False
    below = _merged(first.selection)
    for key, occurrences in _merged(second.selection).items():
        below.setdefault(key, []).extend(occurrences)
    return all(
        _same_shape(a, b)
        for occurrences in below.values()
        for i, a in enumerate(occurrences)
        for b in occurrences[i + 1 :]
    )
