"""The part of satisfiability we check: a field of an object type must be resolvable wherever
a subgraph returns that type. @apollo/composition 2.14.4 agrees on both cases below: it
rejects the first with SATISFIABILITY_ERROR (its message spells out the unsatisfiable query
instead) and composes the second."""

from __future__ import annotations

from gateway.composition import SubgraphSource, compose

LINK = (
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", '
    'import: ["@key", "@shareable"])\n'
)
TRAINING = (
    LINK
    + """
type Query { workshops: [Workshop!]! }
type Workshop @key(fields: "id") { id: ID! costLines: [WorkshopCostLine!]! }
type WorkshopCostLine @shareable { category: String! amount: Int! description: String! }
"""
)
FINANCE = (
    LINK
    + """
type Query { costs: WorkshopCosts }
type WorkshopCosts { lines: [WorkshopCostLine!]! }
type WorkshopCostLine @shareable { category: String! amount: Int! }
"""
)


def _compose(training: str, finance: str) -> tuple[str | None, list[tuple[str, str]]]:
    result = compose(
        [
            SubgraphSource("training", "http://training.test/graphql", training),
            SubgraphSource("finance", "http://finance.test/graphql", finance),
        ]
    )
    return result.supergraph_sdl, [(e.code, e.message) for e in result.errors]


def test_a_value_type_field_one_returning_subgraph_lacks_is_refused() -> None:
    supergraph, errors = _compose(TRAINING, FINANCE)

    assert supergraph is None
    assert errors == [
        (
            "SATISFIABILITY_ERROR",
            'Field "WorkshopCostLine.description" cannot be resolved where subgraph "finance" '
            'returns a "WorkshopCostLine": "finance" does not resolve it and no subgraph that '
            'does can be reached from "finance" through a @key of "WorkshopCostLine".',
        )
    ]


def test_the_same_field_on_an_entity_is_reached_through_its_key() -> None:
    keyed = TRAINING.replace(
        "type WorkshopCostLine @shareable {",
        'type WorkshopCostLine @key(fields: "category") @shareable {',
    )
    finance = FINANCE.replace(
        "type WorkshopCostLine @shareable {",
        'type WorkshopCostLine @key(fields: "category", resolvable: false) @shareable {',
    )

    supergraph, errors = _compose(keyed, finance)

    assert errors == []
    assert supergraph is not None
    assert "description: String! @join__field(graph: TRAINING)" in supergraph
