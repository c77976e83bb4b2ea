"""The runner's own status lines."""

from __future__ import annotations

import json
import sys


def say(message: str, **fields: object) -> None:
    """`devstack: <message> key=value ...`: fields make a line easy to grep and to parse."""
    # Flushed at once: whoever reads the output (a terminal, a test) waits for these lines.
    print(f"devstack: {message}{_fields(fields)}", flush=True)


def complain(message: str) -> None:
    print(f"devstack: {message}", file=sys.stderr, flush=True)


def _fields(fields: dict[str, object]) -> str:
    return "".join(f" {key}={_value(value)}" for key, value in fields.items())


def _value(value: object) -> str:
    text = str(value)
    # Quoted (as JSON) only when a bare value would not read back as one token.
    if not text or any(c.isspace() or c in "\"'=" for c in text):
        return json.dumps(text)
    return text
