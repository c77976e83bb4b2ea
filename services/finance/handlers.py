"""Events the finance service reacts to."""

from __future__ import annotations

from collections.abc import Mapping

from services.common.events.consumer import Handler
from services.common.projections.organisations import organisation_handlers

from .repositories import Repositories


def handlers(repos: Repositories) -> Mapping[str, Handler]:
    return {**organisation_handlers(repos.organisations)}
