"""The client-facing API schema: @inaccessible elements are absent (introspection and
validation), @tag is harmless, no join__/link__ machinery shows, and operations that do not
validate, or whose variables do not coerce, are refused before anything is fetched."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.gateway.support.federation import (
    SCENARIOS,
    Federation,
    assert_response,
    federation,
    scenario_sdl,
)
from tests.gateway.support.gateway import library_message
from tests.gateway.support.subgraph import Row, Subgraph, by_key

SCENARIO = "visibility"

USERS: list[Row] = [
    {"id": "u1", "name": "Ada", "passwordHash": "x1", "role": "ADMIN"},
    {"id": "u2", "name": "Ben", "passwordHash": "x2", "role": "SECRET_AGENT"},
]
BALANCES: list[Row] = [{"id": "u1", "SEK": 300, "EUR": 27}, {"id": "u2", "SEK": 0, "EUR": 0}]


def _user(_root: object, _info: object, id: str) -> Row | None:
    return next((user for user in USERS if user["id"] == id), None)


def _balance(user: Row, _info: object, currency: str, legacyMode: bool = False) -> int:
    balance: int = user[currency]
    return balance


def subgraphs() -> list[Subgraph]:
    return [
        Subgraph(
            "accounts",
            scenario_sdl(SCENARIO, "accounts"),
            resolvers={
                "Query": {
                    "user": _user,
                    "usersByRole": lambda _root, _info, role: [
                        user for user in USERS if user["role"] == role
                    ],
                    "internalUsers": lambda _root, _info: USERS,
                }
            },
            entities={"User": by_key(USERS, "id")},
        ),
        Subgraph(
            "billing",
            scenario_sdl(SCENARIO, "billing"),
            resolvers={"User": {"balance": _balance}},
            entities={"User": by_key(BALANCES, "id")},
        ),
    ]


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Federation]:
    with federation(SCENARIO, subgraphs(), tmp_path_factory.mktemp(SCENARIO)) as running:
        yield running


def _names(items: list[dict[str, Any]]) -> list[str]:
    return [item["name"] for item in items]


def _refused(response: dict[str, Any], message: str, line: int, column: int, code: str) -> None:
    assert_response(
        response,
        {
            "errors": [
                {
                    "message": message,
                    "locations": [{"line": line, "column": column}],
                    "extensions": {"code": code},
                }
            ]
        },
    )


def test_introspection_lists_only_the_api_schema_types_and_directives(fed: Federation) -> None:
    response = fed.query(
        """
        {
          __schema {
            queryType { name }
            mutationType { name }
            types { name }
            directives { name }
          }
        }
        """
    )

    schema = response["data"]["__schema"]
    assert list(response) == ["data"]
    assert schema["queryType"] == {"name": "Query"}
    assert schema["mutationType"] is None
    # The spec does not order the type list; its content is what the API schema decides.
    assert sorted(_names(schema["types"])) == [
        "Boolean",
        "ID",
        "Int",
        "Query",
        "Role",
        "String",
        "User",
        "__Directive",
        "__DirectiveLocation",
        "__EnumValue",
        "__Field",
        "__InputValue",
        "__Schema",
        "__Type",
        "__TypeKind",
    ]
    assert sorted(_names(schema["directives"])) == [
        "deprecated",
        "include",
        "oneOf",
        "skip",
        "specifiedBy",
    ]
    assert fed.fetch_counts() == {"accounts": 0, "billing": 0}


def test_introspection_of_a_type_hides_its_inaccessible_fields_arguments_and_values(
    fed: Federation,
) -> None:
    response = fed.query(
        """
        {
          user: __type(name: "User") { fields { name args { name defaultValue } } }
          role: __type(name: "Role") { enumValues(includeDeprecated: true) { name } }
          audit: __type(name: "AuditRecord") { name }
          query: __type(name: "Query") { fields { name } }
        }
        """
    )

    assert_response(
        response,
        {
            "data": {
                "user": {
                    "fields": [
                        {"name": "id", "args": []},
                        {"name": "name", "args": []},
                        {"name": "role", "args": []},
                        {
                            "name": "balance",
                            "args": [{"name": "currency", "defaultValue": '"SEK"'}],
                        },
                    ]
                },
                "role": {"enumValues": [{"name": "ADMIN"}, {"name": "MEMBER"}]},
                "audit": None,
                "query": {"fields": [{"name": "user"}, {"name": "usersByRole"}]},
            }
        },
    )


def test_tagged_fields_and_types_are_served_as_usual(fed: Federation) -> None:
    supergraph = (SCENARIOS / SCENARIO / "supergraph.graphql").read_text()
    assert supergraph.count('@tag(name: "public")') == 3

    response = fed.query('{ user(id: "u1") { name role balance(currency: "EUR") } }')

    assert_response(response, {"data": {"user": {"name": "Ada", "role": "ADMIN", "balance": 27}}})


def test_querying_an_inaccessible_field_is_a_validation_error(fed: Federation) -> None:
    response = fed.query('{ user(id: "u1") { name passwordHash } }')

    _refused(
        response,
        library_message(
            graphql_js='Cannot query field "passwordHash" on type "User".',
            graphql_core="Cannot query field 'passwordHash' on type 'User'.",
        ),
        1,
        25,
        "GRAPHQL_VALIDATION_FAILED",
    )
    assert fed.fetch_counts() == {"accounts": 0, "billing": 0}


def test_querying_an_inaccessible_root_field_is_a_validation_error(fed: Federation) -> None:
    response = fed.query("{\n  internalUsers { name }\n}")

    _refused(
        response,
        library_message(
            graphql_js='Cannot query field "internalUsers" on type "Query".',
            graphql_core="Cannot query field 'internalUsers' on type 'Query'.",
        ),
        2,
        3,
        "GRAPHQL_VALIDATION_FAILED",
    )
    assert fed.fetch_counts() == {"accounts": 0, "billing": 0}


def test_an_inaccessible_argument_is_unknown(fed: Federation) -> None:
    response = fed.query('{ user(id: "u1") { balance(legacyMode: true) } }')

    _refused(
        response,
        library_message(
            graphql_js='Unknown argument "legacyMode" on field "User.balance".',
            graphql_core="Unknown argument 'legacyMode' on field 'User.balance'.",
        ),
        1,
        28,
        "GRAPHQL_VALIDATION_FAILED",
    )
    assert fed.fetch_counts() == {"accounts": 0, "billing": 0}


def test_an_inaccessible_enum_value_is_unknown_as_a_literal(fed: Federation) -> None:
    response = fed.query("{ usersByRole(role: SECRET_AGENT) { name } }")

    _refused(
        response,
        library_message(
            graphql_js='Value "SECRET_AGENT" does not exist in "Role" enum.',
            graphql_core="Value 'SECRET_AGENT' does not exist in 'Role' enum.",
        ),
        1,
        21,
        "GRAPHQL_VALIDATION_FAILED",
    )
    assert fed.fetch_counts() == {"accounts": 0, "billing": 0}


def test_an_inaccessible_enum_value_is_refused_as_a_variable(fed: Federation) -> None:
    response = fed.query(
        "query ($role: Role!) { usersByRole(role: $role) { name } }", {"role": "SECRET_AGENT"}
    )

    _refused(
        response,
        library_message(
            graphql_js='Variable "$role" got invalid value "SECRET_AGENT"; '
            'Value "SECRET_AGENT" does not exist in "Role" enum.',
            graphql_core="Variable '$role' has invalid value: "
            "Value 'SECRET_AGENT' does not exist in 'Role' enum.",
        ),
        1,
        8,
        "BAD_USER_INPUT",
    )
    assert fed.fetch_counts() == {"accounts": 0, "billing": 0}


def test_a_variable_of_the_wrong_type_is_refused_before_fetching(fed: Federation) -> None:
    response = fed.query("query ($id: ID!) { user(id: $id) { name } }", {"id": 1.5})

    _refused(
        response,
        library_message(
            graphql_js='Variable "$id" got invalid value 1.5; ID cannot represent value: 1.5',
            graphql_core="Variable '$id' has invalid value: ID cannot represent value: 1.5",
        ),
        1,
        8,
        "BAD_USER_INPUT",
    )
    assert fed.fetch_counts() == {"accounts": 0, "billing": 0}


def test_a_missing_required_variable_is_refused_before_fetching(fed: Federation) -> None:
    response = fed.query("query ($id: ID!) { user(id: $id) { name } }", {})

    _refused(
        response,
        library_message(
            graphql_js='Variable "$id" of required type "ID!" was not provided.',
            graphql_core="Variable '$id' has invalid value: "
            "Expected a value of non-null type 'ID!' to be provided.",
        ),
        1,
        8,
        "BAD_USER_INPUT",
    )
    assert fed.fetch_counts() == {"accounts": 0, "billing": 0}


def test_a_variable_of_an_accessible_enum_value_is_accepted(fed: Federation) -> None:
    response = fed.query(
        "query ($role: Role!) { usersByRole(role: $role) { name balance } }", {"role": "ADMIN"}
    )

    assert_response(response, {"data": {"usersByRole": [{"name": "Ada", "balance": 300}]}})
