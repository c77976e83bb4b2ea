"""Builds a query plan: which subgraph resolves each field, and the entity jumps between them.

Fields stay in the subgraph of the fetch they are in while it can resolve them; otherwise
the planner jumps through an entity `@key` (`_entities`) to a subgraph that can. Where
several subgraphs could resolve a field (@shareable), it takes the one whose subtree needs
the fewest further fetches. Abstract positions are planned per possible runtime type, so
interfaces and unions whose members live in different subgraphs need no special case.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from graphql import (
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLOutputType,
    get_named_type,
    is_composite_type,
)

from ..supergraph import FieldInGraph, FieldMeta, Supergraph, TypeMeta
from ..supergraph.fieldsets import FieldSet, FieldSetSelection
from .aliasing import alias_conflicts, subgraph_type
from .client_keys import client_keys_by_path, list_depth
from .collect import collect_fields, merged_selections
from .drafts import FetchDraft, RepresentationDraft, call_key, call_variable
from .members import declared_type, members_in
from .merging import merge_entity_fetches
from .operation import ClientField, ClientSelection
from .plan import LIST, QueryPlan, RepField
from .provides import provided_by
from .pruning import drop_impossible_fragments
from .requirements import (
    arguments_text,
    as_client_field,
    fields_on,
    merged_representation,
    planned_rep_field,
)
from .selections import SubgraphSelection
from .value_types import Route, Step, reentry_route, select_route

INTROSPECTION_FIELDS = ("__schema", "__type")
_COST_DEPTH = 3


class PlanningError(Exception):
    """The operation cannot be resolved by the subgraphs (the supergraph lacks a path)."""


@dataclass
class _Position:
    """Where the planner adds fields: a fetch, a place in its selection, the response path
    of that place, and the (supergraph) type of the objects there."""

    fetch: FetchDraft
    node: SubgraphSelection
    path: tuple[str, ...]
    type_name: str
    provided: FieldSet | None = None
    client_keys: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    """Response key → (field name, arguments) the client uses here; planner-added fields
    that would clash are aliased."""
    declared: str | None = None
    """The type the fetch's subgraph declares the field leading here with, where it differs
    from the supergraph's (it narrows the members planned)."""
    trail: Step | None = None
    """The field that led here from a position of the same fetch (None at an entry point)."""
    origin: _Position | None = None
    """At an entity fetch's entry: the same objects in the fetch it jumped from."""


def build_plan(
    supergraph: Supergraph,
    operation_kind: str,
    operation_name: str | None,
    selections: tuple[ClientSelection, ...],
    variable_definitions: Mapping[str, str],
    disabled: frozenset[tuple[str, str, str]] = frozenset(),
) -> QueryPlan:
    """`disabled` holds (type, field, subgraph) that may not resolve the field in this plan
    (the losing side of an @override, progressive labels decided by the caller)."""
    return _Planner(supergraph, operation_kind, disabled).plan(
        operation_name, selections, variable_definitions
    )


class _Planner:
    def __init__(
        self, supergraph: Supergraph, operation_kind: str, disabled: frozenset[tuple[str, str, str]]
    ) -> None:
        self.supergraph = supergraph
        self.operation_kind = operation_kind
        self.disabled = disabled
        self.fetches: list[FetchDraft] = []
        self.entity_groups: dict[tuple[str, tuple[str, ...], frozenset[int], int], FetchDraft] = {}
        self.gathering: list[set[int]] = []
        """While a required field is planned: the fetches its subtree was added to."""
        self.keys_at: dict[tuple[str, ...], dict[str, tuple[str, str]]] = {}
        """Response path → response key → (field name, arguments) some fetch selects there:
        every fetch's data merges into one tree, so a key means one field at a path."""
        self.root_fetches: dict[str, FetchDraft] = {}
        self.aliases = 0
        self.providing: set[tuple[tuple[str, ...], str, str, str]] = set()
        """Key and required fields being fetched for a representation, against loops."""

    # --- the operation's root -------------------------------------------------------------

    def plan(
        self,
        operation_name: str | None,
        selections: tuple[ClientSelection, ...],
        variable_definitions: Mapping[str, str],
    ) -> QueryPlan:
        root_type = (
            self.supergraph.mutation_type
            if self.operation_kind == "mutation"
            else self.supergraph.query_type
        )
        if root_type is None:
            raise PlanningError(f"the schema has no {self.operation_kind} type")
        introspection = False
        self.keys_at = client_keys_by_path(self.supergraph.schema, root_type, selections)
        fields = collect_fields(root_type, selections, self.supergraph.runtime_types)
        client_keys = _client_keys(fields)
        previous: FetchDraft | None = None
        for key, occurrences in fields.items():
            name = occurrences[0].name
            if name == "__typename":
                continue
            if name in INTROSPECTION_FIELDS:
                introspection = True
                continue
            meta = self._field_meta(root_type, name)
            graph = self._choose(None, root_type, meta, occurrences)
            fetch = self._root_fetch(graph, previous)
            previous = fetch
            position = _Position(fetch, fetch.selection, (), root_type, None, client_keys)
            self._add_local(position, key, occurrences, meta, graph)
        for fetch in self.fetches:
            drop_impossible_fragments(
                fetch.selection, fetch.graph, self.supergraph, entities=fetch.entity
            )
        fetches = merge_entity_fetches(self.fetches, self.supergraph.runtime_types)
        for fetch in fetches:
            if fetch.entity:
                for call in fetch.calls:
                    call.renaming = alias_conflicts(call.selection, self._fresh_alias)
            else:
                fetch.renaming = alias_conflicts(fetch.selection, self._fresh_alias)
            fetch.document = self._document(fetch, operation_name, variable_definitions)
        return QueryPlan(
            fetches=tuple(fetch.freeze() for fetch in fetches),
            operation_kind=self.operation_kind,
            root_type=root_type,
            selections=selections,
            introspection=introspection,
        )

    def _root_fetch(self, graph: str, previous: FetchDraft | None) -> FetchDraft:
        if self.operation_kind != "mutation":
            fetch = self.root_fetches.get(graph)
            if fetch is None:
                fetch = self.root_fetches[graph] = self._new_fetch(graph, (), entity=False)
            return fetch
        # Mutation fields run one after the other, each with all that it needed done:
        # consecutive fields of one subgraph share its (serially executing) fetch.
        if previous is not None and previous.graph == graph and previous is self.fetches[-1]:
            return previous
        fetch = self._new_fetch(graph, (), entity=False)
        fetch.depends_on.update(f.id for f in self.fetches if f is not fetch)
        return fetch

    def _new_fetch(self, graph: str, path: tuple[str, ...], *, entity: bool) -> FetchDraft:
        kind = "query" if entity else self.operation_kind
        fetch = FetchDraft(
            id=len(self.fetches),
            graph=graph,
            operation_kind=kind,
            path=path,
            selection=SubgraphSelection(),
            entity=entity,
        )
        self.fetches.append(fetch)
        return fetch

    # --- fields ---------------------------------------------------------------------------

    def _field_meta(self, type_name: str, name: str) -> FieldMeta:
        meta = self.supergraph.types[type_name].fields.get(name)
        if meta is None:
            raise PlanningError(f"{type_name}.{name} is not in the supergraph")
        return meta

    def _usable(self, meta: FieldMeta, graph: str, *, for_representation: bool = False) -> bool:
        """Whether `graph` itself resolves the field (requires-free, not external, not
        overridden away). A field overridden away but still resolved there counts when
        building representations; an @external one never does, key field or not: the
        subgraph only receives its value, and what it answers for it may be stale."""
        in_graph = meta.graphs.get(graph)
        if in_graph is None or in_graph.external:
            return False
        if (meta.parent, meta.name, graph) in self.disabled:
            return for_representation and in_graph.used_overridden
        return True

    def _readable(self, position: _Position, meta: FieldMeta) -> bool:
        """Whether the position's fetch can select the field for a representation: it
        resolves it, or has it @external but provided by the field that led here."""
        graph = position.fetch.graph
        in_graph = meta.graphs.get(graph)
        if in_graph is not None and in_graph.external:
            return _provided(position.provided, meta.name) is not None and (
                (meta.parent, meta.name, graph) not in self.disabled
            )
        return self._usable(meta, graph, for_representation=True)

    def _local(self, position: _Position, meta: FieldMeta) -> bool:
        return self._local_in(position.fetch.graph, position.provided, meta)

    def _local_in(self, graph: str, provided: FieldSet | None, meta: FieldMeta) -> bool:
        """Whether a fetch of `graph`, where the field that led there provides `provided`,
        resolves the field itself."""
        in_graph = meta.graphs.get(graph)
        if in_graph is None or in_graph.requires is not None:
            return False
        if in_graph.external and _provided(provided, meta.name) is not None:
            return (meta.parent, meta.name, graph) not in self.disabled
        return self._usable(meta, graph)

    def _candidates(self, type_name: str, meta: FieldMeta) -> list[tuple[str, str]]:
        """(subgraph, entity type) pairs that can resolve the field: the type itself, or an
        interface it implements that the subgraph has as an @interfaceObject."""
        found = [
            (graph, type_name)
            for graph in meta.graphs
            if self._usable(meta, graph) and self._enterable(graph, type_name)
        ]
        if found:
            return found
        named = self.supergraph.schema.get_type(type_name)
        interfaces = named.interfaces if isinstance(named, GraphQLObjectType) else ()
        for interface in interfaces:
            interface_meta = self.supergraph.types[interface.name]
            field_meta = interface_meta.fields.get(meta.name)
            for graph, in_graph in interface_meta.graphs.items():
                if (
                    in_graph.interface_object
                    and in_graph.resolvable_keys
                    and field_meta is not None
                    and self._usable(field_meta, graph)
                ):
                    found.append((graph, interface.name))
        return found

    def _enterable(self, graph: str, type_name: str) -> bool:
        """Whether a fetch can start in `graph` at `type_name`: root types by their root
        fields, entities only through a key the subgraph resolves (`resolvable: false` keys
        only let a subgraph point at entities it cannot be asked about)."""
        if type_name in (self.supergraph.query_type, self.supergraph.mutation_type):
            return True
        type_in_graph = self.supergraph.types[type_name].graphs.get(graph)
        return type_in_graph is not None and bool(type_in_graph.resolvable_keys)

    def _choose(
        self,
        position: _Position | None,
        type_name: str,
        meta: FieldMeta,
        occurrences: list[ClientField],
    ) -> str:
        candidates = self._candidates(type_name, meta)
        if position is not None and self._local(position, meta):
            candidates.insert(0, (position.fetch.graph, type_name))
        if not candidates:
            raise PlanningError(f"no subgraph can resolve {type_name}.{meta.name}")
        if len(candidates) == 1:
            return candidates[0][0]
        selections = merged_selections(occurrences)

        def cost(candidate: tuple[str, str]) -> tuple[int, int]:
            graph = candidate[0]
            candidate_meta = self._field_meta(candidate[1], meta.name)
            provided = provided_by(candidate_meta, graph)
            if position is None:
                jump = 0 if graph in self.root_fetches or not self.root_fetches else 1
            elif graph == position.fetch.graph and self._local(position, meta):
                jump = 0
                provided = _provided(position.provided, meta.name) or provided
            else:
                group = (graph, position.path, frozenset((position.fetch.id,)), 0)
                jump = 0 if group in self.entity_groups else 1
                jump += 0 if self._key_at_hand(position, graph, candidate[1]) else 1
            subtree = self._subtree_cost(graph, candidate_meta, selections, _COST_DEPTH, provided)
            return (jump + subtree, candidates.index(candidate))

        return min(candidates, key=cost)[0]

    def _subtree_cost(
        self,
        graph: str,
        meta: FieldMeta,
        selections: tuple[ClientSelection, ...],
        depth: int,
        provided: FieldSet | None,
    ) -> int:
        """About how many fetches resolving these selections below field `meta` from `graph`
        takes, where the field provides `provided` (external fields that need no fetch)."""
        named = get_named_type(self._field_type(meta.parent, meta.name))
        if depth == 0 or not selections or not is_composite_type(named):
            return 0
        total = 0
        jumps: set[str] = set()
        runtime = self.supergraph.runtime_types
        for type_name in members_in(self.supergraph, named.name, graph, declared_type(meta, graph)):
            here = _provided_on(provided, type_name)
            fields = collect_fields(type_name, selections, runtime)
            for occurrences in fields.values():
                name = occurrences[0].name
                if name.startswith("__"):
                    continue
                sub_meta = self.supergraph.types[type_name].fields.get(name)
                if sub_meta is None:
                    continue
                sub = merged_selections(occurrences)
                if self._local_in(graph, here, sub_meta):
                    below = _provided(here, name) or provided_by(sub_meta, graph)
                    total += self._subtree_cost(graph, sub_meta, sub, depth - 1, below)
                    continue
                options = {
                    g: self._subtree_cost(g, target, sub, depth - 1, provided_by(target, g))
                    for g, entity in self._candidates(type_name, sub_meta)
                    for target in (self._field_meta(entity, name),)
                } or {
                    # A value type's field: re-entered in a subgraph that resolves it.
                    g: self._subtree_cost(g, sub_meta, sub, depth - 1, provided_by(sub_meta, g))
                    for g in sub_meta.graphs
                    if self._usable(sub_meta, g)
                }
                if options:
                    best = min(options, key=options.__getitem__)
                    jumps.add(best)
                    total += options[best]
        return total + len(jumps)

    def _field_type(self, type_name: str, name: str) -> GraphQLOutputType:
        named = self.supergraph.schema.get_type(type_name)
        assert isinstance(named, GraphQLObjectType | GraphQLInterfaceType)
        definition: GraphQLField = named.fields[name]
        return definition.type

    def _plan_field(self, position: _Position, key: str, occurrences: list[ClientField]) -> int:
        """Plans one response key at a position; returns the id of the fetch that gets it."""
        meta = self._field_meta(position.type_name, occurrences[0].name)
        if not self._local(position, meta) and not self._candidates(position.type_name, meta):
            return self._reenter(position, key, occurrences, meta)
        graph = self._choose(position, position.type_name, meta, occurrences)
        if graph == position.fetch.graph and self._local(position, meta):
            self._add_local(position, key, occurrences, meta, graph)
            return position.fetch.id
        return self._jump(position, graph, key, occurrences, meta)

    def _add_local(
        self,
        position: _Position,
        key: str,
        occurrences: list[ClientField],
        meta: FieldMeta,
        graph: str,
    ) -> None:
        first = occurrences[0]
        field_type = self._field_type(position.type_name, first.name)
        named = get_named_type(field_type)
        composite = is_composite_type(named)
        added = position.node.add_field(
            key, first.name, first.arguments, composite, subgraph_type(meta, graph, field_type)
        )
        if added is None:
            raise PlanningError(f"response key {key!r} is used twice at {position.path}")
        self._taken(position.path, key, first.name, first.arguments)
        for occurrence in occurrences:
            position.fetch.variables.update(occurrence.variables)
        for gathered in self.gathering:
            gathered.add(position.fetch.id)
        if added.selection is None:
            return
        in_graph: FieldInGraph | None = meta.graphs.get(graph)
        child = _Position(
            fetch=position.fetch,
            node=added.selection,
            path=position.path + (key,) + (LIST,) * list_depth(field_type),
            type_name=named.name,
            provided=_provided(position.provided, first.name)
            or (in_graph.provides if in_graph else None),
            declared=declared_type(meta, graph),
            trail=Step(
                position,
                key,
                first.name,
                first.arguments,
                frozenset().union(*(o.variables for o in occurrences)),
            ),
        )
        self._plan_selections(child, merged_selections(occurrences))

    def _plan_selections(
        self, position: _Position, selections: tuple[ClientSelection, ...]
    ) -> None:
        meta = self.supergraph.types[position.type_name]
        runtime = self.supergraph.runtime_types
        if meta.kind == "object":
            self._plan_object(position, collect_fields(position.type_name, selections, runtime))
            return
        position.node.add_typename()
        type_in_graph = meta.graphs.get(position.fetch.graph)
        if type_in_graph is not None and type_in_graph.interface_object:
            self._plan_interface_object(position, selections)
            return
        for type_name in members_in(
            self.supergraph, position.type_name, position.fetch.graph, position.declared
        ):
            fields = collect_fields(type_name, selections, runtime)
            if all(occurrences[0].name == "__typename" for occurrences in fields.values()):
                continue
            branch = _Position(
                fetch=position.fetch,
                node=position.node.fragment(type_name),
                path=position.path,
                type_name=type_name,
                provided=_provided_on(position.provided, type_name),
                trail=replace(position.trail, condition=type_name) if position.trail else None,
            )
            self._plan_object(branch, fields)

    def _plan_object(self, position: _Position, fields: dict[str, list[ClientField]]) -> None:
        position.client_keys = _client_keys(fields)
        for key, occurrences in fields.items():
            if occurrences[0].name != "__typename":
                self._plan_field(position, key, occurrences)

    def _plan_interface_object(
        self, position: _Position, selections: tuple[ClientSelection, ...]
    ) -> None:
        """The subgraph has the interface as an @interfaceObject: it knows the interface's
        fields but not which implementation an object is. Those come from a subgraph that
        has the real interface, through its key."""
        interface = position.type_name
        direct = _direct_fields(interface, selections)
        position.client_keys = _client_keys(direct)
        for key, occurrences in direct.items():
            if occurrences[0].name != "__typename":
                self._plan_field(position, key, occurrences)
        done = {id(field) for occurrences in direct.values() for field in occurrences}
        meta = self.supergraph.types[interface]
        target = next(
            (
                graph
                for graph, in_graph in meta.graphs.items()
                if not in_graph.interface_object and in_graph.resolvable_keys
            ),
            None,
        )
        if target is None:
            raise PlanningError(f"no subgraph resolves the implementations of {interface}")
        group = self._entity_group(position, target, interface, interface, None)
        resolved = _Position(group, group.selection.fragment(interface), position.path, interface)
        resolved.node.add_typename()
        runtime = self.supergraph.runtime_types
        for type_name in self.supergraph.possible_types_in(interface, target):
            fields = {
                key: occurrences
                for key, occurrences in collect_fields(type_name, selections, runtime).items()
                if not all(id(field) in done for field in occurrences)
                and occurrences[0].name != "__typename"
            }
            if fields:
                branch = _Position(
                    group, resolved.node.fragment(type_name), position.path, type_name
                )
                self._plan_object(branch, fields)

    # --- value types, re-entered through a parent ------------------------------------------

    def _reenter(
        self, position: _Position, key: str, occurrences: list[ClientField], meta: FieldMeta
    ) -> int:
        """A field of a value type that the fetch's subgraph does not resolve: selected again
        from the nearest parent a subgraph that resolves it can be entered at."""
        resolving = [graph for graph in meta.graphs if self._resolves(meta, graph)]
        if not resolving:
            raise PlanningError(f"no subgraph can resolve {position.type_name}.{meta.name}")
        routes: dict[str, Route] = {}
        for graph in resolving:
            route = reentry_route(
                self.supergraph, self.operation_kind, position, graph, self._resolves
            )
            if route is not None:
                routes[graph] = route
        if not routes:
            raise PlanningError(
                f"no subgraph can resolve {position.type_name}.{meta.name} at "
                f"{'.'.join(position.path) or 'the root'}: {', '.join(sorted(resolving))} "
                "cannot be entered at a parent of it"
            )
        selections = merged_selections(occurrences)
        graph = min(
            routes,
            key=lambda g: self._subtree_cost(
                g, meta, selections, _COST_DEPTH, provided_by(meta, g)
            ),
        )
        target = self._replay(routes[graph], graph, position)
        self._add_local(target, key, occurrences, meta, graph)
        return target.fetch.id

    def _resolves(self, meta: FieldMeta, graph: str) -> bool:
        return self._usable(meta, graph) and meta.graphs[graph].requires is None

    def _replay(self, route: Route, graph: str, start: _Position) -> _Position:
        """Enters `graph` at the route's entry and selects the route's fields down to the
        position that mirrors `start` there (with its trail: the objects are the same)."""
        entry = route.entry
        assert isinstance(entry, _Position)
        if route.at_root:
            fetch = self._root_fetch(graph, None)
            node = fetch.selection
        else:
            fetch = self._entity_group(entry, graph, entry.type_name, entry.type_name, None)
            node = fetch.selection.fragment(entry.type_name)
        below = select_route(self.supergraph, route, graph, node)
        if below is None:
            raise PlanningError(f"cannot select the fields down to {start.path} again in {graph}")
        fetch.variables.update(*(step.variables for step in route.steps))
        return _Position(
            fetch,
            below,
            start.path,
            start.type_name,
            client_keys=start.client_keys,
            trail=start.trail,
        )

    # --- entity jumps ---------------------------------------------------------------------

    def _jump(
        self,
        position: _Position,
        graph: str,
        key: str,
        occurrences: list[ClientField],
        meta: FieldMeta,
    ) -> int:
        entity_type = next(
            entity for g, entity in self._candidates(position.type_name, meta) if g == graph
        )
        target_meta = self._field_meta(entity_type, meta.name)
        requires = target_meta.graphs[graph].requires
        group = self._entity_group(position, graph, position.type_name, entity_type, requires)
        inside = _Position(
            fetch=group,
            node=group.selection.fragment(entity_type),
            path=position.path,
            type_name=entity_type,
            client_keys=position.client_keys,
            origin=position,
        )
        self._add_local(inside, key, occurrences, target_meta, graph)
        return group.id

    def _entity_group(
        self,
        position: _Position,
        graph: str,
        runtime_type: str,
        entity_type: str,
        requires: FieldSet | None,
    ) -> FetchDraft:
        type_in_graph = self.supergraph.types[entity_type].graphs.get(graph)
        keys = type_in_graph.resolvable_keys if type_in_graph else []
        if not keys:
            raise PlanningError(f"subgraph {graph} has no resolvable @key for {entity_type}")
        local = self.supergraph.types[runtime_type]
        key = next(
            (k for k in keys if all(self._key_field_local(position, local, s) for s in k.fields)),
            keys[0],
        )
        position.node.add_typename()
        representation, providers = self._provide(position, key.fields)
        if requires is not None:
            required, more = self._provide(position, requires)
            representation.update(required)
            providers |= more
        dependencies = frozenset({position.fetch.id, *providers})
        # A representation holds a field once, by name: requirements that need the same field
        # with other arguments (read from another alias) go to another `_entities` fetch.
        variant = 0
        while True:
            group_key = (graph, position.path, dependencies, variant)
            group = self.entity_groups.get(group_key)
            if group is None:
                group = self._new_fetch(graph, position.path, entity=True)
                group.depends_on.update(dependencies)
                self.entity_groups[group_key] = group
            if self._add_representation(group, runtime_type, entity_type, representation):
                return group
            variant += 1

    def _add_representation(
        self,
        group: FetchDraft,
        runtime_type: str,
        entity_type: str,
        representation: Mapping[str, RepField],
    ) -> bool:
        """Adds the fields to the group's representation of `runtime_type`; False if they
        clash with its fields. Objects at an @interfaceObject's position start with the
        interface as __typename and take their concrete one from the first subgraph that
        knows it: the representation is read for each."""
        names = [
            runtime_type,
            *sorted(self.supergraph.runtime_types[runtime_type] - {runtime_type}),
        ]
        targets = [
            group.representations.setdefault(name, RepresentationDraft(entity_type))
            for name in names
        ]
        merged: list[dict[str, RepField]] = []
        for target in targets:
            fields = merged_representation(target.fields, representation)
            if fields is None:
                return False
            merged.append(fields)
        for target, fields in zip(targets, merged, strict=True):
            target.fields = fields
        return True

    def _key_field_local(
        self, position: _Position, meta: TypeMeta, selection: FieldSetSelection
    ) -> bool:
        field_meta = meta.fields.get(selection.name)
        return field_meta is not None and self._readable(position, field_meta)

    def _key_at_hand(self, position: _Position, graph: str, entity_type: str) -> bool:
        """Whether the position's fetch can give every field of one of the keys that
        `graph` resolves `entity_type` by (no other fetch needed for the representation)."""
        type_in_graph = self.supergraph.types[entity_type].graphs.get(graph)
        local = self.supergraph.types[position.type_name]
        return type_in_graph is not None and any(
            all(self._key_field_local(position, local, s) for s in key.fields)
            for key in type_in_graph.resolvable_keys
        )

    def _provide(
        self, position: _Position, field_set: FieldSet
    ) -> tuple[dict[str, RepField], set[int]]:
        """Adds a key's or @requires' fields at the position (fetching them from other
        subgraphs where needed); returns how to read them and the fetches that get them."""
        representation: dict[str, RepField] = {}
        providers: set[int] = set()
        for selection in fields_on(position.type_name, field_set, self.supergraph.runtime_types):
            arguments = arguments_text(selection)
            data_key = self._data_key(position, selection.name, arguments)
            field_meta = self._field_meta(position.type_name, selection.name)
            field_type = self._field_type(position.type_name, selection.name)
            named = get_named_type(field_type)
            if self._readable(position, field_meta) and (
                field_meta.graphs[position.fetch.graph].requires is None
            ):
                added = position.node.add_field(
                    data_key,
                    selection.name,
                    arguments,
                    is_composite_type(named),
                    subgraph_type(field_meta, position.fetch.graph, field_type),
                )
                if added is None:
                    raise PlanningError(f"cannot select {selection.name} at {position.path}")
                self._taken(position.path, data_key, selection.name, arguments)
                rep_field = RepField(data_key, selection.name)
                if added.selection is not None:
                    child = _Position(
                        position.fetch,
                        added.selection,
                        position.path + (data_key,) + (LIST,) * list_depth(field_type),
                        named.name,
                        trail=Step(position, data_key, selection.name, arguments),
                    )
                    rep_field, more = self._provide_below(child, rep_field, selection.selections)
                    providers |= more
                representation[selection.name] = rep_field
                continue
            synthetic = as_client_field(
                self.supergraph,
                self.keys_at,
                self._fresh_alias,
                (position.path, position.type_name),
                data_key,
                selection,
            )
            wanted = (position.path, position.type_name, selection.name, arguments)
            if wanted in self.providing:
                # Every subgraph that resolves the field needs it in a representation first.
                raise PlanningError(
                    f"no subgraph can give {position.type_name}.{selection.name} "
                    f"without being sent it (at {'.'.join(position.path) or 'the root'})"
                )
            self.providing.add(wanted)
            # The required value may lie below entities of yet other fetches (nested
            # selections): the requiring fetch waits for every fetch the field's subtree uses.
            gathered: set[int] = set()
            self.gathering.append(gathered)
            try:
                providers.add(self._plan_field(position, data_key, [synthetic]))
            finally:
                self.gathering.pop()
                self.providing.discard(wanted)
            providers |= gathered
            representation[selection.name] = planned_rep_field(
                self.supergraph, position.type_name, synthetic
            )
        return representation, providers

    def _provide_below(
        self, position: _Position, rep_field: RepField, field_set: FieldSet
    ) -> tuple[RepField, set[int]]:
        """The sub-selection of a key or required field at its value's position: per runtime
        type where the value is an interface or union, beside its __typename."""
        if self.supergraph.types[position.type_name].kind == "object":
            fields, providers = self._provide(position, field_set)
            return replace(rep_field, selection=tuple(fields.values())), providers
        type_in_graph = self.supergraph.types[position.type_name].graphs.get(position.fetch.graph)
        if type_in_graph is not None and type_in_graph.interface_object:
            raise PlanningError(
                f"{position.fetch.graph} cannot tell the types of {position.type_name} objects"
                f" a field set at {'.'.join(position.path)} selects"
            )
        position.node.add_typename()
        by_type: list[tuple[str, tuple[RepField, ...]]] = []
        gathered: set[int] = set()
        runtime = self.supergraph.runtime_types
        for type_name in self.supergraph.possible_types_in(
            position.type_name, position.fetch.graph
        ):
            applying = fields_on(type_name, field_set, runtime)
            if not applying:
                continue
            branch = _Position(
                position.fetch, position.node.fragment(type_name), position.path, type_name
            )
            fields, more = self._provide(branch, applying)
            by_type.append((type_name, tuple(fields.values())))
            gathered |= more
        return replace(rep_field, by_type=tuple(by_type)), gathered

    def _data_key(self, position: _Position, name: str, arguments: str) -> str:
        """The response key for a field the planner adds: its name unless the client uses
        that key for something else."""
        client = position.client_keys.get(name)
        existing = position.node.fields.get(name)
        elsewhere = self.keys_at.get(position.path, {}).get(name)
        if (
            (client is None or client == (name, arguments))
            and (existing is None or (existing.name, existing.arguments) == (name, arguments))
            and (elsewhere is None or elsewhere == (name, arguments))
        ):
            return name
        return self._fresh_alias(name)

    def _fresh_alias(self, name: str) -> str:
        self.aliases += 1
        return f"__gw{self.aliases}_{name}"

    def _taken(self, path: tuple[str, ...], key: str, name: str, arguments: str) -> None:
        self.keys_at.setdefault(path, {}).setdefault(key, (name, arguments))

    # --- subgraph documents ---------------------------------------------------------------

    def _document(
        self,
        fetch: FetchDraft,
        operation_name: str | None,
        variable_definitions: Mapping[str, str],
    ) -> str:
        name = f"{operation_name}__{fetch.graph}__{fetch.id}" if operation_name else ""
        definitions = [variable_definitions[v] for v in sorted(fetch.variables)]
        if fetch.entity:
            calls = [
                f"{call_key(n) + ': ' if n else ''}_entities(representations: "
                f"${call_variable(n)}){call.selection.text()}"
                for n, call in enumerate(fetch.calls)
            ]
            definitions[:0] = [f"${call_variable(n)}: [_Any!]!" for n in range(len(calls))]
            body = "{" + " ".join(calls) + "}"
        else:
            body = fetch.selection.text()
        head = fetch.operation_kind + (f" {name}" if name else "")
        if definitions:
            head += "(" + ", ".join(definitions) + ")"
        return head + body


def _client_keys(fields: dict[str, list[ClientField]]) -> dict[str, tuple[str, str]]:
    return {key: (f[0].name, f[0].arguments) for key, f in fields.items()}


def _direct_fields(
    interface: str, selections: tuple[ClientSelection, ...]
) -> dict[str, list[ClientField]]:
    """Fields selected on the interface itself (not inside fragments on its implementations)."""
    fields: dict[str, list[ClientField]] = {}
    for selection in selections:
        if isinstance(selection, ClientField):
            fields.setdefault(selection.response_key, []).append(selection)
        elif selection.type_condition in (None, interface):
            for key, occurrences in _direct_fields(interface, selection.selections).items():
                fields.setdefault(key, []).extend(occurrences)
    return fields


def _provided(provided: FieldSet | None, name: str) -> FieldSet | None:
    """The part of an @provides below field `name`, () for a provided leaf; None if the
    field is not provided."""
    if provided is None:
        return None
    for selection in provided:
        if selection.type_condition is None and selection.name == name:
            return selection.selections
    return None


def _provided_on(provided: FieldSet | None, type_name: str) -> FieldSet | None:
    if provided is None:
        return None
    typed = [s for s in provided if s.type_condition == type_name]
    plain = tuple(s for s in provided if s.type_condition is None)
    return plain + tuple(inner for s in typed for inner in s.selections)
