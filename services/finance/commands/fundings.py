"""Funding use cases: a completed workshop's costs are booked against its funder, and a
network's details kept on its funding (rules in domain.funding)."""

from __future__ import annotations

import logging

from services.common.changes import unannounced
from services.common.events.envelope import Event

from ..domain import NothingToApply
from ..domain.funding import (
    CompletedWorkshop,
    FundingKind,
    NetworkDetails,
    book_workshop,
    funder_of,
    funding_id,
    new_funding,
    take_network,
)
from ..repositories import Repositories

log = logging.getLogger(__name__)


async def book_completed_workshop(
    repos: Repositories, cause: Event, workshop: CompletedWorkshop
) -> None:
    kind, ref = funder_of(workshop)
    try:
        await repos.fundings.apply(
            cause,
            funding_id(kind, ref),
            unannounced(book_workshop(workshop)),
            create=lambda: new_funding(kind, ref),
        )
    except NothingToApply:
        log.info("workshop booked before", extra={"workshop": workshop.id})


async def keep_network(repos: Repositories, cause: Event, network: NetworkDetails) -> None:
    """The network's newer details on its funding; an older event changes nothing."""
    try:
        await repos.fundings.apply(
            cause,
            funding_id(FundingKind.NETWORK, network.id),
            unannounced(take_network(network)),
            create=lambda: new_funding(FundingKind.NETWORK, network.id),
        )
    except NothingToApply:
        log.info("older network event", extra={"network": network.id})
