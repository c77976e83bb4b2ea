"""`ENVIRONMENT=production` with the built-in development secret as the only way to verify
tokens: a service and the gateway refuse to start, saying why."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from services.common.settings import DEV_SUBGRAPH_SECRET
from tests.support.servers import free_port

REPO = Path(__file__).resolve().parents[2]
TOKEN_VARIABLES = (
    "JWT_SECRET",
    "JWT_PUBLIC_KEY",
    "OIDC_ISSUER",
    "ENVIRONMENT",
    "SUBGRAPH_SECRET",
    "SUBGRAPH_SECRET_PREVIOUS",
)
OWN_SUBGRAPH_SECRET = {"SUBGRAPH_SECRET": "s" * 40}
SUBGRAPH_SECRET_REFUSAL = (
    "ENVIRONMENT=production, but SUBGRAPH_SECRET is the built-in development secret: set "
    "SUBGRAPH_SECRET to a secret of your own, the same for the gateway and every service."
)
REFUSAL = (
    "refusing to start: ENVIRONMENT=production, but JWT_SECRET is the built-in development "
    "secret and neither OIDC_ISSUER nor JWT_PUBLIC_KEY is set: tokens minted for development "
    "would be accepted. Set OIDC_ISSUER (or JWT_PUBLIC_KEY, or a JWT_SECRET of your own)."
)


def run(args: list[str], **variables: str) -> subprocess.CompletedProcess[str]:
    """`python -m <args>` with the token settings of `variables` only; a database and a
    broker nobody listens on (a process that got past the check fails differently)."""
    env = {k: v for k, v in os.environ.items() if k not in TOKEN_VARIABLES}
    env |= {
        "MONGODB_URL": f"mongodb://127.0.0.1:{free_port()}/?serverSelectionTimeoutMS=500",
        "AMQP_URL": f"amqp://guest:guest@127.0.0.1:{free_port()}/",
        "PORT": str(free_port()),
        "LOG_FORMAT": "text",
        **variables,
    }
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_service_refuses_to_start_in_production_with_the_development_secret() -> None:
    result = run(["services.partnerships"], ENVIRONMENT="production")

    assert result.returncode == 1
    assert result.stderr.endswith(f"partnerships: {REFUSAL}\n"), result.stderr


def test_the_gateway_refuses_to_start_in_production_with_the_development_secret() -> None:
    result = run(["gateway", "--supergraph", "missing.graphql"], ENVIRONMENT="production")

    assert (result.returncode, result.stderr) == (2, f"gateway: {REFUSAL}\n")


def test_an_oidc_issuer_or_an_own_secret_lets_production_start() -> None:
    # Past the check, the gateway goes on to read its supergraph (here: missing).
    missing = "gateway: cannot read missing.graphql: No such file or directory\n"
    for variables in ({"OIDC_ISSUER": "https://id.example"}, {"JWT_SECRET": "x" * 40}):
        result = run(
            ["gateway", "--supergraph", "missing.graphql"],
            ENVIRONMENT="production",
            **variables,
            **OWN_SUBGRAPH_SECRET,
        )
        assert (result.returncode, result.stderr) == (2, missing), variables


def test_production_refuses_the_development_subgraph_secret() -> None:
    own_tokens = {"ENVIRONMENT": "production", "JWT_SECRET": "x" * 40}
    gateway = run(["gateway", "--supergraph", "missing.graphql"], **own_tokens)
    assert (gateway.returncode, gateway.stderr) == (
        2,
        f"gateway: refusing to start: {SUBGRAPH_SECRET_REFUSAL}\n",
    )

    service = run(["services.partnerships"], **own_tokens)
    assert service.returncode == 1
    assert service.stderr.endswith(
        f"partnerships: refusing to start: {SUBGRAPH_SECRET_REFUSAL}\n"
    ), service.stderr


def test_production_refuses_the_development_subgraph_secret_as_the_previous_one() -> None:
    """Rotating SUBGRAPH_SECRET away from the built-in one keeps nothing of it accepted."""
    result = run(
        ["services.partnerships"],
        ENVIRONMENT="production",
        JWT_SECRET="x" * 40,
        SUBGRAPH_SECRET_PREVIOUS=DEV_SUBGRAPH_SECRET,
        **OWN_SUBGRAPH_SECRET,
    )
    assert result.returncode == 1
    assert result.stderr.endswith(
        "partnerships: refusing to start: ENVIRONMENT=production, but SUBGRAPH_SECRET_PREVIOUS "
        "is the built-in development secret: it would still be accepted. Leave "
        "SUBGRAPH_SECRET_PREVIOUS empty (it holds only a secret of your own being rotated "
        "out).\n"
    ), result.stderr


def test_development_starts_with_the_development_secret() -> None:
    result = run(["gateway", "--supergraph", "missing.graphql"])

    assert (result.returncode, result.stderr) == (
        2,
        "gateway: cannot read missing.graphql: No such file or directory\n",
    )
