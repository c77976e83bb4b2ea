"""`python -m devstack`: the whole platform starts, answers, and Ctrl-C leaves nothing behind."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from devstack import summary
from devstack.config import Config
from devstack.errors import DevstackError
from devstack.services import Endpoint
from devstack.webconsole import launch as console
from services.common.auth import Role
from services.common.settings import Settings
from services.common.tokens import mint

from .support.placeholder_console import TITLE, placeholder_dist
from .support.runner import SERVICES, devstack, listening, stop, survivors

CREATE_ORGANISATION = """
mutation Create($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { organisation { id name } }
}
"""


async def test_devstack_runs_the_platform_and_stops_everything_it_started(tmp_path: Path) -> None:
    dist = placeholder_dist(tmp_path / "dist")
    extra = {"DEVSTACK_WEB_DIST": str(dist)}
    async with devstack(tmp_path, demo=False, extra_env=extra) as running:
        log = running.log()
        ports = running.ports
        # The services, the gateway, the web console and nx-27017.
        assert len(running.started) >= len(SERVICES) + 3, (running.started, log)
        assert f"  GraphQL (gateway)  http://127.0.0.1:{ports.gateway}/graphql\n" in log
        assert f"  Web console        http://127.0.0.1:{ports.console}/\n" in log

        token = mint(Settings(), Role.OFFICER)
        async with httpx.AsyncClient(timeout=30) as http:
            for port in ports.services:
                ready = await http.get(f"http://127.0.0.1:{port}/health/ready")
                assert ready.status_code == 200, (port, ready.text)
            created = await http.post(
                f"http://127.0.0.1:{ports.services[0]}/graphql",
                headers={"Authorization": f"Bearer {token}"},
                json={
                    "query": CREATE_ORGANISATION,
                    "variables": {
                        "input": {"name": tmp_path.name, "kind": "MUNICIPALITY", "country": "SE"}
                    },
                },
            )
            console = await http.get(f"{running.console_url}/")
        body = created.json()
        assert "errors" not in body, body
        organisation = body["data"]["createOrganisation"]["organisation"]
        assert organisation["name"] == tmp_path.name
        assert organisation["id"]
        assert console.status_code == 200
        assert f"<title>{TITLE}</title>" in console.text

        code = await stop(running)
        log = running.log()
        assert code == 0, log
        assert survivors(running.started) == [], log
        assert [p for p in ports.all() if listening(p)] == [], log


def render(console_url: str | None, console_note: str) -> str:
    return summary.render(
        gateway=Endpoint("gateway", 4000),
        console_url=console_url,
        console_note=console_note,
        services=[Endpoint("partnerships", 4001)],
        mongodb_url="mongodb://127.0.0.1:27017/",
        mongo_data_dir=None,
        amqp_url="amqp://guest:guest@127.0.0.1:5672/",
        rabbitmq_started_here=False,
        log_dir=Path("/tmp/logs"),
    )


def test_the_summary_puts_the_web_console_next_to_the_gateway() -> None:
    lines = render("http://127.0.0.1:4005/", "development sign-in: pick a role").splitlines()

    gateway = lines.index("  GraphQL (gateway)  http://127.0.0.1:4000/graphql")
    assert lines[gateway + 1 : gateway + 3] == [
        "  Web console        http://127.0.0.1:4005/",
        "                     development sign-in: pick a role",
    ]
    assert lines[-1] == summary.READY_LINE


def test_the_summary_says_why_there_is_no_web_console() -> None:
    text = render(None, "not started: web/package.json does not exist yet")

    assert "  Web console        not started: web/package.json does not exist yet\n" in text


def console_plan(tmp_path: Path, env: dict[str, str]) -> console.ConsolePlan:
    dist = placeholder_dist(tmp_path / "dist")
    config = Config.from_env({"DEVSTACK_PORT_BASE": "4100", "DEVSTACK_WEB_DIST": str(dist)})
    return console.plan(config, Endpoint("gateway", 4100), env)


def test_the_console_takes_the_gateways_port_plus_five_or_its_own() -> None:
    assert Config.from_env({"DEVSTACK_PORT_BASE": "4100"}).console_port == 4105
    assert Config.from_env({"DEVSTACK_CONSOLE_PORT": "8080"}).console_port == 8080


def test_the_console_is_planned_with_the_development_sign_in(tmp_path: Path) -> None:
    plan = console_plan(tmp_path, {})

    assert (plan.url, plan.gateway.graphql) == (
        "http://127.0.0.1:4105/",
        "http://127.0.0.1:4100/graphql",
    )
    assert (plan.dist, plan.build_first, plan.dev_sign_in) == (tmp_path / "dist", False, True)
    assert console.cors_origins(plan, {}) == ('["http://127.0.0.1:4105", "http://localhost:4105"]')
    assert console.cors_origins(plan, {"GATEWAY_CORS_ORIGINS": '["https://a.example"]'}) == (
        '["https://a.example", "http://127.0.0.1:4105", "http://localhost:4105"]'
    )


@pytest.mark.parametrize(
    ("env", "note"),
    [
        ({"ENVIRONMENT": "production"}, "development sign-in off (ENVIRONMENT=production)"),
        ({"OIDC_ISSUER": "http://idp", "OIDC_CLIENT_ID": "c"}, "through OIDC at http://idp"),
    ],
)
def test_no_development_sign_in_where_it_does_not_belong(
    tmp_path: Path, env: dict[str, str], note: str
) -> None:
    plan = console_plan(tmp_path, env)

    assert not plan.dev_sign_in
    assert note in plan.note


def test_no_console_without_a_gateway_and_no_bad_prebuilt_one(tmp_path: Path) -> None:
    with pytest.raises(console.ConsoleSkipped, match="gateway"):
        console.plan(Config.from_env({}), None, {})
    config = Config.from_env({"DEVSTACK_WEB_DIST": str(tmp_path)})
    with pytest.raises(DevstackError, match=r"holds no index\.html"):
        console.plan(config, Endpoint("gateway", 4000), {})
