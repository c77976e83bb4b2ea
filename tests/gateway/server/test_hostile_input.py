"""Hostile or clumsy input is a client error, never an internal one: integers out of GraphQL's
Int range (inline, in variables, past Python's 4300-digit `int()` limit) are refused before
anything reaches a subgraph, and a subgraph's refusal keeps its client code."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from graphql import GraphQLError, GraphQLScalarType, StringValueNode, ValueNode

from gateway.composition import SubgraphSource, compose
from gateway.server.sources import StaticSupergraph
from tests.gateway.support.serving import ServedApp
from tests.gateway.support.subgraph import GraphQLFailure, Subgraph

from .conftest import errors, gateway, gateway_with

HUGE = "9" * 4301
"""One digit past what Python's `int()` reads by default."""
TOO_LONG = (
    f"Integer value {HUGE[:10]}… has 4301 digits; no scalar takes more than 4300 "
    "(an Int is a 32-bit signed integer)."
)


def refused(response: httpx.Response, things: Subgraph) -> dict[str, Any]:
    """The one error of a request refused with HTTP 400 before any fetch."""
    assert response.status_code == 400, response.text
    assert things.received == []
    (error,) = errors(response)
    return error


@pytest.mark.parametrize(
    "query",
    [
        f"{{ things(first: {HUGE}) {{ id }} }}",
        f"{{ things(first: -{HUGE}) {{ id }} }}",
        f"{{ things(first: 1) {{ parts(limit: {HUGE}) {{ id }} }} }}",
        f"query($n: Int = {HUGE}) {{ things(first: $n) {{ id }} }}",
        f"{{ slow(ms: {HUGE}) }}",
        f"{{ thing(id: {HUGE}) {{ id }} }}",
    ],
    ids=["size", "negative size", "nested size", "variable default", "other Int", "ID"],
)
def test_an_integer_too_long_for_python_anywhere_is_a_validation_error(
    client: httpx.Client, things: Subgraph, query: str
) -> None:
    response = client.post("/graphql", json={"query": query})

    error = refused(response, things)
    assert error["message"] in (TOO_LONG, TOO_LONG.replace("value ", "value -"))
    assert error["extensions"] == {"code": "GRAPHQL_VALIDATION_FAILED"}
    assert "locations" in error


@pytest.mark.parametrize("value", ["2147483648", "-2147483649", "99999999999999999999"])
@pytest.mark.parametrize(
    "template",
    ["{{ things(first: {}) {{ id }} }}", "{{ thing(id: 1) {{ parts(limit: {}) {{ id }} }} }}"],
)
def test_an_inline_int_out_of_range_is_a_validation_error_not_a_cost(
    client: httpx.Client, things: Subgraph, value: str, template: str
) -> None:
    query = template.format(value)

    response = client.post("/graphql", json={"query": query})

    assert refused(response, things) == {
        "message": f"Int cannot represent non 32-bit signed integer value: {value}",
        "locations": [{"line": 1, "column": query.index(value) + 1}],
        "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"},
    }


@pytest.mark.parametrize("value", [2**31, -(2**31) - 1, 2**63, 2**64 - 1, 1e30])
def test_a_variable_out_of_range_is_bad_user_input_not_a_cost(
    client: httpx.Client, things: Subgraph, value: float
) -> None:
    query = "query($n: Int) { things(first: $n) { id } }"

    response = client.post("/graphql", json={"query": query, "variables": {"n": value}})

    error = refused(response, things)
    assert error["message"].startswith(
        "Variable '$n' has invalid value: Int cannot represent non 32-bit signed integer value"
    )
    assert error["extensions"] == {"code": "BAD_USER_INPUT"}


def test_a_whole_number_written_as_a_float_is_sized_like_the_int_it_is(
    things: Subgraph, things_url: str
) -> None:
    # graphql-core coerces 500.0 to the Int 500: the cost estimate must count it so too.
    query = "query($n: Int) { things(first: $n) { id } }"
    with gateway_with(things_url, max_cost=100) as http:
        response = http.post("/graphql", json={"query": query, "variables": {"n": 500.0}})

    assert refused(response, things)["extensions"] == {
        "code": "COST_ESTIMATED_TOO_EXPENSIVE",
        "measured": 1000,
        "limit": 100,
    }


def test_sizes_at_the_ends_of_the_int_range_are_measured(things: Subgraph, things_url: str) -> None:
    query = "query($n: Int) { things(first: $n) { id } }"
    with gateway_with(things_url, max_cost=100) as http:
        largest = http.post("/graphql", json={"query": query, "variables": {"n": 2**31 - 1}})
        assert refused(largest, things)["extensions"]["measured"] == 2 * (2**31 - 1)
        smallest = http.post("/graphql", json={"query": "{ things(first: -2147483648) { id } }"})

    # A negative size costs nothing to ask; whether it is an error is the subgraph's to say.
    assert smallest.status_code == 200
    assert [r.query for r in things.received] == ["query{things(first: -2147483648){id}}"]


# A subgraph with a custom scalar the gateway cannot check: only the subgraph reads a Date.
DATES_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
scalar Date
scalar Day
type Query {
  weekday(date: Date!): String
  weekdayOfDay(day: Day!): String
  dayOfWeek(date: Date!): String!
}
"""


def _date(node: ValueNode, _variables: Any = None) -> str:
    """As strawberry's Date: a GraphQLError without a code for a value it cannot read."""
    if not isinstance(node, StringValueNode) or node.value != "2026-02-27":
        raise GraphQLError("Value cannot represent a Date: not a day of the calendar.")
    return node.value


def _date_value(value: Any) -> str:
    """A Date in variables, read as strawberry reads it."""
    if value != "2026-02-27":
        raise GraphQLError("Value cannot represent a Date: not a day of the calendar.")
    return str(value)


def _day(node: ValueNode, _variables: Any = None) -> str:
    """As our services' scalars: a refusal with the client's code."""
    try:
        return _date(node)
    except GraphQLError as bad:
        raise GraphQLError(bad.message, extensions={"code": "BAD_USER_INPUT"}) from None


@pytest.fixture(scope="module")
def dates() -> Iterator[tuple[Subgraph, str]]:
    subgraph = Subgraph(
        "dates",
        DATES_SDL,
        resolvers={
            "Query": {
                "weekday": lambda *_, **__: "Friday",
                "dayOfWeek": lambda *_, **__: "Friday",
            }
        },
    )
    for name, parse_literal in (("Date", _date), ("Day", _day)):
        scalar = subgraph.schema.type_map[name]
        assert isinstance(scalar, GraphQLScalarType)
        # build_ast_schema gives an SDL scalar a parse_literal that takes any literal.
        scalar.parse_literal = parse_literal  # type: ignore[method-assign, assignment]
        scalar.coerce_input_value = _date_value
    with ServedApp(subgraph) as served:
        composed = compose([SubgraphSource("dates", served.url, DATES_SDL)])
        assert composed.supergraph_sdl is not None, composed.errors
        yield subgraph, composed.supergraph_sdl


@pytest.fixture
def dates_client(dates: tuple[Subgraph, str]) -> Iterator[httpx.Client]:
    dates[0].reset()
    with gateway(StaticSupergraph(dates[1])) as http:
        yield http


def test_a_value_the_subgraph_reads_passes(dates_client: httpx.Client) -> None:
    response = dates_client.post("/graphql", json={"query": '{ weekday(date: "2026-02-27") }'})

    assert response.json() == {"data": {"weekday": "Friday"}}


def test_an_inline_value_a_subgraph_refuses_without_a_code_is_a_validation_error(
    dates_client: httpx.Client,
) -> None:
    response = dates_client.post("/graphql", json={"query": '{ weekday(date: "2026-02-30") }'})

    assert response.status_code == 200
    assert response.json() == {
        "errors": [
            {
                "message": "Value cannot represent a Date: not a day of the calendar.",
                "extensions": {"serviceName": "dates", "code": "GRAPHQL_VALIDATION_FAILED"},
            }
        ],
        "data": {"weekday": None},
    }


NOT_A_DAY = "Value cannot represent a Date: not a day of the calendar."


@pytest.mark.parametrize(
    ("query", "variables", "message"),
    [
        ('{ dayOfWeek(date: "2026-02-30") }', {}, NOT_A_DAY),
        (
            "query($d: Date!) { dayOfWeek(date: $d) }",
            {"d": "2026-02-30"},
            f"Variable '$d' has invalid value: {NOT_A_DAY}",
        ),
    ],
    ids=["inline", "variable"],
)
def test_a_refused_non_null_root_field_has_the_subgraphs_error_only(
    dates_client: httpx.Client, query: str, variables: dict[str, Any], message: str
) -> None:
    # The refusal explains the null: no "Cannot return null for non-nullable field" besides.
    response = dates_client.post("/graphql", json={"query": query, "variables": variables})

    assert response.json() == {
        "errors": [
            {
                "message": message,
                "extensions": {"serviceName": "dates", "code": "GRAPHQL_VALIDATION_FAILED"},
            }
        ],
        "data": None,
    }


def test_an_inline_value_a_subgraph_refuses_keeps_the_subgraphs_code(
    dates_client: httpx.Client,
) -> None:
    response = dates_client.post("/graphql", json={"query": '{ weekdayOfDay(day: "2026-1-1") }'})

    assert response.json()["errors"] == [
        {
            "message": "Value cannot represent a Date: not a day of the calendar.",
            "extensions": {"code": "BAD_USER_INPUT", "serviceName": "dates"},
        }
    ]


def test_a_subgraphs_internal_error_reaches_the_client_as_a_code_only(
    client: httpx.Client, things: Subgraph
) -> None:
    details = {
        "code": "INTERNAL_SERVER_ERROR",
        "exception": {"stacktrace": ["pymongo.errors.OperationFailure: auth as app:secret"]},
    }
    with things.failing(GraphQLFailure("mongodb://app:secret@db failed", details)):
        response = client.post("/graphql", json={"query": '{ thing(id: "1") { id } }'})

    assert response.json() == {
        "errors": [
            {
                "message": "Internal server error",
                "extensions": {"code": "INTERNAL_SERVER_ERROR", "serviceName": "things"},
            }
        ],
        "data": {"thing": None},
    }
