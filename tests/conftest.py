"""Session-wide real servers; every test gets its own database and broker names."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from pymongo import AsyncMongoClient

from services.common.mongo import Document, connect

from .support.servers import EmbeddedMongo, amqp_url

# Before any test module imports them (the gateway and bench tests share them): readable
# diffs from the gateway tests' assertion helpers.
pytest.register_assert_rewrite("tests.gateway.support")


@pytest.fixture(scope="session")
def mongo_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if url := os.environ.get("TEST_MONGODB_URL"):
        yield url
        return
    server = EmbeddedMongo(Path(tmp_path_factory.mktemp("mongo")))
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def broker_url() -> str:
    return amqp_url()


@pytest.fixture
def unique() -> str:
    """A name part no other test (or concurrent test run) uses."""
    return uuid.uuid4().hex[:10]


@pytest.fixture
async def mongo(mongo_url: str) -> AsyncIterator[AsyncMongoClient[Document]]:
    client = connect(mongo_url)
    try:
        yield client
    finally:
        await client.close()
