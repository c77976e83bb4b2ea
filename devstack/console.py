"""The runner's own status lines."""

from __future__ import annotations

import sys


def say(message: str) -> None:
    # Flushed at once: whoever reads the output (a terminal, a test) waits for these lines.
    print(f"devstack: {message}", flush=True)


def complain(message: str) -> None:
    print(f"devstack: {message}", file=sys.stderr, flush=True)
