"""Fragments a subgraph cannot accept are left out of its operation at every depth: below a
field, inside another fragment, at the top of an `_entities` selection. Each operation is
validated against the subgraph's own executable schema: the pruned one is accepted, the
unpruned one was refused."""

from __future__ import annotations

from graphql import parse, validate

from gateway.planner.pruning import drop_impossible_fragments
from gateway.planner.selections import SubgraphSelection
from gateway.supergraph import Supergraph, load_supergraph
from tests.gateway.support.federation import SCENARIOS, scenario_sdl
from tests.gateway.support.subgraph import build_subgraph_schema

MEMBERS = "members_by_subgraph"


def _supergraph(scenario: str) -> Supergraph:
    return load_supergraph((SCENARIOS / scenario / "supergraph.graphql").read_text())


def _refusals(
    scenario: str, graph: str, selection: SubgraphSelection, *, entities: bool
) -> list[str]:
    schema = build_subgraph_schema(scenario_sdl(scenario, graph))
    text = selection.text()
    if entities:
        text = (
            "query($representations: [_Any!]!) {_entities(representations: $representations)"
            + text
            + "}"
        )
    return [error.message for error in validate(schema, parse(text))]


def _pruned(
    scenario: str, graph: str, selection: SubgraphSelection, *, entities: bool = False
) -> str:
    assert _refusals(scenario, graph, selection, entities=entities)
    drop_impossible_fragments(selection, graph, _supergraph(scenario), entities=entities)
    assert _refusals(scenario, graph, selection, entities=entities) == []
    return selection.text()


def _below(selection: SubgraphSelection, name: str, type_text: str) -> SubgraphSelection:
    """The selection below a new composite field `name` of type `type_text`."""
    added = selection.add_field(name, name, "", True, type_text)
    assert added is not None
    assert added.selection is not None
    return added.selection


def _deals() -> tuple[SubgraphSelection, SubgraphSelection]:
    """A root selection of store's `deals` (an Item there) and the selection below it."""
    root = SubgraphSelection()
    return root, _below(root, "deals", "[Item!]!")


def test_below_a_field_fragments_on_other_subgraphs_members_are_dropped() -> None:
    root, below = _deals()
    below.add_typename()
    for condition, leaf in (("Book", "id"), ("Lamp", "watts"), ("Pen", "id")):
        below.fragment(condition).add_field(leaf, leaf, "", False, "Int!")

    assert _pruned(MEMBERS, "store", root) == "{deals{__typename ... on Lamp{watts}}}"


def test_inside_a_fragment_the_enclosing_type_condition_still_applies() -> None:
    root, below = _deals()
    item = below.fragment("Item")
    item.add_field("id", "id", "", False, "ID!")
    item.fragment("Book").add_field("id", "id", "", False, "ID!")
    item.fragment("Lamp").add_field("watts", "watts", "", False, "Int!")

    assert _pruned(MEMBERS, "store", root) == "{deals{... on Item{id ... on Lamp{watts}}}}"


def test_a_field_inside_a_fragment_is_pruned_by_its_own_type() -> None:
    root = SubgraphSelection()
    found = _below(root, "found", "[Found!]!")
    book = found.fragment("Book")
    book.add_field("title", "title", "", False, "String!")
    book.fragment("Lamp").add_field("watts", "watts", "", False, "Int!")
    found.fragment("Lamp").add_field("watts", "watts", "", False, "Int!")

    assert _pruned(MEMBERS, "shelf", root) == "{found{... on Book{title}}}"


def test_at_the_top_of_entities_only_the_subgraphs_entity_types_stay() -> None:
    entities = SubgraphSelection()
    entities.fragment("Book").add_field("price", "price", "", False, "Int!")
    entities.fragment("Pen").add_field("color", "color", "", False, "String!")
    entities.fragment("Item").fragment("Lamp").add_field("watts", "watts", "", False, "Int!")

    assert (
        _pruned(MEMBERS, "store", entities, entities=True)
        == "{... on Book{price} ... on Item{... on Lamp{watts}}}"
    )


def test_an_interface_object_stays_at_the_top_of_entities() -> None:
    # An @interfaceObject is an object type, and an entity, in its subgraph.
    entities = SubgraphSelection()
    entities.fragment("Media").add_field("rating", "rating", "", False, "Int!")
    entities.fragment("Book").add_field("rating", "rating", "", False, "Int!")

    assert (
        _pruned("interface_object", "reviews", entities, entities=True) == "{... on Media{rating}}"
    )


def test_an_entity_interface_stays_at_the_top_of_entities() -> None:
    # Spread in `_Entity` through its implementations; Podcast is no type of this subgraph.
    entities = SubgraphSelection()
    media = entities.fragment("Media")
    media.add_typename()
    media.fragment("Book").add_field("author", "author", "", False, "String!")
    entities.fragment("Podcast").add_field("id", "id", "", False, "ID!")

    assert (
        _pruned("interface_object", "catalog", entities, entities=True)
        == "{... on Media{__typename ... on Book{author}}}"
    )
