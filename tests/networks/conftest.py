from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from pymongo import AsyncMongoClient

from services.common.events.bus import EventBus
from services.common.events.topology import Topology
from services.common.mongo import Document
from services.common.store import OutboxNotifier
from services.networks.repositories import Repositories, repositories
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


@pytest.fixture
async def repos(mongo: AsyncMongoClient[Document], unique: str) -> AsyncIterator[Repositories]:
    """The networks service's repositories over a database of their own, for the commands
    called directly: no HTTP, no consumers, no relay (queued events stay in the outboxes)."""
    db = mongo[f"t_networks_commands_{unique}"]
    yield repositories(db, OutboxNotifier())
    await mongo.drop_database(db.name)
