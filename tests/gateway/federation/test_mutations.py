"""Mutations: root fields run one after another, each completed (entity jumps included) before
the next starts, results in the requested order."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.gateway.federation.shop import Shop
from tests.gateway.support.federation import Federation, assert_response


@pytest.fixture(scope="module")
def running(shop_running: Federation) -> Federation:
    return shop_running


@pytest.fixture(autouse=True)
def fresh_shop(shop: Shop) -> Iterator[None]:
    """Mutations change the shop the other modules read: each test starts and ends fresh."""
    shop.reset()
    yield
    shop.reset()


def test_mutations_across_two_subgraphs_run_in_order(fed: Federation, shop: Shop) -> None:
    response = fed.query(
        """
        mutation Shopping {
          first: placeOrder(buyer: "u2", item: "Lamp") { id note buyer { name } }
          renamed: rename(id: "u2", name: "Benedict") { name orders { id item } }
          second: placeOrder(buyer: "u2", item: "Rug") { id note buyer { name } }
        }
        """
    )

    assert_response(
        response,
        {
            "data": {
                "first": {"id": "o4", "note": "after 0 mutations", "buyer": {"name": "Ben"}},
                "renamed": {
                    "name": "Benedict",
                    "orders": [{"id": "o2", "item": "Desk"}, {"id": "o4", "item": "Lamp"}],
                },
                "second": {"id": "o5", "note": "after 2 mutations", "buyer": {"name": "Benedict"}},
            }
        },
    )
    assert shop.journal == ["placeOrder Lamp", "rename Benedict", "placeOrder Rug"]
    # Each placeOrder sent exactly once.
    assert sum(r.query.count("placeOrder") for r in fed.fetches("orders")) == 2


def test_a_mutation_is_sent_once_and_its_result_completed_from_other_subgraphs(
    fed: Federation, shop: Shop
) -> None:
    response = fed.query(
        """
        mutation {
          placeOrder(buyer: "u1", item: "Vase") { __typename item rating buyer { name } }
        }
        """
    )

    assert_response(
        response,
        {
            "data": {
                "placeOrder": {
                    "__typename": "Order",
                    "item": "Vase",
                    "rating": None,
                    "buyer": {"name": "Ada"},
                }
            }
        },
    )
    assert shop.journal == ["placeOrder Vase"]
    assert fed.fetch_counts() == {"accounts": 1, "orders": 1, "ratings": 1}


def test_typename_of_the_mutation_root(fed: Federation, shop: Shop) -> None:
    response = fed.query("mutation { __typename }")

    assert_response(response, {"data": {"__typename": "Mutation"}})
    assert fed.fetch_counts() == {"accounts": 0, "orders": 0, "ratings": 0}
