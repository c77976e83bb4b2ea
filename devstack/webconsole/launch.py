"""How the runner serves the console: which build, the server as its child, the sign-in it
offers, and the gateway's CORS setting that lets the console's origin call it.

A child process like the services, not a server thread in the runner: it gets its own log,
is stopped in order with the rest, a crash of it is noticed like any child's, and the
runner stays single-threaded (it forks children; forking a threaded process is unsafe).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from services.common.settings import Settings

from ..config import Config
from ..console import say
from ..errors import DevstackError
from ..probes import wait_until
from ..processes import Child, ChildFailed, describe_exit, stop_children
from ..services import HOST, Endpoint
from ..signals import StopSignal
from . import build
from .files import INDEX
from .settings import oidc_from_env, production_reason


class ConsoleSkipped(Exception):
    """There is no console to serve in this run; the message says why."""


@dataclass(frozen=True)
class ConsolePlan:
    endpoint: Endpoint
    gateway: Endpoint
    dist: Path
    """The built console to serve."""
    build_first: bool
    """Build web/ into `dist` (when stale) first; False for DEVSTACK_WEB_DIST."""
    dev_sign_in: bool
    note: str
    """How users sign in, for the summary."""

    @property
    def url(self) -> str:
        return f"{self.endpoint.base_url}/"


def plan(config: Config, gateway: Endpoint | None, env: Mapping[str, str]) -> ConsolePlan:
    """Cheap checks only (the build comes later, once the ports are known to be free)."""
    if gateway is None:
        raise ConsoleSkipped("it talks to the gateway, which is not built yet")
    if config.web_dist is not None:
        if not (config.web_dist / INDEX).is_file():
            raise DevstackError(f"DEVSTACK_WEB_DIST={config.web_dist} holds no {INDEX}")
    elif not build.present():
        raise ConsoleSkipped("web/package.json does not exist yet")
    with_dev_sign_in, note = _sign_in(env)
    return ConsolePlan(
        endpoint=Endpoint("web console", config.console_port),
        gateway=gateway,
        dist=config.web_dist or build.dist(),
        build_first=config.web_dist is None,
        dev_sign_in=with_dev_sign_in,
        note=note,
    )


def prepare(plan: ConsolePlan, config: Config, env: Mapping[str, str], stop: StopSignal) -> None:
    """Builds web/ when it is stale (and the plan serves it)."""
    if not plan.build_first:
        return
    try:
        build.ensure_built(_npm_child(config, stop), env, sleep=stop.sleep)
    except build.BuildFailed as exc:
        raise DevstackError(f"web console: {exc}") from exc


def _sign_in(env: Mapping[str, str]) -> tuple[bool, str]:
    """Whether to offer the development sign-in, and what the summary says about sign-in."""
    if oidc := oidc_from_env(env):
        return False, f"sign-in through OIDC at {oidc.issuer}"
    if reason := production_reason(env.get("ENVIRONMENT", ""), Settings()):
        return False, f"no sign-in: development sign-in off ({reason}) and no OIDC_ISSUER"
    return True, "development sign-in: pick a role (development only, never in production)"


def cors_origins(plan: ConsolePlan, env: Mapping[str, str]) -> str:
    """GATEWAY_CORS_ORIGINS for the gateway: the user's list plus the console's origins."""
    origins: list[str] = []
    if raw := env.get("GATEWAY_CORS_ORIGINS"):
        try:
            parsed = json.loads(raw)
        except ValueError:
            raise DevstackError(f"GATEWAY_CORS_ORIGINS must be a JSON list, not {raw!r}") from None
        if not isinstance(parsed, list):
            raise DevstackError(f"GATEWAY_CORS_ORIGINS must be a JSON list, not {raw!r}")
        origins += [str(origin) for origin in parsed]
    port = plan.endpoint.port
    for origin in (f"http://{HOST}:{port}", f"http://localhost:{port}"):
        if origin not in origins:
            origins.append(origin)
    return json.dumps(origins)


def start(plan: ConsolePlan, config: Config, env: Mapping[str, str]) -> Child:
    return Child.start(
        plan.endpoint.name,
        [sys.executable, "-m", "devstack.webconsole"],
        env={
            **env,
            "CONSOLE_HOST": HOST,
            "CONSOLE_PORT": str(plan.endpoint.port),
            "CONSOLE_DIST_DIR": str(plan.dist),
            "CONSOLE_GATEWAY_URL": plan.gateway.graphql,
            "CONSOLE_DEV_SIGN_IN": "true" if plan.dev_sign_in else "false",
        },
        log_path=config.log_dir / "web-console.log",
    )


def _npm_child(config: Config, stop: StopSignal) -> build.Run:
    log_path = config.log_dir / "web-build.log"

    def run(name: str, argv: Sequence[str], cwd: Path, env: Mapping[str, str]) -> None:
        say(f"web console: {name} (log: {log_path})")
        child = Child.start(f"web console: {name}", argv, env=env, log_path=log_path, cwd=cwd)
        try:
            wait_until(
                lambda: child.exit_code() is not None,
                what=name,
                timeout_s=build.BUILD_TIMEOUT_S,
                stop=stop,
            )
        finally:
            stop_children([child])  # only does something when we stop before it finished
        if (code := child.process.wait()) != 0:
            raise ChildFailed(child, describe_exit(code))

    return run
