"""The engine: one supergraph's operations, from a parsed document to the response."""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Collection
from typing import Any

from graphql import GraphQLError, GraphQLSchema
from graphql.execution.values import get_variable_values

from ..planner import PlanningError, QueryPlan, build_plan, normalize
from ..requests import OperationRequest
from ..supergraph import Supergraph, load_supergraph
from ..supergraph.model import runtime_types
from ..transport.contract import Transport
from .errors import error, graphql_error
from .fetching import CompiledPlan, PlanExecution
from .introspection import introspect
from .overrides import Overrides
from .prepared import PreparedOperation, prepare
from .shaping import ShapeCache, Shaper

log = logging.getLogger(__name__)


class Engine:
    def __init__(
        self,
        supergraph: Supergraph,
        transport: Transport,
        *,
        override_labels: Collection[str] = (),
        cached_operations: int = 1000,
        on_plan_lookup: Callable[[bool], None] | None = None,
    ) -> None:
        """`on_plan_lookup(hit)` is told of every plan taken from the cache or built."""
        self.supergraph = supergraph
        self.transport = transport
        self.api_schema: GraphQLSchema = supergraph.api_schema
        self.subgraph_urls = {name: graph.url for name, graph in supergraph.graphs.items()}
        self._overrides = Overrides(supergraph, override_labels)
        self._operations: OrderedDict[tuple[str, str | None], PreparedOperation | list[Any]]
        self._operations = OrderedDict()
        self._cached_operations = cached_operations
        self._api_runtime_types = runtime_types(self.api_schema)
        self._compiled: dict[int, tuple[CompiledPlan, ShapeCache]] = {}
        """By plan (its id, while it is cached): what running and shaping it compiled."""
        self._on_plan_lookup = on_plan_lookup

    @classmethod
    def from_supergraph(cls, sdl: str, transport: Transport, **options: Any) -> Engine:
        return cls(load_supergraph(sdl), transport, **options)

    async def execute(self, request: OperationRequest) -> dict[str, Any]:
        prepared = self._prepared(request)
        if isinstance(prepared, list):
            return {"errors": prepared}
        variables = get_variable_values(
            self.api_schema,
            prepared.operation.variable_definitions or (),
            dict(request.variables),
        )
        if isinstance(variables, list):
            return {"errors": [graphql_error(e, "BAD_USER_INPUT") for e in variables]}
        try:
            plan = self._plan(prepared, request)
        except PlanningError as failure:
            log.warning("query planning failed: %s", failure)
            # Planning comes after validation: the operation was executable, so the
            # response has a `data` entry, null as nothing was fetched.
            return {"errors": [error(str(failure), "QUERY_PLANNING_FAILED")], "data": None}
        compiled = self._compiled.get(id(plan))
        if compiled is None:
            compiled = self._compiled[id(plan)] = (
                CompiledPlan(plan),
                ShapeCache(self.api_schema, self._api_runtime_types),
            )
        fetches, shapes = compiled
        execution = PlanExecution(fetches, self.transport, request.variables, request.headers)
        await execution.run()
        introspected: dict[str, Any] = {}
        if plan.introspection:
            introspected, introspection_errors = introspect(
                self.api_schema, prepared, dict(request.variables)
            )
            execution.errors.extend(introspection_errors)
        data = Shaper(shapes, execution.errors, execution.explained).shape(
            plan, execution.data, introspected
        )
        if execution.errors:
            return {"errors": execution.errors, "data": data}
        return {"data": data}

    def _prepared(self, request: OperationRequest) -> PreparedOperation | list[Any]:
        key = (request.query, request.operation_name)
        prepared = self._operations.get(key)
        if prepared is None:
            try:
                prepared = prepare(self.api_schema, request.document, request.operation_name)
            except GraphQLError as invalid:
                prepared = [graphql_error(invalid, "GRAPHQL_VALIDATION_FAILED")]
            self._operations[key] = prepared
            if len(self._operations) > self._cached_operations:
                _, evicted = self._operations.popitem(last=False)
                if isinstance(evicted, PreparedOperation):
                    for plan in evicted.plans.values():
                        self._compiled.pop(id(plan), None)
        else:
            self._operations.move_to_end(key)
        return prepared

    def _plan(self, prepared: PreparedOperation, request: OperationRequest) -> QueryPlan:
        decisions = prepared.conditions.decide(request.variables, prepared.variable_defaults)
        labels = self._overrides.decide() if self._overrides.labels else frozenset()
        plan = prepared.plans.get((decisions, labels))
        if self._on_plan_lookup is not None:
            self._on_plan_lookup(plan is not None)
        if plan is None:
            plan = build_plan(
                self.supergraph,
                prepared.kind,
                prepared.operation.name.value if prepared.operation.name else None,
                normalize(prepared.operation, prepared.fragments, decisions),
                prepared.variable_definitions,
                self._overrides.disabled(labels),
            )
            prepared.plans[(decisions, labels)] = plan
        return plan
