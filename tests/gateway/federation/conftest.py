"""Each module starts its scenario once (`running`, module-scoped); `fed` gives every test the
running scenario with the subgraphs' request logs emptied."""

from __future__ import annotations

import pytest

# Readable diffs from the shared assertion helpers.
pytest.register_assert_rewrite("tests.gateway.support")

from tests.gateway.support.federation import Federation  # noqa: E402


@pytest.fixture
def fed(running: Federation) -> Federation:
    running.reset()
    return running
