"""The processes started as the manifests start them (their command, their environment from
the rendered ConfigMaps and Secrets) answer their probes as the kubelet would ask them, and
a service stops within its pod's grace period. Only the addresses differ: the test's MongoDB,
RabbitMQ and free local ports stand in for the cluster's."""

from __future__ import annotations

import asyncio
import json
import signal
from pathlib import Path

import httpx
import pytest

from tests.support.servers import delete_broker_objects, free_port
from tests.support.uvicorn_process import uvicorn_process

from .code import consumes_events, service_specs
from .manifests import Manifests, probes
from .test_environment import values

SERVICE = "finance"


def probe_paths(manifests: Manifests, deployment: str) -> dict[str, str]:
    container = manifests.container(deployment)
    return {kind: probe["httpGet"]["path"] for kind, probe in probes(container).items()}


def command_args(manifests: Manifests, deployment: str) -> list[str]:
    command = manifests.container(deployment)["command"]
    assert command[:2] == ["python", "-m"]
    return list(command[2:])


async def status(port: int, path: str) -> int:
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as http:
        return (await http.get(path)).status_code


async def test_a_service_answers_its_probes_and_stops_within_its_grace_period(
    rendered: dict[str, Manifests],
    mongo_url: str,
    broker_url: str,
    unique: str,
    tmp_path: Path,
) -> None:
    manifests = rendered["local"]
    port = free_port()
    prefix = f"deploy{unique}"
    env = values(manifests.environment(SERVICE)) | {
        "MONGODB_URL": mongo_url,
        "MONGODB_DATABASE": f"deploy_{unique}",
        "AMQP_URL": broker_url,
        "EVENTS_PREFIX": prefix,
        "HOST": "127.0.0.1",
        "PORT": str(port),
    }
    grace = manifests.get("Deployment", SERVICE)["spec"]["template"]["spec"][
        "terminationGracePeriodSeconds"
    ]
    delays = json.loads(env["EVENT_RETRY_DELAYS_MS"])
    log = tmp_path / "service.log"
    try:
        async with uvicorn_process(command_args(manifests, SERVICE), env, log) as process:
            for kind, path in probe_paths(manifests, SERVICE).items():
                assert await status(port, path) == 200, f"{kind} {path}"
            process.send_signal(signal.SIGTERM)
            # uvicorn re-raises the signal once it has shut down.
            assert await asyncio.wait_for(process.wait(), grace) in (0, -signal.SIGTERM)
    finally:
        await delete_broker_objects(broker_url, prefix, [SERVICE], delays)
    # The runtime's last word: consumer drained, outbox flushed, connections closed.
    assert '"message":"service stopped"' in log.read_text()
    assert consumes_events(service_specs()[SERVICE])


async def test_the_gateway_is_alive_but_not_ready_without_its_subgraphs(
    rendered: dict[str, Manifests], tmp_path: Path
) -> None:
    """Liveness must not depend on the subgraphs: a gateway waiting for them is not
    restarted, it is only kept out of the Service until it has composed the supergraph."""
    manifests = rendered["production"]
    port, nowhere = free_port(), free_port()
    args = [
        arg
        if not arg.endswith("/graphql")
        else f"{arg.split('=')[0]}=http://127.0.0.1:{nowhere}/graphql"
        for arg in command_args(manifests, "gateway")
    ]
    env = values(manifests.environment("gateway")) | {
        "GATEWAY_HOST": "127.0.0.1",
        "GATEWAY_PORT": str(port),
    }
    paths = probe_paths(manifests, "gateway")
    async with uvicorn_process(args, env, tmp_path / "gateway.log"):
        assert await status(port, paths["livenessProbe"]) == 200
        assert await status(port, paths["startupProbe"]) == 200
        assert await status(port, paths["readinessProbe"]) == 503


@pytest.mark.parametrize("overlay", ["local", "production"])
async def test_the_web_console_answers_its_probes(
    rendered: dict[str, Manifests], overlay: str, tmp_path: Path
) -> None:
    manifests = rendered[overlay]
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "index.html").write_text("<!doctype html><title>ICLD</title>")
    port = free_port()
    env = values(manifests.environment("web-console")) | {
        "CONSOLE_HOST": "127.0.0.1",
        "CONSOLE_PORT": str(port),
        "CONSOLE_DIST_DIR": str(dist),
    }
    async with uvicorn_process(
        command_args(manifests, "web-console"), env, tmp_path / "console.log"
    ):
        for kind, path in probe_paths(manifests, "web-console").items():
            assert await status(port, path) == 200, f"{kind} {path}"
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            config = (await http.get("/config.json")).json()
    assert config["auth"]["mode"] == ("development" if overlay == "local" else "oidc")
