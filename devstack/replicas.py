"""How many replicas of each service and of the gateway a run starts, and their ports."""

from __future__ import annotations

from collections.abc import Mapping

from .errors import DevstackError

SERVICES = ("partnerships", "networks", "training", "finance")
"""In port order: the gateway takes the base port, these the next four."""
GATEWAY = "gateway"
MAX_REPLICAS = 9
PORT_STEP = 100
"""Replica n (from 1) of a process whose first replica listens on port p listens on
p + 100 * (n - 1): finance on 4004, 4104, 4204; out of the way of the console's base + 5."""


def parse(text: str) -> dict[str, int]:
    """`finance=3,partnerships=2,gateway=2` → counts; processes not named run once."""
    counts: dict[str, int] = {}
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        name, sep, raw = (s.strip() for s in item.partition("="))
        if not sep or name not in (*SERVICES, GATEWAY):
            known = ", ".join((*SERVICES, GATEWAY))
            raise DevstackError(f"replicas: expected NAME=COUNT with NAME one of {known}: {item!r}")
        if not raw.isdigit() or not 1 <= int(raw) <= MAX_REPLICAS:
            raise DevstackError(f"replicas: {name} needs a count from 1 to {MAX_REPLICAS}: {raw!r}")
        if name in counts:
            raise DevstackError(f"replicas: {name} given twice")
        counts[name] = int(raw)
    return counts


def count(replicas: Mapping[str, int], name: str) -> int:
    return replicas.get(name, 1)


def port(first: int, replica: int) -> int:
    return first + PORT_STEP * (replica - 1)
