"""The cost spec's @cost and @listSize (IBM's, as Apollo's demand control reads them) in a
supergraph weigh and size the gateway's cost estimate; clients never see them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from graphql import OperationDefinitionNode, parse, print_schema

from gateway.composition import SubgraphSource, compose
from gateway.server.limits import Limits, measure
from gateway.server.sources import StaticSupergraph
from gateway.supergraph import load_supergraph
from tests.gateway.support.subgraph import Subgraph

from .conftest import errors, gateway, settings

SCENARIO = Path(__file__).parent / "cost_scenario"
COMPOSED = Path(__file__).parents[1] / "composition" / "cases" / "cost_directives"
# Weighed and sized in cost_scenario/supergraph.graphql (the server tests' `things`):
#   thing(id: ID! @cost(weight: 7)): Thing
#   things(first: Int): [Thing!]! @listSize(assumedSize: 30, slicingArguments: ["first"], …)
#   type Thing @cost(weight: 3) {
#     name: String! @cost(weight: 5)
#     parts(limit: Int): [Thing!]! @listSize(assumedSize: 2) @cost(weight: 4) }
THINGS = (SCENARIO / "supergraph.graphql").read_text()
# cost_scenario/connections.graphql links the spec `as: "price"` and imports @listSize as @sized:
#   items(first: Int, last: Int): ItemConnection!
#       @sized(slicingArguments: ["first", "last"], sizedFields: ["edges"], …)
#   ItemConnection { edges: [ItemEdge!]! tags: [String!]! }
#   tags: [String!]! @price(weight: 2)
CONNECTIONS = (SCENARIO / "connections.graphql").read_text()
UNLIMITED = Limits(
    max_depth=100,
    max_aliases=100,
    max_root_fields=100,
    max_cost=1_000_000,
    default_list_size=10,
    introspection=True,
)


def cost(supergraph: str, query: str, variables: dict[str, Any] | None = None) -> int:
    schema = load_supergraph(supergraph).api_schema
    document = parse(query)
    (operation,) = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    return measure(schema, document, operation, variables or {}, UNLIMITED).cost


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # things: assumedSize 30 (no `first`) x (Thing's weight 3 + id 1)
        ("{ things { id } }", 120),
        # the slicing argument sizes it: 4 x (3 + name's weight 5)
        ("{ things(first: 4) { name } }", 32),
        # parts: assumedSize 2 (`limit` slices nothing here) x (its own weight 4 + id 1)
        ("{ things(first: 2) { parts(limit: 9) { id } } }", 2 * (3 + 2 * (4 + 1))),
        # the given argument's weight 7 adds to Thing's 3, + id 1
        ('{ thing(id: "1") { id } }', 11),
    ],
)
def test_cost_and_list_size_weigh_and_size_fields(query: str, expected: int) -> None:
    assert cost(THINGS, query) == expected


@pytest.mark.parametrize(
    ("query", "variables", "expected"),
    [
        # the largest slicing argument (8) sizes the sized field `edges` only: items 1 +
        # edges 8 x (1 + node 1 x (1 + id 1)) + tags at the default size 10
        ("{ items(first: 5, last: 8) { edges { node { id } } tags } }", {}, 1 + 8 * 3 + 10),
        ("query($n: Int) { items(first: $n) { edges { node { id } } } }", {"n": 3}, 1 + 3 * 3),
        # nothing slices it: the default list size for `edges`
        ("{ items { edges { node { id } } } }", {}, 1 + 10 * 3),
        # the spec's own @cost, renamed with the link, weighs each item
        ("{ tags }", {}, 10 * 2),
    ],
)
def test_sized_fields_and_imported_names(
    query: str, variables: dict[str, Any], expected: int
) -> None:
    assert cost(CONNECTIONS, query, variables) == expected


def test_directives_composed_from_subgraphs_weigh_and_size() -> None:
    """Our composition carries them from the subgraphs' SDL (merged as Apollo merges them:
    that case's supergraph.graphql is Apollo's, and ours matches it)."""
    sources = [
        SubgraphSource(path.stem, f"http://{path.stem}.example/graphql", path.read_text())
        for path in sorted(COMPOSED.glob("*.graphql"))
        if path.name != "supergraph.graphql"
    ]
    supergraph = compose(sources).supergraph_sdl
    assert supergraph is not None
    # products: sliced by the largest of first/last, sizing `edges`: 1 + 3 x (1 + node
    # (Product's weight 2 + reviews: assumedSize 50 x weight 5))
    query = "{ products(first: 3) { edges { node { reviews } } } }"
    assert cost(supergraph, query) == 1 + 3 * (1 + 2 + 50 * 5)
    # both subgraphs' slicing arguments: `last` slices too (from `products` only)
    assert cost(supergraph, "{ products(last: 2) { edges { node { id } } } }") == 1 + 2 * 4


def test_the_api_schema_shows_no_cost_directives() -> None:
    for supergraph in (THINGS, CONNECTIONS):
        printed = print_schema(load_supergraph(supergraph).api_schema)
        assert "@cost" not in printed
        assert "listSize" not in printed
        assert "@sized" not in printed
        assert "@price" not in printed


def test_the_gateway_refuses_and_serves_by_the_directives(
    things: Subgraph, things_url: str
) -> None:
    sdl = THINGS.replace("http://things.test/graphql", things_url)
    query = "{ things { id } }"
    with gateway(StaticSupergraph(sdl), settings(max_cost=119)) as http:
        refused = http.post("/graphql", json={"query": query})
    assert things.received == []
    assert errors(refused) == [
        {
            "message": "The operation has an estimated cost of 120; the limit is 119.",
            "extensions": {"code": "COST_ESTIMATED_TOO_EXPENSIVE", "measured": 120, "limit": 119},
        }
    ]
    with gateway(StaticSupergraph(sdl), settings(max_cost=120)) as http:
        served = http.post("/graphql", json={"query": "{ things(first: 2) { id } }"})
    assert served.json() == {"data": {"things": [{"id": "0"}, {"id": "1"}]}}
