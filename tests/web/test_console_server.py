"""The console server in-process: its files and cache headers, /config.json in each mode,
and the development sign-in that no production configuration can have."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import jwt
import pytest

from devstack.webconsole.app import create_app
from devstack.webconsole.files import IMMUTABLE, REVALIDATE
from devstack.webconsole.settings import ConsoleSettings, DevSignInRefused
from services.common.settings import DEV_JWT_SECRET, Settings
from tests.support.placeholder_console import ASSET, TITLE, placeholder_dist

ROOT = Path(__file__).resolve().parents[2]
GATEWAY = "http://127.0.0.1:4999/graphql"
OIDC = {"OIDC_ISSUER": "http://127.0.0.1:4998/realms/icld", "OIDC_CLIENT_ID": "icld-console"}
SIGN_IN = {"CONSOLE_DEV_SIGN_IN": "true"}


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    return placeholder_dist(tmp_path / "dist")


def console_env(dist: Path, **env: str) -> dict[str, str]:
    return {"CONSOLE_DIST_DIR": str(dist), "CONSOLE_GATEWAY_URL": GATEWAY, **env}


@asynccontextmanager
async def console(
    env: Mapping[str, str], tokens: Settings | None = None
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(ConsoleSettings.from_env(env, tokens or Settings(jwt_secret=DEV_JWT_SECRET)))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://console.test") as http:
        yield http


@pytest.mark.parametrize("path", ["/", "/partnerships", "/partnerships/42/visits?tab=2"])
async def test_the_app_routes_get_index_html_revalidated_every_time(dist: Path, path: str) -> None:
    async with console(console_env(dist, **SIGN_IN)) as http:
        response = await http.get(path)

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.text == (dist / "index.html").read_text()
    assert f"<title>{TITLE}</title>" in response.text
    assert response.headers["cache-control"] == REVALIDATE == "no-cache"


async def test_hashed_assets_are_cached_for_a_year(dist: Path) -> None:
    async with console(console_env(dist)) as http:
        response = await http.get(f"/{ASSET}")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["cache-control"] == IMMUTABLE == "public, max-age=31536000, immutable"


@pytest.mark.parametrize(
    ("path", "content_type"),
    [("/sw.js", "text/javascript"), ("/manifest.webmanifest", "application/manifest+json")],
)
async def test_the_service_worker_and_the_manifest_are_revalidated(
    dist: Path, path: str, content_type: str
) -> None:
    async with console(console_env(dist)) as http:
        response = await http.get(path)

    assert response.status_code == 200
    assert response.headers["content-type"].startswith(content_type)
    assert response.headers["cache-control"] == "no-cache"


@pytest.mark.parametrize("path", ["/assets/index-00000000.js", "/assets", "/logo.png", "/a/b.css"])
async def test_missing_files_are_404_not_the_app(dist: Path, path: str) -> None:
    async with console(console_env(dist)) as http:
        response = await http.get(path)

    assert response.status_code == 404, response.text


async def test_an_unchanged_file_is_not_sent_again(dist: Path) -> None:
    async with console(console_env(dist)) as http:
        first = await http.get("/")
        again = await http.get("/", headers={"If-None-Match": first.headers["etag"]})

    assert again.status_code == 304
    assert again.headers["cache-control"] == "no-cache"


async def test_config_in_development_mode(dist: Path) -> None:
    async with console(console_env(dist, **SIGN_IN)) as http:
        response = await http.get("/config.json")

    assert response.status_code == 200
    assert response.json() == {"gatewayUrl": GATEWAY, "auth": {"mode": "development"}}
    assert response.headers["cache-control"] == "no-cache"


@pytest.mark.parametrize(
    "env",
    [
        pytest.param({**OIDC, "ENVIRONMENT": "production"}, id="production"),
        pytest.param({**OIDC}, id="development-with-oidc"),
        pytest.param({**OIDC, **SIGN_IN}, id="oidc-wins-over-the-dev-sign-in"),
    ],
)
async def test_config_in_oidc_mode_and_no_dev_sign_in(dist: Path, env: dict[str, str]) -> None:
    async with console(console_env(dist, **env)) as http:
        config = await http.get("/config.json")
        options = await http.get("/dev/sign-in/options")
        signed_in = await http.post("/dev/sign-in", json={"role": "admin"})

    assert config.status_code == 200
    assert config.json() == {
        "gatewayUrl": GATEWAY,
        "auth": {
            "mode": "oidc",
            "issuer": OIDC["OIDC_ISSUER"],
            "clientId": OIDC["OIDC_CLIENT_ID"],
            "scope": "openid profile",
        },
    }
    assert (options.status_code, signed_in.status_code) == (404, 404)
    assert "token" not in signed_in.text


async def test_config_names_the_resource_tokens_are_asked_for(dist: Path) -> None:
    env = console_env(dist, **OIDC, OIDC_RESOURCE="urn:icld:platform", OIDC_SCOPE="openid")
    async with console(env) as http:
        config = await http.get("/config.json")

    assert config.json()["auth"] == {
        "mode": "oidc",
        "issuer": OIDC["OIDC_ISSUER"],
        "clientId": OIDC["OIDC_CLIENT_ID"],
        "scope": "openid",
        "resource": "urn:icld:platform",
    }


@pytest.mark.parametrize(
    ("env", "tokens"),
    [
        pytest.param({"ENVIRONMENT": "production"}, None, id="ENVIRONMENT=production"),
        pytest.param({}, Settings(jwt_secret="a-real-secret"), id="JWT_SECRET"),
        pytest.param({}, Settings(jwt_public_key="-----BEGIN..."), id="JWT_PUBLIC_KEY"),
    ],
)
async def test_production_without_oidc_has_no_sign_in_at_all(
    dist: Path, env: dict[str, str], tokens: Settings | None
) -> None:
    async with console(console_env(dist, **env), tokens) as http:
        config = await http.get("/config.json")
        options = await http.get("/dev/sign-in/options")
        signed_in = await http.post("/dev/sign-in", json={"role": "admin"})
        deep = await http.get("/dev/sign-in/anything")
        index = await http.get("/")

    assert config.status_code == 503
    assert "OIDC_ISSUER" in config.json()["error"]
    assert [r.status_code for r in (options, signed_in, deep)] == [404, 404, 404]
    assert index.status_code == 200  # the console itself is still served


@pytest.mark.parametrize(
    ("env", "tokens", "reason"),
    [
        ({"ENVIRONMENT": "production"}, None, "ENVIRONMENT=production"),
        ({"ENVIRONMENT": "Production", **OIDC}, None, "ENVIRONMENT=production"),
        ({}, Settings(jwt_secret="a-real-secret"), "JWT_SECRET"),
        ({}, Settings(jwt_public_key="-----BEGIN..."), "JWT_PUBLIC_KEY"),
    ],
)
def test_asking_for_the_dev_sign_in_in_production_refuses_to_configure(
    dist: Path, env: dict[str, str], tokens: Settings | None, reason: str
) -> None:
    with pytest.raises(DevSignInRefused, match=reason):
        ConsoleSettings.from_env(console_env(dist, **SIGN_IN, **env), tokens or Settings())


def test_the_sign_in_cannot_be_mounted_on_production_settings(dist: Path) -> None:
    settings = ConsoleSettings.from_env(console_env(dist, **SIGN_IN), Settings())
    forced = ConsoleSettings(**{**settings.__dict__, "environment": "production"})

    with pytest.raises(RuntimeError, match="ENVIRONMENT=production"):
        create_app(forced)


def test_the_server_refuses_to_start_with_the_dev_sign_in_in_production(dist: Path) -> None:
    env = {**os.environ, **console_env(dist, **SIGN_IN), "ENVIRONMENT": "production"}
    env.pop("JWT_SECRET", None)

    result = subprocess.run(
        [sys.executable, "-m", "devstack.webconsole"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "refusing to start" in result.stderr
    assert "ENVIRONMENT=production" in result.stderr


async def test_a_session_lasts_as_long_as_DEVSTACK_TOKEN_TTL_S_says(dist: Path) -> None:
    async with console(console_env(dist, **SIGN_IN, DEVSTACK_TOKEN_TTL_S="5")) as http:
        before = datetime.now(UTC).replace(microsecond=0)
        response = await http.post("/dev/sign-in", json={"role": "officer"})

    assert response.status_code == 200, response.text
    session = response.json()
    expires = datetime.fromisoformat(session["expiresAt"].replace("Z", "+00:00"))
    assert before + timedelta(seconds=4) <= expires <= before + timedelta(seconds=7)
    claims = Settings()
    decoded = jwt.decode(
        session["token"],
        DEV_JWT_SECRET,
        algorithms=["HS256"],
        audience=claims.jwt_audience,
        issuer=claims.jwt_issuer,
    )
    assert decoded["exp"] == int(expires.timestamp())
    assert session["user"] == {
        "sub": "dev-officer",
        "name": "Development officer",
        "roles": ["officer"],
        "org": None,
    }
    assert response.headers["cache-control"] == "no-store"


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"role": "superuser"}, 400, "role must be one of admin, officer, coordinator, viewer"),
        ({}, 400, "role must be one of"),
        (["officer"], 400, "send {"),
        ({"role": "coordinator"}, 400, "give organisationId"),
        ({"role": "coordinator", "organisationId": ""}, 400, "give organisationId"),
        ({"role": "researcher"}, 400, "a researcher signs in for an organisation"),
        ({"role": "advisor"}, 400, "an advisor signs in as a person: give personId"),
        ({"role": "advisor", "personId": ""}, 400, "give personId"),
    ],
)
async def test_sign_in_requests_it_cannot_serve_are_400(
    dist: Path, body: object, status: int, message: str
) -> None:
    async with console(console_env(dist, **SIGN_IN)) as http:
        response = await http.post("/dev/sign-in", json=body)

    assert response.status_code == status, response.text
    assert message in response.json()["error"]


async def test_sign_in_takes_json_only(dist: Path) -> None:
    async with console(console_env(dist, **SIGN_IN)) as http:
        form = await http.post("/dev/sign-in", data={"role": "admin"})
        text = await http.post(
            "/dev/sign-in", content=b'{"role": "admin"}', headers={"content-type": "text/plain"}
        )

    assert (form.status_code, text.status_code) == (415, 415)
