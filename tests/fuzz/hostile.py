"""Values a clumsy client or an attacker sends, mixed into the generated arguments by
schemathesis's dictionaries: forged paging cursors, text that spoofs or breaks encodings,
integers at and past the edges of GraphQL's Int."""

from __future__ import annotations

import base64
import json

MAX_INT = 2**31 - 1


def forged_cursor(values: object) -> str:
    """A cursor in the services' shape (base64 of a JSON list) with values of our choosing."""
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode()


CURSORS = [
    # Most lists sort on one field and then the id: two values reach the database query.
    forged_cursor(["Kibaha", 2**63]),
    forged_cursor([2**63, "x"]),
    forged_cursor([-(2**63) - 1, "x"]),
    forged_cursor([1.5e308, "x"]),
    forged_cursor([{"$gt": ""}, "x"]),
    forged_cursor(["a", "b", 2**64]),
    forged_cursor([]),
    forged_cursor({"not": "a list"}),
    "not base64!",
    "",
]
STRINGS = [
    "\u202eKibaha\u202c",  # right-to-left override: reads backwards
    "Region\u200bGotland",  # zero-width space
    "a\u0000b",
    "line\r\nbreak\x1b[31m",
    "\ud800",  # a lone surrogate: valid JSON escape, no Unicode text
    "x" * 5000,
    '{"$gt": ""}',
    "$where",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    " ",
    "🇸🇪🇹🇿",
]
INTEGERS = [0, -1, MAX_INT, -MAX_INT - 1, MAX_INT + 1, 2**53, -(2**63), 10**30]

DICTIONARIES = {
    "cursors": {"values": CURSORS},
    "strings": {"values": STRINGS},
    "integers": {"values": INTEGERS},
}
PARAMETERS = {"*.*.after": {"dictionary": "cursors", "probability": 0.5}}
TYPE_WIDE = {
    "string": {"dictionary": "strings", "probability": 0.1},
    "integer": {"dictionary": "integers", "probability": 0.1},
}
