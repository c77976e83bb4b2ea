"""Runs one rate: spawns the consumer and producer processes, times the window, checks the DB."""

from __future__ import annotations

import asyncio
import multiprocessing
import queue
import time
from collections.abc import Sequence
from multiprocessing.process import BaseProcess
from multiprocessing.queues import Queue
from typing import Any

import orjson
from pymongo import MongoClient

from services.common.mongo import Document

from . import consumer, cpu, producer
from .config import RunConfig
from .domain import CONSUMER_COLLECTION, CONSUMER_SERVICE, PRODUCER_COLLECTION, RETRY_DELAYS_MS
from .servers import delete_broker_objects
from .stats import RateResult, analyse, op_stats

START_DELAY_S = 0.5
"""Between "go" and the first write: both children are idle and waiting by then."""
BEAM = "beam.smp"


class ChildFailed(RuntimeError):
    pass


def run_rate(config: RunConfig, nx_pid: int | None) -> RateResult:
    """One rate, start to verified finish; broker objects and databases are removed after."""
    try:
        window, usage = _run_children(config, nx_pid)
        return _result(config, window, usage)
    finally:
        _clean_up(config)


def _run_children(
    config: RunConfig, nx_pid: int | None
) -> tuple[tuple[float, float], dict[str, float]]:
    """Runs consumer and producer; returns the measured window and the CPU use in it."""
    # spawn, not fork: each child is a fresh interpreter like a real service process.
    ctx = multiprocessing.get_context("spawn")
    to_parent: Queue[Any] = ctx.Queue()
    to_consumer: Queue[Any] = ctx.Queue()
    to_producer: Queue[Any] = ctx.Queue()
    consumer_process = ctx.Process(
        target=consumer.main, args=(config, to_parent, to_consumer), name="bench-consumer"
    )
    producer_process = ctx.Process(
        target=producer.main, args=(config, to_parent, to_producer), name="bench-producer"
    )
    children = [consumer_process, producer_process]
    try:
        consumer_process.start()
        _expect(to_parent, children, ("consumer", "ready"), 60)
        producer_process.start()
        _expect(to_parent, children, ("producer", "ready"), 120)

        pids = {"producer": _pid(producer_process), "consumer": _pid(consumer_process)}
        if nx_pid is not None:
            pids["nx-27017"] = nx_pid
        if (beam := cpu.find_pid(BEAM)) is not None:
            pids["rabbitmq"] = beam

        start_at = time.time() + START_DELAY_S
        to_producer.put(start_at)
        window = (start_at + config.warmup_s, start_at + config.warmup_s + config.seconds)
        time.sleep(max(0.0, window[0] - time.time()))
        before = cpu.sample(pids)
        time.sleep(max(0.0, window[1] - time.time()))
        after = cpu.sample(pids)

        timeout = config.drain_timeout_s + 60
        committed = _expect(to_parent, children, ("producer", "done"), timeout)[2]
        to_consumer.put(committed)
        _expect(to_parent, children, ("consumer", "done"), timeout)
        for child in children:
            child.join(30)
    finally:
        for child in children:
            if child.is_alive():
                child.terminate()
                child.join(10)
    return window, cpu.usage(before, after, config.seconds)


def _result(config: RunConfig, window: tuple[float, float], usage: dict[str, float]) -> RateResult:
    """Joins the children's records, checks the databases and adds CPU and op figures."""
    produced = orjson.loads(config.path("producer.json").read_bytes())
    consumed = orjson.loads(config.path("consumer.json").read_bytes())
    applied, pending = _stored_effects(config)
    result = analyse(
        config.rate,
        config.seconds,
        window,
        produced,
        consumed,
        applied,
        profiled=config.profile,
    )
    result.drained = result.drained and pending == 0
    result.cpu = usage
    result.ops = op_stats("producer", produced["ops"], window, config.seconds) + op_stats(
        "consumer", consumed["ops"], window, config.seconds
    )
    if "nx-27017" in result.cpu:
        total_ops = sum(o.per_s for o in result.ops) * config.seconds
        nx_cpu_s = result.cpu["nx-27017"] / 100 * config.seconds
        result.nx_cpu_ms_per_op = 1000 * nx_cpu_s / total_ops if total_ops else None
    if config.profile:
        for name in ("producer", "consumer"):
            path = config.path(f"{name}.profile.txt")
            if path.exists():
                result.profiles[name] = path.read_text()
    return result


def _pid(process: BaseProcess) -> int:
    if process.pid is None:
        raise ChildFailed(f"{process.name} has no pid")
    return process.pid


def _expect(
    inbox: Queue[Any], children: Sequence[BaseProcess], what: tuple[str, str], timeout_s: float
) -> tuple[Any, ...]:
    """The next message from a child, which must be `what`; a dead child fails fast."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            message: tuple[Any, ...] = inbox.get(timeout=1)
        except queue.Empty:
            dead = [c for c in children if c.exitcode not in (None, 0)]
            if dead:
                raise ChildFailed(f"{dead[0].name} exited with {dead[0].exitcode}") from None
            continue
        if message[:2] != what:
            raise ChildFailed(f"expected {what}, got {message}")
        return message
    raise ChildFailed(f"no {what} within {timeout_s:.0f}s")


def _stored_effects(config: RunConfig) -> tuple[dict[str, tuple[int, list[str]]], int]:
    """What the consumer's database holds (the proof of exactly once); 1 if an outbox is
    still pending, else 0."""
    with MongoClient[Document](config.mongo_url, tz_aware=True) as client:
        views = client[config.consumer_db][CONSUMER_COLLECTION]
        applied = {
            doc["_id"]: (int(doc["applied"]), list(doc.get("_applied", [])))
            for doc in views.find({}, {"applied": 1, "_applied": 1})
        }
        outboxes = client[config.producer_db][PRODUCER_COLLECTION]
        pending = 0 if outboxes.find_one({"_pending": True}) is None else 1
    return applied, pending


def _clean_up(config: RunConfig) -> None:
    """Drops both databases and this run's queues and exchanges (also after a failure)."""
    with MongoClient[Document](config.mongo_url) as client:
        client.drop_database(config.producer_db)
        client.drop_database(config.consumer_db)
    asyncio.run(
        delete_broker_objects(config.amqp_url, config.prefix, [CONSUMER_SERVICE], RETRY_DELAYS_MS)
    )
