from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from services.common.mongo import Document, ensure_indexes
from services.common.store import AggregateStore, OutboxNotifier
from services.partnerships.repositories import COLLECTIONS, INDEXES, Repositories, repositories
from services.partnerships.service import SPEC

from ..support.services import RunningService, running_service


@pytest.fixture
async def partnerships(
    mongo_url: str, broker_url: str, unique: str
) -> AsyncIterator[RunningService]:
    async with running_service(SPEC, mongo_url, broker_url, f"test-{unique}") as service:
        yield service


@pytest.fixture
async def db(
    mongo: AsyncMongoClient[Document], unique: str
) -> AsyncIterator[AsyncDatabase[Document]]:
    """A database of its own with the service's indexes (the unique case numbers among them),
    for the commands without HTTP; no relay runs, so events stay in the outboxes."""
    database = mongo[f"test-{unique}-partnerships"]
    outbox = [i for c in COLLECTIONS for i in AggregateStore.outbox_indexes(c)]
    await ensure_indexes(database, [*INDEXES, *outbox])
    try:
        yield database
    finally:
        await mongo.drop_database(database.name)


@pytest.fixture
def repos(db: AsyncDatabase[Document]) -> Repositories:
    return repositories(db, OutboxNotifier())
