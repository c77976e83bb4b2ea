"""CPU time of processes and of the machine, read from /proc (Linux)."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def process_cpu_s(pid: int) -> float | None:
    """User + system CPU seconds of a process (all its threads); None once it is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name may contain spaces: fields are counted after its closing ')'.
    fields = raw.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def machine_cpu_s() -> tuple[float, float]:
    """(busy, total) CPU seconds of all cores since boot, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    total = sum(values[:8])  # steal included, guest already counted in user
    return (total - idle) / TICKS, total / TICKS


def find_pid(comm: str) -> int | None:
    """The first process whose command name is `comm` (read-only look at /proc)."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == comm:
                    return int(entry.name)
            except OSError:
                continue
    return None


@dataclass
class CpuSample:
    """CPU seconds of named processes and of the machine at one instant."""

    processes: dict[str, float]
    machine_busy_s: float
    machine_total_s: float


def sample(pids: dict[str, int]) -> CpuSample:
    times = {name: t for name, pid in pids.items() if (t := process_cpu_s(pid)) is not None}
    busy, total = machine_cpu_s()
    return CpuSample(times, busy, total)


def usage(start: CpuSample, end: CpuSample, wall_s: float) -> dict[str, float]:
    """CPU % per process and of the whole machine, all as 100 = one core busy.

    `others` is the machine's busy time not spent in the named processes: other work on
    this shared machine, which competes for the same cores.
    """
    result = {
        name: 100 * (end.processes[name] - start.processes[name]) / wall_s
        for name in start.processes
        if name in end.processes
    }
    machine = 100 * (end.machine_busy_s - start.machine_busy_s) / wall_s
    result["others"] = max(0.0, machine - sum(result.values()))
    result["machine"] = machine
    return result


def machine_busy_pct(over_s: float = 1.0) -> float:
    """How busy all cores are right now (100 = one core), measured over `over_s`."""
    busy0, _ = machine_cpu_s()
    time.sleep(over_s)
    busy1, _ = machine_cpu_s()
    return 100 * (busy1 - busy0) / over_s


def wait_until_quiet(threshold_pct: float, timeout_s: float) -> float:
    """Waits (up to `timeout_s`) for other work on a shared machine to drop below the
    threshold, so runs are comparable; returns the last measured busy %."""
    deadline = time.monotonic() + timeout_s
    busy = machine_busy_pct()
    while busy > threshold_pct and time.monotonic() < deadline:
        busy = machine_busy_pct(2.0)
    return busy
