"""Value types (objects without @key) whose fields are spread over subgraphs: catalog gives a
product's category, variants and media, merchandising adds a banner, a description, stock and
alt texts to the same values. A field only merchandising resolves is fetched through the
nearest parent it can be asked about (the product, by its key) and merged into the same
objects; where no parent lets the gateway in, the operation fails before any fetch."""

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

SCENARIO = "value_types"
UNPLANNABLE = "value_types_unplannable"

CATALOG: list[Row] = [
    {
        "id": "1",
        "name": "Table",
        "category": {"name": "Furniture", "details": {"slug": "furniture"}},
        "variants": [{"sku": "T-1", "color": "oak"}, {"sku": "T-2", "color": "walnut"}],
        "media": [
            {"__typename": "Image", "url": "t.jpg", "width": 800},
            {"__typename": "Video", "url": "t.mp4", "seconds": 30},
        ],
    },
    {
        "id": "2",
        "name": "Lamp",
        "category": {"name": "Lighting", "details": {"slug": "lighting"}},
        "variants": [{"sku": "L-1", "color": "brass"}],
        "media": [],
    },
]
MERCHANDISING: list[Row] = [
    {
        "id": "1",
        "category": {
            "name": "Furniture",
            "banner": "Tables on sale",
            "details": {"slug": "furniture", "description": "Things to sit at"},
        },
        "variants": [{"sku": "T-1", "inStock": True}, {"sku": "T-2", "inStock": False}],
        "media": [
            {"__typename": "Image", "url": "t.jpg", "altText": "An oak table"},
            {"__typename": "Video", "url": "t.mp4"},
        ],
    },
    {
        "id": "2",
        "category": {
            "name": "Lighting",
            "banner": "Bright ideas",
            "details": {"slug": "lighting", "description": "Lamps and bulbs"},
        },
        "variants": [{"sku": "L-1", "inStock": True}],
        "media": [],
    },
]
REVIEWS: list[Row] = [{"body": "Sturdy", "product": {"id": "1"}}]


def _product(_root: object, _info: object, id: str) -> Row | None:
    return next((row for row in CATALOG if row["id"] == id), None)


def subgraphs(scenario: str) -> list[Subgraph]:
    return [
        Subgraph(
            "catalog",
            scenario_sdl(scenario, "catalog"),
            resolvers={"Query": {"products": lambda _root, _info: CATALOG, "product": _product}},
            entities={"Product": by_key(CATALOG, "id")},
        ),
        Subgraph(
            "merchandising",
            scenario_sdl(scenario, "merchandising"),
            entities={"Product": by_key(MERCHANDISING, "id")},
        ),
        Subgraph(
            "reviews",
            scenario_sdl(scenario, "reviews"),
            resolvers={"Query": {"topReviews": lambda _root, _info: REVIEWS}},
        ),
    ]


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Federation]:
    with federation(SCENARIO, subgraphs(SCENARIO), tmp_path_factory.mktemp(SCENARIO)) as running:
        yield running


@pytest.fixture(scope="module")
def unplannable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Federation]:
    with federation(
        UNPLANNABLE, subgraphs(UNPLANNABLE), tmp_path_factory.mktemp(UNPLANNABLE)
    ) as running:
        yield running


def test_a_value_field_of_another_subgraph_comes_through_the_parent_entity(
    fed: Federation,
) -> None:
    response = fed.query("{ products { name category { name banner } } }")

    assert_response(
        response,
        {
            "data": {
                "products": [
                    {
                        "name": "Table",
                        "category": {"name": "Furniture", "banner": "Tables on sale"},
                    },
                    {"name": "Lamp", "category": {"name": "Lighting", "banner": "Bright ideas"}},
                ]
            }
        },
    )
    assert fed.fetch_counts() == {"catalog": 1, "merchandising": 1, "reviews": 0}
    assert fed.fetches("merchandising")[0].representations == [
        {"__typename": "Product", "id": "1"},
        {"__typename": "Product", "id": "2"},
    ]


def test_a_chain_of_value_types_is_selected_again_below_the_entity(fed: Federation) -> None:
    response = fed.query('{ product(id: "2") { name category { details { slug description } } } }')

    assert_response(
        response,
        {
            "data": {
                "product": {
                    "name": "Lamp",
                    "category": {"details": {"slug": "lighting", "description": "Lamps and bulbs"}},
                }
            }
        },
    )
    assert fed.fetch_counts() == {"catalog": 1, "merchandising": 1, "reviews": 0}
    assert fed.fetches("merchandising")[0].representations == [{"__typename": "Product", "id": "2"}]


def test_a_list_of_values_below_an_entity_merges_by_position(fed: Federation) -> None:
    response = fed.query('{ product(id: "1") { variants { sku color inStock } } }')

    assert_response(
        response,
        {
            "data": {
                "product": {
                    "variants": [
                        {"sku": "T-1", "color": "oak", "inStock": True},
                        {"sku": "T-2", "color": "walnut", "inStock": False},
                    ]
                }
            }
        },
    )
    assert fed.fetch_counts() == {"catalog": 1, "merchandising": 1, "reviews": 0}


def test_an_abstract_value_type_gets_the_fields_of_its_members_from_each_subgraph(
    fed: Federation,
) -> None:
    response = fed.query(
        "{ products { name media { url ... on Image { width altText }"
        " ... on Video { seconds } } } }"
    )

    assert_response(
        response,
        {
            "data": {
                "products": [
                    {
                        "name": "Table",
                        "media": [
                            {"url": "t.jpg", "width": 800, "altText": "An oak table"},
                            {"url": "t.mp4", "seconds": 30},
                        ],
                    },
                    {"name": "Lamp", "media": []},
                ]
            }
        },
    )
    assert fed.fetch_counts() == {"catalog": 1, "merchandising": 1, "reviews": 0}


def test_values_below_a_list_of_entities_reached_from_a_third_subgraph(fed: Federation) -> None:
    response = fed.query(
        "{ topReviews { body product { name category { banner details { slug description } }"
        " variants { color inStock } } } }"
    )

    assert_response(
        response,
        {
            "data": {
                "topReviews": [
                    {
                        "body": "Sturdy",
                        "product": {
                            "name": "Table",
                            "category": {
                                "banner": "Tables on sale",
                                "details": {"slug": "furniture", "description": "Things to sit at"},
                            },
                            "variants": [
                                {"color": "oak", "inStock": True},
                                {"color": "walnut", "inStock": False},
                            ],
                        },
                    }
                ]
            }
        },
    )
    assert fed.fetch_counts() == {"catalog": 1, "merchandising": 1, "reviews": 1}
    assert fed.fetches("merchandising")[0].representations == [{"__typename": "Product", "id": "1"}]


def test_fields_every_subgraph_resolves_take_no_second_fetch(fed: Federation) -> None:
    response = fed.query("{ products { category { name details { slug } } } }")

    assert_response(
        response,
        {
            "data": {
                "products": [
                    {"category": {"name": "Furniture", "details": {"slug": "furniture"}}},
                    {"category": {"name": "Lighting", "details": {"slug": "lighting"}}},
                ]
            }
        },
    )
    assert fed.fetch_counts() == {"catalog": 1, "merchandising": 0, "reviews": 0}


@differs_from_apollo("an internal error ('Was not able to find any options') and no data entry")
def test_a_value_field_no_parent_leads_to_fails_before_any_fetch(
    unplannable: Federation,
) -> None:
    unplannable.reset()

    response = unplannable.query("{ products { name category { banner } } }")

    assert_response(
        response,
        {
            "data": None,
            "errors": [
                {
                    "message": "no subgraph can resolve Category.banner at products.@.category:"
                    " merchandising cannot be entered at a parent of it",
                    "extensions": {"code": "QUERY_PLANNING_FAILED"},
                }
            ],
        },
    )
    assert unplannable.fetch_counts() == {"catalog": 0, "merchandising": 0, "reviews": 0}
