"""Runs a plan's fetches (each as soon as what it depends on is done) and merges their data
into one response tree, keeping subgraph errors with their paths mapped to client paths."""

from __future__ import annotations

import asyncio
import logging
import operator
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import orjson

from ..planner import Fetch, QueryPlan, RepField
from ..planner.plan import LIST, EntityCall, EntityPlace
from ..transport.contract import SubgraphUnavailable, Transport
from .collecting import (
    PlaceCollection,
    Points,
    Trie,
    collect,
    compile_collections,
    gather,
    objects_at,
)
from .errors import DOWNSTREAM, INTERNAL, VALIDATION, error

log = logging.getLogger(__name__)


class CompiledPlan:
    """What running a plan needs beyond the plan itself, computed once per plan."""

    def __init__(self, plan: QueryPlan) -> None:
        self.plan = plan
        self.collections = compile_collections(plan)
        self.readers = tuple(
            tuple(tuple(_readers(place) for place in call.places) for call in fetch.calls)
            for fetch in plan.fetches
        )
        """By fetch id, call and place: the representation reader of each runtime type."""


class PlanExecution:
    def __init__(
        self,
        compiled: CompiledPlan,
        transport: Transport,
        variables: Mapping[str, Any],
        headers: Mapping[str, str],
    ) -> None:
        self.compiled = compiled
        self.plan = compiled.plan
        self.transport = transport
        self.variables = variables
        self.headers = headers
        self.data: dict[str, Any] = {}
        self.errors: list[dict[str, Any]] = []
        self.explained: set[tuple[Any, ...]] = set()
        """Client paths of fields a fetch left null with an error of its own that says why
        (without a path to it): a null at or below one needs no error of its own."""
        self._collected: dict[int, list[list[dict[str, Any]]]] = {}
        """By place slot: the objects each merge put at that place (see `collecting`)."""
        self._replaced = False
        """A merge replaced an object or list in the tree: collected objects may be gone."""

    async def run(self) -> None:
        fetches = self.plan.fetches
        if len(fetches) == 1:
            await self._fetch(fetches[0])
            return
        tasks: dict[int, asyncio.Future[None]] = {}
        for fetch in fetches:
            before = [tasks[d] for d in sorted(fetch.depends_on)]
            tasks[fetch.id] = asyncio.ensure_future(self._after(before, fetch))
        await asyncio.gather(*tasks.values())

    async def _after(self, before: list[asyncio.Future[None]], fetch: Fetch) -> None:
        if before:
            await asyncio.gather(*before)
        await self._fetch(fetch)

    async def _fetch(self, fetch: Fetch) -> None:
        variables = {k: self.variables[k] for k in fetch.variables if k in self.variables}
        batches: list[_Batch] = []
        if fetch.entity:
            for index, call in enumerate(fetch.calls):
                batch = self._batch(fetch, index, call)
                variables[call.variable] = batch.representations
                batches.append(batch)
            if not any(batch.representations for batch in batches):
                return
        body = orjson.dumps({"query": fetch.document, "variables": variables})
        try:
            raw = await self.transport.fetch(
                fetch.graph, body, self.headers, idempotent=fetch.operation_kind == "query"
            )
            response = orjson.loads(raw)
            if not isinstance(response, dict):
                raise ValueError("the response is not a JSON object")
        except SubgraphUnavailable as failure:
            self._failed(fetch, batches, failure.reason)
            return
        except ValueError as invalid:
            self._failed(fetch, batches, f"invalid response: {invalid}")
            return
        data = response.get("data")
        errors = response.get("errors")
        malformed = _malformed(data, bool(errors))
        if malformed is not None:
            self._failed(
                fetch,
                batches,
                malformed,
                message=_malformed_message(fetch, malformed),
                code=DOWNSTREAM,
            )
        elif not fetch.entity:
            if isinstance(data, dict):
                if fetch.renaming is not None:
                    fetch.renaming.apply(data)
                if _merge(self.data, data):
                    self._replaced = True
                trie = self.compiled.collections[fetch.id].trie
                if trie is not None:
                    points: Points = []
                    collect(trie.root, self.data, data, points)
                    self._record(trie, points)
        elif isinstance(data, dict):
            for batch in batches:
                self._merge_entities(fetch, batch, data.get(batch.call.key), bool(errors))
        if errors:
            if not isinstance(data, dict):
                self.explained.update(tuple(path) for path in self._fields(fetch, batches))
            for subgraph_error in errors:
                self.errors.append(self._client_error(fetch, subgraph_error, batches, data is None))

    def _merge_entities(self, fetch: Fetch, batch: _Batch, entities: Any, has_errors: bool) -> None:
        """Merges one `_entities` call's answer into the objects it was asked for."""
        if batch.call.renaming is not None:
            batch.call.renaming.apply(entities)
        malformed = _malformed_entities(entities, len(batch.representations), has_errors)
        if malformed is not None:
            self._failed(
                fetch,
                [batch],
                malformed,
                message=_malformed_message(fetch, malformed),
                code=DOWNSTREAM,
            )
            return
        if not isinstance(entities, list):
            return
        collections = self.compiled.collections[fetch.id].calls[batch.index]
        for place, (objects, indexes) in zip(collections, batch.places, strict=True):
            trie = place.trie
            if trie is None:
                for target, index in zip(objects, indexes, strict=True):
                    entity = entities[index]
                    if entity is not None and _merge(target, entity):
                        self._replaced = True
                continue
            points: Points = []
            root = trie.root
            for target, index in zip(objects, indexes, strict=True):
                entity = entities[index]
                if entity is not None:
                    if _merge(target, entity):
                        self._replaced = True
                    collect(root, target, entity, points)
            self._record(trie, points)

    def _record(self, trie: Trie, points: Points) -> None:
        """Keeps the objects one merge put at other fetches' places for when they start."""
        found: list[list[dict[str, Any]]] = [[] for _ in trie.leaves]
        gather(points, found)
        for leaf, objects in zip(trie.leaves, found, strict=True):
            if objects:
                for slot in leaf.slots:
                    self._collected.setdefault(slot, []).append(objects)

    def _objects(self, collection: PlaceCollection) -> list[dict[str, Any]]:
        """The objects at the place: as collected when the one merge that put them there ran,
        or (see `collecting`) found by walking the tree."""
        if collection.slot is None or self._replaced:
            return objects_at(collection.walk, self.data)
        collected = self._collected.get(collection.slot)
        if collected is None:
            return []
        if len(collected) == 1:
            return collected[0]
        return objects_at(collection.walk, self.data)

    def _paths(self, batch: _Batch) -> dict[int, list[Any]]:
        """The response path of each object at the call's places (by identity), for errors."""
        if batch.paths is not None:
            return batch.paths
        found: dict[int, list[Any]] = {}
        for place in batch.call.places:
            current: list[tuple[Any, list[Any]]] = [(self.data, [])]
            for segment in place.path:
                following: list[tuple[Any, list[Any]]] = []
                for value, at in current:
                    if segment == LIST:
                        if isinstance(value, list):
                            following.extend((item, [*at, i]) for i, item in enumerate(value))
                    elif isinstance(value, dict) and value.get(segment) is not None:
                        following.append((value[segment], [*at, segment]))
                current = following
            found.update((id(value), at) for value, at in current if isinstance(value, dict))
        batch.paths = found
        return found

    def _failed(
        self,
        fetch: Fetch,
        batches: list[_Batch],
        reason: str,
        *,
        message: str | None = None,
        code: str = "SUBGRAPH_UNAVAILABLE",
    ) -> None:
        """Every field the fetch was to bring stays null, with an error at its client path."""
        log.warning("fetch from subgraph failed", extra={"subgraph": fetch.graph, "reason": reason})
        for path in self._fields(fetch, batches):
            self.errors.append(
                {
                    "message": message or f"Subgraph '{fetch.graph}' is unavailable.",
                    "path": path,
                    "extensions": {"code": code, "serviceName": fetch.graph},
                }
            )

    def _fields(self, fetch: Fetch, batches: list[_Batch]) -> list[list[Any]]:
        """The client path of every field the fetch (or these calls of it) was to bring."""
        places: list[tuple[list[Any], Any]] = []
        if fetch.entity:
            for batch in batches:
                paths = self._paths(batch)
                for entity_targets in batch.targets():
                    for obj in entity_targets:
                        typename = batch.call_typename(obj)
                        places.append(
                            (paths[id(obj)], batch.call.selection.fragments.get(typename))
                        )
        else:
            places.append(([], fetch.selection))
        return [
            [*path, key]
            for path, selection in places
            for key in (selection.fields if selection is not None else ())
            if not key.startswith("__")
        ]

    def _client_error(
        self, fetch: Fetch, subgraph_error: Any, batches: list[_Batch], refused: bool
    ) -> dict[str, Any]:
        """The subgraph's error at the client's path, with its message and extensions (an
        internal error's only as a code); `refused`: the subgraph sent no data."""
        if not isinstance(subgraph_error, dict):
            return error(str(subgraph_error), DOWNSTREAM)
        message = str(subgraph_error.get("message", ""))
        extensions = subgraph_error.get("extensions")
        if not isinstance(extensions, dict):
            extensions = {}
        path = subgraph_error.get("path")
        code = extensions.get("code")
        if code == INTERNAL:
            # What a subgraph tells of its own failure (message, exception, stack) is for its
            # log, which has it under the same request id.
            message, extensions = "Internal server error", {"code": INTERNAL}
        formatted: dict[str, Any] = {"message": message}
        if isinstance(path, list):
            if not fetch.entity:
                formatted["path"] = path if fetch.renaming is None else fetch.renaming.path(path)
            else:
                client_path = self._entity_error_path(batches, path)
                if client_path is not None:
                    formatted["path"] = client_path
        formatted["extensions"] = {**extensions, "serviceName": fetch.graph}
        if code is None:
            # No data and no path: the subgraph refused the operation before executing it, a
            # request error. The gateway has validated the operation and its variables against
            # the API schema, so what a subgraph still refuses is a value only it can read (a
            # custom scalar's literal, e.g. a bad Date) or a limit of its own, and the GraphQL
            # libraries give their validation errors no code. Otherwise, as Apollo Gateway does.
            formatted["extensions"]["code"] = VALIDATION if refused and path is None else DOWNSTREAM
        return formatted

    def _entity_error_path(self, batches: list[_Batch], path: list[Any]) -> list[Any] | None:
        """The client path of an error at `[<call key>, index, …]` in an entity fetch's
        answer: below the (first) object that entity was fetched for."""
        if len(path) < 2 or not isinstance(path[1], int):
            return None
        batch = next((b for b in batches if b.call.key == path[0]), None)
        if batch is None or not 0 <= path[1] < len(batch.representations):
            return None
        below = path[2:]
        if batch.call.renaming is not None:
            below = batch.call.renaming.path(below)
        return [*self._paths(batch)[id(batch.targets()[path[1]][0])], *below]

    def _batch(self, fetch: Fetch, call_index: int, call: EntityCall) -> _Batch:
        """One representation per distinct entity at the call's places, and for each place
        the objects in the response tree each goes into."""
        batch = _Batch(call, call_index)
        seen_by_type: dict[str, dict[Any, int]] = {}
        """By representation typename: the index of each distinct entity's representation."""
        collections = self.compiled.collections[fetch.id].calls[call_index]
        place_readers = self.compiled.readers[fetch.id][call_index]
        for collection, readers in zip(collections, place_readers, strict=True):
            objects: list[dict[str, Any]] = []
            indexes: list[int] = []
            batch.places.append((objects, indexes))
            found = self._objects(collection)
            if len(readers) == 1:
                # Most places have one runtime type: read them all in one call.
                ((only, reader),) = readers.items()
                seen = seen_by_type.setdefault(reader.typename, {})
                reader.read(found, only, seen, batch.representations, objects, indexes)
                continue
            for obj in found:
                of_type = readers.get(obj.get("__typename"))  # type: ignore[arg-type]
                if of_type is not None:
                    seen = seen_by_type.setdefault(of_type.typename, {})
                    runtime = obj["__typename"]
                    of_type.read((obj,), runtime, seen, batch.representations, objects, indexes)
        return batch


class _Batch:
    """One `_entities` call of a fetch as sent: the objects each representation is for."""

    __slots__ = ("_targets", "call", "index", "paths", "places", "representations")

    def __init__(self, call: EntityCall, index: int) -> None:
        self.call = call
        self.index = index
        """The call's index in its fetch."""
        self.representations: list[dict[str, Any]] = []
        self.places: list[tuple[list[dict[str, Any]], list[int]]] = []
        """By place: its objects in the tree's order, and the index of each one's
        representation."""
        self.paths: dict[int, list[Any]] | None = None
        self._targets: list[list[dict[str, Any]]] | None = None

    def targets(self) -> list[list[dict[str, Any]]]:
        """By representation: the objects it goes into (only errors need them: built on first
        use, once for all the errors of the answer)."""
        if self._targets is None:
            self._targets = [[] for _ in self.representations]
            for objects, indexes in self.places:
                for obj, index in zip(objects, indexes, strict=True):
                    self._targets[index].append(obj)
        return self._targets

    def call_typename(self, obj: dict[str, Any]) -> str:
        """The entity type the object was sent as (its fragment in the call's selection)."""
        typename = obj["__typename"]
        return next(
            place.representations[typename].typename
            for place in self.call.places
            if typename in place.representations
        )


def _readers(place: EntityPlace) -> dict[str, _RepresentationReader]:
    return {
        runtime: _RepresentationReader(spec.typename, spec.fields)
        for runtime, spec in place.representations.items()
    }


class _RepresentationReader:
    """Reads one runtime type's representation fields out of fetched objects."""

    def __init__(self, typename: str, fields: tuple[RepField, ...]) -> None:
        self.typename = typename
        self.fields = fields
        self._get = operator.itemgetter(*(f.data_key for f in fields))
        self._single = fields[0].name if len(fields) == 1 else None
        """The one field's name, where the representation has one."""
        nested = any(f.selection is not None or f.by_type is not None for f in fields)
        self._values: Callable[[dict[str, Any]], Any] = self._projected if nested else self._get
        """The fields' values in an object: one value, or a tuple of them for several fields
        (read at C speed where none is an object to project)."""

    def read(
        self,
        found: Iterable[dict[str, Any]],
        runtime: str,
        seen: dict[Any, int],
        representations: list[dict[str, Any]],
        objects: list[dict[str, Any]],
        indexes: list[int],
    ) -> None:
        """Adds each object of type `runtime` among `found` to `objects`, with the index of its
        entity's representation in `representations` (added when `seen` has no index for its
        values yet)."""
        values_of = self._values
        typename = self.typename
        single = self._single
        for obj in found:
            if obj.get("__typename") != runtime:
                continue
            try:
                values = values_of(obj)
            except KeyError:  # a field of the key or @requires is absent: can't be sent
                continue
            identity: Any = values
            try:
                index = seen.get(identity)
            except TypeError:  # unhashable values: a nested key or @requires
                identity = orjson.dumps(identity, option=orjson.OPT_SORT_KEYS)
                index = seen.get(identity)
            if index is None:
                index = seen[identity] = len(representations)
                representations.append(
                    {"__typename": typename, single: values}
                    if single is not None
                    else self._representation(values)
                )
            objects.append(obj)
            indexes.append(index)

    def _projected(self, obj: dict[str, Any]) -> Any:
        values = self._get(obj)
        if self._single is not None:
            return _project(values, self.fields[0])
        return tuple(_project(v, f) for v, f in zip(values, self.fields, strict=True))

    def _representation(self, values: tuple[Any, ...]) -> dict[str, Any]:
        representation = {"__typename": self.typename}
        for rep_field, value in zip(self.fields, values, strict=True):
            representation[rep_field.name] = value
        return representation


def _malformed(data: Any, has_errors: bool) -> str | None:
    """What is wrong with a subgraph's `data`, or None when it is an object (or a null that
    the errors beside it explain: the subgraph's refusal)."""
    if data is None:
        return None if has_errors else "answered no data and no errors"
    if not isinstance(data, dict):
        return "answered data that is not an object"
    return None


def _malformed_entities(entities: Any, representations: int, has_errors: bool) -> str | None:
    """What is wrong with the answer of an `_entities` call that sent `representations`, or
    None when it has the shape asked for (or is a null its errors explain)."""
    if entities is None and has_errors:
        return None
    if not isinstance(entities, list):
        return "answered _entities that is not a list"
    if len(entities) != representations:
        return f"answered {len(entities)} entities for {representations} representations"
    for entity in entities:
        if entity is not None and type(entity) is not dict:  # parsed JSON: no dict subclasses
            return "answered an entity that is not an object"
    return None


def _malformed_message(fetch: Fetch, malformed: str) -> str:
    return f"Subgraph '{fetch.graph}' {malformed}."


def _project(value: Any, rep_field: RepField) -> Any:
    """The part of a fetched value a representation sends: the field set's subfields, those of
    the object's own type where the field is an interface or union."""
    if value is None or (rep_field.selection is None and rep_field.by_type is None):
        return value
    if isinstance(value, list):
        return [_project(item, rep_field) for item in value]
    if isinstance(value, dict):
        typename = value.get("__typename")
        projected = {} if typename is None else {"__typename": typename}
        for inner in rep_field.fields_of(typename):
            projected[inner.name] = _project(value.get(inner.data_key), inner)
        return projected
    return value


def _merge(target: dict[str, Any], source: dict[str, Any]) -> bool:
    """Merges `source` into `target` in place: objects key by key, lists of one length item
    by item; otherwise a value replaces what was there. Whether it replaced an object or a
    list (and whatever was in it)."""
    replaced = False
    for key, value in source.items():
        existing = target.get(key)
        if existing is None or existing is value:
            target[key] = value
        elif _merge_into(target, key, existing, value):
            replaced = True
    return replaced


def _merge_into(container: Any, key: Any, existing: Any, value: Any) -> bool:
    """Merges `value` into `existing`, `container[key]` (a dict's or a list's)."""
    if type(existing) is dict and type(value) is dict:
        return _merge(existing, value)
    if type(existing) is list and type(value) is list and len(existing) == len(value):
        replaced = False
        for index, item in enumerate(value):
            if _merge_into(existing, index, existing[index], item):
                replaced = True
        return replaced
    container[key] = value
    return type(existing) is dict or type(existing) is list
