"""ASGI apps served by uvicorn on free ports, each in a background thread.

A thread (not the test's event loop) so that sync tests and blocking waits in a test never stall
the subgraphs the gateway is fetching from.
"""

from __future__ import annotations

import threading
import time
from types import TracebackType

import uvicorn
from starlette.types import ASGIApp

from tests.support.servers import free_port


class ServedApp:
    """One ASGI app on http://127.0.0.1:<port>, stopped by `stop()` or the `with` block."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        port: int | None = None,
        start_timeout_s: float = 20,
        attempts: int = 3,
    ) -> None:
        """`port`: where to listen (a URL handed out before the app runs); default a free one."""
        for attempt in range(1, attempts + 1):
            self._start(app, port)
            if self._wait_started(start_timeout_s):
                return
            # A dead thread is uvicorn failing to bind: another process took the free port.
            if attempt == attempts or self._thread.is_alive():
                self.stop()
                raise RuntimeError(f"app on port {self.port} did not start")

    def _start(self, app: ASGIApp, port: int | None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/graphql"
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            access_log=False,
            timeout_graceful_shutdown=2,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name=f"app-{self.port}")
        self._thread.start()

    def _wait_started(self, timeout_s: float) -> bool:
        deadline = time.monotonic() + timeout_s
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        return True

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(10)

    def __enter__(self) -> ServedApp:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def unreachable_url() -> str:
    """A URL on a free port nobody listens on: connections are refused."""
    return f"http://127.0.0.1:{free_port()}/graphql"
