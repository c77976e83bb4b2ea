"""Mutations on memberships: a partnership joins or leaves a network. Staff only."""

from __future__ import annotations

from datetime import date

import strawberry

from services.common.auth import STAFF
from services.common.errors import BadUserInput, Conflict, NotFound
from services.common.inputs import CheckedInput
from services.contracts.partnership_views import CLOSED

from ..domain import SYSTEM_ACTOR, NothingToApply
from ..domain.membership import LeaveReason, Membership, end, join, leave, membership_id, rejoin
from ..domain.network import NetworkStatus
from ..repositories import Repositories
from .context import NetworksInfo, caller, known_partnership, repos, today
from .types import MembershipType


@strawberry.input
class JoinNetworkInput(CheckedInput):
    network_id: strawberry.ID
    partnership_id: strawberry.ID
    joined_on: date


@strawberry.input
class LeaveNetworkInput(CheckedInput):
    network_id: strawberry.ID
    partnership_id: strawberry.ID
    version: int = strawberry.field(description="The membership's version")
    left_on: date = strawberry.field(description="Last day as a member (inclusive)")
    note: str | None = None


@strawberry.type
class MembershipPayload:
    membership: MembershipType


async def _settle(store: Repositories, membership: Membership) -> Membership:
    """Ends a membership written while its partnership or network was being closed.

    The close reactions update the projection (or the network) first and then end the
    active memberships they find; a join checks both first and writes after. A join that
    raced a close is therefore seen by the reaction, or sees the close here.
    """
    partnership = await store.partnerships.get(membership.partnership_id)
    network = await store.networks.require(membership.network_id, "networkId")
    if partnership is not None and partnership.status == CLOSED:
        reason, day = LeaveReason.PARTNERSHIP_CLOSED, today()
    elif network.status is NetworkStatus.CLOSED:
        reason, day = LeaveReason.NETWORK_CLOSED, network.closed_on or today()
    else:
        return membership
    change = end(SYSTEM_ACTOR, reason, day, network.ends_on)
    try:
        return await store.memberships.update(membership.id, change)
    except NothingToApply:
        return await store.memberships.require(membership.id)


async def _join_network(info: NetworksInfo, input: JoinNetworkInput) -> MembershipPayload:
    principal = caller(info)
    principal.require(*STAFF)
    store = repos(info)
    network = await store.networks.require(str(input.network_id), "networkId")
    partnership = await known_partnership(info, str(input.partnership_id))
    existing = await store.memberships.get(membership_id(network.id, partnership.id))
    if existing is None:
        membership, events = join(network, partnership, input.joined_on, principal.sub)
        try:
            membership = await store.memberships.create(membership, events)
        except Conflict as exc:  # joined a moment ago by someone else
            raise BadUserInput(
                "the partnership is already an active member of the network",
                field="partnershipId",
            ) from exc
    else:
        change = rejoin(network, partnership, input.joined_on, principal.sub)
        membership = await store.memberships.update(existing.id, change)
    membership = await _settle(store, membership)
    return MembershipPayload(membership=MembershipType.of(membership))


async def _leave_network(info: NetworksInfo, input: LeaveNetworkInput) -> MembershipPayload:
    principal = caller(info)
    principal.require(*STAFF)
    store = repos(info)
    network = await store.networks.require(str(input.network_id), "networkId")
    mid = membership_id(network.id, str(input.partnership_id))
    if await store.memberships.get(mid) is None:
        raise NotFound("the partnership was never a member of the network", field="partnershipId")
    change = leave(principal.sub, network, input.left_on, input.note)
    membership = await store.memberships.update(mid, change, input.version)
    return MembershipPayload(membership=MembershipType.of(membership))


@strawberry.type
class MembershipMutations:
    join_network: MembershipPayload = strawberry.mutation(
        resolver=_join_network,
        description="An active partnership on the network's theme, with a partner in one of its"
        " countries, joins (or rejoins) within the network's period; staff only",
    )
    leave_network: MembershipPayload = strawberry.mutation(
        resolver=_leave_network, description="Records that a partnership left a network; staff only"
    )
