"""Composition never yields a supergraph whose API schema is invalid: Apollo's
DEFAULT_VALUE_USES_INACCESSIBLE is matched in the reference corpus (cases/err_default_uses_*);
an @inaccessible rule of Apollo's that compose() does not check is still refused, not served."""

from __future__ import annotations

from gateway.composition import CompositionError, SubgraphSource, compose

LINK = (
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", '
    'import: ["@key", "@inaccessible"])\n'
)


def test_an_inaccessible_implementation_of_a_visible_interface_field_is_refused() -> None:
    # Apollo: IMPLEMENTED_BY_INACCESSIBLE, Field "Thing.name" is @inaccessible but implements
    # the interface field "Node.name", which is in the API schema.
    sdl = LINK + (
        "interface Node { id: ID! name: String }\n"
        'type Thing implements Node @key(fields: "id") { id: ID! name: String @inaccessible }\n'
        "type Query { node: Node thing: Thing }\n"
    )

    result = compose([SubgraphSource("a", "http://a.example/graphql", sdl)])

    assert result.supergraph_sdl is None
    assert result.errors == (
        CompositionError(
            "INVALID_GRAPHQL",
            "the supergraph cannot be served: the API schema is invalid: Interface field "
            "Node.name expected but Thing does not provide it.",
        ),
    )


def test_an_inaccessible_enum_value_in_a_hidden_fields_default_is_accepted() -> None:
    sdl = LINK + (
        "enum Kind { PUBLIC SECRET @inaccessible }\n"
        "type Query { shown(kind: Kind = PUBLIC): Int "
        "hidden(kind: Kind = SECRET): Int @inaccessible }\n"
    )

    result = compose([SubgraphSource("a", "http://a.example/graphql", sdl)])

    assert result.errors == ()
    assert result.supergraph_sdl is not None
    assert "hidden(kind: Kind = SECRET): Int @inaccessible" in result.supergraph_sdl
