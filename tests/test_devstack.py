"""`python -m devstack`: the whole platform starts, answers, and Ctrl-C leaves nothing behind."""

from __future__ import annotations

import os
import re
import signal
from pathlib import Path

import httpx
import pytest

from devstack import summary
from devstack.config import Config
from devstack.errors import DevstackError
from devstack.restarts import MAX_DELAY_S
from devstack.services import Endpoint, gateway_endpoints, service_endpoints
from devstack.webconsole import launch as console
from services.common.auth import Role
from services.common.settings import Settings
from services.common.tokens import mint

from .support.gateway_api import GatewayAPI
from .support.placeholder_console import TITLE, placeholder_dist
from .support.runner import (
    SERVICES,
    devstack,
    listening,
    run_until_it_stops,
    start_time,
    started_pids,
    stop,
    survivors,
)
from .support.waiting import eventually

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
            # Through the gateway: the services answer only it.
            created = await http.post(
                running.gateway_url,
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


ORGANISATIONS = "{ organisations(first: 1) { totalCount } }"
QUICK_RESTARTS = {"DEVSTACK_RESTART_BACKOFF_S": "0.1"}


async def test_a_killed_service_is_restarted_and_the_rest_keeps_running(tmp_path: Path) -> None:
    extra = {"DEVSTACK_WEB_DIST": str(placeholder_dist(tmp_path / "dist")), **QUICK_RESTARTS}
    async with devstack(tmp_path, demo=False, extra_env=extra) as running:
        others = {name: running.pid_of(name) for name in ["gateway", *SERVICES[1:]]}
        killed = running.pid_of("partnerships")

        os.kill(killed, signal.SIGKILL)

        async def ready_again() -> bool:
            return _logged(running.log(), "ready again process=partnerships ")

        await eventually(ready_again, timeout_s=120, what="partnerships ready again")
        token = mint(Settings(), Role.OFFICER)
        async with httpx.AsyncClient(timeout=30) as http:
            gateway = GatewayAPI(http, running.gateway_url)

            async def answers() -> bool:
                body = await gateway.execute(ORGANISATIONS, token=token)
                return "errors" not in body

            await eventually(answers, timeout_s=60, what="the gateway answers again")
            body = await gateway.data(ORGANISATIONS, token=token)
        log = running.log()
        assert body["organisations"]["totalCount"] >= 0
        assert running.process.returncode is None, log
        assert (
            f"devstack: restarting a crashed process process=partnerships pid={killed}"
            ' exit_status=SIGKILL reason="was killed by SIGKILL unexpectedly" attempt=1 limit=5'
            " delay_s=0.1\n"
        ) in log
        restarted = started_pids(log, "partnerships")
        assert len(restarted) == 2, log
        assert restarted[0] == killed, log
        assert start_time(restarted[1]) is not None, log
        # One crash is one crash: nothing else was stopped or started again.
        assert {name: started_pids(log, name) for name in others} == {
            name: [pid] for name, pid in others.items()
        }
        assert all(start_time(pid) is not None for pid in others.values()), log


async def test_a_process_that_keeps_crashing_stops_everything(tmp_path: Path) -> None:
    # In production the services refuse the development secret: each start exits at once.
    extra = {
        "DEVSTACK_WEB_DIST": str(placeholder_dist(tmp_path / "dist")),
        "ENVIRONMENT": "production",
        "DEVSTACK_RESTART_LIMIT": "1",
        **QUICK_RESTARTS,
    }
    code, log = await run_until_it_stops(tmp_path, extra)

    assert code == 1, log
    gave_up = re.search(
        r"^devstack: (\w+): exited with code 1 unexpectedly; it keeps crashing: restarted once"
        r" without staying up for 60 s in between \(DEVSTACK_RESTART_LIMIT=1,"
        r" DEVSTACK_RESTART_WINDOW_S=60\); stopping everything$",
        log,
        re.MULTILINE,
    )
    assert gave_up, log
    name = gave_up.group(1)
    assert "refusing to start" in log[gave_up.end() :], log
    first, _ = started_pids(log, name)
    assert _logged(
        log,
        f"restarting a crashed process process={name} pid={first} exit_status=1"
        ' reason="exited with code 1 unexpectedly" attempt=1 limit=1 delay_s=0.1',
    ), log
    started = [int(pid) for pid in re.findall(r"^devstack: started .* pid=(\d+) ", log, re.M)]
    assert [pid for pid in started if start_time(pid) is not None] == [], log
    assert log.rstrip().endswith("devstack: stopped"), log
    assert summary.READY_LINE not in log, log


def _logged(log: str, text: str) -> bool:
    return any(line.startswith(f"devstack: {text}") for line in log.splitlines())


def test_restarts_wait_twice_as_long_each_time_up_to_a_bound() -> None:
    policy = Config.from_env({"DEVSTACK_RESTART_BACKOFF_S": "0.5"}).restarts

    assert [policy.delay_s(n) for n in (1, 2, 3, 4)] == [0.5, 1.0, 2.0, 4.0]
    assert policy.delay_s(20) == MAX_DELAY_S
    assert (policy.limit, policy.window_s) == (5, 60.0)


@pytest.mark.parametrize("value", ["-1", "often"])
def test_a_restart_setting_must_be_a_number_not_below_zero(value: str) -> None:
    with pytest.raises(DevstackError, match="DEVSTACK_RESTART_LIMIT"):
        Config.from_env({"DEVSTACK_RESTART_LIMIT": value})


def test_replicas_take_their_first_replicas_port_plus_hundreds() -> None:
    config = Config.from_env({"DEVSTACK_REPLICAS": "finance=3, partnerships=2,gateway=2"})
    services = [(e.label, e.port) for e in service_endpoints(config)]
    assert services == [
        ("partnerships", 4001),
        ("partnerships-2", 4101),
        ("networks", 4002),
        ("training", 4003),
        ("finance", 4004),
        ("finance-2", 4104),
        ("finance-3", 4204),
    ]
    assert [(e.label, e.port) for e in gateway_endpoints(config)] == [
        ("gateway", 4000),
        ("gateway-2", 4100),
    ]


def test_the_replicas_flag_wins_over_the_variable() -> None:
    config = Config.from_env({"DEVSTACK_REPLICAS": "finance=3"}, "training=2")
    assert config.replicas == {"training": 2}


@pytest.mark.parametrize(
    "value", ["finance", "finance=0", "finance=10", "billing=2", "finance=2,finance=3"]
)
def test_a_replica_count_names_a_process_and_a_count_from_one_to_nine(value: str) -> None:
    with pytest.raises(DevstackError, match="replicas"):
        Config.from_env({"DEVSTACK_REPLICAS": value})


def render(console_url: str | None, console_note: str) -> str:
    return summary.render(
        gateways=[Endpoint("gateway", 4000)],
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
