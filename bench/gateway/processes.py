"""Server processes pinned to CPUs, their readiness, memory and CPU time (Linux /proc)."""

from __future__ import annotations

import logging
import socket
import subprocess
import time
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from bench.events.cpu import process_cpu_s

logger = logging.getLogger(__name__)


class ServerFailed(RuntimeError):
    """A server exited or did not become ready; its log is named in the message."""


def cpu_list(cpus: Sequence[int]) -> str:
    return ",".join(map(str, cpus))


def port_is_free(port: int) -> bool:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


@dataclass
class Server:
    name: str
    process: subprocess.Popen[bytes]
    log_path: Path
    log: IO[bytes]

    @property
    def pid(self) -> int:
        return self.process.pid

    def tree(self) -> list[int]:
        """This process and its descendants (children that a server may fork)."""
        return [self.pid, *descendants(self.pid)]

    def cpu_s(self) -> float:
        return sum(t for pid in self.tree() if (t := process_cpu_s(pid)) is not None)

    def peak_rss_mb(self) -> float:
        """Sum of VmHWM (peak resident set) over the process tree, in MiB."""
        return sum(vm_hwm_kib(pid) for pid in self.tree()) / 1024

    def wait_ready(self, ready: Callable[[], bool], timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerFailed(
                    f"{self.name} exited with {self.process.returncode}; see {self.log_path}"
                )
            if ready():
                return
            time.sleep(0.2)
        raise ServerFailed(f"{self.name} not ready within {timeout_s:.0f} s; see {self.log_path}")

    def stop(self, timeout_s: float = 10) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout_s)
            except subprocess.TimeoutExpired:
                logger.warning("%s ignored SIGTERM for %.0f s; killing it", self.name, timeout_s)
                self.process.kill()
                self.process.wait()
        self.log.close()


def start(
    name: str,
    command: Sequence[str],
    cpus: Sequence[int],
    log_dir: Path,
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> Server:
    """`taskset -c CPUS command` with stdout and stderr to log_dir/NAME.log; taskset execs the
    command, so the pid is the server's own."""
    log_path = log_dir / f"{name}.log"
    log = log_path.open("ab")
    process = subprocess.Popen(
        ["taskset", "-c", cpu_list(cpus), *command],
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=cwd,
        env=env,
    )
    return Server(name, process, log_path, log)


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found: list[int] = []
    pending = [pid]
    while pending:
        for child in children.get(pending.pop(), []):
            found.append(child)
            pending.append(child)
    return found


def vm_hwm_kib(pid: int) -> int:
    """Peak resident set size of a process in KiB; 0 once it is gone."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return 0
    for line in lines:
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0
