"""One of our servers (`python -m gateway …`, `python -m services.<name>`) as a process, for
tests of what its real uvicorn server does; ready once uvicorn says it is running, with no
connection made to find out."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
RUNNING = "Uvicorn running on"


@asynccontextmanager
async def uvicorn_process(
    args: list[str], env: Mapping[str, str], log: Path
) -> AsyncIterator[asyncio.subprocess.Process]:
    """`python -m <args>` with `env` on top of the test's environment; stopped by SIGTERM."""
    with log.open("wb") as output:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            *args,
            cwd=REPO,
            env={**os.environ, **env},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while RUNNING not in (output_so_far := await asyncio.to_thread(log.read_text)):
            assert process.returncode is None, output_so_far
            assert time.monotonic() < deadline, output_so_far
            await asyncio.sleep(0.05)
        yield process
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), 30)
            except TimeoutError:
                process.kill()
                await process.wait()
