"""RabbitMQ: reuse the broker at AMQP_URL, or start the local one and stop it again."""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from .config import Config
from .console import say
from .errors import DevstackError
from .probes import tcp_answers, wait_until
from .processes import Child, ChildFailed, describe_exit, stop_children
from .signals import StopSignal
from .urls import redact

SCRIPT_TIMEOUT_S = 900.0
"""Installing the Debian package on a slow mirror takes minutes; the script bounds the start."""


@dataclass
class Broker:
    url: str
    started_here: bool = False
    """Set once this run has tried to start it: then stopping it on exit is our job."""

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or "127.0.0.1"

    @property
    def port(self) -> int:
        return urlsplit(self.url).port or 5672

    def answers(self) -> bool:
        return tcp_answers(self.host, self.port)

    def ensure(self, config: Config, env: Mapping[str, str], stop: StopSignal) -> None:
        if self.answers():
            return
        log_path = config.log_dir / "ensure-rabbitmq.log"
        say(f"nothing answers at {redact(self.url)}; starting RabbitMQ (log: {log_path})")
        self.started_here = True
        script = Child.start(
            "scripts/ensure-rabbitmq.sh",
            ["bash", "scripts/ensure-rabbitmq.sh"],
            env={**env, "AMQP_HOST": self.host, "AMQP_PORT": str(self.port)},
            log_path=log_path,
        )
        try:
            wait_until(
                lambda: script.exit_code() is not None,
                what="scripts/ensure-rabbitmq.sh",
                timeout_s=SCRIPT_TIMEOUT_S,
                stop=stop,
            )
        finally:
            stop_children([script])  # only does something when we stop before it finished
        if (code := script.process.wait()) != 0:
            raise ChildFailed(script, describe_exit(code))
        if not self.answers():
            raise DevstackError(f"RabbitMQ still does not answer at {self.host}:{self.port}")

    def stop_if_started(self) -> None:
        """Ctrl-C stops everything this run started and nothing else."""
        if not (self.started_here and self.answers()):
            return
        say("stopping RabbitMQ (this run started it)")
        try:
            result = subprocess.run(
                ["rabbitmqctl", "shutdown"],
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            say(f"could not stop RabbitMQ: {exc}")
            return
        if result.returncode != 0:
            say(f"rabbitmqctl shutdown failed: {result.stderr.strip()}")
