"""The browser-test harness: the whole platform as `./scripts/run.sh` runs it (demo data
included) once per session, Chromium, and a fresh browser context per test.

Fixtures:
- `console_dist`: a copy of the built console (web/ built when stale; DEVSTACK_WEB_DIST
  names a build to take instead), or a placeholder where web/ has no console to build;
- `running_stack`: `python -m devstack` serving it (console_url, gateway_url, log());
- `gateway`: GraphQL against the gateway with a token (GatewayAPI);
- `browser`: headless Debian Chromium; `page` (desktop 1280x800) and `phone` (360x780,
  touch) are pages in fresh English contexts whose base URL is the console.
Helpers in tests/support/browser.py: sign_in (through the sign-in screen), sign_in_by_api,
store_session, assert_accessible, screenshot, page_errors.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, Page, async_playwright

from devstack.webconsole import build
from tests.support.browser import DESKTOP, PHONE, ChromiumUnavailable, ensure_chromium
from tests.support.gateway_api import GatewayAPI
from tests.support.placeholder_console import placeholder_dist
from tests.support.runner import Devstack, devstack

LOCALE = "en-US"
"""The console follows the browser's language: English, as the sign-in helper reads it."""


@pytest.fixture(scope="session")
def chromium() -> Path:
    try:
        return ensure_chromium()
    except ChromiumUnavailable as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def console_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of web/dist, built first when stale: whoever rebuilds web/ meanwhile (Vite
    empties dist/ first) cannot pull the files from under this session's browser."""
    copy = tmp_path_factory.mktemp("console") / "dist"
    if prebuilt := os.environ.get("DEVSTACK_WEB_DIST"):
        # A console built elsewhere, as the runner takes it (e.g. while web/ is mid-edit).
        return Path(shutil.copytree(prebuilt, copy))
    if not build.present():
        return placeholder_dist(copy)
    with build.exclusive():
        built = build.ensure_built(build.run_blocking, os.environ)
        shutil.copytree(built, copy, dirs_exist_ok=True)
    return copy


@pytest.fixture(scope="session")
async def running_stack(
    console_dist: Path, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Devstack]:
    extra = {"DEVSTACK_WEB_DIST": str(console_dist)}
    async with devstack(tmp_path_factory.mktemp("devstack"), demo=True, extra_env=extra) as running:
        yield running


@pytest.fixture(scope="session")
async def gateway(running_stack: Devstack) -> AsyncIterator[GatewayAPI]:
    async with httpx.AsyncClient(timeout=30) as http:
        yield GatewayAPI(http, running_stack.gateway_url)


@pytest.fixture(scope="session")
async def browser(chromium: Path) -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=str(chromium), headless=True)
        try:
            yield launched
        finally:
            await launched.close()


@pytest.fixture
async def page(browser: Browser, running_stack: Devstack) -> AsyncIterator[Page]:
    """A desktop page (1280x800) in a fresh context: no session, nothing cached."""
    context = await browser.new_context(
        viewport=DESKTOP, locale=LOCALE, base_url=running_stack.console_url
    )
    try:
        yield await context.new_page()
    finally:
        await context.close()


@pytest.fixture
async def phone(browser: Browser, running_stack: Devstack) -> AsyncIterator[Page]:
    """A phone-sized touch page (360x780) in a fresh context."""
    context = await browser.new_context(
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        locale=LOCALE,
        base_url=running_stack.console_url,
    )
    try:
        yield await context.new_page()
    finally:
        await context.close()
