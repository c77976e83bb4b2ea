"""Ids of the demo data in generated requests: with made-up ids nearly every operation stops at
NOT_FOUND, and the code that reads or changes a real record never runs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import graphql
import httpx
from graphql.language import ast

LISTS = [
    "organisations", "people", "partnerships", "visits", "calls", "applications",
    "networks", "practices", "grants", "programmes", "cohorts", "workshops",
]  # fmt: skip
QUERY = "{ " + " ".join(f"{name}(first: 100) {{ nodes {{ id }} }}" for name in LISTS) + " }"


def demo_ids(gateway_url: str, headers: dict[str, str]) -> list[str]:
    """The ids of every record the lists show, in a stable order."""
    response = httpx.post(gateway_url, json={"query": QUERY}, headers=headers, timeout=60)
    response.raise_for_status()
    body: dict[str, Any] = response.json()
    assert not body.get("errors"), body["errors"]
    return sorted({node["id"] for name in LISTS for node in body["data"][name]["nodes"]})


class _IdReplacer(graphql.Visitor):
    def __init__(self, types: graphql.TypeInfo, pick: Callable[[], str]) -> None:
        super().__init__()
        self._types = types
        self._pick = pick

    def enter(self, node: ast.Node, *_: object) -> ast.Node | None:
        if isinstance(node, ast.StringValueNode | ast.IntValueNode):
            expected = self._types.get_input_type()
            if expected is not None and graphql.get_named_type(expected) is graphql.GraphQLID:
                return ast.StringValueNode(value=self._pick())
        return None


def with_ids(
    document: ast.DocumentNode, schema: graphql.GraphQLSchema, pick: Callable[[], str]
) -> ast.DocumentNode:
    """`document` with every literal of type ID, however deep in an input, replaced by
    `pick()`."""
    types = graphql.TypeInfo(schema)
    replaced: ast.DocumentNode = graphql.visit(
        document, graphql.TypeInfoVisitor(types, _IdReplacer(types, pick))
    )
    return replaced
