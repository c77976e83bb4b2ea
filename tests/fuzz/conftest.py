"""The whole platform as `./scripts/run.sh` runs it, demo data loaded, on a database of its
own that is thrown away afterwards (the fuzzing run writes into it), and the callers."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from services.common.auth import Role
from services.common.settings import Settings
from services.common.tokens import mint
from tests.support.placeholder_console import placeholder_dist
from tests.support.runner import devstack

from .ids import demo_ids

ROLES = [Role.VIEWER, Role.OFFICER]


@pytest.fixture(scope="module")
async def gateway_url(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[str]:
    """The gateway's URL."""
    # The console is not fuzzed: a stand-in spares building web/.
    console = placeholder_dist(tmp_path_factory.mktemp("console"))
    extra = {"DEVSTACK_WEB_DIST": str(console)}
    async with devstack(tmp_path_factory.mktemp("fuzz"), demo=True, extra_env=extra) as running:
        yield running.gateway_url


@pytest.fixture(scope="module", params=ROLES, ids=str)
def caller(request: pytest.FixtureRequest) -> dict[str, str]:
    """The headers of a viewer's or an officer's requests."""
    return {"Authorization": f"Bearer {mint(Settings(), request.param)}"}


@pytest.fixture(scope="module")
def ids(gateway_url: str) -> list[str]:
    """The demo data's ids, read as an officer."""
    return demo_ids(gateway_url, {"Authorization": f"Bearer {mint(Settings(), Role.OFFICER)}"})
