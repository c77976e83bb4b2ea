"""Memberships: the query, and the mutations by which a partnership joins or leaves a
network (staff only)."""

from __future__ import annotations

import strawberry

from ..commands import memberships as commands
from ..domain.membership import membership_id
from .context import NetworksInfo, caller, repos, today
from .inputs import JoinNetworkInput, LeaveNetworkInput
from .types import MembershipPayload, MembershipType


async def _membership(
    info: NetworksInfo, network_id: strawberry.ID, partnership_id: strawberry.ID
) -> MembershipType | None:
    caller(info)
    found = await repos(info).memberships.get(membership_id(network_id, partnership_id))
    return None if found is None else MembershipType.of(found)


@strawberry.type
class MembershipQueries:
    membership: MembershipType | None = strawberry.field(
        resolver=_membership,
        description="A partnership's membership of a network, current or past",
    )


async def _join_network(info: NetworksInfo, input: JoinNetworkInput) -> MembershipPayload:
    membership = await commands.join_network(
        repos(info),
        caller(info),
        str(input.network_id),
        str(input.partnership_id),
        input.joined_on,
        today(),
    )
    return MembershipPayload(membership=MembershipType.of(membership))


async def _leave_network(info: NetworksInfo, input: LeaveNetworkInput) -> MembershipPayload:
    membership = await commands.leave_network(
        repos(info),
        caller(info),
        str(input.network_id),
        str(input.partnership_id),
        input.version,
        input.left_on,
        input.note,
    )
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
