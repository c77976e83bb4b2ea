"""The network commands called directly: who may run them, what they store, and the events
they queue in the network's outbox (the contract's, built by the command)."""

from __future__ import annotations

from datetime import date

import pytest

from services.common.errors import BadUserInput, Forbidden
from services.contracts.networks import NETWORK_CLOSED, NETWORK_CREATED, NETWORK_UPDATED
from services.networks.commands.memberships import join_network
from services.networks.commands.networks import (
    change_network_status,
    create_network,
    set_network_mentors,
    update_network,
)
from services.networks.domain.network import DetailsChange, MentorInput, NetworkStatus
from services.networks.repositories import NETWORKS, Repositories

from .commanding import (
    GENDER_EQUALITY_NETWORK,
    OFFICER,
    TODAY,
    VIEWER,
    active_network,
    known_partnership,
    queued,
)


async def test_a_new_network_is_stored_planned_and_announced(repos: Repositories) -> None:
    network = await create_network(repos, OFFICER, GENDER_EQUALITY_NETWORK)

    stored = await repos.networks.require(network.id)
    assert (stored.status, stored.version, stored.countries) == (
        NetworkStatus.PLANNED,
        1,
        ["SE", "CO", "GT"],
    )
    assert [(e.action, e.actor) for e in stored.audit] == [("created", "officer-1")]
    [event] = await queued(repos, NETWORKS, network.id)
    assert (event.type, event.subject) == (NETWORK_CREATED.type, network.id)
    assert event.data["status"] == "planned"
    assert event.data["theme"] == "gender_equality"
    assert event.data["mentor_countries"] == []


async def test_a_viewer_sets_up_no_network(repos: Repositories) -> None:
    with pytest.raises(Forbidden):
        await create_network(repos, VIEWER, GENDER_EQUALITY_NETWORK)
    assert await repos.networks.collection.count_documents({}) == 0


async def test_closing_announces_the_close_on_the_given_day(repos: Repositories) -> None:
    network = await active_network(repos)

    closed = await change_network_status(
        repos, OFFICER, network.id, network.version, NetworkStatus.CLOSED, "done", TODAY
    )

    assert (closed.status, closed.closed_on) == (NetworkStatus.CLOSED, TODAY)
    events = await queued(repos, NETWORKS, network.id)
    assert [e.type for e in events] == [
        NETWORK_CREATED.type,
        NETWORK_UPDATED.type,
        NETWORK_CLOSED.type,
    ]
    assert events[-1].data["closed_on"] == TODAY.isoformat()


async def test_mentors_are_announced_by_their_countries(repos: Repositories) -> None:
    network = await active_network(repos)
    mentor = MentorInput(
        country="co", name="Ana", affiliation="Universidad", email="ana@example.org"
    )

    changed = await set_network_mentors(repos, OFFICER, network.id, network.version, [mentor])

    assert [m.country for m in changed.mentors] == ["CO"]
    last = (await queued(repos, NETWORKS, network.id))[-1]
    assert (last.type, last.data["mentor_countries"]) == (NETWORK_UPDATED.type, ["CO"])


async def test_a_new_period_must_still_hold_every_membership(repos: Repositories) -> None:
    network = await active_network(repos)
    partnership = await known_partnership(repos)
    await join_network(repos, OFFICER, network.id, partnership.id, date(2023, 6, 1), TODAY)

    with pytest.raises(BadUserInput) as refused:
        await update_network(
            repos, OFFICER, network.id, network.version, DetailsChange(starts_on=date(2023, 7, 1))
        )

    assert refused.value.field == "startsOn"
    assert "joined on 2023-06-01, before the new start" in refused.value.message
    unchanged = await repos.networks.require(network.id)
    assert (unchanged.version, unchanged.starts_on) == (network.version, date(2023, 1, 1))
