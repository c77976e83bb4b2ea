"""What an operation may say: @skip/@include, aliases, variables with defaults, `__typename`
anywhere, and the order of fields merged from several subgraphs and fragments."""

from __future__ import annotations

import pytest

from tests.gateway.support.federation import Federation, assert_response


@pytest.fixture(scope="module")
def running(shop_running: Federation) -> Federation:
    return shop_running


BUYERS = "query ($buyers: Boolean!) { orders { id buyer @include(if: $buyers) { name } } }"


def test_include_true_fetches_the_included_entity_fields(fed: Federation) -> None:
    response = fed.query(BUYERS, {"buyers": True})

    assert_response(
        response,
        {
            "data": {
                "orders": [
                    {"id": "o1", "buyer": {"name": "Ada"}},
                    {"id": "o2", "buyer": {"name": "Ben"}},
                ]
            }
        },
    )
    assert fed.fetch_counts() == {"accounts": 1, "orders": 1, "ratings": 0}


def test_include_false_leaves_the_field_out_and_its_fetch_unmade(fed: Federation) -> None:
    response = fed.query(BUYERS, {"buyers": False})

    assert_response(response, {"data": {"orders": [{"id": "o1"}, {"id": "o2"}]}})
    assert fed.fetch_counts() == {"accounts": 0, "orders": 1, "ratings": 0}


def test_skip_on_fragments_and_fields_with_both_values(fed: Federation) -> None:
    query = """
        query ($hide: Boolean!) {
          orders {
            id @skip(if: $hide)
            ... on Order @skip(if: $hide) { rating }
            ...Buyer @include(if: $hide)
            item @skip(if: false)
          }
        }
        fragment Buyer on Order { buyer { name } }
    """

    shown = fed.query(query, {"hide": False})
    shown_counts = fed.fetch_counts()
    fed.reset()
    hidden = fed.query(query, {"hide": True})

    assert_response(
        shown,
        {
            "data": {
                "orders": [
                    {"id": "o1", "rating": 5, "item": "Lamp"},
                    {"id": "o2", "rating": 3, "item": "Desk"},
                ]
            }
        },
    )
    assert shown_counts == {"accounts": 0, "orders": 1, "ratings": 1}
    assert_response(
        hidden,
        {
            "data": {
                "orders": [
                    {"buyer": {"name": "Ada"}, "item": "Lamp"},
                    {"buyer": {"name": "Ben"}, "item": "Desk"},
                ]
            }
        },
    )
    assert fed.fetch_counts() == {"accounts": 1, "orders": 1, "ratings": 0}


def test_a_field_skipped_and_included_at_once_is_left_out(fed: Federation) -> None:
    response = fed.query("{ me { name email @skip(if: true) @include(if: true) } }")

    assert_response(response, {"data": {"me": {"name": "Ada"}}})


def test_the_same_field_twice_with_different_arguments_under_aliases(fed: Federation) -> None:
    response = fed.query(
        """
        {
          open: orders { id }
          shipped: orders(status: SHIPPED) { id item }
          orders(status: OPEN) { plain: total taxed: total(withTax: true) }
        }
        """
    )

    assert_response(
        response,
        {
            "data": {
                "open": [{"id": "o1"}, {"id": "o2"}],
                "shipped": [{"id": "o3", "item": "Sofa"}],
                "orders": [{"plain": 100, "taxed": 125}, {"plain": 400, "taxed": 500}],
            }
        },
    )
    assert fed.fetch_counts() == {"accounts": 0, "orders": 1, "ratings": 0}


def test_aliased_entity_fields_with_different_arguments_in_one_entity_fetch(
    fed: Federation,
) -> None:
    response = fed.query(
        """
        {
          first: order(id: "o1") {
            who: buyer { called: name masked: email clear: email(masked: false) }
            score: rating
          }
        }
        """
    )

    assert_response(
        response,
        {
            "data": {
                "first": {
                    "who": {"called": "Ada", "masked": "a***@visby.se", "clear": "ada@visby.se"},
                    "score": 5,
                }
            }
        },
    )
    assert fed.fetch_counts() == {"accounts": 1, "orders": 1, "ratings": 1}


def test_an_omitted_variable_takes_its_default(fed: Federation) -> None:
    response = fed.query(
        'query ($status: Status = SHIPPED, $id: ID = "o1") { orders(status: $status) { id } '
        "order(id: $id) { item } }"
    )

    assert_response(response, {"data": {"orders": [{"id": "o3"}], "order": {"item": "Lamp"}}})


def test_an_explicit_null_variable_is_null_not_the_default(fed: Federation) -> None:
    response = fed.query(
        "query ($status: Status = SHIPPED) { orders(status: $status) { id } }", {"status": None}
    )

    assert_response(response, {"data": {"orders": [{"id": "o1"}, {"id": "o2"}, {"id": "o3"}]}})


def test_an_omitted_argument_takes_the_schema_default(fed: Federation) -> None:
    response = fed.query("{ users { id } orders { id } }")

    assert_response(
        response,
        {"data": {"users": [{"id": "u2"}, {"id": "u3"}], "orders": [{"id": "o1"}, {"id": "o2"}]}},
    )


def test_variable_defaults_reach_entity_fetches(fed: Federation) -> None:
    response = fed.query(
        "query ($masked: Boolean = false) { orders { buyer { email(masked: $masked) } } }",
        {},
    )

    assert_response(
        response,
        {
            "data": {"orders": [{"buyer": {"email": "ada@visby.se"}}, {"buyer": {"email": None}}]},
            "errors": [
                {
                    "message": "email hidden",
                    "path": ["orders", 1, "buyer", "email"],
                    "extensions": {"code": "FORBIDDEN", "serviceName": "accounts"},
                }
            ],
        },
    )


def test_typename_at_the_root_needs_no_fetch(fed: Federation) -> None:
    response = fed.query("{ __typename kind: __typename }")

    assert_response(response, {"data": {"__typename": "Query", "kind": "Query"}})
    assert fed.fetch_counts() == {"accounts": 0, "orders": 0, "ratings": 0}


def test_typename_in_entities_and_aliased(fed: Federation) -> None:
    response = fed.query(
        '{ order(id: "o1") { __typename t: __typename buyer { name __typename } rating } }'
    )

    assert_response(
        response,
        {
            "data": {
                "order": {
                    "__typename": "Order",
                    "t": "Order",
                    "buyer": {"name": "Ada", "__typename": "User"},
                    "rating": 5,
                }
            }
        },
    )


def test_fields_merged_from_subgraphs_and_fragments_keep_the_requested_order(
    fed: Federation,
) -> None:
    response = fed.query(
        """
        query {
          order(id: "o1") {
            rating
            buyer { score name ...Who }
            id
            ... on Order { item rating buyer { id } }
            ...More
            status
          }
        }
        fragment Who on User { nickname score }
        fragment More on Order { total status note }
        """
    )

    assert_response(
        response,
        {
            "data": {
                "order": {
                    "rating": 5,
                    "buyer": {"score": 10, "name": "Ada", "nickname": "ada", "id": "u1"},
                    "id": "o1",
                    "item": "Lamp",
                    "total": 100,
                    "status": "OPEN",
                    "note": "fragile",
                }
            }
        },
    )
