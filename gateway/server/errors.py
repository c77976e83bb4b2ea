"""Request errors: reported to the client before (or instead of) executing the operation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


class RequestError(Exception):
    """One GraphQL error with an HTTP status, `extensions.code` and optional extra headers."""

    def __init__(
        self,
        status: int,
        message: str,
        code: str,
        *,
        locations: Sequence[Mapping[str, int]] | None = None,
        headers: Mapping[str, str] | None = None,
        extensions: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.locations = locations
        self.headers = dict(headers or {})
        self.extensions = dict(extensions or {})

    def body(self) -> dict[str, Any]:
        error: dict[str, Any] = {"message": self.message}
        if self.locations:
            error["locations"] = [dict(location) for location in self.locations]
        error["extensions"] = {"code": self.code, **self.extensions}
        return {"errors": [error]}


def bad_request(message: str) -> RequestError:
    return RequestError(400, message, "BAD_REQUEST")
