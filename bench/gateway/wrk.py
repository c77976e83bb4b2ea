"""wrk (the Debian package) POSTing one JSON body; its figures come from a Lua `done()`."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .processes import cpu_list

MARKER = "BENCH-WRK "
PERCENTILES = (50, 90, 95, 99)
_DONE = """
function done(summary, latency, requests)
  local e = summary.errors
  local p = {}
  for _, q in ipairs({%(percentiles)s}) do
    p[#p + 1] = string.format('"%%s": %%d', q, latency:percentile(q))
  end
  io.write(string.format(
    '%(marker)s{"requests": %%d, "duration_us": %%d, "bytes": %%d, "connect": %%d, ' ..
    '"read": %%d, "write": %%d, "status": %%d, "timeout": %%d, "max_us": %%d, ' ..
    '"mean_us": %%.1f, "percentiles_us": {%%s}}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write,
    e.status, e.timeout, latency.max, latency.mean, table.concat(p, ", ")))
end
"""


class WrkMissing(RuntimeError):
    pass


class WrkFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class WrkResult:
    requests: int
    duration_s: float
    bytes: int
    errors: dict[str, int]
    """Socket errors (connect, read, write, timeout) and status: responses not 2xx or 3xx."""
    latency_ms: dict[int, float]
    """Percentile → milliseconds."""
    max_ms: float

    @property
    def per_s(self) -> float:
        return self.requests / self.duration_s if self.duration_s else 0.0

    @property
    def failed(self) -> int:
        return sum(self.errors.values())


def check_installed() -> None:
    if shutil.which("wrk") is None:
        raise WrkMissing("wrk is not installed: apt-get install wrk")


def script(body: bytes) -> str:
    """A Lua script that POSTs `body` as JSON and prints the figures as one JSON line."""
    text = body.decode()
    level = next(n for n in range(1, 10) if f"]{'=' * n}]" not in text)
    quoted = f"[{'=' * level}[{text}]{'=' * level}]"
    done = _DONE % {"percentiles": ", ".join(map(str, PERCENTILES)), "marker": MARKER}
    return (
        'wrk.method = "POST"\n'
        'wrk.headers["Content-Type"] = "application/json"\n'
        f"wrk.body = {quoted}\n" + done
    )


def parse(output: str) -> WrkResult:
    """The figures from wrk's output (the line `done()` printed)."""
    line = next((x for x in output.splitlines() if x.startswith(MARKER)), None)
    if line is None:
        raise WrkFailed(f"no figures in wrk's output:\n{output}")
    raw = json.loads(line.removeprefix(MARKER))
    return WrkResult(
        requests=raw["requests"],
        duration_s=raw["duration_us"] / 1e6,
        bytes=raw["bytes"],
        errors={k: raw[k] for k in ("connect", "read", "write", "timeout", "status")},
        latency_ms={int(p): us / 1000 for p, us in raw["percentiles_us"].items()},
        max_ms=raw["max_us"] / 1000,
    )


def run(
    url: str,
    script_path: Path,
    *,
    connections: int,
    duration_s: float,
    cpus: Sequence[int],
    threads: int = 2,
) -> tuple[WrkResult, str]:
    """Runs wrk pinned to `cpus`; returns its figures and its whole output."""
    command = [
        "taskset",
        "-c",
        cpu_list(cpus),
        "wrk",
        f"--threads={min(threads, connections)}",
        f"--connections={connections}",
        f"--duration={max(1, round(duration_s))}s",
        "--timeout=30s",
        "--latency",
        f"--script={script_path}",
        url,
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    output = result.stdout + result.stderr
    if result.returncode != 0:
        raise WrkFailed(f"wrk exited with {result.returncode}:\n{output}")
    return parse(output), output
