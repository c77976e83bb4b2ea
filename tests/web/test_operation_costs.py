"""The gateway's default limits never refuse the web console: every operation it can send,
measured by the gateway on the services' composed API schema with its pages at their largest,
stays well under them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    GraphQLSchema,
    OperationDefinitionNode,
    build_schema,
    parse,
    validate,
)

from devstack.api_schema import api_schema_sdl
from devstack.config import ROOT
from gateway.server.limits import Limits, enforce, measure
from gateway.settings import GatewaySettings
from services.common.operation_measure import SIZE_ARGUMENTS
from services.common.pagination import MAX_PAGE

SOURCES = ROOT / "web" / "src"
GENERATED = SOURCES / "gql"
HEADROOM = 5
"""How many times over the costliest console operation the default cost limit is."""
DOCUMENT = re.compile(r"\bgraphql\(\s*`([^`]*)`\s*\)")


def console_documents(sources: Path) -> list[str]:
    """Every document the console's code passes to `graphql(…)`, as codegen finds them."""
    return [
        match
        for path in sorted(sources.rglob("*.ts*"))
        if path.suffix in {".ts", ".tsx"} and GENERATED not in path.parents
        for match in DOCUMENT.findall(path.read_text())
    ]


DEFINITIONS = [d for source in console_documents(SOURCES) for d in parse(source).definitions]
FRAGMENTS = tuple(d for d in DEFINITIONS if isinstance(d, FragmentDefinitionNode))
OPERATIONS = [d for d in DEFINITIONS if isinstance(d, OperationDefinitionNode)]


def test_the_console_has_operations() -> None:
    assert len(OPERATIONS) >= 30


@pytest.fixture(scope="module")
def schema() -> GraphQLSchema:
    return build_schema(api_schema_sdl())


@pytest.fixture(scope="module")
def limits() -> Limits:
    settings = GatewaySettings()
    return Limits(
        max_depth=settings.max_depth,
        max_aliases=settings.max_aliases,
        max_root_fields=settings.max_root_fields,
        max_cost=settings.max_cost // HEADROOM,
        default_list_size=settings.default_list_size,
        introspection=False,
    )


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda o: o.name.value if o.name else "")
def test_a_console_operation_is_well_under_the_default_limits(
    operation: OperationDefinitionNode, schema: GraphQLSchema, limits: Limits
) -> None:
    largest_pages = {
        v.variable.name.value: MAX_PAGE
        for v in operation.variable_definitions or ()
        if v.variable.name.value in SIZE_ARGUMENTS
    }
    document = DocumentNode(definitions=(operation, *FRAGMENTS))
    errors = [e for e in validate(schema, document) if "is never used" not in e.message]
    assert errors == []
    # Refused (RequestError) past a fifth of the default cost limit, or past any other limit.
    enforce(measure(schema, document, operation, largest_pages, limits), limits)
