"""What `_entities` accepts: a signed-in caller (as every root field requires) and
representations of the service's own entity types with exactly their key fields.

Federation's `_entities` reaches every entity type without going through a root field, so
the caller is checked here once for all of them; each type's `resolve_reference` then applies
the same per-object rules as its root field (e.g. who may read an application).
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from typing import Any

from graphql import GraphQLSchema, GraphQLUnionType

from .errors import BadUserInput

ENTITY_UNION = "_Entity"


class EntityTypes:
    """The entity types of one schema and the key arguments each one's reference takes."""

    def __init__(self, schema: GraphQLSchema, origins: Mapping[str, type]) -> None:
        union = schema.type_map.get(ENTITY_UNION)
        names = [t.name for t in union.types] if isinstance(union, GraphQLUnionType) else []
        self._keys = {name: _reference_arguments(origins.get(name)) for name in names}

    def check(self, representation: Any) -> BadUserInput | None:
        """Why a representation cannot be resolved here, or None when it can."""
        if not isinstance(representation, dict):
            return BadUserInput("an entity representation must be an object")
        typename = representation.get("__typename")
        if not isinstance(typename, str) or typename not in self._keys:
            known = ", ".join(sorted(self._keys)) or "none"
            return BadUserInput(
                f"unknown entity type {str(typename)[:100]!r}: this service resolves {known}",
                field="representations",
            )
        keys = self._keys[typename]
        given = set(representation) - {"__typename"}
        if keys is not None and given != keys:
            return BadUserInput(
                f"a {typename} representation takes exactly the fields "
                f"{', '.join(sorted(keys))} besides __typename",
                field="representations",
            )
        if any(not isinstance(representation[k], str | int) for k in given):
            return BadUserInput(
                f"the key fields of a {typename} representation must be IDs",
                field="representations",
            )
        return None


def _reference_arguments(origin: type | None) -> frozenset[str] | None:
    """The arguments of the type's `resolve_reference` besides `info`; None when it has
    none (strawberry then builds the object from the representation)."""
    resolve = getattr(origin, "resolve_reference", None)
    if resolve is None:
        return None
    return frozenset(name for name in inspect.signature(resolve).parameters if name != "info")
