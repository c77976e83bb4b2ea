"""The benchmark's own nx-27017 (unless MONGODB_URL is given) and its broker clean-up."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

import aio_pika
from pymongo import MongoClient

from services.common.mongo import Document

NX_BIN = Path(sys.executable).with_name("nx-27017")


def free_port() -> int:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass(frozen=True)
class MongoServer:
    url: str
    pid: int | None
    """The server process when we started it (for its CPU time); None for MONGODB_URL."""


@contextmanager
def embedded_mongo(data_dir: Path) -> Iterator[MongoServer]:
    """nx-27017 on a free port, its own data dir and pid file (the default pid file is global)."""
    port = free_port()
    data_dir.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(
        [
            str(NX_BIN),
            "--data-dir",
            str(data_dir / "db"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--pid-file",
            str(data_dir / "nx.pid"),
            "--log-file",
            str(data_dir / "nx.log"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    url = f"mongodb://127.0.0.1:{port}/?directConnection=true"
    try:
        _wait_ready(process, url)
        yield MongoServer(url, process.pid)
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_ready(process: subprocess.Popen[bytes], url: str, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nx-27017 exited with {process.returncode}")
        try:
            with MongoClient[Document](url, serverSelectionTimeoutMS=500) as client:
                client.admin.command("ping")
            return
        except Exception:
            time.sleep(0.2)
    raise RuntimeError("nx-27017 did not answer")


async def delete_broker_objects(
    url: str, prefix: str, services: list[str], delays: list[int]
) -> None:
    """Removes what the benchmark declared, so the shared broker does not fill up."""
    connection = await aio_pika.connect(url)
    try:
        for service in services:
            names = [f"{prefix}.{service}", f"{prefix}.{service}.dead"]
            names += [f"{prefix}.{service}.retry.{d}ms" for d in delays]
            for name in names:
                channel = await connection.channel()
                await channel.queue_delete(name)
                await channel.close()
        for exchange in (f"{prefix}.events", f"{prefix}.dead"):
            channel = await connection.channel()
            await channel.exchange_delete(exchange)
            await channel.close()
    finally:
        await connection.close()


async def broker_version(url: str) -> str:
    """RabbitMQ's version as the server announces it on connect."""
    connection = await aio_pika.connect(url)
    try:
        transport = connection.transport
        properties = transport.connection.server_properties if transport is not None else {}
        version = properties.get("version", b"?")
        return version.decode() if isinstance(version, bytes) else str(version)
    finally:
        await connection.close()
