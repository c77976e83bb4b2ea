"""CPU time of a process tree (the platform's processes) and of this process (the load
generator), to tell their share from what the shared machine's other work took."""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from bench.events.cpu import TICKS


def tree_cpu_s(pid: int) -> float:
    """User + system CPU seconds of `pid` and every process below it that still runs."""
    total = 0.0
    for member in [pid, *_descendants(pid)]:
        with contextlib.suppress(FileNotFoundError, ProcessLookupError):
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / TICKS
    return total


def own_cpu_s() -> float:
    return time.process_time()


def load_average() -> float:
    return os.getloadavg()[0]


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(FileNotFoundError, ProcessLookupError):
            for child in map(int, children.read_text().split()):
                found += [child, *_descendants(child)]
    return found
