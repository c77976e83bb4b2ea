"""Use cases of memberships: a partnership joins or leaves a network (staff only), and
memberships end when their partnership or network closes (the service's reactions)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date

from services.common.auth import STAFF, Principal
from services.common.changes import announced
from services.common.errors import BadUserInput, Conflict, NotFound
from services.common.events.envelope import Event
from services.common.events.payloads import payload
from services.contracts.networks import (
    MEMBERSHIP_JOINED,
    MEMBERSHIP_LEFT,
    MembershipJoinedV1,
    MembershipLeftV1,
)

from ..domain import SYSTEM_ACTOR, NothingToApply
from ..domain.membership import (
    LeaveReason,
    Membership,
    end,
    ending_by_close,
    join,
    leave,
    membership_id,
    rejoin,
)
from ..domain.network import Network
from ..repositories import Repositories

log = logging.getLogger(__name__)


def _joined(membership: Membership, network: Network) -> Event:
    data = payload(
        MembershipJoinedV1,
        membership,
        joined_on=membership.current.joined_on,
        theme=network.theme,
    )
    return MEMBERSHIP_JOINED.new(membership.id, data)


def _left(membership: Membership, _ended: None) -> list[Event]:
    period = membership.current
    if period.left_on is None or period.left_reason is None:
        raise ValueError("the membership has not ended")
    data = payload(
        MembershipLeftV1,
        membership,
        joined_on=period.joined_on,
        left_on=period.left_on,
        reason=period.left_reason,
    )
    return [MEMBERSHIP_LEFT.new(membership.id, data)]


async def join_network(
    repos: Repositories,
    caller: Principal,
    network_id: str,
    partnership_id: str,
    joined_on: date,
    today: date,
) -> Membership:
    """The partnership's first membership of the network, or a new period of it."""
    caller.require(*STAFF)
    network = await repos.networks.require(network_id, "networkId")
    partnership = await repos.known_partnership(partnership_id)
    existing = await repos.memberships.get(membership_id(network.id, partnership.id))
    if existing is None:
        membership = join(network, partnership, joined_on, caller.sub)
        try:
            membership = await repos.memberships.create(membership, [_joined(membership, network)])
        except Conflict as exc:  # joined a moment ago by someone else
            raise BadUserInput(
                "the partnership is already an active member of the network",
                field="partnershipId",
            ) from exc
    else:
        edit = rejoin(network, partnership, joined_on, caller.sub)
        membership = await repos.memberships.update(
            existing.id, announced(edit, lambda m, _: [_joined(m, network)])
        )
    return await _settle(repos, membership, today)


async def _settle(repos: Repositories, membership: Membership, today: date) -> Membership:
    """Ends a membership written while its partnership or network was being closed."""
    partnership = await repos.partnerships.get(membership.partnership_id)
    network = await repos.networks.require(membership.network_id, "networkId")
    ending = ending_by_close(None if partnership is None else partnership.status, network, today)
    if ending is None:
        return membership
    reason, day = ending
    edit = end(SYSTEM_ACTOR, reason, day, network.ends_on)
    try:
        return await repos.memberships.update(membership.id, announced(edit, _left))
    except NothingToApply:
        return await repos.memberships.require(membership.id)


async def leave_network(
    repos: Repositories,
    caller: Principal,
    network_id: str,
    partnership_id: str,
    version: int,
    left_on: date,
    note: str | None,
) -> Membership:
    """Staff record that the partnership left on `left_on` (its last day as a member)."""
    caller.require(*STAFF)
    network = await repos.networks.require(network_id, "networkId")
    mid = membership_id(network.id, partnership_id)
    if await repos.memberships.get(mid) is None:
        raise NotFound("the partnership was never a member of the network", field="partnershipId")
    edit = leave(caller.sub, network, left_on, note)
    return await repos.memberships.update(mid, announced(edit, _left), version)


async def end_memberships_of_partnership(
    repos: Repositories, event: Event, partnership_id: str, day: date
) -> None:
    """The partnership closed on `day`: each of its active memberships ends, once."""
    active = await repos.active_memberships(partnership_id=partnership_id)
    await _end_each(repos, event, active, LeaveReason.PARTNERSHIP_CLOSED, day)


async def end_memberships_of_network(
    repos: Repositories, event: Event, network_id: str, day: date
) -> None:
    """The network closed on `day`: each of its active memberships ends, once."""
    active = await repos.active_memberships(network_id=network_id)
    await _end_each(repos, event, active, LeaveReason.NETWORK_CLOSED, day)


async def _end_each(
    repos: Repositories,
    event: Event,
    memberships: Sequence[Membership],
    reason: LeaveReason,
    day: date,
) -> None:
    """Ends each active membership once, on `day` held within its network's period.

    `event` is the reaction's cause: the store keeps its id with the change, so a
    redelivered event changes nothing; a membership already ended keeps its version.
    """
    networks = await repos.networks.get_many([m.network_id for m in memberships])
    for membership in memberships:
        network = networks[membership.network_id]
        edit = end(SYSTEM_ACTOR, reason, day, network.ends_on)
        try:
            await repos.memberships.apply(event, membership.id, announced(edit, _left))
        except NothingToApply:
            log.info("membership already ended", extra={"membership": membership.id})
