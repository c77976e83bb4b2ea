"""CORS for /graphql: browsers on the configured origins may call the gateway.

Only exact origins are allowed (no wildcard). An allowed origin gets
`Access-Control-Allow-Origin` echoing it; any other origin gets no CORS header, so the
browser keeps the response from the page. Every response says `Vary: Origin`, since what it
carries depends on the Origin header (a shared cache must not hand one origin's answer to
another). The headers are computed once per origin at start-up: a request costs one lookup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .csrf import PREFLIGHT_HEADERS

Headers = list[tuple[bytes, bytes]]

IDEMPOTENCY_KEY = "idempotency-key"
"""Names one mutation's effect, so that a retry is answered without writing again (passed
on to the subgraphs, services.common.idempotency)."""

ALLOWED_METHODS = ("GET", "POST")
ALLOWED_HEADERS = (
    "accept",
    "authorization",
    "content-type",
    "x-request-id",
    IDEMPOTENCY_KEY,
    *PREFLIGHT_HEADERS,
)
"""What the web console sends: its bearer token, JSON, a request id, a mutation's
idempotency key and the headers the CSRF check accepts (csrf.py)."""
EXPOSED_HEADERS = ("x-request-id", "www-authenticate")
VARY = (b"vary", b"Origin")


class Cors:
    def __init__(self, origins: Sequence[str], *, allow_credentials: bool, max_age_s: int) -> None:
        """`origins` as browsers send them: lower-case scheme://host[:port]."""
        common: Headers = [VARY]
        if allow_credentials:
            common.append((b"access-control-allow-credentials", b"true"))
        self._simple: dict[str, Headers] = {
            origin: [
                (b"access-control-allow-origin", origin.encode("latin-1")),
                *common,
                (b"access-control-expose-headers", ", ".join(EXPOSED_HEADERS).encode()),
            ]
            for origin in origins
        }
        self._preflight: dict[str, Headers] = {
            origin: [
                (b"access-control-allow-origin", origin.encode("latin-1")),
                *common,
                (b"access-control-allow-methods", ", ".join(ALLOWED_METHODS).encode()),
                (b"access-control-allow-headers", ", ".join(ALLOWED_HEADERS).encode()),
                (b"access-control-max-age", str(max_age_s).encode()),
            ]
            for origin in origins
        }
        self._allowed_headers = frozenset(ALLOWED_HEADERS)

    def headers(self, origin: str | None) -> Headers:
        """To add to the response to an actual (non-preflight) request."""
        if origin is None:
            return [VARY]
        return self._simple.get(origin, [VARY])

    def preflight(self, headers: Mapping[str, str]) -> tuple[int, Headers, bytes]:
        """The answer to `OPTIONS` (status, headers, plain-text body); `headers` by lower-case
        name."""
        origin = headers.get("origin")
        method = headers.get("access-control-request-method")
        if origin is None or method is None:  # a plain OPTIONS, not a CORS preflight
            return 204, [VARY, (b"allow", b"GET, POST, OPTIONS")], b""
        allowed = self._preflight.get(origin)
        if allowed is None:
            return 400, [VARY], b"Disallowed CORS origin"
        if method not in ALLOWED_METHODS:
            return 400, [VARY], b"Disallowed CORS method"
        requested = headers.get("access-control-request-headers", "")
        names = {name.strip().lower() for name in requested.split(",")} - {""}
        if not names <= self._allowed_headers:
            return 400, [VARY], b"Disallowed CORS headers"
        return 204, allowed, b""
