"""Domain errors; each maps to one GraphQL `extensions.code` (docs/architecture.md)."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """An expected failure reported to the client with a code and the offending field."""

    code = "BAD_USER_INPUT"

    def __init__(self, message: str, *, field: str | None = None, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.details = details

    @property
    def extensions(self) -> dict[str, Any]:
        ext: dict[str, Any] = {"code": self.code}
        if self.field is not None:
            ext["field"] = self.field
        ext.update(self.details)
        return ext


class BadUserInput(DomainError):
    code = "BAD_USER_INPUT"


class NotFound(DomainError):
    code = "NOT_FOUND"


class Forbidden(DomainError):
    code = "FORBIDDEN"


class Unauthenticated(DomainError):
    code = "UNAUTHENTICATED"


class Conflict(DomainError):
    code = "CONFLICT"


class Busy(Conflict):
    """A write that kept losing to concurrent writers: nothing is wrong with it, retry.

    Told apart from a domain conflict (a stale version) by its type, so that a writer
    retries this one and reports the other; on the wire it is a CONFLICT like any.
    """
