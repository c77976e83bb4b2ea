"""MongoDB: the user's server (MONGODB_URL) or the embedded nx-27017 as a child."""

from __future__ import annotations

import functools
import sys
from collections.abc import Mapping
from pathlib import Path

from .config import Config
from .console import say
from .errors import DevstackError
from .probes import mongo_answers, port_free, wait_until
from .processes import Child
from .signals import StopSignal
from .supervisor import Program
from .urls import redact

HOST = "127.0.0.1"
NX_BIN = Path(sys.executable).with_name("nx-27017")


def embedded_url(config: Config) -> str:
    return f"mongodb://{HOST}:{config.mongo_port}/?directConnection=true"


def require_free_port(config: Config) -> None:
    if not port_free(HOST, config.mongo_port):
        raise DevstackError(
            f"port {config.mongo_port} for the embedded MongoDB server is taken; set MONGODB_URL "
            "to use the server listening there, or DEVSTACK_MONGO_PORT to another port"
        )


def start_embedded(config: Config, env: Mapping[str, str]) -> Child:
    """Starts nx-27017 in the foreground (not -d) so that it is our child and dies with us."""
    say(f"starting nx-27017 on port {config.mongo_port}")
    data = config.data_dir
    argv = [
        str(NX_BIN),
        "--data-dir", str(data / "mongo"),
        "--host", HOST,
        "--port", str(config.mongo_port),
        # Its default pid file is global; ours lets several data dirs run side by side.
        "--pid-file", str(data / "nx-27017.pid"),
        "--log-file", str(config.log_dir / "nx-27017.log"),
    ]  # fmt: skip
    # Its console repeats the log file but also shows errors raised before logging starts.
    return Child.start("nx-27017", argv, env=env, log_path=config.log_dir / "nx-27017.console.log")


def program(config: Config, env: Mapping[str, str]) -> Program:
    """The embedded server, supervised like the services: they reconnect once it is back."""
    url = embedded_url(config)
    return Program(
        "nx-27017",
        functools.partial(start_embedded, config, dict(env)),
        functools.partial(mongo_answers, url),
        probe=f"MongoDB ping at {url}",
    )


def wait_external(url: str, config: Config, stop: StopSignal) -> None:
    """The user's server: not ours to restart, only to wait for."""
    wait_until(
        lambda: mongo_answers(url),
        what=f"MongoDB ping at {redact(url)}",
        timeout_s=config.ready_timeout_s,
        stop=stop,
    )
