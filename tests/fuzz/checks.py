"""What the fuzzing run asserts on every answer: the server did not fail. Refusals (bad
input, no permission, not found, conflicts) are the right answer to most generated requests."""

from __future__ import annotations

import json
from typing import Any

from schemathesis import Case, CheckContext, Response

INTERNAL = "INTERNAL_SERVER_ERROR"


def internal_errors(body: object) -> list[object]:
    """The errors of a GraphQL response body that say the server failed inside."""
    if not isinstance(body, dict) or not isinstance(body.get("errors"), list):
        return []
    return [
        error
        for error in body["errors"]
        if isinstance(error, dict)
        and isinstance(error.get("extensions"), dict)
        and error["extensions"].get("code") == INTERNAL
    ]


def no_internal_error(ctx: CheckContext, response: Response, case: Case[Any]) -> None:
    """No 5xx status and no error with the code INTERNAL_SERVER_ERROR."""
    if response.status_code >= 500:
        raise AssertionError(f"HTTP {response.status_code}: {response.text[:2000]}")
    try:
        body = response.json()
    except ValueError:
        return  # not GraphQL (e.g. a 400 for a body that is not JSON): judged by status alone
    if failed := internal_errors(body):
        raise AssertionError(f"{INTERNAL}: {json.dumps(failed, ensure_ascii=False)[:2000]}")
