"""Practices: the queries, and the mutations that publish, comment on and endorse one
(a member partnership's coordinators, or staff)."""

from __future__ import annotations

import strawberry

from services.common.pagination import Connection
from services.common.query_fields import by_id_field, page_field

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


@strawberry.type
class PracticeQueries:
    practice: PracticeType | None = by_id_field(
        lambda info, id: repos(info).practices.get(id), PracticeType.of
    )
    practices: Connection[PracticeType] = page_field(
        PracticeFilter,
        lambda info, where, first, after: practices_page(info, practice_query(where), first, after),
        description="Practices, newest first",
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
