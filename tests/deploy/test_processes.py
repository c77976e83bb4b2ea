"""The manifests and the code agree on the processes: what each container runs, the port it
listens on, the probes' paths against the app's routes, the gateway's subgraphs, the queues
KEDA watches."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from starlette.applications import Starlette
from starlette.routing import Match

from devstack.webconsole.app import create_app as console_app
from devstack.webconsole.settings import ConsoleSettings
from gateway.server.app import create_app as gateway_app
from gateway.server.sources import StaticSupergraph
from gateway.settings import GatewaySettings
from services.common.app import create_app as service_app
from services.common.events.topology import Topology
from services.common.runtime import ServiceRuntime
from services.common.settings import Settings

from .code import consumes_events, service_specs
from .manifests import Manifests, named_port, probes


def serves(app: Starlette, path: str) -> bool:
    scope = {"type": "http", "method": "GET", "path": path, "root_path": ""}
    return any(route.matches(scope)[0] is Match.FULL for route in app.routes)


def assert_probes_served(app: Starlette, container: dict[str, Any], port: int) -> None:
    found = probes(container)
    assert {"livenessProbe", "readinessProbe"} <= set(found), container["name"]
    for kind, probe in found.items():
        get = probe["httpGet"]
        assert named_port(container, get["port"]) == port, f"{container['name']} {kind}"
        assert serves(app, get["path"]), f"{container['name']} {kind}: {get['path']} not served"


def listening_port(manifests: Manifests, deployment: str, variable: str) -> int:
    value = manifests.environment(deployment)[variable].value
    assert value is not None
    return int(value)


def assert_service_reaches(manifests: Manifests, name: str, port: int) -> int:
    """The Service `name` selects the Deployment `name` and forwards to `port`; its port."""
    service = manifests.get("Service", name)
    labels = manifests.get("Deployment", name)["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= labels.items()
    (entry,) = service["spec"]["ports"]
    assert named_port(manifests.container(name), entry["targetPort"]) == port
    return int(entry["port"])


def test_every_service_of_the_code_is_deployed(manifests: Manifests) -> None:
    subgraphs = {
        d["metadata"]["name"]
        for d in manifests.of_kind("Deployment")
        if d["spec"]["template"]["metadata"]["labels"]["app.kubernetes.io/component"] == "subgraph"
    }
    assert subgraphs == set(service_specs())


@pytest.mark.parametrize("service", sorted(service_specs()))
def test_a_service_listens_where_its_probes_and_service_look(
    manifests: Manifests, service: str
) -> None:
    container = manifests.container(service)
    assert container["command"] == ["python", "-m", f"services.{service}"]
    port = listening_port(manifests, service, "PORT")
    assert [p["containerPort"] for p in container["ports"]] == [port]
    assert_service_reaches(manifests, service, port)
    runtime = ServiceRuntime(service_specs()[service], Settings(service_name=service))
    app = service_app(runtime)
    assert_probes_served(app, container, port)
    assert container["readinessProbe"]["httpGet"]["path"] == "/health/ready"


def test_the_gateway_listens_where_its_probes_and_service_look(manifests: Manifests) -> None:
    container = manifests.container("gateway")
    port = listening_port(manifests, "gateway", "GATEWAY_PORT")
    assert [p["containerPort"] for p in container["ports"]] == [port]
    assert_service_reaches(manifests, "gateway", port)
    app = gateway_app(GatewaySettings(), StaticSupergraph(""))
    assert_probes_served(app, container, port)
    # Ready only with a composed supergraph; alive as soon as it serves.
    assert container["readinessProbe"]["httpGet"]["path"] == "/health"
    assert container["livenessProbe"]["httpGet"]["path"] != "/health"


def test_the_gateway_is_given_every_service_at_its_service_address(manifests: Manifests) -> None:
    command = manifests.container("gateway")["command"]
    assert command[:3] == ["python", "-m", "gateway"]
    flags, values = command[3::2], command[4::2]
    assert set(flags) == {"--subgraph"}, "subgraphs are composed from their SDL (--subgraph)"
    urls = dict(value.split("=", 1) for value in values)
    assert set(urls) == set(service_specs())
    for name, url in urls.items():
        parts = urlsplit(url)
        assert parts.hostname == name
        assert parts.path == "/graphql"
        service_port = assert_service_reaches(
            manifests, name, listening_port(manifests, name, "PORT")
        )
        assert parts.port == service_port


def test_the_web_console_listens_where_its_probes_and_service_look(
    manifests: Manifests, tmp_path_factory: pytest.TempPathFactory
) -> None:
    container = manifests.container("web-console")
    assert container["command"] == ["python", "-m", "devstack.webconsole"]
    port = listening_port(manifests, "web-console", "CONSOLE_PORT")
    assert [p["containerPort"] for p in container["ports"]] == [port]
    assert_service_reaches(manifests, "web-console", port)
    env = {k: v.value for k, v in manifests.environment("web-console").items() if v.value}
    dist = tmp_path_factory.mktemp("dist")
    (dist / "index.html").write_text("<!doctype html><title>console</title>")
    settings = ConsoleSettings.from_env({**env, "CONSOLE_DIST_DIR": str(dist)})
    assert_probes_served(console_app(settings), container, port)


@pytest.mark.parametrize(
    "service", sorted(name for name, spec in service_specs().items() if consumes_events(spec))
)
def test_kedas_queue_is_the_one_the_service_consumes(manifests: Manifests, service: str) -> None:
    prefix = manifests.environment(service)["EVENTS_PREFIX"].value
    assert prefix is not None
    scaled = manifests.get("ScaledObject", service)
    assert scaled["spec"]["scaleTargetRef"]["name"] == service
    (rabbitmq,) = [t for t in scaled["spec"]["triggers"] if t["type"] == "rabbitmq"]
    assert rabbitmq["metadata"]["queueName"] == Topology(prefix).queue(service)
    # KEDA reaches the broker with the services' own connection URL.
    amqp = manifests.environment(service)["AMQP_URL"].secret
    assert amqp is not None
    auth = manifests.get("TriggerAuthentication", rabbitmq["authenticationRef"]["name"])
    (host,) = auth["spec"]["secretTargetRef"]
    assert (host["parameter"], host["name"], host["key"]) == ("host", amqp.secret, amqp.key)


@pytest.mark.parametrize("service", sorted(service_specs()))
def test_a_service_connects_to_mongodb_as_its_own_user(manifests: Manifests, service: str) -> None:
    url = manifests.environment(service)["MONGODB_URL"].secret
    assert url is not None
    (mongodb,) = manifests.of_kind("MongoDBCommunity")
    (user,) = [u for u in mongodb["spec"]["users"] if u["name"] == service]
    assert (url.secret, url.key) == (
        user["connectionStringSecretName"],
        "connectionString.standard",
    )
    assert user["roles"] == [{"name": "readWrite", "db": f"icld_{service}"}]
