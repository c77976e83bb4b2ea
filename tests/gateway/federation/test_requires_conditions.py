"""@requires with type conditions: reading computes from fields of an interface (`items`,
`featured`) or union (`pin`) that depend on each object's type, one of them (Movie.minutes) from
a third subgraph (studio), and a field set whose condition is the requiring type itself. Each
object's representation carries its __typename and only the fields of its type."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.gateway.support.federation import (
    Federation,
    assert_response,
    federation,
    scenario_sdl,
)
from tests.gateway.support.gateway import differs_from_apollo
from tests.gateway.support.subgraph import Row, Subgraph, by_key

SCENARIO = "requires_conditions"
UNTYPED = (
    "sends the required interface and union values without their __typename (`{}` for a song):"
    " the requiring subgraph cannot tell their types"
)

DUNE: Row = {"__typename": "Book", "id": "b1", "title": "Dune", "pages": 300}
ALIEN: Row = {"__typename": "Movie", "id": "m1", "title": "Alien"}
HEAT: Row = {"__typename": "Movie", "id": "m2", "title": "Heat"}
AIR: Row = {"__typename": "Song", "id": "t1", "title": "Air", "seconds": 200}
PHOTO: Row = {"__typename": "Photo", "id": "p1", "width": 4, "height": 3}
NOTE: Row = {"__typename": "Note", "id": "n1", "words": 250}
SHELVES: list[Row] = [
    {
        "id": "s1",
        "name": "Classics",
        "items": [DUNE, ALIEN, AIR, None],
        "featured": DUNE,
        "pin": PHOTO,
    },
    {"id": "s2", "name": "Films", "items": [HEAT], "featured": None, "pin": NOTE},
    {"id": "s3", "name": "Bare", "items": [], "featured": ALIEN, "pin": None},
]
MINUTES: list[Row] = [{"id": "m1", "minutes": 120}, {"id": "m2", "minutes": 90}]


def _hours(shelf: Row, _info: object) -> float:
    hours = 0.0
    for item in shelf["items"]:
        if item is None:
            continue
        if item["__typename"] == "Book":
            hours += item["pages"] / 50
        elif item["__typename"] == "Movie":
            hours += item["minutes"] / 60
    return hours


def _blurb(shelf: Row, _info: object) -> str | None:
    featured = shelf["featured"]
    if featured is None:
        return None
    if featured["__typename"] == "Book":
        return f"{featured['title']}, {featured['pages']} pages"
    title: str = featured["title"]
    return title


def _pin_size(shelf: Row, _info: object) -> int | None:
    pin = shelf["pin"]
    if pin is None:
        return None
    if pin["__typename"] == "Photo":
        area: int = pin["width"] * pin["height"]
        return area
    words: int = pin["words"]
    return words


def subgraphs() -> list[Subgraph]:
    media = [DUNE, ALIEN, HEAT, AIR]
    return [
        Subgraph(
            "library",
            scenario_sdl(SCENARIO, "library"),
            resolvers={"Query": {"shelves": lambda _root, _info: SHELVES}},
            entities={
                "Shelf": by_key(SHELVES, "id"),
                "Book": by_key(media, "id"),
                "Movie": by_key(media, "id"),
                "Song": by_key(media, "id"),
                "Photo": by_key([PHOTO], "id"),
                "Note": by_key([NOTE], "id"),
            },
        ),
        Subgraph(
            "studio",
            scenario_sdl(SCENARIO, "studio"),
            resolvers={"Query": {"promoted": lambda _root, _info: {"id": "s1"}}},
            entities={"Movie": by_key(MINUTES, "id"), "Shelf": by_key(SHELVES, "id")},
        ),
        # No entity resolver for shelves: reading computes from the representations alone.
        Subgraph(
            "reading",
            scenario_sdl(SCENARIO, "reading"),
            resolvers={
                "Shelf": {
                    "sign": lambda shelf, _info: shelf["name"].upper(),
                    "hours": _hours,
                    "blurb": _blurb,
                    "pinSize": _pin_size,
                }
            },
        ),
    ]


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Federation]:
    with federation(SCENARIO, subgraphs(), tmp_path_factory.mktemp(SCENARIO)) as running:
        yield running


@pytest.fixture
def fed(running: Federation) -> Federation:
    running.reset()
    return running


@differs_from_apollo(UNTYPED)
def test_a_list_of_mixed_types_sends_each_item_the_fields_of_its_type(fed: Federation) -> None:
    response = fed.query("{ shelves { name hours } }")

    assert_response(
        response,
        {
            "data": {
                "shelves": [
                    {"name": "Classics", "hours": 8.0},
                    {"name": "Films", "hours": 1.5},
                    {"name": "Bare", "hours": 0.0},
                ]
            }
        },
    )
    assert fed.fetch_counts() == {"library": 1, "studio": 1, "reading": 1}
    assert fed.fetches("studio")[0].representations == [
        {"__typename": "Movie", "id": "m1"},
        {"__typename": "Movie", "id": "m2"},
    ]
    # A song matches neither condition: its __typename alone; a null item stays null.
    assert fed.fetches("reading")[0].representations == [
        {
            "__typename": "Shelf",
            "id": "s1",
            "items": [
                {"__typename": "Book", "pages": 300},
                {"__typename": "Movie", "minutes": 120},
                {"__typename": "Song"},
                None,
            ],
        },
        {"__typename": "Shelf", "id": "s2", "items": [{"__typename": "Movie", "minutes": 90}]},
        {"__typename": "Shelf", "id": "s3", "items": []},
    ]


@differs_from_apollo(UNTYPED)
def test_an_interface_field_beside_a_condition_and_a_null_value(fed: Federation) -> None:
    response = fed.query("{ shelves { blurb } }")

    assert_response(
        response,
        {
            "data": {
                "shelves": [
                    {"blurb": "Dune, 300 pages"},
                    {"blurb": None},
                    {"blurb": "Alien"},
                ]
            }
        },
    )
    assert fed.fetch_counts() == {"library": 1, "studio": 0, "reading": 1}
    assert fed.fetches("reading")[0].representations == [
        {
            "__typename": "Shelf",
            "id": "s1",
            "featured": {"__typename": "Book", "title": "Dune", "pages": 300},
        },
        {"__typename": "Shelf", "id": "s2", "featured": None},
        {"__typename": "Shelf", "id": "s3", "featured": {"__typename": "Movie", "title": "Alien"}},
    ]


@differs_from_apollo(UNTYPED)
def test_a_union_sends_each_member_its_own_fields(fed: Federation) -> None:
    response = fed.query("{ shelves { name pinSize } }")

    assert_response(
        response,
        {
            "data": {
                "shelves": [
                    {"name": "Classics", "pinSize": 12},
                    {"name": "Films", "pinSize": 250},
                    {"name": "Bare", "pinSize": None},
                ]
            }
        },
    )
    assert fed.fetch_counts() == {"library": 1, "studio": 0, "reading": 1}
    assert fed.fetches("reading")[0].representations == [
        {
            "__typename": "Shelf",
            "id": "s1",
            "pin": {"__typename": "Photo", "width": 4, "height": 3},
        },
        {"__typename": "Shelf", "id": "s2", "pin": {"__typename": "Note", "words": 250}},
        {"__typename": "Shelf", "id": "s3", "pin": None},
    ]


def test_a_condition_on_the_requiring_type_itself(fed: Federation) -> None:
    response = fed.query("{ shelves { sign } }")

    assert_response(
        response,
        {"data": {"shelves": [{"sign": "CLASSICS"}, {"sign": "FILMS"}, {"sign": "BARE"}]}},
    )
    assert fed.fetch_counts() == {"library": 1, "studio": 0, "reading": 1}
    assert fed.fetches("reading")[0].representations == [
        {"__typename": "Shelf", "id": "s1", "name": "Classics"},
        {"__typename": "Shelf", "id": "s2", "name": "Films"},
        {"__typename": "Shelf", "id": "s3", "name": "Bare"},
    ]


@differs_from_apollo(UNTYPED)
def test_conditioned_values_gathered_from_other_subgraphs(fed: Federation) -> None:
    # studio only knows the shelf's id: library gives the items, studio the movies' minutes.
    response = fed.query("{ promoted { hours blurb pinSize } }")

    assert_response(
        response,
        {"data": {"promoted": {"hours": 8.0, "blurb": "Dune, 300 pages", "pinSize": 12}}},
    )
    # reading twice: hours waits for studio's minutes, the others need not.
    assert fed.fetch_counts() == {"library": 1, "studio": 2, "reading": 2}
    sent = [rep for fetch in fed.fetches("reading") for rep in fetch.representations]
    assert _merged(sent) == {
        "__typename": "Shelf",
        "id": "s1",
        "items": [
            {"__typename": "Book", "pages": 300},
            {"__typename": "Movie", "minutes": 120},
            {"__typename": "Song"},
            None,
        ],
        "featured": {"__typename": "Book", "title": "Dune", "pages": 300},
        "pin": {"__typename": "Photo", "width": 4, "height": 3},
    }


@differs_from_apollo(UNTYPED)
def test_conditioned_requirements_beside_the_clients_own_selection(fed: Federation) -> None:
    response = fed.query(
        "{ shelves { hours items { __typename title ... on Book { pages } ... on Song { seconds } }"
        " featured { ... on Movie { title } } } }"
    )

    assert_response(
        response,
        {
            "data": {
                "shelves": [
                    {
                        "hours": 8.0,
                        "items": [
                            {"__typename": "Book", "title": "Dune", "pages": 300},
                            {"__typename": "Movie", "title": "Alien"},
                            {"__typename": "Song", "title": "Air", "seconds": 200},
                            None,
                        ],
                        "featured": {},
                    },
                    {
                        "hours": 1.5,
                        "items": [{"__typename": "Movie", "title": "Heat"}],
                        "featured": None,
                    },
                    {"hours": 0.0, "items": [], "featured": {"title": "Alien"}},
                ]
            }
        },
    )
    assert fed.fetch_counts() == {"library": 1, "studio": 1, "reading": 1}
    # The client's fields stay out of the representation.
    assert fed.fetches("reading")[0].representations[1] == {
        "__typename": "Shelf",
        "id": "s2",
        "items": [{"__typename": "Movie", "minutes": 90}],
    }


@differs_from_apollo("sends the client's `pages: title` (a string) as the book's required pages")
def test_a_client_alias_taking_the_required_fields_name_leaves_the_requirement_its_value(
    fed: Federation,
) -> None:
    response = fed.query("{ shelves { items { ... on Book { pages: title } } hours } }")

    assert_response(
        response,
        {
            "data": {
                "shelves": [
                    {"items": [{"pages": "Dune"}, {}, {}, None], "hours": 8.0},
                    {"items": [{}], "hours": 1.5},
                    {"items": [], "hours": 0.0},
                ]
            }
        },
    )
    assert fed.fetches("reading")[0].representations[0]["items"][0] == {
        "__typename": "Book",
        "pages": 300,
    }


@differs_from_apollo("sends the client's `pages: title` (a string) as the book's required pages")
def test_the_requirement_planned_before_the_clients_alias_too(fed: Federation) -> None:
    response = fed.query("{ shelves { hours items { ... on Book { pages: title } } } }")

    assert_response(
        response,
        {
            "data": {
                "shelves": [
                    {"hours": 8.0, "items": [{"pages": "Dune"}, {}, {}, None]},
                    {"hours": 1.5, "items": [{}]},
                    {"hours": 0.0, "items": []},
                ]
            }
        },
    )


def _merged(representations: list[Row]) -> Row:
    """One entity's representations, sent in one or several fetches, as one."""
    merged: Row = {}
    for representation in representations:
        merged.update(representation)
    return merged
