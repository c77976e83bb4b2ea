"""The browser harness itself, on whatever the console build is (a placeholder until web/
has a console): Chromium opens it, the sign-in helper stores a working session, phones are
phones, screenshots land where asked, and the axe helper reports what it finds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.async_api import Page

from devstack.webconsole import build
from tests.support.browser import (
    AXE_JS,
    assert_accessible,
    axe_violations,
    page_errors,
    screenshot,
    sign_in,
    sign_in_by_api,
    store_session,
    stored_session,
)
from tests.support.gateway_api import GatewayAPI

ORGANISATION = "query($id: ID!) { organisation(id: $id) { name country } }"
PNG = b"\x89PNG\r\n\x1a\n"


needs_console = pytest.mark.skipif(
    not build.present(),
    reason="web/package.json does not exist: there is no console to open (the tests without"
    " this mark run against a placeholder build meanwhile)",
)


@needs_console
async def test_the_console_opens_in_chromium(page: Page) -> None:
    errors = page_errors(page)

    response = await page.goto("/")
    await page.wait_for_load_state("networkidle")

    assert response is not None
    assert response.status == 200
    title = await page.title()
    assert "ICLD" in title, f"the console's title is {title!r}"
    assert errors == [], errors


@needs_console
async def test_signing_in_on_the_screen_opens_the_page_asked_for(
    page: Page, gateway: GatewayAPI
) -> None:
    session = await sign_in(page, "coordinator", "Kibaha", path="/partnerships")

    assert page.url.endswith("/partnerships")
    assert await stored_session(page) == session
    assert session["user"]["roles"] == ["coordinator"]
    data = await gateway.data(ORGANISATION, {"id": session["user"]["org"]}, token=session["token"])
    assert data["organisation"] == {"name": "Kibaha", "country": "TZ"}


async def test_signing_in_by_api_stores_the_session_where_the_console_reads_it(
    page: Page, gateway: GatewayAPI
) -> None:
    session = await sign_in_by_api(page, "officer")

    assert await stored_session(page) == session
    data = await gateway.data("{ organisations { totalCount } }", token=session["token"])
    assert data["organisations"]["totalCount"] >= 6

    await store_session(page, None)
    assert await stored_session(page) is None


async def test_sign_in_names_the_organisations_there_are(page: Page) -> None:
    with pytest.raises(AssertionError, match="Kibaha"):
        await sign_in_by_api(page, "coordinator", "Atlantis")


async def test_a_phone_is_small_and_touches(phone: Page, tmp_path: Path) -> None:
    await phone.goto("/")

    viewport = await phone.evaluate("[innerWidth, innerHeight, navigator.maxTouchPoints > 0]")
    path = await screenshot(phone, "harness", directory=tmp_path)

    assert viewport == [360, 780, True]
    assert path == tmp_path / "harness-phone.png"
    assert path.read_bytes().startswith(PNG)


async def test_a_desktop_screenshot(page: Page, tmp_path: Path) -> None:
    await page.goto("/")

    path = await screenshot(page, "harness", directory=tmp_path)

    assert path == tmp_path / "harness-desktop.png"
    assert path.read_bytes().startswith(PNG)


@pytest.mark.skipif(
    not (Path(os.environ.get("AXE_CORE_JS") or AXE_JS)).is_file(),
    reason=f"axe-core is not installed: {AXE_JS} comes with `npm ci` in web/ once the console"
    " has it as a devDependency (or set AXE_CORE_JS to an axe.min.js)",
)
async def test_the_axe_helper_reports_serious_violations_readably(page: Page) -> None:
    await page.set_content(
        '<html lang="en"><head><title>t</title></head>'
        '<body><main><img src="chart.png"><button></button></main></body></html>'
    )

    violations = await axe_violations(page)
    with pytest.raises(AssertionError) as failed:
        await assert_accessible(page, "the test page")

    assert {v["id"] for v in violations} >= {"image-alt", "button-name"}
    message = str(failed.value)
    assert "the test page: " in message
    assert "[critical] image-alt" in message
    assert '<img src="chart.png">' in message
