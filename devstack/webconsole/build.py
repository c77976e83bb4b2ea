"""Building the web console: `npm ci` and `npm run build` in web/, each only when needed,
with the pinned Node.js (.tools/node/bin, from scripts/setup.sh) first on PATH.

The runner calls `ensure_built` with a `Run` that starts npm as its child; the browser tests
call it with `run_blocking`. Two builds of the same folder never overlap: Vite empties
dist/ first, so a second one would pull the files from under the first's server.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from ..config import ROOT

WEB = ROOT / "web"
NODE_BIN = ROOT / ".tools" / "node" / "bin"
BUILD_INPUTS = (
    "src",
    "public",
    "index.html",
    "package.json",
    "package-lock.json",
    "vite.config.ts",
    "tsconfig.json",
    "tsconfig.app.json",
    "tsconfig.node.json",
    "schema.graphql",
)
"""Files and folders whose change makes dist/ stale (missing ones are skipped)."""
BUILD_TIMEOUT_S = 900.0
LOCK_POLL_S = 0.25

Run = Callable[[str, Sequence[str], Path, Mapping[str, str]], None]
"""(name, argv, working directory, environment): runs it to the end, raises if it fails."""
Sleep = Callable[[float], None]


class BuildFailed(Exception):
    """npm failed; the message ends with what it printed last."""


def present(web: Path = WEB) -> bool:
    """Whether there is a console to build at all."""
    return (web / "package.json").is_file()


def dist(web: Path = WEB) -> Path:
    return web / "dist"


def node_env(env: Mapping[str, str]) -> dict[str, str]:
    """`env` with the pinned Node.js first on PATH (the system's is too old)."""
    return {**env, "PATH": os.pathsep.join([str(NODE_BIN), env.get("PATH", os.defpath)])}


def needs_install(web: Path = WEB) -> bool:
    """node_modules is missing or older than package-lock.json (npm ci writes
    node_modules/.package-lock.json last)."""
    installed = web / "node_modules" / ".package-lock.json"
    lock = web / "package-lock.json"
    if not installed.is_file():
        return True
    return lock.is_file() and lock.stat().st_mtime > installed.stat().st_mtime


def needs_build(web: Path = WEB) -> bool:
    """dist/ is missing or older than any of its inputs. dist/index.html stands for the
    build: Vite writes it on every build, and a failed build leaves none."""
    built = dist(web) / "index.html"
    if not built.is_file():
        return True
    return newest_input(web) > built.stat().st_mtime


def newest_input(web: Path = WEB) -> float:
    newest = 0.0
    for name in BUILD_INPUTS:
        path = web / name
        if path.is_file():
            newest = max(newest, path.stat().st_mtime)
        elif path.is_dir():
            for folder, _dirs, files in os.walk(path):
                for file in files:
                    with contextlib.suppress(FileNotFoundError):
                        newest = max(newest, (Path(folder) / file).stat().st_mtime)
    return newest


def ensure_built(
    run: Run, env: Mapping[str, str], *, web: Path = WEB, sleep: Sleep = time.sleep
) -> Path:
    """Installs and builds what is stale; returns the built console's folder."""
    if not (NODE_BIN / "npm").is_file():
        raise BuildFailed(f"no pinned Node.js in {NODE_BIN}: run scripts/setup.sh")
    with exclusive(web, sleep):
        if needs_install(web):
            run("npm ci", ["npm", "ci", "--no-audit", "--no-fund"], web, node_env(env))
        if needs_build(web):
            run("npm run build", ["npm", "run", "build"], web, node_env(env))
    if not (dist(web) / "index.html").is_file():
        raise BuildFailed(f"npm run build left no {dist(web) / 'index.html'}")
    return dist(web)


def run_blocking(name: str, argv: Sequence[str], cwd: Path, env: Mapping[str, str]) -> None:
    """A `Run` for callers without a runner (the tests): waits, keeps the output."""
    try:
        result = subprocess.run(
            argv,
            cwd=cwd,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=BUILD_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise BuildFailed(f"{name} in {cwd} took longer than {BUILD_TIMEOUT_S:.0f} s") from None
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-40:])
        raise BuildFailed(f"{name} in {cwd} exited with code {result.returncode}:\n{tail}")


@contextlib.contextmanager
def exclusive(web: Path = WEB, sleep: Sleep = time.sleep) -> Iterator[None]:
    """No other build of `web` through this module runs meanwhile, in any process: a lock
    per folder, kept outside it (the folder is not ours to litter). Nests in one process,
    so that a caller can hold it around ensure_built and copying its output."""
    key = hashlib.sha256(str(web.resolve()).encode()).hexdigest()[:16]
    if key in _held:
        yield
        return
    path = Path(tempfile.gettempdir()) / f"icld-web-build-{key}.lock"
    with path.open("a") as lock:
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                sleep(LOCK_POLL_S)  # the runner's sleep raises when the user stops it
        _held.add(key)
        try:
            yield
        finally:
            _held.discard(key)
            fcntl.flock(lock, fcntl.LOCK_UN)


_held: set[str] = set()
"""Locks this process holds (flock would make a nested lock wait for itself)."""
