"""The practice commands called directly: coordinators act for their own partnerships, the
publication is announced, comments and endorsements carry the time they were given."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from services.common.errors import BadUserInput, Forbidden
from services.contracts.networks import PRACTICE_PUBLISHED
from services.networks.commands.memberships import join_network
from services.networks.commands.practices import (
    comment_on_practice,
    endorse_practice,
    publish_practice,
)
from services.networks.domain.network import Network
from services.networks.domain.practice import PracticeText
from services.networks.repositories import PRACTICES, Repositories

from .builders import Partnership
from .commanding import OFFICER, TODAY, active_network, coordinator_of, known_partnership, queued

NOW = datetime(2024, 3, 1, 9, 30, tzinfo=UTC)
TEXT = PracticeText(
    title="Women's councils in the budget hearings",
    challenge="Few women took part in the municipality's budget hearings",
    solution="Neighbourhood women's councils prepared proposals before each hearing",
    lessons_learned="Childcare during the hearings mattered more than the invitation",
    language="EN",
    tags=["Participatory budgeting", "women", "women"],
)


async def _member(repos: Repositories, network: Network, n: int) -> Partnership:
    partnership = await known_partnership(repos, n)
    await join_network(repos, OFFICER, network.id, partnership.id, date(2023, 6, 1), TODAY)
    return partnership


async def test_a_coordinator_publishes_for_their_member_partnership(
    repos: Repositories,
) -> None:
    network = await active_network(repos)
    partnership = await _member(repos, network, 0)
    coordinator = coordinator_of(partnership.partner_ids[0])

    practice = await publish_practice(repos, coordinator, network.id, partnership.id, TEXT, NOW)

    assert (practice.language, practice.tags) == ("en", ["participatory budgeting", "women"])
    assert (practice.published_at, practice.audit[0].actor) == (NOW, coordinator.sub)
    [event] = await queued(repos, PRACTICES, practice.id)
    assert event.type == PRACTICE_PUBLISHED.type
    assert event.data["network_id"] == network.id
    assert event.data["partnership_id"] == partnership.id
    assert event.data["tags"] == ["participatory budgeting", "women"]


async def test_a_coordinator_acts_only_for_their_own_partnerships(repos: Repositories) -> None:
    network = await active_network(repos)
    partnership = await _member(repos, network, 0)
    other = coordinator_of("org-co-elsewhere")

    with pytest.raises(Forbidden):
        await publish_practice(repos, other, network.id, partnership.id, TEXT, NOW)
    assert await repos.practices.collection.count_documents({}) == 0


async def test_only_active_members_publish(repos: Repositories) -> None:
    network = await active_network(repos)
    outsider = await known_partnership(repos, 1)

    with pytest.raises(BadUserInput) as refused:
        await publish_practice(repos, OFFICER, network.id, outsider.id, TEXT, NOW)

    assert refused.value.field == "partnershipId"
    assert await repos.practices.collection.count_documents({}) == 0


async def test_other_members_comment_and_endorse_once_but_not_their_own(
    repos: Repositories,
) -> None:
    network = await active_network(repos)
    author = await _member(repos, network, 0)
    peer = await _member(repos, network, 1)
    practice = await publish_practice(repos, OFFICER, network.id, author.id, TEXT, NOW)
    peer_coordinator = coordinator_of(peer.swedish_partner_id)

    commented = await comment_on_practice(
        repos, peer_coordinator, practice.id, peer.id, "  We tried this too  ", NOW
    )
    endorsed = await endorse_practice(repos, peer_coordinator, practice.id, peer.id, NOW)

    [comment] = commented.comments
    assert (comment.partnership_id, comment.text, comment.at) == (peer.id, "We tried this too", NOW)
    assert [(e.partnership_id, e.at) for e in endorsed.endorsements] == [(peer.id, NOW)]
    with pytest.raises(BadUserInput, match="endorsed this practice already"):
        await endorse_practice(repos, peer_coordinator, practice.id, peer.id, NOW)
    with pytest.raises(BadUserInput, match="does not endorse its own practice"):
        await endorse_practice(repos, OFFICER, practice.id, author.id, NOW)
    assert (await repos.practices.require(practice.id)).version == endorsed.version
    assert len(await queued(repos, PRACTICES, practice.id)) == 1
