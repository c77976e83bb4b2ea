"""Events the partnerships service reacts to: none. It is the producer the other services
follow (docs/events.md) and needs nothing of theirs."""

from __future__ import annotations

from collections.abc import Mapping

from services.common.events.consumer import Handler

from .repositories import Repositories


def handlers(repos: Repositories) -> Mapping[str, Handler]:
    return {}
