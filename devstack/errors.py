"""The two ways a run ends early."""

from __future__ import annotations


class DevstackError(Exception):
    """A failure the user can act on; reported as one message, without a traceback."""


class StopRequested(BaseException):
    """SIGINT or SIGTERM arrived.

    A BaseException, like KeyboardInterrupt, so that no `except Exception` on the way
    (in httpx, pymongo, ...) can swallow the user's request to stop.
    """
