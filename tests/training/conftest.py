from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import date

import pytest

from services.common.clock import clock
from services.common.events.bus import EventBus
from services.common.events.topology import Topology
from services.training.service import SPEC

from ..support.services import running_service
from .builders import TODAY, World


@pytest.fixture(autouse=True)
def pinned_day() -> Iterator[date]:
    """The training rules' today (application windows, completion), the same every run."""
    clock.pin(TODAY)
    try:
        yield TODAY
    finally:
        clock.pin(None)


@pytest.fixture
async def world(mongo_url: str, broker_url: str, unique: str) -> AsyncIterator[World]:
    """The training service, and a bus to publish to it what partnerships and networks
    publish (the contract is the events; test_reactions.py also runs the real services)."""
    prefix = f"test-{unique}"
    async with running_service(SPEC, mongo_url, broker_url, prefix) as service:
        bus = EventBus(broker_url, Topology(prefix))
        await bus.connect()
        try:
            yield World(service, bus)
        finally:
            await bus.close()
