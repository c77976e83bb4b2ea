"""Networks mutations retried with their Idempotency-Key: a join (a new membership) is answered,
not refused as "already a member"; a comment is added once."""

from __future__ import annotations

import uuid

from ..support.keyed import twice
from .builders import COMMENT, JOIN, World, as_coordinator


async def test_a_retried_join_answers_the_membership_it_made(world: World) -> None:
    network = await world.network()
    partnership = await world.partnership()
    variables = {
        "input": {
            "networkId": network["id"],
            "partnershipId": partnership.id,
            "joinedOn": "2024-01-15",
        }
    }
    answer = await twice(world.service, JOIN, variables, str(uuid.uuid4()))
    assert answer["data"]["joinNetwork"]["membership"]["status"] == "ACTIVE"
    [stored] = await world.service.runtime.db["memberships"].find().to_list()
    assert stored["version"] == 1


async def test_a_retried_comment_is_added_once(world: World) -> None:
    network = await world.network()
    author = await world.partnership()
    await world.join(network["id"], author.id)
    practice = await world.practice(network["id"], author)
    variables = {
        "input": {"practiceId": practice["id"], "partnershipId": author.id, "text": "Useful."}
    }
    answer = await twice(
        world.service, COMMENT, variables, str(uuid.uuid4()), **as_coordinator(author)
    )
    assert [c["text"] for c in answer["data"]["commentOnPractice"]["practice"]["comments"]] == [
        "Useful."
    ]
