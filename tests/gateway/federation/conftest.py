"""Each module starts its scenario once (`running`, module-scoped); `fed` gives every test the
running scenario with the subgraphs' request logs emptied. The shop scenario, which several
modules query, runs once for the session (`shop_running`)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.gateway.federation.shop import SCENARIO, Shop
from tests.gateway.support.federation import Federation, federation

# Ratings answers slowly on purpose in one test; the gateway gives it a short time.
SHOP_GATEWAY_ENV = {"GATEWAY_SUBGRAPH_TIMEOUTS": json.dumps({"ratings": 0.5})}


@pytest.fixture
def fed(running: Federation) -> Federation:
    running.reset()
    return running


@pytest.fixture(scope="session")
def shop() -> Shop:
    return Shop()


@pytest.fixture(scope="session")
def shop_running(shop: Shop, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Federation]:
    with federation(
        SCENARIO, shop.subgraphs(), tmp_path_factory.mktemp(SCENARIO), gateway_env=SHOP_GATEWAY_ENV
    ) as running:
        yield running
