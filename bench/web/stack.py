"""The stack the browser tests run (tests/support/runner.py) with the console built as they
build it: demo data, the runner serving web/dist."""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx

from devstack.webconsole import build
from tests.support.gateway_api import GatewayAPI
from tests.support.runner import Devstack, devstack

PARTNERSHIPS = "{ partnerships(first: 100) { nodes { id title } } }"


def console_copy(work_dir: Path, prebuilt: str | None) -> Path:
    """A copy of the console to serve: `prebuilt`, else web/ built first when stale (a copy,
    so that a rebuild of web/ meanwhile cannot pull the files from under the browser)."""
    copy = work_dir / "dist"
    if prebuilt:
        return Path(shutil.copytree(prebuilt, copy))
    with build.exclusive():
        built = build.ensure_built(build.run_blocking, os.environ)
        shutil.copytree(built, copy, dirs_exist_ok=True)
    return copy


@asynccontextmanager
async def running(work_dir: Path, prebuilt: str | None) -> AsyncIterator[Devstack]:
    dist = console_copy(work_dir, prebuilt)
    extra = {"DEVSTACK_WEB_DIST": str(dist)}
    runner_dir = work_dir / "devstack"
    runner_dir.mkdir()
    async with devstack(runner_dir, demo=True, extra_env=extra) as stack:
        yield stack


async def sign_in(http: httpx.AsyncClient, stack: Devstack, role: str) -> dict[str, Any]:
    """A session as the development sign-in answers it (what the console stores)."""
    response = await http.post(f"{stack.console_url}/dev/sign-in", json={"role": role})
    response.raise_for_status()
    session: dict[str, Any] = response.json()
    return session


async def partnership(
    http: httpx.AsyncClient, stack: Devstack, token: str, title: str | None
) -> tuple[str, str]:
    """(id, title) of the partnership titled `title`, or the first one listed."""
    api = GatewayAPI(http, stack.gateway_url)
    nodes = (await api.data(PARTNERSHIPS, token=token))["partnerships"]["nodes"]
    for node in nodes:
        if title is None or node["title"] == title:
            return str(node["id"]), str(node["title"])
    raise SystemExit(f"no partnership titled {title!r}; there are: {[n['title'] for n in nodes]}")
