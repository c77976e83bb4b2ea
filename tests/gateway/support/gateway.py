"""The gateway under test as a real process: ours (`python -m gateway`) or, for writing
expectations during development, Apollo Gateway (`GATEWAY_UNDER_TEST=apollo`)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx
import pytest

from tests.support.servers import free_port

REPO = Path(__file__).resolve().parents[3]
APOLLO_TOOLS = REPO / "tools" / "federation"
GATEWAY_UNDER_TEST = "GATEWAY_UNDER_TEST"


def under_test() -> str:
    """`python` (the default, what CI runs) or `apollo` (the dev-only oracle)."""
    which = os.environ.get(GATEWAY_UNDER_TEST, "python")
    if which not in ("python", "apollo"):
        raise ValueError(f"{GATEWAY_UNDER_TEST} must be python or apollo, not {which!r}")
    return which


def differs_from_apollo(reason: str) -> pytest.MarkDecorator:
    """For a test of what issue 7 or the GraphQL spec asks where Apollo Gateway does otherwise:
    an expected failure when the oracle runs it, a plain test for ours."""
    return pytest.mark.xfail(
        under_test() == "apollo", reason=f"Apollo Gateway: {reason}", strict=True
    )


def library_message(*, graphql_js: str, graphql_core: str) -> str:
    """An error message worded by the gateway's GraphQL library (validation, variable
    coercion): the spec fixes when such errors occur and where, not their words."""
    return graphql_js if under_test() == "apollo" else graphql_core


def _command(supergraph: Path, port: int) -> list[str]:
    if under_test() == "apollo":
        if not (APOLLO_TOOLS / "node_modules").is_dir():
            raise RuntimeError(f"Apollo Gateway is not installed: run `npm ci` in {APOLLO_TOOLS}")
        script = str(APOLLO_TOOLS / "apollo-gateway.mjs")
        return ["node", script, "--supergraph", str(supergraph), "--port", str(port)]
    return [
        sys.executable,
        "-m",
        "gateway",
        "--supergraph",
        str(supergraph),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]


class GatewayUnhealthy(RuntimeError):
    """The gateway process exited or never answered /health with 200."""


class GatewayProcess:
    """A gateway serving `supergraph` on a free port; its output goes to `log`."""

    def __init__(
        self,
        supergraph: Path,
        log: Path,
        *,
        env: Mapping[str, str] | None = None,
        start_timeout_s: float = 30,
        attempts: int = 3,
    ) -> None:
        self._log_path = log
        self._env = {**os.environ, **(env or {})}
        for attempt in range(1, attempts + 1):
            self._start(supergraph)
            try:
                self._wait_healthy(start_timeout_s)
                return
            except GatewayUnhealthy:
                exited = self._process.poll() is not None
                self.stop()
                # Exiting at once is what losing the free port to another process looks like.
                if attempt == attempts or not exited:
                    raise

    def _start(self, supergraph: Path) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        with self._log_path.open("wb") as output:
            self._process = subprocess.Popen(
                _command(supergraph, self.port),
                cwd=REPO,
                env=self._env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        self.client = httpx.Client(base_url=self.base_url, timeout=30)

    def _wait_healthy(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            try:
                healthy = self.client.get("/health").status_code == 200
            except httpx.TransportError:
                healthy = False
            # Exited means it failed, even if something else answered on its port.
            if self._process.poll() is not None:
                raise GatewayUnhealthy(
                    f"gateway exited with {self._process.returncode}:\n{self.output()}"
                )
            if healthy:
                return
            time.sleep(0.05)
        raise GatewayUnhealthy(f"gateway not healthy after {timeout_s} s:\n{self.output()}")

    def output(self) -> str:
        """What the process wrote so far (its logs), for failure messages."""
        return self._log_path.read_text(errors="replace")[-4000:]

    def post(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        operation_name: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        body: dict[str, Any] = {"query": query}
        if variables is not None:
            body["variables"] = variables
        if operation_name is not None:
            body["operationName"] = operation_name
        return self.client.post("/graphql", json=body, headers=headers)

    def stop(self) -> None:
        self.client.close()
        if self._process.poll() is None:
            self._process.send_signal(signal.SIGTERM)
            try:
                self._process.wait(10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()

    def __enter__(self) -> GatewayProcess:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
