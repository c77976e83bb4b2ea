"""@requires whose values take more than one fetch to gather: two fields requiring the same field
with different arguments (one representation each), and required fields nested below an entity
that one subgraph (authors) gives and others (people, and through people the requiring reviews
subgraph itself) complete: the requiring fetch waits for all of them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.gateway.support.federation import (
    Federation,
    assert_response,
    federation,
    scenario_sdl,
)
from tests.gateway.support.gateway import differs_from_apollo
from tests.gateway.support.subgraph import Representation, Row, Subgraph, by_key

ONE_VALUE_FOR_BOTH = "sends one of the two required values (one argument set) in both fetches"

PRODUCTS: list[Row] = [
    {"upc": "1", "name": "Table", "prices": {"USD": 100, "EUR": 90}},
    {"upc": "2", "name": "Chair", "prices": {"USD": 30, "EUR": 27}},
]
TAXES: list[Row] = [
    {"upc": "1", "taxes": {"USD": 8, "EUR": 20}},
    {"upc": "2", "taxes": {"USD": 2, "EUR": 6}},
]
POSTS: list[Row] = [{"id": "p1", "title": "Hello"}, {"id": "p2", "title": "Again"}]
AUTHORSHIP: list[Row] = [
    {"id": "p1", "author": {"id": "u1"}, "comments": [{"id": "c1"}, {"id": "c2"}]},
    {"id": "p2", "author": {"id": "u2"}, "comments": []},
]
COMMENTS: list[Row] = [{"id": "c1", "authorId": "u2"}, {"id": "c2", "authorId": "u1"}]
PEOPLE: list[Row] = [
    {"id": "u1", "name": "Ada", "yearsOfExperience": 12},
    {"id": "u2", "name": "Bo", "yearsOfExperience": 3},
]
KARMA: list[Row] = [{"id": "u1", "karma": 500}, {"id": "u2", "karma": 20}]


def _price(product: Row, _info: object, currency: str) -> int:
    price: int = product["prices"][currency]
    return price


def _tax(product: Row, _info: object, currency: str) -> int:
    tax: int = product["taxes"][currency]
    return tax


def _rank(user: Row, _info: object) -> str:
    return "gold" if user["karma"] >= 100 else "bronze"


def _byline(post: Row, _info: object) -> str:
    author: Row = post["author"]
    return f"{author['name']}, {author['yearsOfExperience']} years"


def argument_subgraphs() -> list[Subgraph]:
    return [
        Subgraph(
            "products",
            scenario_sdl("requires_arguments", "products"),
            resolvers={
                "Query": {"products": lambda _root, _info: PRODUCTS},
                "Product": {"price": _price},
            },
            entities={"Product": by_key(PRODUCTS, "upc")},
        ),
        Subgraph(
            "pricing",
            scenario_sdl("requires_arguments", "pricing"),
            resolvers={"Product": {"tax": _tax}},
            entities={"Product": by_key(TAXES, "upc")},
        ),
        # No entity resolver: shipping computes everything from the representation.
        Subgraph(
            "shipping",
            scenario_sdl("requires_arguments", "shipping"),
            resolvers={
                "Product": {
                    "insuranceUSD": lambda product, _info: product["price"] // 10,
                    "insuranceEUR": lambda product, _info: product["price"] // 5,
                    "dutyUSD": lambda product, _info: product["tax"] + 1,
                    "dutyEUR": lambda product, _info: product["tax"] + 2,
                }
            },
        ),
    ]


def across_subgraphs() -> list[Subgraph]:
    return [
        Subgraph(
            "posts",
            scenario_sdl("requires_across", "posts"),
            resolvers={"Query": {"posts": lambda _root, _info: POSTS}},
            entities={"Post": by_key(POSTS, "id")},
        ),
        Subgraph(
            "authors",
            scenario_sdl("requires_across", "authors"),
            entities={"Post": by_key(AUTHORSHIP, "id")},
        ),
        Subgraph(
            "people",
            scenario_sdl("requires_across", "people"),
            resolvers={"User": {"rank": _rank}},
            entities={"User": by_key(PEOPLE, "id"), "Comment": by_key(COMMENTS, "id")},
        ),
        # Posts come from their representations only; users by key, for their karma.
        Subgraph(
            "reviews",
            scenario_sdl("requires_across", "reviews"),
            resolvers={
                "Post": {
                    "byline": _byline,
                    "badge": lambda post, _info: f"{post['author']['rank']} author",
                    "commenters": lambda post, _info: [c["authorId"] for c in post["comments"]],
                }
            },
            entities={"User": by_key(KARMA, "id")},
        ),
    ]


@pytest.fixture(scope="module")
def arguments_running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Federation]:
    with federation(
        "requires_arguments", argument_subgraphs(), tmp_path_factory.mktemp("requires_arguments")
    ) as running:
        yield running


@pytest.fixture(scope="module")
def across_running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Federation]:
    with federation(
        "requires_across", across_subgraphs(), tmp_path_factory.mktemp("requires_across")
    ) as running:
        yield running


@pytest.fixture
def arguments(arguments_running: Federation) -> Federation:
    arguments_running.reset()
    return arguments_running


@pytest.fixture
def across(across_running: Federation) -> Federation:
    across_running.reset()
    return across_running


@differs_from_apollo(ONE_VALUE_FOR_BOTH)
def test_two_requirements_of_one_field_with_other_arguments_get_a_representation_each(
    arguments: Federation,
) -> None:
    response = arguments.query("{ products { name insuranceUSD insuranceEUR } }")

    assert_response(
        response,
        {
            "data": {
                "products": [
                    {"name": "Table", "insuranceUSD": 10, "insuranceEUR": 18},
                    {"name": "Chair", "insuranceUSD": 3, "insuranceEUR": 5},
                ]
            }
        },
    )
    counts = arguments.fetch_counts()
    assert (counts["products"], counts["pricing"]) == (1, 0)
    sent = sorted(arguments.entity_calls("shipping"), key=lambda reps: reps[0]["price"])
    assert sent == [
        [
            {"__typename": "Product", "upc": "1", "price": 90},
            {"__typename": "Product", "upc": "2", "price": 27},
        ],
        [
            {"__typename": "Product", "upc": "1", "price": 100},
            {"__typename": "Product", "upc": "2", "price": 30},
        ],
    ]


@differs_from_apollo(ONE_VALUE_FOR_BOTH)
def test_the_client_selecting_the_required_field_does_not_change_either_requirement(
    arguments: Federation,
) -> None:
    response = arguments.query(
        '{ products { insuranceEUR price(currency: "USD") insuranceUSD'
        ' euros: price(currency: "EUR") } }'
    )

    assert_response(
        response,
        {
            "data": {
                "products": [
                    {"insuranceEUR": 18, "price": 100, "insuranceUSD": 10, "euros": 90},
                    {"insuranceEUR": 5, "price": 30, "insuranceUSD": 3, "euros": 27},
                ]
            }
        },
    )
    # Both requirements in one request, an `_entities` call each.
    assert arguments.fetch_counts() == {"products": 1, "pricing": 0, "shipping": 1}
    assert len(arguments.entity_calls("shipping")) == 2


@differs_from_apollo(ONE_VALUE_FOR_BOTH)
def test_requirements_of_one_field_of_another_subgraph_with_other_arguments_are_fetched_apart(
    arguments: Federation,
) -> None:
    response = arguments.query("{ products { dutyUSD dutyEUR } }")

    assert_response(
        response,
        {"data": {"products": [{"dutyUSD": 9, "dutyEUR": 22}, {"dutyUSD": 3, "dutyEUR": 8}]}},
    )
    assert arguments.fetch_counts() == {"products": 1, "pricing": 1, "shipping": 1}
    sent = sorted(arguments.entity_calls("shipping"), key=lambda reps: reps[0]["tax"])
    assert sent == [
        [
            {"__typename": "Product", "upc": "1", "tax": 8},
            {"__typename": "Product", "upc": "2", "tax": 2},
        ],
        [
            {"__typename": "Product", "upc": "1", "tax": 20},
            {"__typename": "Product", "upc": "2", "tax": 6},
        ],
    ]


def test_a_requirement_nested_below_an_entity_of_a_third_subgraph_waits_for_it(
    across: Federation,
) -> None:
    response = across.query("{ posts { title byline } }")

    assert_response(
        response,
        {
            "data": {
                "posts": [
                    {"title": "Hello", "byline": "Ada, 12 years"},
                    {"title": "Again", "byline": "Bo, 3 years"},
                ]
            }
        },
    )
    assert across.fetch_counts() == {"posts": 1, "authors": 1, "people": 1, "reviews": 1}
    assert _plain(across.fetches("reviews")[0].representations) == [
        {
            "__typename": "Post",
            "id": "p1",
            "author": {"name": "Ada", "yearsOfExperience": 12},
        },
        {
            "__typename": "Post",
            "id": "p2",
            "author": {"name": "Bo", "yearsOfExperience": 3},
        },
    ]


def test_a_requirement_that_depends_back_on_the_requiring_subgraph_is_gathered_in_order(
    across: Federation,
) -> None:
    response = across.query("{ posts { badge author { name } } }")

    assert_response(
        response,
        {
            "data": {
                "posts": [
                    {"badge": "gold author", "author": {"name": "Ada"}},
                    {"badge": "bronze author", "author": {"name": "Bo"}},
                ]
            }
        },
    )
    # authors → reviews (karma) → people (rank) → reviews (badge); the client's name is fetched
    # apart, as soon as the authors are there.
    assert across.fetch_counts() == {"posts": 1, "authors": 1, "people": 2, "reviews": 2}
    karma, badge = across.fetches("reviews")
    assert karma.representations == [
        {"__typename": "User", "id": "u1"},
        {"__typename": "User", "id": "u2"},
    ]
    assert _plain(badge.representations) == [
        {"__typename": "Post", "id": "p1", "author": {"rank": "gold"}},
        {"__typename": "Post", "id": "p2", "author": {"rank": "bronze"}},
    ]


def test_a_requirement_below_a_list_of_entities_waits_for_their_fields(
    across: Federation,
) -> None:
    response = across.query("{ posts { title commenters } }")

    assert_response(
        response,
        {
            "data": {
                "posts": [
                    {"title": "Hello", "commenters": ["u2", "u1"]},
                    {"title": "Again", "commenters": []},
                ]
            }
        },
    )
    assert across.fetch_counts() == {"posts": 1, "authors": 1, "people": 1, "reviews": 1}
    assert _plain(across.fetches("reviews")[0].representations) == [
        {"__typename": "Post", "id": "p1", "comments": [{"authorId": "u2"}, {"authorId": "u1"}]},
        {"__typename": "Post", "id": "p2", "comments": []},
    ]


def test_both_nested_requirements_together(across: Federation) -> None:
    response = across.query("{ posts { id byline badge } }")

    assert_response(
        response,
        {
            "data": {
                "posts": [
                    {"id": "p1", "byline": "Ada, 12 years", "badge": "gold author"},
                    {"id": "p2", "byline": "Bo, 3 years", "badge": "bronze author"},
                ]
            }
        },
    )
    # authors → people (name, experience) → reviews (byline);
    # authors → reviews (karma) → people (rank) → reviews (badge).
    assert across.fetch_counts() == {"posts": 1, "authors": 1, "people": 2, "reviews": 3}


ALIAS_SENT = "sends the client's `yearsOfExperience: name` as the required experience"


@differs_from_apollo(ALIAS_SENT)
def test_a_client_alias_taking_a_nested_required_fields_name_leaves_the_requirement_its_value(
    across: Federation,
) -> None:
    response = across.query("{ posts { byline author { yearsOfExperience: name } } }")

    assert_response(
        response,
        {
            "data": {
                "posts": [
                    {"byline": "Ada, 12 years", "author": {"yearsOfExperience": "Ada"}},
                    {"byline": "Bo, 3 years", "author": {"yearsOfExperience": "Bo"}},
                ]
            }
        },
    )


@differs_from_apollo(ALIAS_SENT)
def test_the_client_alias_planned_before_the_requirement_too(across: Federation) -> None:
    response = across.query("{ posts { author { yearsOfExperience: name } byline } }")

    assert_response(
        response,
        {
            "data": {
                "posts": [
                    {"author": {"yearsOfExperience": "Ada"}, "byline": "Ada, 12 years"},
                    {"author": {"yearsOfExperience": "Bo"}, "byline": "Bo, 3 years"},
                ]
            }
        },
    )


def _plain(representations: list[Representation]) -> list[Representation]:
    """Representations without the __typename of nested objects, which the spec leaves to the
    gateway (ours sends it, Apollo Gateway does not)."""
    return [
        {key: _untyped(value) if key != "__typename" else value for key, value in rep.items()}
        for rep in representations
    ]


def _untyped(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _untyped(inner) for key, inner in value.items() if key != "__typename"}
    if isinstance(value, list):
        return [_untyped(inner) for inner in value]
    return value
