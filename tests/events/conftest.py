from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from pymongo import AsyncMongoClient

from services.common.mongo import Document

from .harness import Harness


@pytest.fixture
async def harness(
    mongo: AsyncMongoClient[Document], broker_url: str, unique: str
) -> AsyncIterator[Harness]:
    h = Harness(mongo, broker_url, f"test-{unique}")
    try:
        yield h
    finally:
        await h.close()
