"""The console's shell in Chromium: languages, message catalogues, persisted queries, the
installable app, phones, accessibility, the skip link."""

from __future__ import annotations

import functools
import hashlib
import json
import re
import struct
from collections.abc import AsyncIterator
from typing import Any

import pytest
from playwright.async_api import Browser, Page, expect

from tests.support.browser import (
    DESKTOP,
    ROOT,
    assert_accessible,
    english,
    screenshot,
    sign_in,
    sign_in_by_api,
)
from tests.support.graphql_traffic import GraphqlTraffic
from tests.support.runner import Devstack

SOURCES = ROOT / "web" / "src"
LOCALES = ("en", "es", "sv")
MESSAGE_ID = re.compile(r"""\bid[=:]\s*\{?\s*["']([A-Za-z][\w-]*(?:\.[\w-]+)+)["']""")
"""A literal message id in the console's source: `id: "nav.main"`, `id="signIn.title"`."""


@functools.cache
def shared_texts(locale: str) -> dict[str, str]:
    path = SOURCES / "i18n" / "messages" / f"{locale}.json"
    texts: dict[str, str] = json.loads(path.read_text())
    return texts


def message_folders() -> list[Any]:
    return sorted(p for p in SOURCES.rglob("messages") if p.is_dir() and "gql" not in p.parts)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


async def no_horizontal_scrolling(page: Page) -> None:
    widths = await page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"the page is {widths[0]} px wide in {widths[1]} px"


async def settled(page: Page) -> None:
    """The page's own loading indicators are gone (what a person waits for)."""
    loading = page.get_by_role("status", name=english()["common.loading"])
    await expect(loading).to_have_count(0)


@pytest.fixture
def device(request: pytest.FixtureRequest) -> Page:
    """The desktop page or the phone, by the test's `device` parameter."""
    page: Page = request.getfixturevalue(request.param)
    return page


def test_every_message_is_in_english_spanish_and_swedish() -> None:
    owners: dict[str, str] = {}
    folders = message_folders()
    assert SOURCES / "i18n" / "messages" in folders
    for folder in folders:
        where = str(folder.relative_to(SOURCES))
        catalogues = {
            locale: json.loads((folder / f"{locale}.json").read_text()) for locale in LOCALES
        }
        keys = set(catalogues["en"])
        for locale in LOCALES[1:]:
            assert set(catalogues[locale]) == keys, (
                f"{where}/{locale}.json lacks {sorted(keys - set(catalogues[locale]))},"
                f" has extra {sorted(set(catalogues[locale]) - keys)}"
            )
        for locale, catalogue in catalogues.items():
            empty = [
                key for key, text in catalogue.items() if not isinstance(text, str) or not text
            ]
            assert not empty, f"{where}/{locale}.json: empty messages {empty}"
        for key in keys:
            assert key not in owners, f"{key} is in both {owners[key]} and {where}"
            owners[key] = where
    used = {
        (match.group(1), str(path.relative_to(SOURCES)))
        for path in SOURCES.rglob("*.ts*")
        if "gql" not in path.parts
        for match in MESSAGE_ID.finditer(path.read_text())
    }
    assert used, "no message ids found in the source: is MESSAGE_ID still right?"
    missing = sorted((key, where) for key, where in used if key not in owners)
    assert not missing, f"message ids used but in no catalogue: {missing}"


async def test_the_language_chosen_is_remembered_and_sets_the_page_language(page: Page) -> None:
    es, sv = shared_texts("es"), shared_texts("sv")
    await page.goto("/sign-in")
    await page.get_by_role("combobox", name=english()["nav.language"]).select_option("es")

    await expect(page.get_by_role("heading", level=1)).to_have_text(es["signIn.title"])
    await expect(page.locator("html")).to_have_attribute("lang", "es")
    await page.reload()
    await expect(page.get_by_role("heading", level=1)).to_have_text(es["signIn.title"])
    await expect(page.locator("html")).to_have_attribute("lang", "es")

    await page.get_by_role("radio", name=es["role.viewer"], exact=True).check()
    await page.get_by_role("button", name=es["signIn.submit"], exact=True).click()
    navigation = page.get_by_role("navigation", name=es["nav.main"])
    await expect(navigation.get_by_role("link", name=es["nav.partnerships"])).to_be_visible()
    await navigation.get_by_role("combobox", name=es["nav.language"]).select_option("sv")
    await expect(page.locator("html")).to_have_attribute("lang", "sv")
    await page.reload()

    navigation = page.get_by_role("navigation", name=sv["nav.main"])
    await expect(navigation.get_by_role("link", name=sv["nav.partnerships"])).to_be_visible()
    await expect(page.get_by_role("heading", level=1)).to_have_text(sv["nav.dashboard"])
    await expect(page.locator("html")).to_have_attribute("lang", "sv")


@pytest.fixture(params=["es-ES", "sv-SE"])
async def foreign_page(
    request: pytest.FixtureRequest, browser: Browser, running_stack: Devstack
) -> AsyncIterator[Page]:
    """A desktop page whose browser speaks Spanish or Swedish."""
    context = await browser.new_context(
        viewport=DESKTOP, locale=request.param, base_url=running_stack.console_url
    )
    try:
        yield await context.new_page()
    finally:
        await context.close()


async def test_spanish_and_swedish_browsers_get_the_console_in_their_language(
    foreign_page: Page,
) -> None:
    page = foreign_page
    locale = await page.evaluate("navigator.language.slice(0, 2)")
    text = shared_texts(locale)
    await page.goto("/")

    await expect(page.locator("html")).to_have_attribute("lang", locale)
    await expect(page.get_by_role("heading", level=1)).to_have_text(text["signIn.title"])
    await expect(page.get_by_role("radiogroup", name=text["signIn.role"])).to_be_visible()
    await page.get_by_role("radio", name=text["role.coordinator"], exact=True).check()
    organisation = page.get_by_role("combobox", name=text["signIn.organisation"])
    await expect(organisation.locator("option:checked")).to_have_text(
        text["signIn.chooseOrganisation"]
    )
    await page.get_by_role("radio", name=text["role.officer"], exact=True).check()
    await page.get_by_role("button", name=text["signIn.submit"], exact=True).click()

    banner = page.get_by_role("banner")
    await expect(banner).to_contain_text(text["role.officer"])
    await expect(banner).to_contain_text(text["nav.signedInAs"].split("{name}")[0].strip())
    navigation = page.get_by_role("navigation", name=text["nav.main"])
    for path, key in [("/partnerships", "nav.partnerships"), ("/applications", "nav.applications")]:
        await navigation.get_by_role("link", name=text[key], exact=True).click()
        await expect(page).to_have_url(re.compile(f"{path}$"))
        await expect(page.get_by_role("heading", level=1)).to_have_text(text[key])
    await expect(navigation.get_by_role("button", name=text["nav.signOut"])).to_be_visible()


async def test_queries_are_sent_as_automatic_persisted_queries(
    page: Page, running_stack: Devstack
) -> None:
    traffic = GraphqlTraffic(page, running_stack.gateway_url)
    await sign_in(page, "officer")
    await expect(page.get_by_role("heading", level=1)).to_have_text(english()["nav.dashboard"])
    await settled(page)
    first = await traffic.exchanges()

    await page.reload()
    await expect(page.get_by_role("heading", level=1)).to_have_text(english()["nav.dashboard"])
    await settled(page)

    every = await traffic.exchanges()
    assert first, "the first load sent nothing to the gateway"
    assert every[len(first) :], "the reload sent nothing to the gateway"
    for exchange in every:
        assert exchange.sha256 is not None, exchange.body
        if "query" in exchange.body:
            digest = hashlib.sha256(exchange.body["query"].encode()).hexdigest()
            assert exchange.sha256 == digest, "the hash is not the document's"
    unknown = {e.sha256 for e in every if "PERSISTED_QUERY_NOT_FOUND" in e.error_codes}
    sent_with_document = {e.sha256 for e in every if "query" in e.body and e.has_data}
    assert unknown <= sent_with_document, "a hash the gateway did not know was never explained"
    # The same operations again (a new page load): the hash alone, answered with data.
    repeated = [e for e in every[len(first) :] if e.sha256 in {f.sha256 for f in first}]
    assert repeated, "the reload sent none of the first load's operations again"
    for exchange in repeated:
        assert "query" not in exchange.body, f"{exchange.operation} sent its document again"
        assert exchange.has_data, (exchange.operation, exchange.answer)


async def test_the_console_is_an_installable_app(page: Page, running_stack: Devstack) -> None:
    await page.goto("/sign-in")
    href = await page.locator("link[rel=manifest]").get_attribute("href")
    assert href is not None
    response = await page.request.get(href)
    assert response.ok, response.status
    manifest = await response.json()

    assert manifest["name"]
    assert manifest["short_name"]
    assert manifest["start_url"] == "/"
    assert manifest["display"] == "standalone"
    sizes = set()
    for icon in manifest["icons"]:
        image = await page.request.get(f"/{icon['src'].lstrip('/')}")
        assert image.ok, icon
        assert image.headers["content-type"] == icon["type"] == "image/png"
        width, height = png_size(await image.body())
        assert icon["sizes"] == f"{width}x{height}", icon
        sizes.add(icon["sizes"])
    assert {"192x192", "512x512"} <= sizes
    scope = await page.evaluate("navigator.serviceWorker.ready.then((r) => r.active && r.scope)")
    assert scope == f"{running_stack.console_url}/"


@pytest.mark.parametrize("device", ["page", "phone"], indirect=True)
async def test_the_sign_in_screen_fits_and_is_accessible(device: Page) -> None:
    await device.goto("/sign-in")
    await expect(device.get_by_role("button", name=english()["signIn.submit"])).to_be_visible()
    # officer, coordinator, viewer, admin, researcher, advisor
    await expect(device.get_by_role("radio")).to_have_count(6)

    await no_horizontal_scrolling(device)
    await assert_accessible(device, "the sign-in screen")
    await device.get_by_role("radio", name=english()["role.coordinator"], exact=True).check()
    await assert_accessible(device, "the sign-in screen for a coordinator")
    await device.get_by_role("radio", name=english()["role.officer"], exact=True).check()
    await screenshot(device, "sign-in")


@pytest.mark.parametrize("device", ["page", "phone"], indirect=True)
async def test_the_shell_fits_and_is_accessible(device: Page) -> None:
    await sign_in_by_api(device, "coordinator", "Kibaha")
    await expect(device.get_by_role("heading", level=1)).to_have_text(english()["nav.dashboard"])
    await settled(device)

    await no_horizontal_scrolling(device)
    await assert_accessible(device, "the shell with the dashboard")


async def test_the_phone_menu_works_by_keyboard(phone: Page, running_stack: Devstack) -> None:
    text = english()
    await sign_in_by_api(phone, "coordinator", "Kibaha")
    burger = phone.get_by_role("button", name=text["nav.openMenu"])
    navigation = phone.get_by_role("navigation", name=text["nav.main"])
    partnerships = navigation.get_by_role("link", name=text["nav.partnerships"], exact=True)
    await expect(phone.get_by_role("heading", level=1)).to_have_text(text["nav.dashboard"])
    await expect(burger).to_have_attribute("aria-expanded", "false")

    await phone.keyboard.press("Tab")
    await expect(phone.get_by_role("link", name=text["app.skipToContent"])).to_be_focused()
    await phone.keyboard.press("Tab")
    await expect(burger).to_be_focused()
    # The closed menu is out of sight: the keyboard must not wander into it.
    await phone.keyboard.press("Tab")
    assert not await navigation.evaluate("(nav) => nav.contains(document.activeElement)")
    await burger.focus()
    await phone.keyboard.press("Enter")

    await expect(burger).to_have_attribute("aria-expanded", "true")
    await expect(navigation).to_contain_text(text["role.coordinator"])
    await expect(navigation).to_contain_text("Kibaha")
    await no_horizontal_scrolling(phone)
    await assert_accessible(phone, "the open phone menu")
    await phone.keyboard.press("Tab")
    await expect(navigation.get_by_role("link", name=text["nav.dashboard"])).to_be_focused()
    await phone.keyboard.press("Tab")
    await expect(partnerships).to_be_focused()
    await phone.keyboard.press("Enter")

    await expect(phone).to_have_url(f"{running_stack.console_url}/partnerships")
    await expect(phone.get_by_role("heading", level=1)).to_have_text(text["nav.partnerships"])
    await expect(burger).to_have_attribute("aria-expanded", "false")
    await expect(partnerships).not_to_be_in_viewport()


async def test_the_skip_link_moves_the_focus_to_the_main_content(page: Page) -> None:
    await sign_in_by_api(page, "officer", path="/partnerships")
    await expect(page.get_by_role("heading", level=1)).to_have_text(english()["nav.partnerships"])
    skip = page.get_by_role("link", name=english()["app.skipToContent"])

    await page.keyboard.press("Tab")
    await expect(skip).to_be_focused()
    await expect(skip).to_be_in_viewport()
    await page.keyboard.press("Enter")

    await expect(page.get_by_role("main")).to_be_focused()
    await page.keyboard.press("Tab")
    in_main = await page.get_by_role("main").evaluate("(m) => m.contains(document.activeElement)")
    assert in_main, "the next Tab left the main content"
