"""The funding commands without HTTP: a completed workshop is booked once on its funder's
funding, which keeps the network's details from its events."""

from __future__ import annotations

from datetime import date

from services.contracts.networks import NETWORK_CREATED, NetworkV1
from services.contracts.training import WORKSHOP_COMPLETED, CostLineV1, WorkshopV1
from services.finance.commands.fundings import book_completed_workshop, keep_network
from services.finance.domain.funding import FundingKind, funding_id
from services.finance.handlers import completed_workshop_of, network_details_of

from .desk import Desk


async def test_a_completed_workshop_is_booked_once_on_its_networks_funding(desk: Desk) -> None:
    network = NetworkV1(
        id="net-1",
        version=1,
        name="Gender network",
        theme="gender_equality",
        countries=["SE", "CO", "GT"],
        starts_on=date(2023, 1, 1),
        ends_on=date(2026, 12, 31),
        status="active",
        closed_on=None,
        mentor_countries=["CO"],
    )
    workshop = WorkshopV1(
        id="ws-1",
        version=3,
        kind="network_workshop",
        title="Joint workshop in Bogotá",
        network_id=network.id,
        cohort_id=None,
        programme_id=None,
        city="Bogotá",
        country="CO",
        starts_on=date(2024, 5, 6),
        ends_on=date(2024, 5, 10),
        capacity=30,
        status="completed",
        participants=24,
        costs=[CostLineV1(category="venue", amount_minor=2_500_000, currency="SEK")],
    )
    completed = WORKSHOP_COMPLETED.new(workshop.id, workshop)

    await book_completed_workshop(desk.repos, completed, completed_workshop_of(workshop))
    await book_completed_workshop(desk.repos, completed, completed_workshop_of(workshop))
    await keep_network(
        desk.repos, NETWORK_CREATED.new(network.id, network), network_details_of(network)
    )

    funding = await desk.repos.fundings.require(funding_id(FundingKind.NETWORK, network.id))
    assert [b.workshop_id for b in funding.bookings] == ["ws-1"]
    assert [(m.minor, m.currency) for m in funding.totals] == [(2_500_000, "SEK")]
    assert (funding.name, funding.status) == ("Gender network", "active")
