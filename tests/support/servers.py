"""Real servers for tests: the embedded MongoDB-compatible server and RabbitMQ."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import closing
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


class EmbeddedMongo:
    """nx-27017 on a free port with its own data dir and pid file (its default is global)."""

    def __init__(self, data_dir: Path) -> None:
        self.port = free_port()
        self.url = f"mongodb://127.0.0.1:{self.port}/?directConnection=true"
        data_dir.mkdir(parents=True, exist_ok=True)
        self._process = subprocess.Popen(
            [
                str(NX_BIN),
                "--data-dir",
                str(data_dir / "db"),
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--pid-file",
                str(data_dir / "nx.pid"),
                "--log-file",
                str(data_dir / "nx.log"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        self._wait_ready()

    def _wait_ready(self, timeout_s: float = 60) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"nx-27017 exited with {self._process.returncode}")
            try:
                with MongoClient[Document](self.url, serverSelectionTimeoutMS=500) as client:
                    client.admin.command("ping")
                return
            except Exception:
                time.sleep(0.2)
        raise RuntimeError("nx-27017 did not answer")

    def stop(self) -> None:
        self._process.terminate()
        try:
            self._process.wait(15)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()


def amqp_url() -> str:
    return os.environ.get("TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/")


async def delete_broker_objects(
    url: str, prefix: str, services: list[str], delays: list[int]
) -> None:
    """Removes what a test declared, so the shared broker does not fill up."""
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
