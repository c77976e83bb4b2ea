"""Each module starts its scenario once (`running`, module-scoped); `fed` gives every test the
running scenario with the subgraphs' request logs emptied. The shop scenario, which several
modules query, runs once for the session (`shop_running`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.gateway.federation.shop import SCENARIO, Shop
from tests.gateway.support.federation import Federation, federation


@pytest.fixture
def fed(running: Federation) -> Federation:
    running.reset()
    return running


@pytest.fixture(scope="session")
def shop() -> Shop:
    return Shop()


@pytest.fixture(scope="session")
def shop_running(shop: Shop, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Federation]:
    with federation(SCENARIO, shop.subgraphs(), tmp_path_factory.mktemp(SCENARIO)) as running:
        yield running
