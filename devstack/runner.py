"""One run: start everything in dependency order, wait until it answers, idle, stop."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable

from . import demo, mongo, summary
from .config import Config
from .console import complain, say
from .errors import DevstackError, StopRequested
from .probes import http_ok, port_free
from .processes import Child
from .rabbitmq import Broker
from .services import (
    HOST,
    Endpoint,
    first_replicas,
    gateway_built,
    gateway_endpoints,
    service_endpoints,
    start_gateway,
    start_service,
)
from .signals import StopSignal
from .stack import Stack
from .supervisor import Program, Supervised
from .webconsole import launch as console

IDLE_POLL_S = 0.5


def run(*, with_demo: bool, replicas: str | None = None) -> int:
    """Exit code 0 after Ctrl-C/SIGTERM, 1 when something failed or a process keeps crashing
    (one that crashes is restarted); never leaves a child behind. `replicas`: --replicas."""
    stop = StopSignal()
    stop.install()
    stack = Stack()
    try:
        start(stack, Config.from_env(os.environ, replicas), stop, with_demo=with_demo)
        while True:
            stack.supervise()
            stop.sleep(IDLE_POLL_S)
    except StopRequested as exc:
        say(f"{exc} received, stopping")
        return 0
    except DevstackError as exc:
        complain(str(exc))
        return 1
    finally:
        stop.ignore()
        stack.stop()
        say("stopped")


def start(stack: Stack, config: Config, stop: StopSignal, *, with_demo: bool) -> None:
    config.log_dir.mkdir(parents=True, exist_ok=True)
    services = service_endpoints(config)
    gateways = gateway_endpoints(config) if gateway_built() else []
    gateway = gateways[0] if gateways else None
    """The one the web console and the summary name; every gateway serves the same API."""
    web, web_note = _plan_console(config, gateway)
    _require_free_ports([*services, *gateways, *([web.endpoint] if web else [])])
    # Passed through to every child: EVENTS_PREFIX, JWT_SECRET, LOG_LEVEL, ...
    env = {**os.environ, "AMQP_URL": config.amqp_url, "PYTHONUNBUFFERED": "1"}
    if web is not None:
        # Built before anything starts: a failing build stops the run with nothing to clean up.
        console.prepare(web, config, env, stop)

    stack.broker = Broker(config.amqp_url)
    stack.broker.ensure(config, env, stop)
    supervised = functools.partial(
        Supervised, policy=config.restarts, ready_timeout_s=config.ready_timeout_s
    )

    if config.external_mongodb_url is None:
        mongo.require_free_port(config)
        stack.mongo = supervised(mongo.program(config, env))
        stack.wait_ready(stop)
        mongodb_url = mongo.embedded_url(config)
    else:
        mongodb_url = config.external_mongodb_url
        mongo.wait_external(mongodb_url, config, stop)
    env["MONGODB_URL"] = mongodb_url

    # Started together, waited for together: startup takes as long as the slowest.
    for endpoint in services:
        say(f"starting {endpoint.label} on port {endpoint.port}")
        launch = functools.partial(start_service, endpoint, config, env)
        stack.services.append(supervised(_http_program(endpoint.label, launch, endpoint.ready)))
    stack.wait_ready(stop)

    if gateways:
        # The console's origin may call it (the setting is ignored where it does not exist).
        cors = {"GATEWAY_CORS_ORIGINS": console.cors_origins(web, env)} if web else {}
        for endpoint in gateways:
            say(f"starting {endpoint.label} on port {endpoint.port}")
            launch = functools.partial(start_gateway, endpoint, services, config, {**env, **cors})
            program = _http_program(endpoint.label, launch, endpoint.health)
            stack.gateways.append(supervised(program))
        stack.wait_ready(stop)
    else:
        say("the gateway is not built yet; meanwhile clients use the subgraph URLs")

    if web is not None:
        say(f"starting the web console on port {web.endpoint.port} (serving {web.dist})")
        launch = functools.partial(console.start, web, config, env)
        stack.console = supervised(_http_program(web.endpoint.name, launch, web.url))
        stack.wait_ready(stop)

    if with_demo:
        for line in demo.load({e.name: e.graphql for e in first_replicas(services)}, stop):
            say(f"demo data: {line}")

    print(
        summary.render(
            gateways=gateways,
            console_url=web.url if web else None,
            console_note=web_note,
            services=services,
            mongodb_url=mongodb_url,
            mongo_data_dir=None if stack.mongo is None else config.data_dir / "mongo",
            amqp_url=config.amqp_url,
            rabbitmq_started_here=stack.broker.started_here,
            log_dir=config.log_dir,
        ),
        flush=True,
    )


def _plan_console(
    config: Config, gateway: Endpoint | None
) -> tuple[console.ConsolePlan | None, str]:
    """The console to serve, or None; and the summary's note on it."""
    try:
        web = console.plan(config, gateway, os.environ)
    except console.ConsoleSkipped as exc:
        say(f"the web console is not started: {exc}")
        return None, f"not started: {exc}"
    return web, web.note


def _require_free_ports(endpoints: list[Endpoint]) -> None:
    # Checked up front: a process already answering there could pass our readiness check.
    taken = [f"{e.port} ({e.label})" for e in endpoints if not port_free(HOST, e.port)]
    if taken:
        raise DevstackError(
            f"ports taken: {', '.join(taken)}; "
            "set DEVSTACK_PORT_BASE to the first of six free ports (the web console takes"
            " the gateway's + 5, or DEVSTACK_CONSOLE_PORT; further replicas take their first"
            " replica's port + 100, + 200, …)"
        )


def _http_program(name: str, launch: Callable[[], Child], url: str) -> Program:
    return Program(name, launch, functools.partial(http_ok, url), probe=f"GET {url}")
