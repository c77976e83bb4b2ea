"""Finds the objects an entity fetch enriches while merging the answers they come from, instead
of walking the response tree from its root for every fetch.

Every object in the response tree was put there by exactly one merge: the one whose answer
held it (or held an object or list above it) where the tree had nothing yet. So, while a
fetch's answer is merged, the objects it puts at the paths that other fetches read are
collected along those paths, in the tree's order, and a fetch starting later takes the objects
at each of its places from there: the same objects, in the same order, as a walk of the tree
from its root would find. Two cases fall back to that walk: more than one merge (or one merge
at two of its places) put objects at a place, so no single collection holds them in the
tree's order; or a merge replaced an object or list that was already in the tree (subgraphs
disagreeing about a value's shape), so a collection may hold objects no longer in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..planner import QueryPlan
from ..planner.plan import LIST, FetchSelection


class Node:
    """A position below a merge point that other fetches' places go through or end at."""

    __slots__ = ("children", "index", "slots")

    def __init__(self) -> None:
        self.children: tuple[tuple[str, Node], ...] = ()
        """By path segment: a response key, or LIST for every element of a list."""
        self.slots: tuple[int, ...] = ()
        """The places (as slots) whose path ends here."""
        self.index = -1
        """Where the objects found here go in a merge's `found` lists (-1: no place ends here)."""


@dataclass(frozen=True, slots=True)
class Trie:
    """The positions below one merge point to collect objects at."""

    root: Node
    leaves: tuple[Node, ...]
    """The nodes with slots, by their index."""


@dataclass(frozen=True, slots=True)
class PlaceCollection:
    slot: int | None
    """Where the objects at this place are collected (None for the root path: walk)."""
    trie: Trie | None
    """What merging this place's entities collects for other fetches."""
    walk: Trie
    """The place's path from the root, to find its objects by walking the tree."""


@dataclass(frozen=True, slots=True)
class FetchCollection:
    trie: Trie | None
    """A root fetch's: what merging its answer at the root collects."""
    calls: tuple[tuple[PlaceCollection, ...], ...]
    """An entity fetch's, by call and place."""


def compile_collections(plan: QueryPlan) -> tuple[FetchCollection, ...]:
    """By fetch id: where each fetch's merge collects objects, and where it finds its own."""
    closures: dict[int, frozenset[int]] = {}
    for fetch in plan.fetches:
        closures[fetch.id] = frozenset(fetch.depends_on).union(
            *(closures[d] for d in fetch.depends_on)
        )
    places: list[tuple[int, tuple[str, ...]]] = []
    slots: dict[tuple[int, int, int], int] = {}
    for fetch in plan.fetches:
        for call_index, call in enumerate(fetch.calls):
            for place_index, place in enumerate(call.places):
                if place.path:
                    slots[(fetch.id, call_index, place_index)] = len(places)
                    places.append((fetch.id, place.path))

    def trie(fetch_id: int, prefix: tuple[str, ...], selection: FetchSelection) -> Trie | None:
        # A fetch this one depends on has started before its merge, so it takes no objects
        # from it; nor does the fetch itself. A path the fetch does not select is left out:
        # its answer has nothing there.
        wanted = [
            (slot, path[len(prefix) :])
            for slot, (other, path) in enumerate(places)
            if other != fetch_id
            and other not in closures[fetch_id]
            and len(path) > len(prefix)
            and path[: len(prefix)] == prefix
            and _selects(selection, path[len(prefix) :])
        ]
        return _trie(wanted) if wanted else None

    collections = []
    for fetch in plan.fetches:
        collections.append(
            FetchCollection(
                trie=None if fetch.entity else trie(fetch.id, (), fetch.selection),
                calls=tuple(
                    tuple(
                        PlaceCollection(
                            slots.get((fetch.id, call_index, place_index)),
                            trie(fetch.id, place.path, call.selection),
                            _trie([(0, place.path)]),
                        )
                        for place_index, place in enumerate(call.places)
                    )
                    for call_index, call in enumerate(fetch.calls)
                ),
            )
        )
    return tuple(collections)


def _selects(selection: FetchSelection, path: tuple[str, ...]) -> bool:
    """Whether an answer to `selection` can hold an object at `path`."""
    level = [selection]
    for segment in path:
        if segment == LIST:
            continue
        following = []
        for outer in level:
            for inner in _with_fragments(outer):
                field = inner.fields.get(segment)
                if field is not None and field.selection is not None:
                    following.append(field.selection)
        if not following:
            return False
        level = following
    return True


def _with_fragments(selection: FetchSelection) -> list[FetchSelection]:
    """The selection and its inline fragments, theirs included."""
    found = [selection]
    for fragment in selection.fragments.values():
        found.extend(_with_fragments(fragment))
    return found


def _trie(paths: list[tuple[int, tuple[str, ...]]]) -> Trie:
    root = Node()
    children: dict[int, dict[str, Node]] = {}
    ending: dict[int, list[int]] = {}
    nodes = {id(root): root}
    for slot, path in paths:
        node = root
        for segment in path:
            below = children.setdefault(id(node), {})
            node = below.setdefault(segment, Node())
            nodes[id(node)] = node
        ending.setdefault(id(node), []).append(slot)
    leaves: list[Node] = []
    for key, node in nodes.items():
        node.children = tuple(children.get(key, {}).items())
        if key in ending:
            node.slots = tuple(ending[key])
            node.index = len(leaves)
            leaves.append(node)
    return Trie(root, tuple(leaves))


Points = list[tuple[Node, Any]]
"""Where a merge put values in the tree (objects or lists not there before), in the tree's
order: the node of the position and the value."""


def collect(node: Node, target: Any, source: Any, points: Points) -> None:
    """Adds to `points` where, below `node`, merging `source` into `target` put values in the
    tree (not where it merged into objects or lists already there)."""
    for segment, child in node.children:
        if segment == LIST:
            if type(target) is list and type(source) is list:
                for target_item, source_item in zip(target, source, strict=False):
                    if target_item is source_item:
                        points.append((child, target_item))
                    else:
                        collect(child, target_item, source_item, points)
        elif type(source) is dict and type(target) is dict:
            value = source.get(segment)
            if value is not None:
                merged = target.get(segment)
                if merged is value:
                    points.append((child, value))
                else:
                    collect(child, merged, value, points)


def gather(points: Points, found: list[list[dict[str, Any]]]) -> None:
    """Adds to `found` every object at the places below the points, in the tree's order."""
    start = 0
    while start < len(points):
        node = points[start][0]
        end = start + 1
        while end < len(points) and points[end][0] is node:
            end += 1
        # Consecutive points at one node are walked as one level: their objects stay in order.
        _gather(node, [value for _, value in points[start:end]], found)
        start = end


def objects_at(walk: Trie, data: dict[str, Any]) -> list[dict[str, Any]]:
    """The objects at the end of the path `walk` holds, in the tree's order."""
    found: list[list[dict[str, Any]]] = [[]]
    _gather(walk.root, [data], found)
    return found[0]


def _gather(node: Node, values: list[Any], found: list[list[dict[str, Any]]]) -> None:
    if node.index >= 0:
        found[node.index].extend([value for value in values if type(value) is dict])
    for segment, child in node.children:
        following: list[Any] = []
        if segment == LIST:
            for value in values:
                if type(value) is list:
                    following.extend(value)
        else:
            for value in values:
                if type(value) is dict:
                    item = value.get(segment)
                    if item is not None:
                        following.append(item)
        if following:
            _gather(child, following, found)
