"""The manifests and the code agree on configuration: every variable a process reads is set
from a ConfigMap or a Secret, none is set that it does not read, and the values parse."""

from __future__ import annotations

import pytest

from devstack.webconsole.settings import ConsoleSettings
from gateway.settings import GatewaySettings
from services.common.settings import Settings

from .code import console_variables, service_settings, service_specs, settings_of
from .manifests import Manifests, Variable

PLACEHOLDER_SECRET = "a-secret-of-the-operators-own-" + "x" * 32
"""Stands in for a Secret the production overlay does not render."""


def values(environment: dict[str, Variable]) -> dict[str, str]:
    """The environment a container starts with; unrendered Secrets hold a placeholder."""
    found = {}
    for name, variable in environment.items():
        if variable.value is not None:
            found[name] = variable.value
        elif variable.secret is not None and not variable.secret.optional:
            found[name] = PLACEHOLDER_SECRET
    return found


def assert_sources(environment: dict[str, Variable]) -> None:
    """Credentials come from Secrets, everything else from ConfigMaps (both by reference)."""
    for name, variable in environment.items():
        setting = name.removeprefix("GATEWAY_")
        credential = setting.endswith(
            ("_SECRET", "_SECRET_PREVIOUS", "_URL", "_PUBLIC_KEY")
        ) and setting.startswith(("JWT_", "SUBGRAPH_", "MONGODB_", "AMQP_"))
        assert (variable.secret is not None) == credential, f"{name}: {variable}"


@pytest.mark.parametrize("service", sorted(service_specs()))
def test_a_service_gets_every_setting_it_reads_and_nothing_else(
    manifests: Manifests, service: str
) -> None:
    environment = manifests.environment(service)
    expected = {setting.names[0] for setting in service_settings()}
    assert set(environment) == expected, (
        f"missing: {sorted(expected - set(environment))}, "
        f"not read: {sorted(set(environment) - expected)}"
    )
    assert_sources(environment)


def test_the_gateway_gets_every_setting_it_reads_and_nothing_else(manifests: Manifests) -> None:
    environment = manifests.environment("gateway")
    for setting in settings_of(GatewaySettings):
        given = [name for name in setting.names if name in environment]
        assert len(given) == 1, f"{setting.field}: set as {given or 'nothing'}"
    readable = {name for setting in settings_of(GatewaySettings) for name in setting.names}
    assert set(environment) <= readable, sorted(set(environment) - readable)
    assert_sources(environment)


def test_the_web_console_gets_every_setting_it_reads_and_nothing_else(
    manifests: Manifests,
) -> None:
    environment = manifests.environment("web-console")
    expected = console_variables()
    if environment["CONSOLE_DEV_SIGN_IN"].value != "true":
        # JWT_SECRET only mints development tokens: a production console must not hold a
        # key the services accept.
        expected = expected - {"JWT_SECRET"}
    assert set(environment) == expected, (
        f"missing: {sorted(expected - set(environment))}, "
        f"not read: {sorted(set(environment) - expected)}"
    )
    assert_sources(environment)


@pytest.mark.parametrize("service", sorted(service_specs()))
def test_a_services_values_parse_into_its_settings(
    manifests: Manifests, service: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for setting in service_settings():
        monkeypatch.delenv(setting.names[0], raising=False)
    for name, value in values(manifests.environment(service)).items():
        monkeypatch.setenv(name, value)
    settings = Settings(service_name=service)
    assert settings.host == "0.0.0.0"
    assert settings.database_name == f"icld_{service}"
    environment = "development" if manifests.name == "local" else "production"
    assert settings.environment == environment


def test_the_gateways_values_parse_into_its_settings(
    manifests: Manifests, monkeypatch: pytest.MonkeyPatch
) -> None:
    for setting in settings_of(GatewaySettings):
        for name in setting.names:
            monkeypatch.delenv(name, raising=False)
    for name, value in values(manifests.environment("gateway")).items():
        monkeypatch.setenv(name, value)
    settings = GatewaySettings()
    assert settings.host == "0.0.0.0"
    assert settings.verifies_tokens
    assert settings.cors_origins == []  # one origin for the console and the API


def test_the_web_consoles_values_configure_a_sign_in(
    manifests: Manifests, monkeypatch: pytest.MonkeyPatch
) -> None:
    """/config.json, the readiness probe, answers 503 when no sign-in is configured."""
    env = values(manifests.environment("web-console"))
    for setting in settings_of(Settings):
        monkeypatch.delenv(setting.names[0], raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    settings = ConsoleSettings.from_env(env, Settings())
    assert settings.host == "0.0.0.0"
    assert settings.auth is not None
    if manifests.name == "production":
        assert settings.auth["mode"] == "oidc"
        assert settings.production_reason is not None
    else:
        assert settings.auth == {"mode": "development"}
