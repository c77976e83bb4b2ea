"""When a crashed process is started again, and when the runner gives up on it."""

from __future__ import annotations

from dataclasses import dataclass

MAX_DELAY_S = 30.0
"""However often it crashed, a process is tried again at least this often until the limit."""


@dataclass(frozen=True)
class RestartPolicy:
    limit: int
    """Restarts allowed without the process staying up for `window_s` in between; 0: none."""
    window_s: float
    """A process that has been ready this long is stable again: its count starts over."""
    first_delay_s: float
    """The wait before the first restart; it doubles with each further one."""

    def delay_s(self, attempt: int) -> float:
        """The wait before restart number `attempt` (1, 2, ...)."""
        return min(self.first_delay_s * 2.0 ** (attempt - 1), MAX_DELAY_S)
