"""Python's cyclic garbage collector, run on a clock instead of by allocation counts.

Responses are trees of dicts and lists freed by reference counting; the cyclic collector only
rescans them. Triggered by allocations (even at a threshold of 50,000 net new objects), it ran
whenever the requests in flight held that many, rescanning trees still in use: py-spy put 14 %
of the gateway's samples in `gc_collect_main` on the benchmark's deep query, and turning it off
took that query from about 171 to 212 requests/s on one core. The gateway makes no reference
cycles per request (a few hundred operations leave nothing for `gc.collect()` to find, and the
count of tracked objects stays flat under load with the collector off), so a collection every
second still frees what rare paths leave (an exception with its traceback) soon, at a cost
bounded by time rather than by load: a young collection scans what was allocated since the
last one, a full one now and then what outlived it.
"""

from __future__ import annotations

import asyncio
import gc

YOUNG_EVERY_S = 1.0
FULL_EVERY = 30
"""Young collections between two full ones."""


async def collect_on_a_clock() -> None:
    """Collects until cancelled, with the automatic collector off meanwhile. The objects alive
    when it starts (modules, the first supergraph's engine) are frozen out of every scan."""
    gc.freeze()
    gc.disable()
    try:
        young = 0
        while True:
            await asyncio.sleep(YOUNG_EVERY_S)
            young += 1
            if young == FULL_EVERY:
                young = 0
                gc.collect(2)
            else:
                gc.collect(1)
    finally:
        gc.enable()
