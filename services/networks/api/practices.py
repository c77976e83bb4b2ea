"""Practices: the queries, and the mutations that publish, comment on and endorse one
(a member partnership's coordinators, or staff)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from services.common.pagination import Connection

from ..commands import practices as commands
from ..domain.practice import PracticeText
from .context import NetworksInfo, caller, now, repos
from .inputs import (
    CommentOnPracticeInput,
    EndorsePracticeInput,
    PracticeFilter,
    PublishPracticeInput,
)
from .types import PracticePayload, PracticeType, practice_query, practices_page


async def _practice(info: NetworksInfo, id: strawberry.ID) -> PracticeType | None:
    caller(info)
    found = await repos(info).practices.get(str(id))
    return None if found is None else PracticeType.of(found)


async def _practices(
    info: NetworksInfo,
    first: int | None = 20,
    after: str | None = None,
    filter: Annotated[PracticeFilter | None, strawberry.argument(name="filter")] = None,
) -> Connection[PracticeType]:
    caller(info)
    return await practices_page(info, practice_query(filter), first, after)


@strawberry.type
class PracticeQueries:
    practice: PracticeType | None = strawberry.field(resolver=_practice)
    practices: Connection[PracticeType] = strawberry.field(
        resolver=_practices, description="Practices, newest first"
    )


async def _publish_practice(info: NetworksInfo, input: PublishPracticeInput) -> PracticePayload:
    text = PracticeText(
        title=input.title,
        challenge=input.challenge,
        solution=input.solution,
        results=input.results,
        lessons_learned=input.lessons_learned,
        tags=input.tags,
        language=input.language,
    )
    practice = await commands.publish_practice(
        repos(info), caller(info), str(input.network_id), str(input.partnership_id), text, now()
    )
    return PracticePayload(practice=PracticeType.of(practice))


async def _comment_on_practice(
    info: NetworksInfo, input: CommentOnPracticeInput
) -> PracticePayload:
    practice = await commands.comment_on_practice(
        repos(info),
        caller(info),
        str(input.practice_id),
        str(input.partnership_id),
        input.text,
        now(),
    )
    return PracticePayload(practice=PracticeType.of(practice))


async def _endorse_practice(info: NetworksInfo, input: EndorsePracticeInput) -> PracticePayload:
    practice = await commands.endorse_practice(
        repos(info), caller(info), str(input.practice_id), str(input.partnership_id), now()
    )
    return PracticePayload(practice=PracticeType.of(practice))


@strawberry.type
class PracticeMutations:
    publish_practice: PracticePayload = strawberry.mutation(
        resolver=_publish_practice,
        description="A member partnership shares a practice with its network; its coordinators"
        " or staff",
    )
    comment_on_practice: PracticePayload = strawberry.mutation(
        resolver=_comment_on_practice,
        description="A member partnership of the practice's network comments on it; its"
        " coordinators or staff",
    )
    endorse_practice: PracticePayload = strawberry.mutation(
        resolver=_endorse_practice,
        description="Another member partnership of the practice's network endorses it, once;"
        " its coordinators or staff",
    )
