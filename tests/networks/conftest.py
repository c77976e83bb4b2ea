from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from services.common.events.bus import EventBus
from services.common.events.topology import Topology
from services.networks.service import SPEC

from ..support.services import running_service
from .builders import World


@pytest.fixture
async def world(mongo_url: str, broker_url: str, unique: str) -> AsyncIterator[World]:
    """The networks service, and a bus to publish partnership events to it as partnerships
    does (the contract is the events; tests/networks/test_reactions.py runs both services)."""
    prefix = f"test-{unique}"
    async with running_service(SPEC, mongo_url, broker_url, prefix) as service:
        bus = EventBus(broker_url, Topology(prefix))
        await bus.connect()
        try:
            yield World(service, bus)
        finally:
            await bus.close()
