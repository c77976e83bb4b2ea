"""Use cases of practices: publish, comment, endorse.

Coordinators act for their own partnerships (their organisation is one of the partnership's,
as this service's projection knows it); staff may act for any partnership; viewers read.
"""

from __future__ import annotations

from datetime import datetime

from services.common.auth import STAFF, Principal, Role
from services.common.changes import unannounced
from services.common.events.payloads import payload
from services.common.idempotency import new_id
from services.contracts.networks import PRACTICE_PUBLISHED, PracticePublishedV1

from ..domain.membership import Membership, membership_id
from ..domain.practice import Practice, PracticeText, comment, endorse, publish
from ..repositories import Repositories

ACTORS = (*STAFF, Role.COORDINATOR)


def snapshot(practice: Practice) -> PracticePublishedV1:
    return payload(PracticePublishedV1, practice)


async def _membership_acted_for(
    repos: Repositories, caller: Principal, network_id: str, partnership_id: str
) -> Membership | None:
    """The membership of the partnership the caller acts for (which must be known here)."""
    partnership = await repos.known_partnership(partnership_id)
    caller.require_acts_for(*partnership.organisation_ids)
    return await repos.memberships.get(membership_id(network_id, partnership.id))


async def publish_practice(
    repos: Repositories,
    caller: Principal,
    network_id: str,
    partnership_id: str,
    text: PracticeText,
    now: datetime,
) -> Practice:
    """A member partnership shares a practice with its network."""
    caller.require(*ACTORS)
    network = await repos.networks.require(network_id, "networkId")
    membership = await _membership_acted_for(repos, caller, network.id, partnership_id)
    practice = publish(new_id(), text, membership=membership, actor=caller.sub, now=now)
    return await repos.practices.create(
        practice, [PRACTICE_PUBLISHED.new(practice.id, snapshot(practice))]
    )


async def comment_on_practice(
    repos: Repositories,
    caller: Principal,
    practice_id: str,
    partnership_id: str,
    text: str,
    now: datetime,
) -> Practice:
    """A member partnership of the practice's network comments on it."""
    caller.require(*ACTORS)
    practice = await repos.practices.require(practice_id, "practiceId")
    membership = await _membership_acted_for(repos, caller, practice.network_id, partnership_id)
    edit = comment(caller.sub, new_id(), membership, text, now)
    return await repos.practices.update(practice.id, unannounced(edit))


async def endorse_practice(
    repos: Repositories, caller: Principal, practice_id: str, partnership_id: str, now: datetime
) -> Practice:
    """Another member partnership of the practice's network endorses it, once."""
    caller.require(*ACTORS)
    practice = await repos.practices.require(practice_id, "practiceId")
    membership = await _membership_acted_for(repos, caller, practice.network_id, partnership_id)
    return await repos.practices.update(
        practice.id, unannounced(endorse(caller.sub, membership, now))
    )
