"""A child that is started again when it crashes, after a growing delay, until it keeps
crashing: then the run stops, since something needs the user's attention.

Polled from the runner's one thread (`check`), never from a signal handler or a thread of
its own: the runner forks children, and forking a threaded process is unsafe.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from .console import say
from .processes import Child, ChildFailed, describe_exit, exit_status, stop_children
from .restarts import RestartPolicy


@dataclass(frozen=True)
class Program:
    """How to start one process and how to tell that it is ready."""

    name: str
    launch: Callable[[], Child]
    answers: Callable[[], bool]
    probe: str
    """What `answers` asks, for messages: `GET http://127.0.0.1:4001/health/ready`."""


class Supervised:
    """One program's current child, restarted with backoff when it exits or never becomes
    ready within `ready_timeout_s` of its start."""

    def __init__(self, program: Program, policy: RestartPolicy, ready_timeout_s: float) -> None:
        self.program = program
        self.policy = policy
        self.ready_timeout_s = ready_timeout_s
        self.child = program.launch()
        self._started_at = time.monotonic()
        self._ready_since: float | None = None
        self._restarts = 0
        """Restarts since it last stayed up for the policy's window."""
        self._restart_at: float | None = None

    @property
    def name(self) -> str:
        return self.program.name

    @property
    def ready(self) -> bool:
        """Its current child answered; a restarted one counts only once it answers again."""
        return self._ready_since is not None

    def check(self) -> None:
        """Restarts it when its delay is over, or notices an exit, a start that takes too
        long, or readiness. Raises ChildFailed when it keeps crashing."""
        if self._restart_at is not None:
            if time.monotonic() >= self._restart_at:
                self._restart_at = None
                self.child = self.program.launch()
                self._started_at = time.monotonic()
            return
        if (code := self.child.exit_code()) is not None:
            self._crashed(f"{describe_exit(code)} unexpectedly")
        elif self._ready_since is None:
            self._check_ready()

    def _check_ready(self) -> None:
        if self.program.answers():
            self._ready_since = time.monotonic()
            if self._restarts:
                say("ready again", process=self.name, pid=self.child.pid, attempt=self._restarts)
        elif time.monotonic() - self._started_at >= self.ready_timeout_s:
            # A hung start is no better than a crash: ended, and treated as one.
            stop_children([self.child])
            self._crashed(f"no answer to {self.program.probe} within {self.ready_timeout_s:g} s")

    def _crashed(self, reason: str) -> None:
        now = time.monotonic()
        if self._ready_since is not None and now - self._ready_since >= self.policy.window_s:
            self._restarts = 0
        self._ready_since = None
        if self._restarts >= self.policy.limit:
            raise ChildFailed(self.child, f"{reason}; {self._giving_up()}")
        self._restarts += 1
        delay_s = self.policy.delay_s(self._restarts)
        say(
            "restarting a crashed process",
            process=self.name,
            pid=self.child.pid,
            exit_status=exit_status(self.child.process.wait()),  # it has exited by now
            reason=reason,
            attempt=self._restarts,
            limit=self.policy.limit,
            delay_s=f"{delay_s:g}",
        )
        self._restart_at = now + delay_s

    def _giving_up(self) -> str:
        limit, window_s = self.policy.limit, self.policy.window_s
        if limit == 0:
            return "restarts are off (DEVSTACK_RESTART_LIMIT=0); stopping everything"
        times = "once" if limit == 1 else f"{limit} times"
        return (
            f"it keeps crashing: restarted {times} without staying up for {window_s:g} s"
            f" in between (DEVSTACK_RESTART_LIMIT={limit}, DEVSTACK_RESTART_WINDOW_S="
            f"{window_s:g}); stopping everything"
        )
