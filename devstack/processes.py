"""Child processes: started in their own session, logged to a file, stopped by the runner."""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .config import ROOT
from .console import say
from .errors import DevstackError

STOP_GRACE_S = 20.0
TAIL_LINES = 20
_PR_SET_PDEATHSIG = 1


@dataclass
class Child:
    name: str
    process: subprocess.Popen[bytes]
    log_path: Path
    log_start: int
    """Size of the log before this run appended to it: earlier runs' lines are not ours."""

    @classmethod
    def start(
        cls,
        name: str,
        argv: Sequence[str],
        *,
        env: Mapping[str, str],
        log_path: Path,
        cwd: Path = ROOT,
    ) -> Child:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with log_path.open("ab") as log:
            log_start = log.tell()
            process = subprocess.Popen(
                argv,
                cwd=cwd,
                env=dict(env),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                # A terminal Ctrl-C reaches only the runner, which then stops children in order.
                start_new_session=True,
                preexec_fn=_die_with_runner(),
            )
        # The pid lets a user (or a test) signal one process; a restart logs its new one.
        say("started", process=name, pid=process.pid, log=log_path)
        return cls(name, process, log_path, log_start)

    @property
    def pid(self) -> int:
        return self.process.pid

    def exit_code(self) -> int | None:
        return self.process.poll()

    def signal_group(self, signum: signal.Signals) -> None:
        """Signal the child's whole process group, so that helpers it spawned go with it."""
        with contextlib.suppress(ProcessLookupError):  # already gone
            os.killpg(self.process.pid, signum)

    def tail(self, lines: int = TAIL_LINES) -> str:
        """The last lines this run's child wrote to its log."""
        try:
            with self.log_path.open("rb") as log:
                log.seek(max(self.log_start, log.seek(0, os.SEEK_END) - 64 * 1024))
                text = log.read().decode(errors="replace")
        except FileNotFoundError:
            text = ""
        return "\n".join(text.splitlines()[-lines:]) or "(nothing logged)"


def describe_exit(code: int) -> str:
    """`exited with code 1`, or `was killed by SIGKILL` for a negative Popen return code."""
    if code < 0:
        return f"was killed by {exit_status(code)}"
    return f"exited with code {code}"


def exit_status(code: int) -> str:
    """`1`, or `SIGKILL` for a negative Popen return code."""
    if code >= 0:
        return str(code)
    try:
        return signal.Signals(-code).name
    except ValueError:  # real-time signals have no name
        return f"signal {-code}"


class ChildFailed(DevstackError):
    """A child died or never became ready; the message ends with the tail of its log."""

    def __init__(self, child: Child, reason: str) -> None:
        super().__init__(
            f"{child.name}: {reason}\n--- last lines of {child.log_path} ---\n{child.tail()}"
        )


def stop_children(children: Sequence[Child], grace_s: float = STOP_GRACE_S) -> None:
    """SIGTERM all of them at once, wait up to `grace_s`, then SIGKILL what is left."""
    running = [c for c in children if c.exit_code() is None]
    for child in running:
        say(f"stopping {child.name} (pid {child.pid})")
        child.signal_group(signal.SIGTERM)
    deadline = time.monotonic() + grace_s
    for child in running:
        try:
            child.process.wait(max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            say(f"{child.name} did not stop within {grace_s:.0f} s; killing it")
            child.signal_group(signal.SIGKILL)
            child.process.wait()


def _die_with_runner() -> Callable[[], None] | None:
    """On Linux, the kernel SIGTERMs the child if the runner dies without its finally block
    (SIGKILL, OOM): the only way to keep that promise for a runner that cannot clean up."""
    if sys.platform != "linux":
        return None
    return functools.partial(_set_parent_death_signal, os.getpid())


def _set_parent_death_signal(runner_pid: int) -> None:
    ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != runner_pid:
        os._exit(1)  # the runner died before prctl took effect
