"""Is a port free, does a server answer, and waiting (boundedly) until it does."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Callable
from typing import Any

import httpx
from pymongo import AsyncMongoClient
from pymongo.errors import PyMongoError

from .errors import DevstackError
from .signals import StopSignal

POLL_S = 0.25


def port_free(host: str, port: int) -> bool:
    """Whether a server could listen on host:port (binding exactly as uvicorn does)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
        return True


def tcp_answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def http_ok(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def mongo_answers(url: str) -> bool:
    # The async client leaves no monitor threads behind once closed; the runner forks
    # children afterwards, and forking a multi-threaded process is unsafe.
    async def ping() -> bool:
        client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(
            url, serverSelectionTimeoutMS=1_000, connectTimeoutMS=1_000
        )
        try:
            await client.admin.command("ping")
            return True
        except PyMongoError:
            return False
        finally:
            await client.close()

    return asyncio.run(ping())


def wait_until(
    answers: Callable[[], bool],
    *,
    what: str,
    timeout_s: float,
    stop: StopSignal,
) -> None:
    """Poll `answers` until it is true; fail once time runs out."""
    deadline = time.monotonic() + timeout_s
    while not answers():
        if time.monotonic() >= deadline:
            raise DevstackError(f"no answer to {what} within {timeout_s:g} s")
        stop.sleep(POLL_S)
