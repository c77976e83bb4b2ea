"""Checks that every target answers alike, then measures them interleaved with wrk."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from bench.events.cpu import machine_cpu_s, wait_until_quiet

from . import check, machine_cpu, processes, scenario, wrk
from .gateways import GATEWAYS, Gateway
from .scenario import Workload
from .subgraphs import Subgraphs

SUBGRAPH = "subgraph"
"""The target that is the accounts subgraph itself (trivial query only)."""
READY_TIMEOUT_S = 120.0
CONTENDED_PCT = 25.0
"""CPU % (100 = one core) of work not ours in a window that marks the run as contended."""
EDGE_SHARE = 0.05
"""Requests in flight at the window's end, as a share of those completed, above which the
subgraph requests per client request are marked doubtful."""
SATURATED_SHARE = 0.95
"""Busy share of the load cores at which subgraphs and wrk may be what limits the run."""


@dataclass(frozen=True)
class Settings:
    gateways: list[str]
    workloads: list[Workload]
    repeats: int
    duration_s: float
    warmup_s: float
    gateway_port: int
    gateway_cpus: list[int]
    load_cpus: list[int]
    supergraph: Path
    work_dir: Path
    quiet_below: float
    quiet_timeout_s: float


@dataclass
class Run:
    target: str
    workload: Workload
    repeat: int
    result: wrk.WrkResult | None = None
    peak_rss_mb: float | None = None
    cpu: dict[str, float] = field(default_factory=dict)
    """CPU % in the measured window, 100 = one core: gateway, subgraphs, wrk, others, and the
    busy share of the gateway's and of the load cores."""
    fetches_alone: dict[str, int] = field(default_factory=dict)
    """Subgraph → its requests for one client request on its own (the check before the load)."""
    fetches_per_request: dict[str, float] = field(default_factory=dict)
    """Subgraph → its requests per client request in the window, which starts once the
    warm-up's requests are done (sharing between requests in flight makes it lower than alone;
    the early fetches of requests still in flight when the window ends make it a little high
    when few requests complete)."""
    cache_misses: int = 0
    """Subgraph requests in the window not answered from the subgraphs' response cache."""
    busy_before_pct: float = 0.0
    problems: list[str] = field(default_factory=list)
    """What makes the run invalid (left out of the medians)."""
    notes: list[str] = field(default_factory=list)
    """What makes the run's figures doubtful without invalidating them."""

    @property
    def valid(self) -> bool:
        return self.result is not None and not self.problems


def targets(settings: Settings, workload: Workload) -> list[str]:
    direct = [SUBGRAPH] if workload.query == "trivial" else []
    return [*settings.gateways, *direct]


@contextmanager
def gateway_running(gateway: Gateway, settings: Settings) -> Iterator[processes.Server]:
    port = settings.gateway_port
    if not processes.port_is_free(port):
        raise processes.ServerFailed(f"port {port} is in use; choose --gateway-port")
    server = processes.start(
        gateway.name,
        gateway.command(settings.supergraph, port),
        settings.gateway_cpus,
        settings.work_dir,
        cwd=gateway.cwd,
        env=gateway.env(),
    )
    try:
        url = _gateway_url(settings)
        server.wait_ready(lambda: _answers(url), READY_TIMEOUT_S)
        yield server
    finally:
        server.stop()


def check_all(settings: Settings, subgraphs: Subgraphs) -> dict[str, tuple[str, Any]]:
    """Each query through every gateway (and the trivial one to the subgraph directly); the
    first answer of each query is the reference the others must equal."""
    references: dict[str, tuple[str, Any]] = {}
    queries = list(dict.fromkeys(w.query for w in settings.workloads))

    def compare(name: str, query: str, url: str) -> None:
        answer = (name, check.fetch(url, scenario.body(query)))
        if query in references:
            check.compare(query, references[query], answer)
        else:
            references[query] = answer

    for name in settings.gateways:
        with gateway_running(GATEWAYS[name], settings):
            for query in queries:
                compare(name, query, _gateway_url(settings))
    if "trivial" in queries:
        compare(SUBGRAPH, "trivial", subgraphs.url(scenario.SUBGRAPH_DIRECT))
    return references


def measure_all(
    settings: Settings, subgraphs: Subgraphs, references: dict[str, tuple[str, Any]]
) -> list[Run]:
    """For each repeat, workload and target, the targets interleaved so that drifting conditions
    on the machine touch each alike."""
    runs = []
    for repeat in range(1, settings.repeats + 1):
        for workload in settings.workloads:
            for target in targets(settings, workload):
                run = measure(target, workload, repeat, settings, subgraphs, references)
                runs.append(run)
                _progress(run, settings.repeats)
    return runs


def measure(
    target: str,
    workload: Workload,
    repeat: int,
    settings: Settings,
    subgraphs: Subgraphs,
    references: dict[str, tuple[str, Any]],
) -> Run:
    """One target under one workload: checked answer, warm-up, measured window, checked
    answer again."""
    run = Run(target, workload, repeat)
    body = scenario.body(workload.query)
    script = settings.work_dir / f"{workload.query}.lua"
    if not script.exists():
        script.write_text(wrk.script(body))
    with _target(target, settings, subgraphs) as (url, server):
        before = subgraphs.counts()
        answer = check.fetch(url, body)
        run.fetches_alone = subgraphs.counts().since(before).by_subgraph
        check.compare(workload.query, references[workload.query], (target, answer))
        run.busy_before_pct = wait_until_quiet(settings.quiet_below, settings.quiet_timeout_s)
        _load(run, url, server, script, settings, subgraphs)
        if check.canonical(check.fetch(url, body)) != check.canonical(answer):
            run.problems.append("the answer after the window differs from the one before")
    return run


@contextmanager
def _target(
    target: str, settings: Settings, subgraphs: Subgraphs
) -> Iterator[tuple[str, processes.Server | None]]:
    if target == SUBGRAPH:
        yield subgraphs.url(scenario.SUBGRAPH_DIRECT), None
        return
    with gateway_running(GATEWAYS[target], settings) as server:
        yield _gateway_url(settings), server


def _load(
    run: Run,
    url: str,
    server: processes.Server | None,
    script: Path,
    settings: Settings,
    subgraphs: Subgraphs,
) -> None:
    """wrk's warm-up (discarded), then the measured window with CPU and subgraph counts."""
    connections, cpus = run.workload.connections, settings.load_cpus
    warm_up, _ = wrk.run(
        url, script, connections=connections, duration_s=settings.warmup_s, cpus=cpus
    )
    if warm_up.failed:
        run.problems.append(f"warm-up: {_errors(warm_up)}")
    counts_before = subgraphs.settled()
    cpu_before = _CpuSample.take(server, subgraphs, settings)
    result, output = wrk.run(
        url, script, connections=connections, duration_s=settings.duration_s, cpus=cpus
    )
    cpu_after = _CpuSample.take(server, subgraphs, settings)
    counts_after = subgraphs.counts()
    name = f"wrk-{run.target}-{run.workload.query}-c{connections}-{run.repeat}.txt"
    (settings.work_dir / name).write_text(output)
    run.result = result
    run.cpu = cpu_after.usage_since(cpu_before)
    if server is not None:
        run.peak_rss_mb = server.peak_rss_mb()
    served = counts_after.since(counts_before)
    if result.requests:
        run.fetches_per_request = {
            name: n / result.requests for name, n in served.by_subgraph.items()
        }
    run.cache_misses = served.misses
    edge = connections / result.requests if result.requests else 0.0
    if edge > EDGE_SHARE:
        run.notes.append(
            f"subgraph requests per request may be up to {100 * edge:.0f} % high (the early "
            f"fetches of {connections} requests in flight at the end, over {result.requests} "
            "completed)"
        )
    if result.failed:
        run.problems.append(f"measured window: {_errors(result)}")
    if result.requests == 0:
        run.problems.append("no request completed in the measured window")
    if run.cpu["others"] > CONTENDED_PCT:
        run.notes.append(f"contended: other work used {run.cpu['others']:.0f} % CPU")
    saturated = run.cpu["load_cores"] >= SATURATED_SHARE * 100 * len(settings.load_cpus)
    # Measured directly, the subgraph and wrk saturating their cores is the capacity sought.
    if saturated and run.target != SUBGRAPH:
        run.notes.append(
            f"load cores {run.cpu['load_cores']:.0f} % busy: subgraphs and wrk may limit it"
        )


@dataclass(frozen=True)
class _CpuSample:
    """CPU seconds so far of the parts of one measurement, and the wall clock."""

    at: float
    gateway: float
    subgraphs: float
    wrk: float
    machine: float
    gateway_cores: float
    load_cores: float

    @classmethod
    def take(
        cls, server: processes.Server | None, subgraphs: Subgraphs, settings: Settings
    ) -> _CpuSample:
        return cls(
            at=time.monotonic(),
            gateway=server.cpu_s() if server is not None else 0.0,
            subgraphs=subgraphs.cpu_s(),
            wrk=machine_cpu.children_cpu_s(),
            machine=machine_cpu_s()[0],
            gateway_cores=machine_cpu.cores_busy_s(settings.gateway_cpus),
            load_cores=machine_cpu.cores_busy_s(settings.load_cpus),
        )

    def usage_since(self, start: _CpuSample) -> dict[str, float]:
        """CPU % (100 = one core); `others` is busy time of none of ours: other work on
        this shared machine."""
        wall = self.at - start.at
        pct = {
            name: 100 * (getattr(self, name) - getattr(start, name)) / wall
            for name in ("gateway", "subgraphs", "wrk", "machine", "gateway_cores", "load_cores")
        }
        ours = pct["gateway"] + pct["subgraphs"] + pct["wrk"]
        pct["others"] = max(0.0, pct["machine"] - ours)
        return pct


def _errors(result: wrk.WrkResult) -> str:
    found = ", ".join(f"{kind} {n}" for kind, n in result.errors.items() if n)
    return f"{found} of {result.requests} requests (status = responses not 2xx/3xx)"


def _gateway_url(settings: Settings) -> str:
    return f"http://127.0.0.1:{settings.gateway_port}/graphql"


def _answers(url: str) -> bool:
    """Ready: the gateway answers the trivial query with data."""
    try:
        response = httpx.post(
            url,
            content=scenario.body("trivial"),
            headers={"content-type": "application/json"},
            timeout=5,
        )
    except httpx.HTTPError:
        return False
    return response.status_code == 200 and b'"data"' in response.content


def _progress(run: Run, repeats: int) -> None:
    if run.result is None:
        return
    r = run.result
    rss = f", peak RSS {run.peak_rss_mb:.0f} MB" if run.peak_rss_mb is not None else ""
    sys.stderr.write(
        f"bench.gateway: [{run.repeat}/{repeats}] {run.target:8} {run.workload.label:12} "
        f"{r.per_s:8.0f} req/s, p50 {r.latency_ms[50]:.1f} ms, p99 {r.latency_ms[99]:.1f} ms"
        f"{rss}, gateway CPU {run.cpu.get('gateway', 0):.0f} %, "
        f"load cores {run.cpu.get('load_cores', 0):.0f} %, others {run.cpu.get('others', 0):.0f} %"
        + (f"; INVALID: {'; '.join(run.problems)}" if run.problems else "")
        + (f"; {'; '.join(run.notes)}" if run.notes else "")
        + "\n"
    )
