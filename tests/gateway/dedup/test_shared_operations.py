"""Through the gateway: identical queries of one caller in flight share one execution (or,
with that off, one subgraph request); two callers never share; mutations never; a failure
reaches every sharer; sharers never see each other's merged answers."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from tests.gateway.support.subgraph import HttpFailure

from .conftest import Stack, gateway, metric, token, wait_until

QUERY = "query Things { things { name } me }"
THINGS_DATA = [{"name": f"thing {i}"} for i in range(3)]
SHARED_OPERATIONS = "icld_gateway_shared_operations_total"
SHARED_REQUESTS = "icld_gateway_shared_subgraph_requests_total"

Layer = tuple[dict[str, Any], Callable[[httpx.Client], float]]
LAYERS: dict[str, Layer] = {
    "operations": ({}, lambda client: metric(client, SHARED_OPERATIONS)),
    "subgraph requests": (
        {"dedupe_operations": False},
        lambda client: metric(client, SHARED_REQUESTS, subgraph="things"),
    ),
}
"""Each sharing layer alone: the settings that leave it the one sharing, and its count."""


def post(
    client: httpx.Client,
    query: str = QUERY,
    headers: dict[str, str] | None = None,
    variables: dict[str, Any] | None = None,
) -> dict[str, Any]:
    response = client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
    )
    body: dict[str, Any] = response.json()
    return body


def concurrently(*calls: Callable[[], dict[str, Any]]) -> list[Future[dict[str, Any]]]:
    pool = ThreadPoolExecutor(len(calls))
    futures = [pool.submit(call) for call in calls]
    pool.shutdown(wait=False)
    return futures


@pytest.mark.parametrize("layer", LAYERS)
def test_identical_queries_of_one_caller_share(stack: Stack, layer: str) -> None:
    overrides, shared = LAYERS[layer]
    anna = token("anna")
    with gateway(stack, **overrides) as client:
        responses = concurrently(*[lambda: post(client, headers=anna)] * 5)
        wait_until(lambda: shared(client) == 4, "4 of 5 requests sharing the first one")
        stack.things.gate.set()
        bodies = [response.result() for response in responses]
        assert (
            metric(client, SHARED_REQUESTS, subgraph="things") + metric(client, SHARED_OPERATIONS)
            == 4
        )
    assert bodies == [{"data": {"things": THINGS_DATA, "me": "anna"}}] * 5
    assert len(stack.things.subgraph.received) == 1


def test_tokens_of_one_principal_share_an_execution(stack: Stack) -> None:
    """The caller is who the verified token names, not its bytes (a token renewed meanwhile)."""
    with gateway(stack) as client:
        responses = concurrently(
            lambda: post(client, headers=token("anna")),
            lambda: post(client, headers=token("anna", exp=4102444801)),
        )
        wait_until(lambda: metric(client, SHARED_OPERATIONS) == 1, "the second sharing")
        stack.things.gate.set()
        bodies = [response.result() for response in responses]
    assert bodies == [{"data": {"things": THINGS_DATA, "me": "anna"}}] * 2
    assert len(stack.things.subgraph.received) == 1


@pytest.mark.parametrize("verified", [True, False], ids=["verified tokens", "raw tokens"])
def test_two_callers_never_share(stack: Stack, verified: bool) -> None:
    overrides = {} if verified else {"jwt_secret": ""}
    with gateway(stack, **overrides) as client:
        anna, ben, nobody = concurrently(
            lambda: post(client, headers=token("anna")),
            lambda: post(client, headers=token("ben")),
            lambda: post(client),
        )
        stack.things.wait_for_arrivals(3)
        stack.things.gate.set()
        assert [anna.result(), ben.result(), nobody.result()] == [
            {"data": {"things": THINGS_DATA, "me": caller}} for caller in ("anna", "ben", None)
        ]
        assert metric(client, SHARED_OPERATIONS) == 0
        assert metric(client, SHARED_REQUESTS, subgraph="things") == 0
    assert len(stack.things.subgraph.received) == 3


@pytest.mark.parametrize("layer", LAYERS)
def test_a_subgraph_failure_reaches_every_sharer(stack: Stack, layer: str) -> None:
    overrides, shared = LAYERS[layer]
    anna = token("anna")
    with gateway(stack, **overrides) as client, stack.things.subgraph.failing(HttpFailure()):
        responses = concurrently(*[lambda: post(client, headers=anna)] * 3)
        wait_until(lambda: shared(client) == 2, "2 of 3 requests sharing the first one")
        stack.things.gate.set()
        bodies = [response.result() for response in responses]
    assert bodies == [bodies[0]] * 3
    assert bodies[0]["data"] is None
    assert [error["extensions"]["code"] for error in bodies[0]["errors"]] == [
        "SUBGRAPH_UNAVAILABLE"
    ] * 2
    assert len(stack.things.subgraph.received) == 1


def test_mutations_are_never_shared(stack: Stack) -> None:
    anna = token("anna")
    with gateway(stack) as client:
        responses = concurrently(*[lambda: post(client, "mutation { touch }", anna)] * 3)
        stack.things.wait_for_arrivals(3)
        stack.things.gate.set()
        touched = sorted(response.result()["data"]["touch"] for response in responses)
    assert touched == [1, 2, 3]


def test_with_sharing_off_nothing_is_shared(stack: Stack) -> None:
    anna = token("anna")
    with gateway(stack, dedupe_operations=False, dedupe_subgraph_requests=False) as client:
        responses = concurrently(*[lambda: post(client, headers=anna)] * 3)
        stack.things.wait_for_arrivals(3)
        stack.things.gate.set()
        bodies = [response.result() for response in responses]
    assert bodies == [{"data": {"things": THINGS_DATA, "me": "anna"}}] * 3
    assert len(stack.things.subgraph.received) == 3


def test_sharers_of_a_subgraph_answer_merge_into_their_own_responses(stack: Stack) -> None:
    """Two operations (other variables) share the `things` answer and each merges its own
    `extras` answer into it; both `extras` answers are in before either operation can finish
    (its `labels` fetch is held), so shared objects would show one operation the other's."""
    query = "query Extras($n: Int!) { things { id extra(n: $n) label } }"
    with gateway(stack) as client:
        one, two = concurrently(
            lambda: post(client, query, variables={"n": 1}),
            lambda: post(client, query, variables={"n": 2}),
        )
        wait_until(
            lambda: metric(client, SHARED_REQUESTS, subgraph="things") == 1,
            "the second operation sharing the first one's request to things",
        )
        stack.things.gate.set()
        stack.extras.gate.set()
        stack.extras.wait_for_answers(2)
        stack.labels.gate.set()
        answers = [one.result(), two.result()]
    assert answers == [
        {
            "data": {
                "things": [
                    {"id": str(i), "extra": f"{i}:{n}", "label": f"label {i}"} for i in range(3)
                ]
            }
        }
        for n in (1, 2)
    ]
    assert len(stack.things.subgraph.received) == 1
    assert len(stack.extras.subgraph.received) == 2


def test_only_requests_in_flight_share(stack: Stack) -> None:
    stack.things.gate.set()
    with gateway(stack) as client:
        assert post(client) == post(client)
    assert len(stack.things.subgraph.received) == 2
