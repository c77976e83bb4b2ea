"""What one benchmark run (one rate) needs to know, shared by the parent and its children."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class RunConfig:
    """One rate's run; pickled into the spawned producer and consumer processes."""

    rate: int
    warmup_s: float
    seconds: float
    mongo_url: str
    amqp_url: str
    prefix: str
    """Topology prefix of exchanges and queues (`bench-<hex>`), unique to this benchmark."""
    producer_db: str
    consumer_db: str
    work_dir: str
    existing: int = 0
    """Aggregates already in the producer's collection (dormant, nothing pending)."""
    profile: bool = False
    drain_timeout_s: float = 120.0

    def path(self, name: str) -> Path:
        """A file of this run in the benchmark's temporary directory."""
        return Path(self.work_dir) / f"r{self.rate}{'-profiled' if self.profile else ''}-{name}"
