"""The membership commands called directly: joining, leaving, and the memberships that end
when their partnership or network closes (the handlers call the same commands)."""

from __future__ import annotations

from datetime import date

import pytest

from services.common.errors import BadUserInput, Forbidden, NotFound
from services.common.vocabulary import Theme
from services.contracts.networks import MEMBERSHIP_JOINED, MEMBERSHIP_LEFT
from services.networks.commands.memberships import join_network, leave_network
from services.networks.commands.networks import change_network_status
from services.networks.domain.membership import LeaveReason, MembershipStatus, ending_by_close
from services.networks.domain.network import Network, NetworkStatus
from services.networks.repositories import MEMBERSHIPS, NETWORKS, Repositories

from .commanding import (
    OFFICER,
    TODAY,
    VIEWER,
    active_network,
    close,
    deliver,
    known_partnership,
    queued,
)

JOINED_ON = date(2023, 6, 1)


async def test_joining_announces_the_membership_with_the_networks_theme(
    repos: Repositories,
) -> None:
    network = await active_network(repos)
    partnership = await known_partnership(repos)

    membership = await join_network(repos, OFFICER, network.id, partnership.id, JOINED_ON, TODAY)

    assert (membership.status, membership.since) == (MembershipStatus.ACTIVE, JOINED_ON)
    [event] = await queued(repos, MEMBERSHIPS, membership.id)
    assert event.type == MEMBERSHIP_JOINED.type
    assert event.data["theme"] == "gender_equality"
    assert event.data["organisation_ids"] == ["org-se-0", "org-co-0"]
    assert event.data["joined_on"] == JOINED_ON.isoformat()


async def test_only_staff_join_and_only_known_partnerships(repos: Repositories) -> None:
    network = await active_network(repos)
    with pytest.raises(Forbidden):
        await join_network(repos, VIEWER, network.id, "p0", JOINED_ON, TODAY)
    with pytest.raises(NotFound) as unknown:
        await join_network(repos, OFFICER, network.id, "p0", JOINED_ON, TODAY)
    assert unknown.value.field == "partnershipId"
    assert await repos.memberships.collection.count_documents({}) == 0


async def test_a_second_join_while_active_is_refused(repos: Repositories) -> None:
    network = await active_network(repos)
    partnership = await known_partnership(repos)
    first = await join_network(repos, OFFICER, network.id, partnership.id, JOINED_ON, TODAY)

    with pytest.raises(BadUserInput) as refused:
        await join_network(repos, OFFICER, network.id, partnership.id, date(2024, 1, 1), TODAY)

    assert refused.value.field == "partnershipId"
    assert (await repos.memberships.require(first.id)).version == first.version


async def test_leaving_announces_the_last_day_and_reason(repos: Repositories) -> None:
    network = await active_network(repos)
    partnership = await known_partnership(repos)
    joined = await join_network(repos, OFFICER, network.id, partnership.id, JOINED_ON, TODAY)

    left = await leave_network(
        repos, OFFICER, network.id, partnership.id, joined.version, date(2024, 2, 29), "moved on"
    )

    assert (left.status, left.current.left_reason) == (MembershipStatus.LEFT, LeaveReason.LEFT)
    event = (await queued(repos, MEMBERSHIPS, left.id))[-1]
    assert event.type == MEMBERSHIP_LEFT.type
    assert (event.data["left_on"], event.data["reason"]) == ("2024-02-29", "left")


async def test_a_partnership_that_never_joined_cannot_leave(repos: Repositories) -> None:
    network = await active_network(repos)
    partnership = await known_partnership(repos)
    with pytest.raises(NotFound) as refused:
        await leave_network(repos, OFFICER, network.id, partnership.id, 1, TODAY, None)
    assert refused.value.field == "partnershipId"


async def test_a_closed_partnership_leaves_once_however_often_the_event_comes(
    repos: Repositories,
) -> None:
    network = await active_network(repos)
    partnership = await known_partnership(repos)
    joined = await join_network(repos, OFFICER, network.id, partnership.id, JOINED_ON, TODAY)

    closed = await close(repos, partnership)
    await deliver(repos, closed)

    ended = await repos.memberships.require(joined.id)
    assert ended.version == joined.version + 1
    assert ended.current.left_reason is LeaveReason.PARTNERSHIP_CLOSED
    assert ended.current.left_on == closed.time.date()
    assert [e.actor for e in ended.audit][-1] == "networks-service"
    events = await queued(repos, MEMBERSHIPS, joined.id)
    assert [e.type for e in events] == [MEMBERSHIP_JOINED.type, MEMBERSHIP_LEFT.type]


async def test_a_closed_network_ends_its_memberships_on_its_closing_day(
    repos: Repositories,
) -> None:
    network = await active_network(repos)
    partnership = await known_partnership(repos)
    joined = await join_network(repos, OFFICER, network.id, partnership.id, JOINED_ON, TODAY)
    await change_network_status(
        repos, OFFICER, network.id, network.version, NetworkStatus.CLOSED, None, TODAY
    )

    await deliver(repos, (await queued(repos, NETWORKS, network.id))[-1])

    ended = await repos.memberships.require(joined.id)
    assert (ended.current.left_reason, ended.current.left_on) == (
        LeaveReason.NETWORK_CLOSED,
        TODAY,
    )


def test_a_membership_written_during_a_close_ends_for_that_close() -> None:
    """The rule a join applies last, against a close that raced its checks."""
    network = Network(
        id="n",
        name="n",
        theme=Theme.GENDER_EQUALITY,
        countries=["SE", "CO"],
        starts_on=date(2023, 1, 1),
        ends_on=date(2026, 12, 31),
    )
    assert ending_by_close("active", network, TODAY) is None
    assert ending_by_close(None, network, TODAY) is None
    assert ending_by_close("closed", network, TODAY) == (LeaveReason.PARTNERSHIP_CLOSED, TODAY)
    network.status, network.closed_on = NetworkStatus.CLOSED, date(2024, 1, 31)
    assert ending_by_close("active", network, TODAY) == (
        LeaveReason.NETWORK_CLOSED,
        date(2024, 1, 31),
    )
