"""Expected error entries, in the shape the gateway's error contract gives them (see
tests/gateway/federation/test_response_rules.py for the contract)."""

from __future__ import annotations

from typing import Any

Path = list[str | int]


def subgraph_error(message: str, path: Path, subgraph: str, code: str) -> dict[str, Any]:
    """A subgraph's error passed on at the client path."""
    return {"message": message, "path": path, "extensions": {"code": code, "serviceName": subgraph}}


def unavailable(subgraph: str, path: Path) -> dict[str, Any]:
    """A field left null because its fetch got no usable response."""
    return {
        "message": f"Subgraph '{subgraph}' is unavailable.",
        "path": path,
        "extensions": {"code": "SUBGRAPH_UNAVAILABLE", "serviceName": subgraph},
    }
