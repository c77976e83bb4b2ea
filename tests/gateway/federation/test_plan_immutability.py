"""A built plan is immutable: the engine caches it per operation and runs it for concurrent
requests, so every part of it (fetches, representations, selections, renamings) refuses change."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
from graphql import parse

from gateway.engine.prepared import PreparedOperation, prepare
from gateway.planner import QueryPlan, build_plan, normalize
from gateway.planner.plan import FetchField, RepField
from gateway.supergraph import load_supergraph
from tests.gateway.support.federation import SCENARIOS

PLANS = Path(__file__).resolve().parent / "plans"
# Planned without variables: the goldens with a .json decide @skip/@include by them.
OPERATIONS = sorted(
    operation
    for operation in PLANS.glob("*.graphql")
    if operation.with_suffix(".plan").exists() and not operation.with_suffix(".json").exists()
)


def _plan(scenario: str, query: str) -> QueryPlan:
    supergraph = load_supergraph((SCENARIOS / scenario / "supergraph.graphql").read_text())
    prepared = prepare(supergraph.api_schema, parse(query), None)
    assert isinstance(prepared, PreparedOperation)
    decisions = prepared.conditions.decide({}, prepared.variable_defaults)
    return build_plan(
        supergraph,
        prepared.kind,
        None,
        normalize(prepared.operation, prepared.fragments, decisions),
        prepared.variable_definitions,
    )


def _mutable_parts(value: Any, where: str) -> list[str]:
    """Where in `value` something could be changed: a non-frozen dataclass or a mutable
    container."""
    if value is None or isinstance(value, str | int | float | bool):
        return []
    if isinstance(value, tuple | frozenset):
        return [part for item in value for part in _mutable_parts(item, where + "[]")]
    if isinstance(value, MappingProxyType):
        return [
            part
            for key, item in value.items()
            for part in _mutable_parts(item, f"{where}[{key!r}]")
        ]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if not type(value).__dataclass_params__.frozen:  # type: ignore[attr-defined]
            return [f"{where}: {type(value).__name__}"]
        return [
            part
            for attribute in dataclasses.fields(value)
            for part in _mutable_parts(getattr(value, attribute.name), f"{where}.{attribute.name}")
        ]
    return [f"{where}: {type(value).__name__}"]


@pytest.mark.parametrize("operation", OPERATIONS, ids=[o.stem for o in OPERATIONS])
def test_every_part_of_a_golden_plan_is_frozen(operation: Path) -> None:
    plan = _plan(operation.stem.partition("-")[0], operation.read_text())

    assert plan.fetches
    assert _mutable_parts(plan, "plan") == []


def test_a_plan_refuses_changes_to_its_fetches_representations_selections_and_renamings() -> None:
    plan = _plan("type_differences", (PLANS / "type_differences-aliased.graphql").read_text())
    root, entities = plan.fetches
    (call,) = entities.calls
    (place,) = call.places
    renaming = root.renaming
    assert renaming is not None

    with pytest.raises(dataclasses.FrozenInstanceError):
        plan.fetches = ()  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        entities.document = "{ __typename }"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        entities.depends_on.add(5)  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        place.representations["Movie"] = place.representations["Book"]  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        place.representations["Book"].fields = ()  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        entities.calls = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        root.selection.fields["extra"] = root.selection.fields["media"]  # type: ignore[index]
    media = root.selection.fields["media"].selection
    assert media is not None
    with pytest.raises(TypeError):
        del media.fragments["Movie"]  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        renaming.keys["__gw9_id"] = "id"  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        renaming.below = {}  # type: ignore[misc]
    # What was refused is still there, as planned.
    assert entities.depends_on == frozenset({0})
    assert place.representations["Book"].fields == (RepField("id", "id"),)
    assert list(media.fragments) == ["Book", "Movie"]
    assert media.fragments["Movie"].fields["id"] == FetchField(
        response_key="id", name="id", arguments="", type="ID", sent_key="__gw1_id", selection=None
    )
    assert dict(renaming.below["media"].keys) == {"__gw1_id": "id", "__gw2_details": "details"}
