"""Static limits on an operation, checked before it is planned: depth, aliases, root fields,
estimated cost, and whether it uses introspection.

Measured against the API schema by services/common/operation_measure.py, which every subgraph
uses as well; this module enforces the gateway's limits with its HTTP request errors.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphql import DocumentNode, GraphQLSchema, OperationDefinitionNode

from services.common import operation_measure
from services.common.operation_measure import ExpandsPastLimit, Sizing
from services.common.operation_measure import Measurement as Measurement

from .errors import RequestError


@dataclass(frozen=True)
class Limits:
    max_depth: int
    max_aliases: int
    max_root_fields: int
    max_cost: int
    default_list_size: int
    introspection: bool


def measure(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Mapping[str, Any],
    limits: Limits,
) -> Measurement:
    sizing = Sizing(max_fields=limits.max_cost, default_list_size=limits.default_list_size)
    try:
        return operation_measure.measure(schema, document, operation, variables, sizing)
    except ExpandsPastLimit as exc:
        raise _exceeded("COST_ESTIMATED_TOO_EXPENSIVE", str(exc), exc.fields, exc.limit) from exc


def enforce(measurement: Measurement, limits: Limits) -> None:
    if measurement.introspection and not limits.introspection:
        raise RequestError(
            400,
            "GraphQL introspection is disabled on this gateway, "
            "but the operation selects __schema or __type.",
            "INTROSPECTION_DISABLED",
        )
    checks = (
        ("MAX_DEPTH_LIMIT", "is {} levels deep", measurement.depth, limits.max_depth),
        ("MAX_ALIASES_LIMIT", "uses {} aliases", measurement.aliases, limits.max_aliases),
        (
            "MAX_ROOT_FIELDS_LIMIT",
            "selects {} root fields",
            measurement.root_fields,
            limits.max_root_fields,
        ),
        (
            "COST_ESTIMATED_TOO_EXPENSIVE",
            "has an estimated cost of {}",
            measurement.cost,
            limits.max_cost,
        ),
    )
    for code, what, measured, limit in checks:
        if measured > limit:
            raise _exceeded(code, f"The operation {what.format(measured)}", measured, limit)


def _exceeded(code: str, message: str, measured: int, limit: int) -> RequestError:
    return RequestError(
        400,
        f"{message}; the limit is {limit}.",
        code,
        extensions={"measured": measured, "limit": limit},
    )
