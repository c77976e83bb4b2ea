"""The console as the runner serves it, demo data loaded: the built files, its runtime
config, and the development sign-in's tokens working against the gateway."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest

from services.common.settings import Settings
from tests.support.gateway_api import GatewayAPI
from tests.support.runner import Devstack

ORGANISATIONS = "{ organisations(first: 100) { totalCount nodes { id name country } } }"
ORGANISATION = "query($id: ID!) { organisation(id: $id) { id name country } }"


@pytest.fixture
async def console(running_stack: Devstack) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=running_stack.console_url, timeout=30) as http:
        yield http


async def sign_in(console: httpx.AsyncClient, body: dict[str, Any]) -> dict[str, Any]:
    response = await console.post("/dev/sign-in", json=body)
    assert response.status_code == 200, response.text
    session: dict[str, Any] = response.json()
    return session


async def organisation_id(console: httpx.AsyncClient, name: str) -> str:
    options = (await console.get("/dev/sign-in/options")).json()["organisations"]
    return str(next(o["id"] for o in options if o["name"] == name))


def top_level_files(dist: Path) -> list[str]:
    return sorted(f.name for f in dist.iterdir() if f.is_file())


async def test_deep_links_and_assets_of_the_build(
    console: httpx.AsyncClient, console_dist: Path
) -> None:
    index = (console_dist / "index.html").read_text()
    deep = await console.get("/partnerships/some-id/visits")
    assets = sorted((console_dist / "assets").iterdir())
    asset = await console.get(f"/assets/{assets[0].name}")
    missing = await console.get("/assets/missing-0000.js")

    assert (deep.status_code, deep.text) == (200, index)
    assert deep.headers["cache-control"] == "no-cache"
    assert asset.status_code == 200
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert missing.status_code == 404
    for name in top_level_files(console_dist):
        response = await console.get(f"/{name}")
        assert (response.status_code, response.headers["cache-control"]) == (200, "no-cache")


async def test_the_config_points_at_the_gateway_with_the_development_sign_in(
    console: httpx.AsyncClient, running_stack: Devstack
) -> None:
    response = await console.get("/config.json")

    assert response.json() == {
        "gatewayUrl": running_stack.gateway_url,
        "auth": {"mode": "development"},
    }


async def test_the_sign_in_options_are_the_organisations_in_the_api(
    console: httpx.AsyncClient, gateway: GatewayAPI
) -> None:
    officer = await sign_in(console, {"role": "officer"})

    options = (await console.get("/dev/sign-in/options")).json()["organisations"]

    api = (await gateway.data(ORGANISATIONS, token=officer["token"]))["organisations"]
    assert sorted(options, key=lambda o: o["id"]) == sorted(api["nodes"], key=lambda o: o["id"])
    assert {"name": "Kibaha", "country": "TZ"} in [
        {"name": o["name"], "country": o["country"]} for o in options
    ]
    assert [o["name"].casefold() for o in options] == sorted(o["name"].casefold() for o in options)


@pytest.mark.parametrize("role", ["officer", "admin", "viewer"])
async def test_a_staff_or_viewer_token_works_against_the_gateway(
    console: httpx.AsyncClient, gateway: GatewayAPI, role: str
) -> None:
    before = datetime.now(UTC)
    session = await sign_in(console, {"role": role})

    data = await gateway.data(ORGANISATIONS, token=session["token"])

    assert data["organisations"]["totalCount"] >= 6  # the demo's
    assert session["user"] == {
        "sub": f"dev-{role}",
        "name": f"Development {role}",
        "roles": [role],
        "org": None,
    }
    expires = datetime.fromisoformat(session["expiresAt"].replace("Z", "+00:00"))
    eight_hours = before.replace(microsecond=0) + timedelta(hours=8)
    assert eight_hours <= expires <= eight_hours + timedelta(minutes=1)


async def test_a_coordinator_signs_in_for_an_existing_organisation(
    console: httpx.AsyncClient, gateway: GatewayAPI
) -> None:
    kibaha = await organisation_id(console, "Kibaha")

    session = await sign_in(console, {"role": "coordinator", "organisationId": kibaha})

    assert session["user"] == {
        "sub": f"dev-coordinator-{kibaha}",
        "name": "Development coordinator (Kibaha)",
        "roles": ["coordinator"],
        "org": kibaha,
    }
    claims = jwt.decode(session["token"], options={"verify_signature": False})
    assert (claims["org"], claims["roles"], claims["iss"]) == (
        kibaha,
        ["coordinator"],
        Settings().jwt_issuer,
    )
    data = await gateway.data(ORGANISATION, {"id": kibaha}, token=session["token"])
    assert data["organisation"] == {"id": kibaha, "name": "Kibaha", "country": "TZ"}


@pytest.mark.parametrize(
    "organisation", ["9d4d7d4e-0000-4000-8000-000000000000", "not-an-id", None]
)
async def test_a_coordinator_without_a_valid_organisation_is_refused(
    console: httpx.AsyncClient, organisation: str | None
) -> None:
    response = await console.post(
        "/dev/sign-in", json={"role": "coordinator", "organisationId": organisation}
    )

    assert response.status_code == 400, response.text
    assert "organisation" in response.json()["error"]
    assert "token" not in response.json()
