from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from services.partnerships.service import SPEC

from ..support.services import RunningService, running_service


@pytest.fixture
async def partnerships(
    mongo_url: str, broker_url: str, unique: str
) -> AsyncIterator[RunningService]:
    async with running_service(SPEC, mongo_url, broker_url, f"test-{unique}") as service:
        yield service
