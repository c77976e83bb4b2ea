"""Every target must answer each query with the same JSON (same data, same key order)."""

from __future__ import annotations

import difflib
import json
from typing import Any

import httpx

TIMEOUT_S = 30.0


class ResponsesDiffer(RuntimeError):
    """Two targets answered one query differently; the message holds the diff."""


class BadResponse(RuntimeError):
    """A target answered with a non-200 status, invalid JSON or GraphQL errors."""


def fetch(url: str, body: bytes) -> Any:
    """The parsed JSON response to one POST; JSON objects keep their key order."""
    response = httpx.post(
        url, content=body, headers={"content-type": "application/json"}, timeout=TIMEOUT_S
    )
    if response.status_code != 200:
        raise BadResponse(f"{url} answered {response.status_code}: {response.text[:500]}")
    try:
        parsed = json.loads(response.content)
    except json.JSONDecodeError as error:
        raise BadResponse(f"{url} answered invalid JSON: {error}") from error
    if not isinstance(parsed, dict) or "errors" in parsed or "data" not in parsed:
        raise BadResponse(f"{url} answered with errors: {response.text[:2000]}")
    return parsed


def canonical(response: Any) -> str:
    """Compact JSON in the response's own key order: equal strings, identical responses."""
    return json.dumps(response, ensure_ascii=False, separators=(",", ":"))


def compare(query: str, reference: tuple[str, Any], other: tuple[str, Any]) -> None:
    """Raises ResponsesDiffer with a unified diff (pretty-printed, key order kept)."""
    (ref_name, ref), (name, response) = reference, other
    if canonical(ref) == canonical(response):
        return
    diff = difflib.unified_diff(
        json.dumps(ref, indent=1, ensure_ascii=False).splitlines(),
        json.dumps(response, indent=1, ensure_ascii=False).splitlines(),
        fromfile=ref_name,
        tofile=name,
        lineterm="",
        n=2,
    )
    lines = list(diff)
    shown = "\n".join(lines[:200]) + (f"\n… {len(lines) - 200} more lines" * (len(lines) > 200))
    raise ResponsesDiffer(f"{name} and {ref_name} answer the {query} query differently:\n{shown}")
