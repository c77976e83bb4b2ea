"""Runs a plan's fetches (each as soon as what it depends on is done) and merges their data
into one response tree, keeping subgraph errors with their paths mapped to client paths."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from typing import Any

import orjson

from ..planner import Fetch, QueryPlan, RepField
from ..planner.plan import LIST
from ..transport.contract import SubgraphUnavailable, Transport
from .errors import error

log = logging.getLogger(__name__)

_MISSING = object()
Target = tuple[dict[str, Any], list[Any]]
"""An object in the response tree and its path."""


class PlanExecution:
    def __init__(
        self,
        plan: QueryPlan,
        transport: Transport,
        variables: Mapping[str, Any],
        headers: Mapping[str, str],
    ) -> None:
        self.plan = plan
        self.transport = transport
        self.variables = variables
        self.headers = headers
        self.data: dict[str, Any] = {}
        self.errors: list[dict[str, Any]] = []

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
        targets: list[list[Target]] = []
        if fetch.entity:
            representations, targets = self._representations(fetch)
            if not representations:
                return
            variables["representations"] = representations
        body = orjson.dumps({"query": fetch.document, "variables": variables})
        try:
            raw = await self.transport.fetch(
                fetch.graph, body, self.headers, idempotent=fetch.operation_kind == "query"
            )
            response = orjson.loads(raw)
            if not isinstance(response, dict):
                raise ValueError("the response is not a JSON object")
        except SubgraphUnavailable as failure:
            self._failed(fetch, targets, failure.reason)
            return
        except ValueError as invalid:
            log.warning("invalid response from subgraph %s: %s", fetch.graph, invalid)
            self._failed(fetch, targets, "invalid response")
            return
        data = response.get("data")
        if fetch.entity:
            entities = data.get("_entities") if isinstance(data, dict) else None
            if isinstance(entities, list):
                for entity, places in zip(entities, targets, strict=False):
                    if isinstance(entity, dict):
                        for target, _ in places:
                            _merge(target, entity)
        elif isinstance(data, dict):
            _merge(self.data, data)
        for subgraph_error in response.get("errors") or ():
            self.errors.append(self._client_error(fetch, subgraph_error, targets))

    def _failed(self, fetch: Fetch, targets: list[list[Target]], reason: str) -> None:
        """Every field the fetch was to bring stays null, with an error at its client path."""
        log.warning("fetch from subgraph %s failed: %s", fetch.graph, reason)
        places: list[tuple[list[Any], Any]] = []
        if fetch.entity:
            for entity_targets in targets:
                for obj, path in entity_targets:
                    spec = fetch.representations[obj["__typename"]]
                    places.append((path, fetch.selection.fragments.get(spec.typename)))
        else:
            places.append(([], fetch.selection))
        for path, selection in places:
            for key in selection.fields if selection is not None else ():
                if not key.startswith("__"):
                    self.errors.append(
                        {
                            "message": f"Subgraph '{fetch.graph}' is unavailable.",
                            "path": [*path, key],
                            "extensions": {
                                "code": "SUBGRAPH_UNAVAILABLE",
                                "serviceName": fetch.graph,
                            },
                        }
                    )

    def _client_error(
        self, fetch: Fetch, subgraph_error: Any, targets: list[list[Target]]
    ) -> dict[str, Any]:
        if not isinstance(subgraph_error, dict):
            return error(str(subgraph_error), "DOWNSTREAM_SERVICE_ERROR")
        formatted: dict[str, Any] = {"message": str(subgraph_error.get("message", ""))}
        path = subgraph_error.get("path")
        if isinstance(path, list):
            if not fetch.entity:
                formatted["path"] = path
            elif (
                len(path) >= 2
                and path[0] == "_entities"
                and isinstance(path[1], int)
                and 0 <= path[1] < len(targets)
            ):
                formatted["path"] = [*targets[path[1]][0][1], *path[2:]]
        extensions = subgraph_error.get("extensions")
        formatted["extensions"] = {
            **(extensions if isinstance(extensions, dict) else {}),
            "serviceName": fetch.graph,
        }
        formatted["extensions"].setdefault("code", "DOWNSTREAM_SERVICE_ERROR")
        return formatted

    def _representations(self, fetch: Fetch) -> tuple[list[dict[str, Any]], list[list[Target]]]:
        """One representation per distinct entity at the fetch's path, and for each the
        places in the response tree it goes."""
        representations: list[dict[str, Any]] = []
        targets: list[list[Target]] = []
        seen: dict[bytes, int] = {}
        for target in _objects_at(self.data, fetch.path):
            obj = target[0]
            spec = fetch.representations.get(obj.get("__typename"))  # type: ignore[arg-type]
            if spec is None:
                continue
            representation: dict[str, Any] = {"__typename": spec.typename}
            complete = True
            for rep_field in spec.fields.values():
                value = obj.get(rep_field.data_key, _MISSING)
                if value is _MISSING:
                    complete = False
                    break
                representation[rep_field.name] = _project(value, rep_field.selection)
            if not complete:
                continue
            identity = orjson.dumps(representation, option=orjson.OPT_SORT_KEYS)
            index = seen.get(identity)
            if index is None:
                seen[identity] = len(representations)
                representations.append(representation)
                targets.append([target])
            else:
                targets[index].append(target)
        return representations, targets


def _objects_at(data: dict[str, Any], path: tuple[str, ...]) -> list[Target]:
    current: list[tuple[Any, list[Any]]] = [(data, [])]
    for segment in path:
        following: list[tuple[Any, list[Any]]] = []
        if segment == LIST:
            for value, at in current:
                if isinstance(value, list):
                    following.extend(
                        (item, [*at, index]) for index, item in enumerate(value) if item is not None
                    )
        else:
            for value, at in current:
                if isinstance(value, dict):
                    child = value.get(segment)
                    if child is not None:
                        following.append((child, [*at, segment]))
        current = following
    return [(value, at) for value, at in current if isinstance(value, dict)]


def _project(value: Any, selection: tuple[RepField, ...] | None) -> Any:
    if selection is None or value is None:
        return value
    if isinstance(value, list):
        return [_project(item, selection) for item in value]
    if isinstance(value, dict):
        projected = {"__typename": value["__typename"]} if "__typename" in value else {}
        for rep_field in selection:
            projected[rep_field.name] = _project(value.get(rep_field.data_key), rep_field.selection)
        return projected
    return value


def _merge(target: dict[str, Any], source: dict[str, Any]) -> None:
    for key, value in source.items():
        existing = target.get(key)
        if isinstance(existing, dict) and isinstance(value, dict):
            _merge(existing, value)
        elif isinstance(existing, list) and isinstance(value, list) and len(existing) == len(value):
            _merge_lists(existing, value)
        else:
            target[key] = value


def _merge_lists(target: list[Any], source: list[Any]) -> None:
    for index, value in enumerate(source):
        existing = target[index]
        if isinstance(existing, dict) and isinstance(value, dict):
            _merge(existing, value)
        elif isinstance(existing, list) and isinstance(value, list) and len(existing) == len(value):
            _merge_lists(existing, value)
        else:
            target[index] = value
