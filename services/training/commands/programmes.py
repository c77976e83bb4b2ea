"""Programmes (ITPs): staff create and change them."""

from __future__ import annotations

from services.common.auth import STAFF, Principal
from services.common.idempotency import new_id
from services.common.vocabulary import Theme

from ..domain import programme as programmes
from ..domain.programme import Programme
from ..repositories import Repositories
from .outbox import emitting


async def create_programme(
    repos: Repositories,
    principal: Principal,
    *,
    title: str,
    theme: Theme,
    target_group: str,
    language: str,
    description: str,
) -> Programme:
    principal.require(*STAFF)
    data = programmes.details(
        title=title,
        theme=theme,
        target_group=target_group,
        language=language,
        description=description,
    )
    return await repos.programmes.create(programmes.create(new_id(), data, principal.sub))


async def update_programme(
    repos: Repositories,
    principal: Principal,
    programme_id: str,
    version: int,
    *,
    title: str | None,
    theme: Theme | None,
    target_group: str | None,
    language: str | None,
    description: str | None,
) -> Programme:
    principal.require(*STAFF)
    change = programmes.change(
        principal.sub,
        title=title,
        theme=theme,
        target_group=target_group,
        language=language,
        description=description,
    )
    return await repos.programmes.update(programme_id, emitting(change), version)
