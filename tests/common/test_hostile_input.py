"""Hostile values in every input of every service, found through each service's schema (so a new
field cannot be left out): text that spoofs and dates or decimals that the scalars accept but
no plan or amount can hold are BAD_USER_INPUT naming the field, never an internal error."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from graphql import GraphQLSchema

from services.common.auth import Role
from services.common.service import ServiceSpec
from services.finance.service import SPEC as FINANCE
from services.networks.service import SPEC as NETWORKS
from services.partnerships.service import SPEC as PARTNERSHIPS
from services.training.service import SPEC as TRAINING

from ..support.services import RunningService, running_service
from .schema_inputs import Slot, arguments_with, client_schema, inline, slots, with_variables

SPECS = [PARTNERSHIPS, NETWORKS, TRAINING, FINANCE]

SPOOFING = [
    "invoice\u202egpj.exe",  # right-to-left override: shows as "invoiceexe.jpg"
    "\u2066Stockholm\u2069",  # left-to-right isolate
    "Anna\u200bBerg",  # zero-width space
    "Anna\x00",
    "\ufeffAnna",
    "Anna\u2028Berg",
]
JOINED = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
"""Persian "I want" with its zero-width non-joiner: a language's own spelling, never refused."""

DATES_NO_PLAN_HOLDS = ["0001-01-01", "9999-12-31", "1899-12-31", "2200-01-01"]
UNBOUNDED_DECIMALS = ["NaN", "-Infinity", "sNaN", "1e999999999", "1e-999999999", "1" + "0" * 30]
UNPARSABLE_DATES: list[Any] = [
    "2026-02-30",
    "0000-01-01",
    "10000-01-01",
    "",
    "2026-1-1",
    "2026-01-01T10:00:00",
    "yesterday",
    20260101,
    ["2026-01-01"],
]
UNPARSABLE_DECIMALS: list[Any] = ["", "ten", "1,5", True, ["1"]]


@pytest.fixture(params=SPECS, ids=lambda spec: spec.name)
async def service(
    request: pytest.FixtureRequest, mongo_url: str, broker_url: str, unique: str
) -> AsyncIterator[RunningService]:
    spec: ServiceSpec[Any] = request.param
    async with running_service(spec, mongo_url, broker_url, f"test-{unique}") as running:
        yield running


def input_slots(schema: GraphQLSchema, scalar: str) -> list[Slot]:
    """The fields of input objects (not root arguments such as `after`) of a scalar type."""
    return [s for s in slots(schema) if s.scalar == scalar and s.path]


async def answers(
    service: RunningService, schema: GraphQLSchema, slot: Slot, value: Any, *, written: str
) -> dict[str, Any]:
    """The first error of the field's request with `value` at the slot ({} for none)."""
    args = arguments_with(schema, slot, value)
    if written == "inline":
        body = await service.graphql(inline(schema, slot, args))
    else:
        body = await service.graphql(with_variables(schema, slot), args)
    errors: list[dict[str, Any]] = body.get("errors") or [{}]
    return errors[0]


def where(slot: Slot, value: Any) -> str:
    return f"{slot.operation} {slot.field} {'.'.join(slot.path)} = {value!r}"


async def test_text_that_spoofs_is_refused_in_every_text_input(service: RunningService) -> None:
    schema = await client_schema(service)
    wrong = []
    texts = input_slots(schema, "String")
    assert len(texts) > 10, "the schema walk found too few text inputs"
    for slot in texts:
        for text in SPOOFING:
            error = await answers(service, schema, slot, text, written="variables")
            if error.get("extensions", {}) != {
                "code": "BAD_USER_INPUT",
                "field": slot.path[-1],
                "character": error.get("extensions", {}).get("character"),
            }:
                wrong.append(f"{where(slot, text)}: {error}")
    assert not wrong, "\n".join(wrong)


async def test_line_breaks_only_in_prose_and_joiners_everywhere(service: RunningService) -> None:
    schema = await client_schema(service)
    for slot in input_slots(schema, "String"):
        joined = await answers(service, schema, slot, JOINED, written="variables")
        assert joined.get("extensions", {}).get("field") != slot.path[-1] or (
            "character" not in joined["extensions"]
        ), where(slot, JOINED)
        broken = await answers(service, schema, slot, "two\nlines", written="variables")
        refused = broken.get("extensions", {}).get("character") == "U+000A"
        prose = slot.path[-1] in {
            "description", "note", "conditions", "focus", "purpose", "statement", "challenge",
            "solution", "results", "lessonsLearned", "text", "changeProjectOutline",
            "abstract", "methods", "comment", "feedback", "reasons",
        }  # fmt: skip
        assert refused is not prose, where(slot, "two\nlines")


@pytest.mark.parametrize("written", ["variables", "inline"])
async def test_dates_and_decimals_beyond_bounds_are_bad_user_input(
    service: RunningService, written: str
) -> None:
    schema = await client_schema(service)
    wrong = []
    cases = [(s, v) for s in input_slots(schema, "Date") for v in DATES_NO_PLAN_HOLDS] + [
        (s, v) for s in input_slots(schema, "Decimal") for v in UNBOUNDED_DECIMALS
    ]
    for slot, value in cases:
        error = await answers(service, schema, slot, value, written=written)
        assert error, where(slot, value)
        extensions = error.get("extensions", {})
        if (extensions.get("code"), extensions.get("field")) != ("BAD_USER_INPUT", slot.path[-1]):
            wrong.append(f"{where(slot, value)}: {error}")
    assert not wrong, "\n".join(wrong)


async def test_unparsable_dates_and_decimals_name_the_variable(service: RunningService) -> None:
    schema = await client_schema(service)
    wrong = []
    cases = [(s, v) for s in input_slots(schema, "Date") for v in UNPARSABLE_DATES] + [
        (s, v) for s in input_slots(schema, "Decimal") for v in UNPARSABLE_DECIMALS
    ]
    for slot, value in cases:
        error = await answers(service, schema, slot, value, written="variables")
        if error.get("extensions", {}).get("code") != "BAD_USER_INPUT" or (
            f"${slot.argument}" not in error["message"] or slot.path[-1] not in error["message"]
        ):
            wrong.append(f"{where(slot, value)}: {error}")
        inline_error = await answers(service, schema, slot, value, written="inline")
        if inline_error.get("extensions", {}).get("code") == "INTERNAL_SERVER_ERROR":
            wrong.append(f"inline {where(slot, value)}: {inline_error}")
    assert not wrong, "\n".join(wrong)


async def test_a_lone_surrogate_is_refused_not_an_encoding_failure(
    mongo_url: str, broker_url: str, unique: str
) -> None:
    """JSON can carry half of a UTF-16 pair (`"\\ud800"`), which no database can store."""
    body = (
        b'{"query": "mutation($input: CreateOrganisationInput!) {'
        b' createOrganisation(input: $input) { organisation { id } } }",'
        b' "variables": {"input": {"name": "Kommun \\ud800", "kind": "MUNICIPALITY",'
        b' "country": "SE"}}}'
    )
    async with running_service(PARTNERSHIPS, mongo_url, broker_url, f"test-{unique}") as service:
        response = await service.http.post(
            "/graphql",
            content=body,
            headers={
                "content-type": "application/json",
                "authorization": f"Bearer {service.token(Role.OFFICER)}",
            },
        )
    [error] = response.json()["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "name", "character": "U+D800"}


WRONG_FOR_BUILT_IN: dict[str, list[Any]] = {
    "Int": [2**31, -(2**31) - 1, 2**63, "5", 1.5],
    "String": [5, {}, True],
    "ID": [{}, True, 1.5],
    "Boolean": ["yes", 1],
}
OVERLONG_INT = "9" * 4301
"""Longer than Python converts from text by default (`sys.set_int_max_str_digits`)."""


async def test_values_built_in_scalars_cannot_take_are_client_errors(
    service: RunningService,
) -> None:
    """graphql-core reports these with its own error inside, not strawberry's: they once came
    back as INTERNAL_SERVER_ERROR (in variables) or without any code (inline)."""
    schema = await client_schema(service)
    wrong = []
    for scalar, values in WRONG_FOR_BUILT_IN.items():
        for slot in [s for s in slots(schema) if s.scalar == scalar and not s.path][:2]:
            for value in values:
                error = await answers(service, schema, slot, value, written="variables")
                if error.get("extensions", {}).get("code") != "BAD_USER_INPUT" or (
                    f"${slot.argument}" not in error["message"]
                ):
                    wrong.append(f"{where(slot, value)}: {error}")
                inline_error = await answers(service, schema, slot, value, written="inline")
                if inline_error.get("extensions", {}).get("code") != "GRAPHQL_VALIDATION_FAILED":
                    wrong.append(f"inline {where(slot, value)}: {inline_error}")
    assert not wrong, "\n".join(wrong)


async def test_request_errors_carry_their_code(service: RunningService) -> None:
    schema = await client_schema(service)
    [slot, *_] = [s for s in slots(schema) if s.scalar == "Int" and not s.path]
    overlong = inline(schema, slot, arguments_with(schema, slot, 1)).replace(
        f"{slot.argument}: 1", f"{slot.argument}: {OVERLONG_INT}"
    )
    assert OVERLONG_INT in overlong
    answered = {
        "overlong": await service.graphql(overlong),
        "syntax": await service.graphql("{ nothing( }"),
        "unknown field": await service.graphql("{ noSuchField }"),
    }
    codes = {
        case: [e.get("extensions", {}).get("code") for e in body["errors"]]
        for case, body in answered.items()
    }
    assert codes == {
        "overlong": ["GRAPHQL_VALIDATION_FAILED"],
        "syntax": ["GRAPHQL_PARSE_FAILED"],
        "unknown field": ["GRAPHQL_VALIDATION_FAILED"],
    }
    assert "set_int_max_str_digits" not in answered["overlong"]["errors"][0]["message"]
