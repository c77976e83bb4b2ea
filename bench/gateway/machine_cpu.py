"""CPU busy time per core and of waited-for children (wrk), for the measured window."""

from __future__ import annotations

import resource
from collections.abc import Sequence
from pathlib import Path

from bench.events.cpu import TICKS


def cores_busy_s(cpus: Sequence[int]) -> float:
    """Busy CPU seconds since boot of the given cores, from their /proc/stat lines."""
    wanted = {f"cpu{n}" for n in cpus}
    busy = 0.0
    for line in Path("/proc/stat").read_text().splitlines():
        name, *fields = line.split()
        if name in wanted:
            values = [int(v) for v in fields[:8]]
            busy += (sum(values) - values[3] - values[4]) / TICKS
    return busy


def children_cpu_s() -> float:
    """User + system CPU seconds of this process's children that have been waited for."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
