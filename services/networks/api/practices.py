"""Mutations on practices: publish, comment, endorse.

Coordinators act for their own partnerships (their organisation is one of the partnership's,
as this service's projection knows it); staff may act for any partnership; viewers read.
"""

from __future__ import annotations

import strawberry

from services.common.auth import STAFF, Role
from services.common.idempotency import new_id
from services.common.inputs import CheckedInput

from ..domain.membership import membership_id
from ..domain.practice import comment, endorse, publish
from .context import NetworksInfo, caller, known_partnership, repos, require_acts_for
from .types import PracticeType

ACTORS = (*STAFF, Role.COORDINATOR)


@strawberry.input
class PublishPracticeInput(CheckedInput):
    network_id: strawberry.ID
    partnership_id: strawberry.ID = strawberry.field(description="The contributing partnership")
    title: str
    challenge: str
    solution: str = strawberry.field(description="What was done: the local solution or method")
    results: str = ""
    lessons_learned: str
    tags: list[str] = strawberry.field(default_factory=list)
    language: str = strawberry.field(description="ISO 639-1 code of the text")


@strawberry.input
class CommentOnPracticeInput(CheckedInput):
    practice_id: strawberry.ID
    partnership_id: strawberry.ID = strawberry.field(description="The commenting partnership")
    text: str


@strawberry.input
class EndorsePracticeInput(CheckedInput):
    practice_id: strawberry.ID
    partnership_id: strawberry.ID = strawberry.field(description="The endorsing partnership")


@strawberry.type
class PracticePayload:
    practice: PracticeType


async def _publish_practice(info: NetworksInfo, input: PublishPracticeInput) -> PracticePayload:
    principal = caller(info)
    principal.require(*ACTORS)
    store = repos(info)
    network = await store.networks.require(str(input.network_id), "networkId")
    partnership = await known_partnership(info, str(input.partnership_id))
    require_acts_for(principal, partnership)
    membership = await store.memberships.get(membership_id(network.id, partnership.id))
    practice, events = publish(
        new_id(),
        membership=membership,
        title=input.title,
        challenge=input.challenge,
        solution=input.solution,
        results=input.results,
        lessons_learned=input.lessons_learned,
        tags=input.tags,
        language=input.language,
        actor=principal.sub,
    )
    practice = await store.practices.create(practice, events)
    return PracticePayload(practice=PracticeType.of(practice))


async def _comment_on_practice(
    info: NetworksInfo, input: CommentOnPracticeInput
) -> PracticePayload:
    principal = caller(info)
    principal.require(*ACTORS)
    store = repos(info)
    practice = await store.practices.require(str(input.practice_id), "practiceId")
    partnership = await known_partnership(info, str(input.partnership_id))
    require_acts_for(principal, partnership)
    membership = await store.memberships.get(membership_id(practice.network_id, partnership.id))
    change = comment(principal.sub, new_id(), membership, input.text)
    updated = await store.practices.update(practice.id, change)
    return PracticePayload(practice=PracticeType.of(updated))


async def _endorse_practice(info: NetworksInfo, input: EndorsePracticeInput) -> PracticePayload:
    principal = caller(info)
    principal.require(*ACTORS)
    store = repos(info)
    practice = await store.practices.require(str(input.practice_id), "practiceId")
    partnership = await known_partnership(info, str(input.partnership_id))
    require_acts_for(principal, partnership)
    membership = await store.memberships.get(membership_id(practice.network_id, partnership.id))
    updated = await store.practices.update(practice.id, endorse(principal.sub, membership))
    return PracticePayload(practice=PracticeType.of(updated))


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
