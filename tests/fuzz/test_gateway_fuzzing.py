"""Generated queries and mutations against the gateway, as a viewer and as an officer: not one
may fail inside the platform (no 5xx status, no INTERNAL_SERVER_ERROR). Each operation is a
test of its own, `test_no_operation_fails_inside[Query.<field>][<role>]`, and a failure shows
the request that reproduces it."""

from __future__ import annotations

import json
from typing import Any

import graphql
import schemathesis
from hypothesis import strategies as st
from schemathesis import Case

from devstack.api_schema import api_schema_sdl

from .bounds import CONFIG
from .checks import no_internal_error
from .ids import with_ids
from .scalars import register
from .variables import as_variables

register()
# The API the gateway serves, composed from the services' code as the gateway composes it.
schema = schemathesis.graphql.from_file(api_schema_sdl(), config=CONFIG)


def vary(case: Case[Any], data: st.DataObject, ids: list[str]) -> None:
    """Half the requests with the demo data's ids in place of generated ones, half with the
    arguments as variables. A query that does not parse is left for the gateway to refuse."""
    if not isinstance(case.body, str):
        return
    try:
        document = graphql.parse(case.body)
    except graphql.GraphQLError:
        return
    api = case.operation.schema.client_schema
    if data.draw(st.booleans(), label="demo ids") and ids:
        document = with_ids(document, api, lambda: data.draw(st.sampled_from(ids)))
        case.body = graphql.print_ast(document)
    if data.draw(st.booleans(), label="as variables"):
        query, variables = as_variables(document, api)
        case.body = json.dumps({"query": query, "variables": variables}).encode()


@schema.parametrize()
@schema.given(data=st.data())
def test_no_operation_fails_inside(
    case: Case[Any], data: st.DataObject, gateway_url: str, caller: dict[str, str], ids: list[str]
) -> None:
    vary(case, data, ids)
    case.call_and_validate(base_url=gateway_url, headers=caller, checks=[no_internal_error])
