"""Every subgraph enforces its own limits on an operation (tokens, depth, aliases, estimated
cost, time), whoever sends it: refused with a coded error before any resolver runs."""

from __future__ import annotations

import gc
import warnings
from typing import Any

from services.common.auth import Role
from services.partnerships.service import SPEC as PARTNERSHIPS

from ..support.services import error_codes, running_service

ORGANISATIONS = "organisations(first: 100) { edges { node { id name } } }"


def aliased(count: int, field: str = ORGANISATIONS) -> str:
    return "{ " + " ".join(f"a{i}: {field}" for i in range(count)) + " }"


def nested(levels: int) -> str:
    """`organisations { edges { node { … } } }` with `partnerships` hops down to `levels`."""
    inner = "id"
    depth = 3
    while depth + 4 <= levels:
        inner = f"partnerships(first: 1) {{ edges {{ node {{ swedishPartner {{ {inner} }} }} }} }}"
        depth += 4
    return f"{{ organisations(first: 1) {{ edges {{ node {{ {inner} }} }} }} }}"


async def test_thousands_of_aliases_sent_directly_are_refused_by_default(
    mongo_url: str, broker_url: str, unique: str
) -> None:
    async with running_service(PARTNERSHIPS, mongo_url, broker_url, f"test-{unique}") as service:
        body = await service.graphql(aliased(3000), role=Role.VIEWER)
        assert body["data"] is None
        assert error_codes(body) == ["MAX_TOKENS_LIMIT"]
        assert body["errors"][0]["extensions"]["limit"] == 20_000

        fewer = await service.graphql(aliased(300, "organisations { totalCount }"))
        assert error_codes(fewer) == ["MAX_ALIASES_LIMIT"]
        assert fewer["errors"][0]["message"] == (
            "The operation uses 300 aliases; the limit is 100."
        )


async def test_each_limit_is_configurable_and_coded(
    mongo_url: str, broker_url: str, unique: str
) -> None:
    limits: dict[str, Any] = {
        "graphql_max_tokens": 200,
        "graphql_max_depth": 6,
        "graphql_max_aliases": 2,
        "graphql_max_cost": 1000,
    }
    async with running_service(
        PARTNERSHIPS, mongo_url, broker_url, f"test-{unique}", **limits
    ) as service:
        within = await service.data(aliased(2), role=Role.VIEWER)
        assert set(within) == {"a0", "a1"}

        cases = {
            "MAX_TOKENS_LIMIT": "{ " + "__typename " * 201 + "}",
            "MAX_DEPTH_LIMIT": nested(7),
            "MAX_ALIASES_LIMIT": aliased(3, "organisations { totalCount }"),
            "COST_ESTIMATED_TOO_EXPENSIVE": "{ " + ORGANISATIONS.replace("100", "300") + " }",
        }
        for code, query in cases.items():
            body = await service.graphql(query, role=Role.VIEWER)
            assert body["data"] is None, code
            assert error_codes(body) == [code]
            extensions = body["errors"][0]["extensions"]
            assert extensions["measured"] > extensions["limit"], code

        # Sizes from variables count too (the gateway sends `first` and representations so).
        by_variable = await service.graphql(
            "query($n: Int) { organisations(first: $n) { edges { node { id name } } } }",
            {"n": 300},
            role=Role.VIEWER,
        )
        assert error_codes(by_variable) == ["COST_ESTIMATED_TOO_EXPENSIVE"]
        # GraphQL's Int takes a whole-number float, and so does the estimate.
        as_float = await service.graphql(
            "query($n: Int) { organisations(first: $n) { edges { node { id name } } } }",
            {"n": 300.0},
            role=Role.VIEWER,
        )
        assert error_codes(as_float) == ["COST_ESTIMATED_TOO_EXPENSIVE"]
        entities = "query($r: [_Any!]!) { _entities(representations: $r) { __typename } }"
        many = [{"__typename": "Organisation", "id": str(i)} for i in range(600)]
        batch = await service.graphql(entities, {"r": many}, role=Role.VIEWER)
        assert error_codes(batch) == ["COST_ESTIMATED_TOO_EXPENSIVE"]
        assert await service.data(nested(6), role=Role.VIEWER) == {"organisations": {"edges": []}}


async def test_an_operation_past_the_timeout_is_stopped_with_a_coded_error(
    mongo_url: str, broker_url: str, unique: str
) -> None:
    # A timeout that has passed before the first database round trip: deterministic.
    async with running_service(
        PARTNERSHIPS, mongo_url, broker_url, f"test-{unique}", graphql_timeout_s=1e-6
    ) as service:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            body = await service.graphql(aliased(2), role=Role.VIEWER)
            nested_body = await service.graphql(nested(6), role=Role.VIEWER)
            gc.collect()  # a coroutine dropped unstarted warns when it is collected
        for answer in (body, nested_body):
            assert answer["data"] is None
            assert error_codes(answer) == ["TIMEOUT"]
            assert "did not complete within 1e-06 s" in answer["errors"][0]["message"]
    # Stopped without leaving a coroutine never awaited (resolvers' or graphql-core's).
    assert [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)] == []
