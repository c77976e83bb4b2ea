"""cProfile around a child process's event loop, summarised as text for the report."""

from __future__ import annotations

import cProfile
import pstats
from collections.abc import Callable
from pathlib import Path

# cumtime of these event-loop frames is the whole run: they say nothing about where time goes.
LOOP_FRAMES = (
    "asyncio/runners.py",
    "asyncio/base_events.py",
    "asyncio/events.py",
    "selectors.py",
    "<string>",
    "~",  # built-ins such as Context.run (every callback) and epoll (idle)
)
IDLE_FRAMES = ("method 'poll' of 'select.epoll'", "method 'select' of 'select")


def run(profile_to: Path | None, body: Callable[[], None]) -> None:
    """Runs `body`, under cProfile when a summary path is given."""
    if profile_to is None:
        body()
        return
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        body()
    finally:
        profiler.disable()
        profile_to.write_text(summary(pstats.Stats(profiler)))


def _name(func: tuple[str, int, str]) -> str:
    path, line, name = func
    for marker in ("site-packages/", "/work/main/", "python3.11/"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    return f"{name} ({path}:{line})" if line else name


def summary(stats: pstats.Stats, top: int = 15) -> str:
    """Top entries by cumulative and by own time, plus how much of the run was idle."""
    table = stats.stats  # type: ignore[attr-defined]
    rows = [(func, *table[func][:4]) for func in table]
    total = stats.total_tt  # type: ignore[attr-defined]
    idle = sum(tt for func, _, _, tt, _ in rows if any(m in _name(func) for m in IDLE_FRAMES))
    lines = [
        f"profiled wall time {total:.1f} s, of which waiting in epoll {idle:.1f} s "
        f"({100 * idle / total:.0f} %): the loop was busy {100 * (1 - idle / total):.0f} %",
        "",
        "top by cumulative time (event-loop frames left out):",
        f"{'calls':>9} {'own s':>7} {'cum s':>7}  function",
    ]
    by_cum = sorted(
        (r for r in rows if not any(m in r[0][0] for m in LOOP_FRAMES)),
        key=lambda r: r[4],
        reverse=True,
    )
    lines += [f"{nc:>9} {tt:>7.2f} {ct:>7.2f}  {_name(f)}" for f, _, nc, tt, ct in by_cum[:top]]
    lines += ["", "top by own time:", f"{'calls':>9} {'own s':>7} {'cum s':>7}  function"]
    by_own = sorted(rows, key=lambda r: r[3], reverse=True)
    lines += [f"{nc:>9} {tt:>7.2f} {ct:>7.2f}  {_name(f)}" for f, _, nc, tt, ct in by_own[:top]]
    return "\n".join(lines) + "\n"
