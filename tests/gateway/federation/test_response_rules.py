"""The GraphQL spec's response rules across subgraphs: null propagation to the nearest nullable
parent (up to `data: null`), errors at the CLIENT path (aliases, list indices, entity jumps),
and partial data when a subgraph fails.

The error contract, where the spec leaves the gateway a choice:
- a subgraph's error keeps its message and extensions; the gateway adds
  `extensions.serviceName` and, when the subgraph gave no code, `DOWNSTREAM_SERVICE_ERROR`
  (as Apollo Gateway does); its `path` is mapped to the client's; it has no `locations` (the
  subgraph's refer to the subgraph's document);
- a fetch that gets no usable response (HTTP error, unreachable, timeout) leaves each field it
  was to provide null with an error at that field's client path:
  `Subgraph '<name>' is unavailable.`, code `SUBGRAPH_UNAVAILABLE` (Apollo Gateway reports one
  error without a path instead);
- a non-null field left null without a subgraph error (an entity its subgraph did not find) is a
  field error `Cannot return null for non-nullable field T.f.` at its client path, code
  `DOWNSTREAM_SERVICE_ERROR` (Apollo Gateway hides it in `extensions.valueCompletion`); a field
  whose fetch the subgraph refused with an error gets no such error besides.
"""

from __future__ import annotations

import pytest

from tests.gateway.support.expected import subgraph_error, unavailable
from tests.gateway.support.federation import Federation, assert_response
from tests.gateway.support.gateway import differs_from_apollo
from tests.gateway.support.subgraph import GraphQLFailure, HttpFailure


@pytest.fixture(scope="module")
def running(shop_running: Federation) -> Federation:
    return shop_running


NULL_NICKNAME = "Cannot return null for non-nullable field User.nickname."


def test_a_non_null_field_null_in_an_entity_fetch_nulls_its_nullable_parent(
    fed: Federation,
) -> None:
    response = fed.query('{ order(id: "o2") { id buyer { name nickname } item } }')

    assert_response(
        response,
        {
            "data": {"order": {"id": "o2", "buyer": None, "item": "Desk"}},
            "errors": [
                subgraph_error(
                    NULL_NICKNAME,
                    ["order", "buyer", "nickname"],
                    "accounts",
                    "DOWNSTREAM_SERVICE_ERROR",
                )
            ],
        },
    )


def test_null_propagates_through_non_null_lists_up_to_data(fed: Federation) -> None:
    response = fed.query("{ orders(status: null) { seller { nickname } } }")

    assert_response(
        response,
        {
            "data": None,
            "errors": [
                subgraph_error(
                    NULL_NICKNAME,
                    ["orders", 2, "seller", "nickname"],
                    "accounts",
                    "DOWNSTREAM_SERVICE_ERROR",
                )
            ],
        },
    )


def test_a_root_subgraph_answering_data_null_makes_data_null(fed: Federation) -> None:
    response = fed.query("{ users(role: MEMBER) { nickname } }")

    assert_response(
        response,
        {
            "data": None,
            "errors": [
                subgraph_error(
                    NULL_NICKNAME, ["users", 0, "nickname"], "accounts", "DOWNSTREAM_SERVICE_ERROR"
                )
            ],
        },
    )


@differs_from_apollo("puts the error in extensions.valueCompletion instead of errors")
def test_an_entity_its_subgraph_does_not_find_is_a_field_error(fed: Federation) -> None:
    response = fed.query("{ orders(status: SHIPPED) { id buyer { name } } }")

    assert_response(
        response,
        {
            "data": {"orders": [{"id": "o3", "buyer": None}]},
            "errors": [
                {
                    "message": "Cannot return null for non-nullable field User.name.",
                    "path": ["orders", 0, "buyer", "name"],
                    "extensions": {"code": "DOWNSTREAM_SERVICE_ERROR"},
                }
            ],
        },
    )


def test_an_entity_field_error_is_reported_at_the_client_path_with_its_code(
    fed: Federation,
) -> None:
    response = fed.query("{ list: orders { buyer { contact: email(masked: false) } } }")

    assert_response(
        response,
        {
            "data": {
                "list": [
                    {"buyer": {"contact": "ada@visby.se"}},
                    {"buyer": {"contact": None}},
                ]
            },
            "errors": [
                subgraph_error(
                    "email hidden", ["list", 1, "buyer", "contact"], "accounts", "FORBIDDEN"
                )
            ],
        },
    )


def test_an_error_two_entity_jumps_deep_is_reported_at_the_client_path(
    fed: Federation,
) -> None:
    response = fed.query('{ order(id: "o2") { buyer { orders { id buyer { email } } } } }')

    assert_response(
        response,
        {
            "data": {"order": {"buyer": {"orders": [{"id": "o2", "buyer": {"email": None}}]}}},
            "errors": [
                subgraph_error(
                    "email hidden",
                    ["order", "buyer", "orders", 0, "buyer", "email"],
                    "accounts",
                    "FORBIDDEN",
                )
            ],
        },
    )


def test_a_root_field_error_nulls_only_that_aliased_field(fed: Federation) -> None:
    response = fed.query('{ found: order(id: "o1") { id } missing: order(id: "o9") { id } }')

    assert_response(
        response,
        {
            "data": {"found": {"id": "o1"}, "missing": None},
            "errors": [subgraph_error("no order o9", ["missing"], "orders", "NOT_FOUND")],
        },
    )


@differs_from_apollo("reports one error without a path for the failed fetch")
def test_a_failing_entity_subgraph_leaves_its_fields_null_with_errors(fed: Federation) -> None:
    with fed.subgraphs["ratings"].failing(HttpFailure(500)):
        response = fed.query("{ orders { id item rating } }")

    assert_response(
        response,
        {
            "data": {
                "orders": [
                    {"id": "o1", "item": "Lamp", "rating": None},
                    {"id": "o2", "item": "Desk", "rating": None},
                ]
            },
            "errors": [
                unavailable("ratings", ["orders", 0, "rating"]),
                unavailable("ratings", ["orders", 1, "rating"]),
            ],
        },
    )


@differs_from_apollo("reports one error without a path for the failed fetch")
def test_a_failed_non_null_field_nulls_its_nullable_parent(fed: Federation) -> None:
    with fed.subgraphs["accounts"].failing(HttpFailure(503)):
        response = fed.query('{ order(id: "o1") { item buyer { name } } }')

    assert_response(
        response,
        {
            "data": {"order": {"item": "Lamp", "buyer": None}},
            "errors": [unavailable("accounts", ["order", "buyer", "name"])],
        },
    )


@differs_from_apollo("reports one error without a path for the failed fetch")
def test_a_failing_root_subgraph_leaves_the_other_root_fields(fed: Federation) -> None:
    with fed.subgraphs["orders"].failing(HttpFailure(500)):
        response = fed.query('{ order(id: "o1") { id } me { name } }')

    assert_response(
        response,
        {
            "data": {"order": None, "me": {"name": "Ada"}},
            "errors": [unavailable("orders", ["order"])],
        },
    )
    assert fed.fetch_counts() == {"accounts": 1, "orders": 1, "ratings": 0}


def test_a_subgraph_error_without_a_path_is_passed_on_as_it_is(fed: Federation) -> None:
    with fed.subgraphs["accounts"].failing(GraphQLFailure("accounts down", {"code": "DOWN"})):
        response = fed.query('{ order(id: "o1") { id } me { name } }')

    assert_response(
        response,
        {
            "data": {"order": {"id": "o1"}, "me": None},
            "errors": [
                {
                    "message": "accounts down",
                    "extensions": {"code": "DOWN", "serviceName": "accounts"},
                }
            ],
        },
    )


def test_aliases_that_are_python_keywords_come_back_in_the_operations_order(
    fed: Federation,
) -> None:
    response = fed.query(
        '{ order(id: "o1") { def: id class: __typename buyer { return: name id } item } }'
    )

    assert list(response["data"]["order"]) == ["def", "class", "buyer", "item"]
    assert list(response["data"]["order"]["buyer"]) == ["return", "id"]
    assert response["data"]["order"]["class"] == "Order"
    assert "errors" not in response
