"""Settings come from GATEWAY_* variables (JWT ones shared with the services); explicit
values (the command line's flags) win over the environment."""

from __future__ import annotations

import pytest

from gateway.settings import GatewaySettings


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("JWT_SECRET", "GATEWAY_PORT", "GATEWAY_INTROSPECTION"):
        monkeypatch.delenv(name, raising=False)
    settings = GatewaySettings()
    assert (settings.host, settings.port) == ("127.0.0.1", 4000)
    assert (settings.max_body_bytes, settings.max_depth, settings.max_aliases) == (1048576, 15, 30)
    assert (settings.max_cost, settings.default_list_size) == (10_000, 10)
    assert settings.introspection is True
    assert settings.subgraph_timeout_s == 5.0
    assert settings.verifies_tokens is True


def test_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATEWAY_PORT", "4100")
    monkeypatch.setenv("GATEWAY_INTROSPECTION", "false")
    monkeypatch.setenv("GATEWAY_SUBGRAPH_TIMEOUTS", '{"reviews": 2.5}')
    monkeypatch.setenv("GATEWAY_MAX_COST", "500")
    monkeypatch.setenv("JWT_SECRET", "from-the-environment")
    settings = GatewaySettings()
    assert settings.port == 4100
    assert settings.introspection is False
    assert settings.subgraph_timeouts == {"reviews": 2.5}
    assert settings.max_cost == 500
    assert settings.jwt_secret == "from-the-environment"
    assert GatewaySettings(port=4200).port == 4200


def test_empty_secret_switches_verification_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JWT_SECRET", "")
    monkeypatch.delenv("JWT_PUBLIC_KEY", raising=False)
    assert GatewaySettings().verifies_tokens is False
