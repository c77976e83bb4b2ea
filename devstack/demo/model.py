"""What demo steps share: the APIs and the ids of what earlier steps loaded."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ..graphql import GraphQLClient


@dataclass
class Demo:
    apis: Mapping[str, GraphQLClient]
    """Per service name, its subgraph's client (signed in as an officer)."""
    organisations: dict[str, str] = field(default_factory=dict)
    """Organisation id by name."""
    people: dict[str, str] = field(default_factory=dict)
    """Person id by "given family" name."""
    partnerships: dict[str, str] = field(default_factory=dict)
    """Partnership id by title."""
    networks: dict[str, str] = field(default_factory=dict)
    """Network id by name."""
    workshops: dict[str, str] = field(default_factory=dict)
    """Workshop id by title."""
    grants: dict[str, str] = field(default_factory=dict)
    """Grant id by partnership title."""


Step = Callable[[Demo], str]
