from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import date

import pytest
from pymongo import AsyncMongoClient

from services.common.clock import clock
from services.common.events.bus import EventBus
from services.common.events.topology import Topology
from services.common.mongo import Document
from services.common.store import OutboxNotifier
from services.finance.repositories import repositories
from services.finance.service import SPEC

from ..support.services import running_service
from .builders import TODAY, World
from .desk import Desk
from .queries import QUERY_LOG


@pytest.fixture(autouse=True)
def today() -> Iterator[date]:
    """Every finance test runs on a pinned day, so no rule depends on when tests run."""
    clock.pin(TODAY)
    try:
        yield TODAY
    finally:
        clock.pin(None)


@pytest.fixture
async def world(mongo_url: str, broker_url: str, unique: str) -> AsyncIterator[World]:
    """The finance service, and a bus to publish other services' events to it as they do
    (the contract is the events; test_end_to_end.py runs the producers themselves)."""
    prefix = f"test-{unique}"
    QUERY_LOG.install()
    async with running_service(SPEC, mongo_url, broker_url, prefix) as service:
        bus = EventBus(broker_url, Topology(prefix))
        await bus.connect()
        try:
            yield World(service, bus)
        finally:
            await bus.close()


@pytest.fixture
async def desk(mongo: AsyncMongoClient[Document], unique: str) -> AsyncIterator[Desk]:
    """The finance stores on a database of the test's own, for the commands' tests."""
    db = mongo[f"test-finance-{unique}"]
    try:
        yield Desk(db, repositories(db, OutboxNotifier()))
    finally:
        await mongo.drop_database(db.name)
