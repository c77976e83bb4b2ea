"""SIGINT and SIGTERM as a flag that the runner checks at points where stopping is safe."""

from __future__ import annotations

import signal
import time
from types import FrameType

from .errors import StopRequested


class StopSignal:
    """Remembers a stop request instead of raising wherever the signal lands.

    Raising from the handler could interrupt the runner between starting a child and
    recording it, and an unrecorded child would outlive the runner.
    """

    def __init__(self) -> None:
        self.received: str | None = None

    def install(self) -> None:
        signal.signal(signal.SIGINT, self._handle)
        signal.signal(signal.SIGTERM, self._handle)

    def ignore(self) -> None:
        """While shutting down, a second Ctrl-C must not cut the orderly stop short."""
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)

    def check(self) -> None:
        if self.received is not None:
            raise StopRequested(self.received)

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)
        self.check()

    def _handle(self, signum: int, _frame: FrameType | None) -> None:
        self.received = signal.Signals(signum).name
