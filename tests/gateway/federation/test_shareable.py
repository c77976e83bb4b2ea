"""@shareable: a field several subgraphs resolve is taken from the one that needs the fewest
fetches on the query's path."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.gateway.support.federation import (
    Federation,
    assert_response,
    federation,
    scenario_sdl,
)
from tests.gateway.support.subgraph import Row, Subgraph, by_key

SCENARIO = "shareable"

TOOLS: Row = {"code": "T", "label": "Tools"}
PRODUCTS: list[Row] = [
    {"id": "1", "name": "Hammer", "price": 120},
    {"id": "2", "name": "Saw", "price": 250},
]
CATALOG: list[Row] = [
    {"id": "1", "name": "Hammer", "category": TOOLS},
    {"id": "2", "name": "Saw", "category": TOOLS},
]


def subgraphs() -> list[Subgraph]:
    return [
        Subgraph(
            "products",
            scenario_sdl(SCENARIO, "products"),
            resolvers={"Query": {"products": lambda _root, _info: PRODUCTS}},
            entities={"Product": by_key(PRODUCTS, "id")},
        ),
        Subgraph(
            "catalog",
            scenario_sdl(SCENARIO, "catalog"),
            resolvers={"Query": {"featured": lambda _root, _info: CATALOG[1]}},
            entities={"Product": by_key(CATALOG, "id")},
        ),
        Subgraph(
            "taxonomy",
            scenario_sdl(SCENARIO, "taxonomy"),
            resolvers={"Query": {"categories": lambda _root, _info: [TOOLS]}},
        ),
    ]


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Federation]:
    with federation(SCENARIO, subgraphs(), tmp_path_factory.mktemp(SCENARIO)) as running:
        yield running


def test_a_shareable_field_comes_from_the_subgraph_already_fetched(fed: Federation) -> None:
    response = fed.query("{ products { name price } }")

    assert_response(
        response,
        {"data": {"products": [{"name": "Hammer", "price": 120}, {"name": "Saw", "price": 250}]}},
    )
    assert fed.fetch_counts() == {"products": 1, "catalog": 0, "taxonomy": 0}


def test_the_same_field_on_another_root_comes_from_that_root_subgraph(fed: Federation) -> None:
    response = fed.query("{ featured { name category { label } } }")

    assert_response(
        response, {"data": {"featured": {"name": "Saw", "category": {"label": "Tools"}}}}
    )
    assert fed.fetch_counts() == {"products": 0, "catalog": 1, "taxonomy": 0}


def test_only_the_fields_the_root_subgraph_lacks_cost_a_jump(fed: Federation) -> None:
    response = fed.query("{ featured { price name } products { category { code } } }")

    assert_response(
        response,
        {
            "data": {
                "featured": {"price": 250, "name": "Saw"},
                "products": [{"category": {"code": "T"}}, {"category": {"code": "T"}}],
            }
        },
    )
    assert fed.fetch_counts() == {"products": 2, "catalog": 2, "taxonomy": 0}


def test_a_shareable_value_type_is_resolved_by_the_subgraph_of_its_field(
    fed: Federation,
) -> None:
    response = fed.query("{ categories { code label } }")

    assert_response(response, {"data": {"categories": [{"code": "T", "label": "Tools"}]}})
    assert fed.fetch_counts() == {"products": 0, "catalog": 0, "taxonomy": 1}
