"""Settings come from GATEWAY_* variables (JWT ones shared with the services); explicit
values (the command line's flags) win over the environment."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from gateway.settings import GatewaySettings
from services.common.settings import TOKEN_SETTINGS, Settings


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("JWT_SECRET", "GATEWAY_PORT", "GATEWAY_INTROSPECTION"):
        monkeypatch.delenv(name, raising=False)
    settings = GatewaySettings()
    assert (settings.host, settings.port) == ("127.0.0.1", 4000)
    assert (settings.max_body_bytes, settings.max_depth, settings.max_aliases) == (1048576, 15, 30)
    assert (settings.max_cost, settings.default_list_size) == (50_000, 10)
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


def test_token_settings_are_the_services_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """Same names, same defaults: the gateway verifies exactly what the services verify."""
    for name in TOKEN_SETTINGS:
        monkeypatch.delenv(name.upper(), raising=False)
        monkeypatch.delenv(f"GATEWAY_{name.upper()}", raising=False)
    gateway, services = GatewaySettings(), Settings()
    assert {n: getattr(gateway, n) for n in TOKEN_SETTINGS} == {
        n: getattr(services, n) for n in TOKEN_SETTINGS
    }
    monkeypatch.setenv("OIDC_ISSUER", "https://id.example")
    monkeypatch.setenv("OIDC_JWKS_REFETCH_INTERVAL_S", "5")
    monkeypatch.setenv("ENVIRONMENT", "production")
    shared = GatewaySettings().token_settings()
    assert (shared.oidc_issuer, shared.oidc_jwks_refetch_interval_s) == ("https://id.example", 5)
    assert shared.environment == "production"
    assert GatewaySettings(jwt_secret="").verifies_tokens is True


@pytest.mark.parametrize(
    "value",
    [
        '["https://console.icld.example", "http://127.0.0.1:5173"]',
        "https://console.icld.example, http://127.0.0.1:5173/",
        "HTTPS://Console.ICLD.example,http://127.0.0.1:5173",
    ],
)
def test_cors_origins_from_the_environment(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("GATEWAY_CORS_ORIGINS", value)
    monkeypatch.setenv("GATEWAY_CORS_ALLOW_CREDENTIALS", "true")
    settings = GatewaySettings()
    assert settings.cors_origins == ["https://console.icld.example", "http://127.0.0.1:5173"]
    assert (settings.cors_allow_credentials, settings.cors_max_age_s) == (True, 600)


def test_no_cors_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GATEWAY_CORS_ORIGINS", raising=False)
    assert GatewaySettings().cors_origins == []
    monkeypatch.setenv("GATEWAY_CORS_ORIGINS", "")
    assert GatewaySettings().cors_origins == []


@pytest.mark.parametrize(
    "origin", ["*", "console.icld.example", "https://console.icld.example/app", "ftp://x.example"]
)
def test_what_is_not_an_origin_is_refused(origin: str) -> None:
    with pytest.raises(ValidationError, match="not a browser origin"):
        GatewaySettings(cors_origins=[origin])
