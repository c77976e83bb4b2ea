"""What the HTTP layer hands the engine: one parsed GraphQL operation request."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import DocumentNode


@dataclass(frozen=True)
class OperationRequest:
    """A client's operation, already parsed and within the limits.

    `query` is the document text: plans are cached by it (with the operation name).
    `headers` are the ones forwarded to every subgraph fetch (Authorization, request id).
    """

    query: str
    document: DocumentNode
    operation_name: str | None = None
    variables: Mapping[str, Any] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)
