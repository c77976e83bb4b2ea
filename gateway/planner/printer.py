"""A query plan as text, in the manner of Apollo's `QueryPlan { … }`, for people and goldens.

Our plan is a graph of fetches, each started as soon as the fetches it depends on are done,
so the text lists them in plan order with `after:` naming those fetches rather than nesting
Sequence/Parallel blocks (which cannot express every such graph). An entity fetch of one place
sits in a `Flatten(path: …)` block: where in the response its entities are. One that serves
several places (merged fetches) holds a `Flatten(path: …)` block per place instead, with
`into:` naming the `_entities` call (by its alias) where that is not the first. Its
`representations` (or per-place) block says, per runtime type found there (types sending the
same share a block: `... on A, B`), the entity type sent as __typename and the fields sent
(key fields and @requires' fields), written `sent: read` where the value is read from another
response key; below a field of interface or union type, `... on T { … }` lists what an object
of type T sends beside its __typename. Each fetch shows the operation sent to its subgraph.
"""

from __future__ import annotations

from collections.abc import Mapping

from graphql import parse, print_ast

from .plan import Fetch, QueryPlan, RepField, Representation

_INDENT = "  "


def print_plan(plan: QueryPlan) -> str:
    """The plan as text, ending with a newline."""
    header = f"QueryPlan({plan.operation_kind}: {plan.root_type})"
    lines = [header + " {"]
    if plan.introspection:
        lines.append(_INDENT + "Introspection")
    for fetch in plan.fetches:
        lines.extend(_INDENT + line for line in _fetch(fetch))
    lines.append("}")
    return "\n".join(lines) + "\n"


def _fetch(fetch: Fetch) -> list[str]:
    attributes = [f'service: "{fetch.graph}"']
    if fetch.depends_on:
        attributes.append("after: " + ", ".join(f"#{d}" for d in sorted(fetch.depends_on)))
    lines = [f"Fetch #{fetch.id}(" + ", ".join(attributes) + ") {"]
    places = [(call, place) for call in fetch.calls for place in call.places]
    single = len(places) == 1
    for call, place in places:
        if single:
            lines.append(_INDENT + "representations {")
        else:
            into = "" if call.key == "_entities" else f', into: "{call.key}"'
            lines.append(_INDENT + f'Flatten(path: "{".".join(place.path)}"{into}) {{')
        for runtimes, representation in _shared(place.representations):
            lines.extend(_INDENT * 2 + line for line in _representation(runtimes, representation))
        lines.append(_INDENT + ("} =>" if single else "}"))
    if places and not single:
        lines.append(_INDENT + "=>")
    lines.extend(_INDENT + line for line in print_ast(parse(fetch.document)).splitlines())
    lines.append("}")
    if not single:
        return lines
    path = ".".join(places[0][1].path)
    return [f'Flatten(path: "{path}") {{', *(_INDENT + line for line in lines), "}"]


def _shared(
    representations: Mapping[str, Representation],
) -> list[tuple[list[str], Representation]]:
    """Runtime types that send the same representation (an @interfaceObject's implementations)
    in one block."""
    shared: list[tuple[list[str], Representation]] = []
    for runtime, representation in representations.items():
        same = next((names for names, other in shared if other == representation), None)
        if same is None:
            shared.append(([runtime], representation))
        else:
            same.append(runtime)
    return shared


def _representation(runtimes: list[str], representation: Representation) -> list[str]:
    head = "... on " + ", ".join(runtimes)
    if runtimes != [representation.typename]:
        head += f" as {representation.typename}"
    return [head + " {", *_rep_fields(representation.fields, 1), "}"]


def _rep_fields(fields: tuple[RepField, ...], depth: int) -> list[str]:
    lines: list[str] = []
    for rep in fields:
        text = rep.name if rep.data_key == rep.name else f"{rep.name}: {rep.data_key}"
        if rep.selection is None and rep.by_type is None:
            lines.append(_INDENT * depth + text)
            continue
        lines.append(_INDENT * depth + text + " {")
        lines.extend(_rep_fields(rep.selection or (), depth + 1))
        for type_name, fields in rep.by_type or ():
            lines.append(_INDENT * (depth + 1) + f"... on {type_name} {{")
            lines.extend(_rep_fields(fields, depth + 2))
            lines.append(_INDENT * (depth + 1) + "}")
        lines.append(_INDENT * depth + "}")
    return lines
