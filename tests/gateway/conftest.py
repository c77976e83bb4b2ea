"""Registered here, before any gateway test module imports them: assertion helpers in
tests.gateway.support give readable diffs."""

import pytest

pytest.register_assert_rewrite("tests.gateway.support")
