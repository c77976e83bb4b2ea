"""The runner's settings, all from environment variables with local defaults."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from . import replicas
from .errors import DevstackError
from .restarts import RestartPolicy

ROOT = Path(__file__).resolve().parent.parent
"""The repository root: children run from here so that `-m services.<name>` imports."""

DEFAULT_AMQP_URL = "amqp://guest:guest@127.0.0.1:5672/"

N = TypeVar("N", int, float)


@dataclass(frozen=True)
class Config:
    data_dir: Path
    port_base: int
    """The gateway listens here; the services on the next four ports."""
    console_port: int
    """The web console's server; by default the gateway's port + 5."""
    web_dist: Path | None
    """A console built elsewhere to serve as it is; None builds web/ and serves web/dist."""
    mongo_port: int
    external_mongodb_url: str | None
    """MONGODB_URL when the user brings their own server; None starts nx-27017."""
    amqp_url: str
    ready_timeout_s: float
    restarts: RestartPolicy
    """How the runner restarts a process that crashed (or never became ready in time)."""
    replicas: Mapping[str, int] = field(default_factory=dict)
    """Replicas of a service or of the gateway (DEVSTACK_REPLICAS or --replicas); one if
    not named."""

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @classmethod
    def from_env(cls, env: Mapping[str, str], replicas_flag: str | None = None) -> Config:
        """`replicas_flag` (--replicas) wins over DEVSTACK_REPLICAS."""
        data_dir = Path(env.get("DEVSTACK_DATA_DIR") or ROOT / ".data")
        port_base = _number(env, "DEVSTACK_PORT_BASE", 4000, int)
        web_dist = env.get("DEVSTACK_WEB_DIST")
        return cls(
            data_dir=_absolute(data_dir),
            port_base=port_base,
            console_port=_number(env, "DEVSTACK_CONSOLE_PORT", port_base + 5, int),
            web_dist=_absolute(Path(web_dist)) if web_dist else None,
            mongo_port=_number(env, "DEVSTACK_MONGO_PORT", 27017, int),
            external_mongodb_url=env.get("MONGODB_URL") or None,
            amqp_url=env.get("AMQP_URL") or DEFAULT_AMQP_URL,
            ready_timeout_s=_number(env, "DEVSTACK_READY_TIMEOUT_S", 90.0, float),
            restarts=RestartPolicy(
                limit=_number(env, "DEVSTACK_RESTART_LIMIT", 5, int),
                window_s=_number(env, "DEVSTACK_RESTART_WINDOW_S", 60.0, float),
                first_delay_s=_number(env, "DEVSTACK_RESTART_BACKOFF_S", 1.0, float),
            ),
            replicas=replicas.parse(
                replicas_flag if replicas_flag is not None else env.get("DEVSTACK_REPLICAS", "")
            ),
        )


def _absolute(path: Path) -> Path:
    """Relative paths are taken from the repository root, where the runner's children run."""
    return path if path.is_absolute() else ROOT / path


def _number(env: Mapping[str, str], name: str, default: N, kind: type[N]) -> N:
    raw = env.get(name)
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise DevstackError(f"{name} must be a number, not {raw!r}") from None
    if value < 0:
        raise DevstackError(f"{name} must not be negative, not {raw!r}")
    return value
