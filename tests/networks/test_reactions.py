"""The partnership projection and the reaction to a closed partnership, over RabbitMQ.

The first tests publish the partnerships service's events themselves, to control their order;
the last runs both services: a partnership closed in the partnerships service ends its
memberships here, once, even when the event is delivered twice.
"""

from __future__ import annotations

from typing import Any

from services.contracts.networks import MEMBERSHIP_LEFT
from services.contracts.partnerships import (
    PARTNERSHIP_CLOSED,
    PARTNERSHIP_CREATED,
    PARTNERSHIP_STATUS_CHANGED,
    PartnershipStatusChangedV1,
)
from services.networks.service import SPEC as NETWORKS
from services.partnerships.service import SPEC as PARTNERSHIPS

from ..support.broker import listening
from ..support.services import RunningService, running_service
from ..support.waiting import eventually
from ..support.writes import snapshot
from .builders import JOIN, Partnership, World, consumed, network_input

CREATE_ORGANISATION = """
mutation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { organisation { id } }
}"""
CREATE_PARTNERSHIP = """
mutation($input: CreatePartnershipInput!) {
  createPartnership(input: $input) { partnership { id version } }
}"""
CHANGE_STATUS = """
mutation($input: ChangePartnershipStatusInput!) {
  changePartnershipStatus(input: $input) { partnership { id version status } }
}"""


async def _handled(event_type: str, before: float) -> None:
    async def more() -> bool:
        return consumed(event_type) > before

    await eventually(more, what=f"{event_type} handled")


async def test_the_projection_takes_only_newer_versions(world: World) -> None:
    partnership = await world.partnership(title="Kibaha – Region Gotland")
    created = PARTNERSHIP_CREATED.new(partnership.id, partnership.snapshot())
    await world.publish(world.update(partnership, title="Kibaha TC – Region Gotland"))
    await world.projected(partnership.id, source_version=2)
    before = consumed(PARTNERSHIP_CREATED.type)
    await world.publish(created)  # late: version 1 after version 2
    await _handled(PARTNERSHIP_CREATED.type, before)
    known = await world.known(partnership.id)
    assert known is not None
    assert (known["title"], known["sourceVersion"]) == ("Kibaha TC – Region Gotland", 2)


async def test_a_status_that_overtook_the_snapshot_is_kept(world: World) -> None:
    """The created event failed and came back from a retry after the partnership went dormant:
    the partnership is unknown until the snapshot, and then dormant, not active."""
    partnership = Partnership(
        id="overtaken",
        swedish_partner_id="org-se",
        partner_ids=["org-co"],
        countries=["SE", "CO"],
        themes=["gender_equality"],
    )
    created = PARTNERSHIP_CREATED.new(partnership.id, partnership.snapshot())
    changed = PartnershipStatusChangedV1(
        id=partnership.id, version=2, from_status="active", to_status="dormant", note=None
    )
    network = await world.network()
    await world.publish(PARTNERSHIP_STATUS_CHANGED.new(partnership.id, changed))
    await world.projected(partnership.id, status="dormant")
    join = {
        "input": {
            "networkId": network["id"],
            "partnershipId": partnership.id,
            "joinedOn": "2024-01-15",
        }
    }
    await world.assert_refused(JOIN, join, "NOT_FOUND", "partnershipId")
    await world.publish(created)
    known = await world.projected(partnership.id, source_version=1)
    assert (known["status"], known["statusVersion"], known["themes"]) == (
        "dormant",
        2,
        ["gender_equality"],
    )
    await world.assert_refused(JOIN, join, "BAD_USER_INPUT", "partnershipId")


async def test_updates_of_themes_and_partners_reach_the_rules(world: World) -> None:
    network = await world.network()
    partnership = await world.partnership(themes=("youth",))
    join = {
        "input": {
            "networkId": network["id"],
            "partnershipId": partnership.id,
            "joinedOn": "2024-01-15",
        }
    }
    await world.assert_refused(JOIN, join, "BAD_USER_INPUT", "partnershipId")
    await world.publish(world.update(partnership, themes=["youth", "gender_equality"]))
    await world.projected(partnership.id, source_version=2)
    data = await world.service.data(JOIN, join)
    assert data["joinNetwork"]["membership"]["status"] == "ACTIVE"


# --- both services ------------------------------------------------------------------------


async def _organisation(partnerships: RunningService, name: str, country: str) -> str:
    variables = {"input": {"name": name, "kind": "MUNICIPALITY", "country": country}}
    data = await partnerships.data(CREATE_ORGANISATION, variables)
    org_id: str = data["createOrganisation"]["organisation"]["id"]
    return org_id


async def _membership(networks: RunningService, network_id: str, partnership_id: str) -> Any:
    query = """query($n: ID!, $p: ID!) {
      membership(networkId: $n, partnershipId: $p) {
        status leftOn version periods { leftReason }
      }
    }"""
    return (await networks.data(query, {"n": network_id, "p": partnership_id}))["membership"]


async def test_a_partnership_closed_in_partnerships_ends_its_memberships_once(
    mongo_url: str, broker_url: str, unique: str
) -> None:
    prefix = f"test-{unique}"
    async with (
        running_service(PARTNERSHIPS, mongo_url, broker_url, prefix) as partnerships,
        running_service(NETWORKS, mongo_url, broker_url, prefix) as networks,
    ):
        swedish = await _organisation(partnerships, "Botkyrka", "SE")
        colombian = await _organisation(partnerships, "Villa Rica", "CO")
        created = await partnerships.data(
            CREATE_PARTNERSHIP,
            {
                "input": {
                    "title": "Villa Rica – Botkyrka",
                    "swedishPartnerId": swedish,
                    "partnerIds": [colombian],
                    "themes": ["GENDER_EQUALITY"],
                    "startedOn": "2022-01-01",
                }
            },
        )
        partnership_id = created["createPartnership"]["partnership"]["id"]

        async def projected() -> bool:
            query = """query($p: ID!, $se: ID!, $co: ID!) {
              networksKnownPartnership(id: $p) { organisationIds }
              se: networksKnownOrganisation(id: $se) { name }
              co: networksKnownOrganisation(id: $co) { name }
            }"""
            known = await networks.data(
                query, {"p": partnership_id, "se": swedish, "co": colombian}
            )
            partnership = known["networksKnownPartnership"]
            return (
                partnership is not None
                and partnership["organisationIds"] == [swedish, colombian]
                and known["se"] is not None
                and known["co"] is not None
            )

        await eventually(projected, what="partnership projected in networks")
        data = await networks.data(
            """mutation($input: CreateNetworkInput!) { createNetwork(input: $input) {
                 network { id } } }""",
            {"input": network_input()},
        )
        network_id = data["createNetwork"]["network"]["id"]
        join = {"networkId": network_id, "partnershipId": partnership_id, "joinedOn": "2023-02-01"}
        await networks.data(JOIN, {"input": join})

        async with (
            listening(partnerships, "partnerships.partnership.closed") as closing,
            listening(networks, "networks.membership.left") as leaving,
        ):
            await partnerships.data(
                CHANGE_STATUS,
                {"input": {"id": partnership_id, "version": 1, "status": "CLOSED"}},
            )
            [closed] = await closing.events(1)

            async def ended() -> bool:
                membership = await _membership(networks, network_id, partnership_id)
                return bool(membership["status"] == "LEFT")

            await eventually(ended, what="membership ended by the partnership's closing")
            once = await snapshot(networks)

            # Delivered twice: the same event (same id) arrives again.
            before = consumed(PARTNERSHIP_CLOSED.type)
            await networks.runtime.bus.publish(closed)
            await _handled(PARTNERSHIP_CLOSED.type, before)
            assert await snapshot(networks) == once  # nothing written, nothing queued
            left = await leaving.all()

        membership = await _membership(networks, network_id, partnership_id)
        assert membership == {
            "status": "LEFT",
            "leftOn": closed.time.date().isoformat(),
            "version": 2,
            "periods": [{"leftReason": "PARTNERSHIP_CLOSED"}],
        }
        assert closed.type == PARTNERSHIP_CLOSED.type
        assert [MEMBERSHIP_LEFT.parse(e).reason for e in left] == ["partnership_closed"]
        [doc] = once["memberships"]
        assert closed.id in doc["_applied"]
