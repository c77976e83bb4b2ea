"""CSRF prevention as Apollo does it: run an operation only if the browser must have sent a
CORS preflight for it, i.e. it has a non-simple Content-Type or a header only scripts set."""

from __future__ import annotations

from collections.abc import Mapping

from .errors import bad_request

SIMPLE_CONTENT_TYPES = frozenset(
    {"application/x-www-form-urlencoded", "multipart/form-data", "text/plain"}
)
PREFLIGHT_HEADERS = ("x-apollo-operation-name", "apollo-require-preflight")


def check_csrf(headers: Mapping[str, str]) -> None:
    """`headers` by lower-case name."""
    content_type = headers.get("content-type")
    if content_type is not None:
        essence = content_type.split(";", 1)[0].strip().lower()
        # An unparsable type also forces a preflight, like any non-simple one.
        if essence not in SIMPLE_CONTENT_TYPES:
            return
    if any(headers.get(name) for name in PREFLIGHT_HEADERS):
        return
    raise bad_request(
        "This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). "
        "Please either specify a 'content-type' header (with a type that is not one of "
        f"{', '.join(sorted(SIMPLE_CONTENT_TYPES))}) or provide a non-empty value for one of "
        f"the following headers: {', '.join(PREFLIGHT_HEADERS)}"
    )
