"""Signing in to the console with OpenID Connect in Chromium: a real provider
(tools/oidc-provider), the whole platform verifying its tokens, the console's
Authorization Code + PKCE flow and the provider's end-session, and no development sign-in
anywhere in this configuration.

One stack of its own for the module (a provider's configuration is fixed at its start:
the console's redirect URIs must be known, so the ports are chosen first)."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import jwt
import pytest
from playwright.async_api import Browser, Page, expect

from tests.support.browser import DESKTOP, english, page_errors, stored_session
from tests.support.gateway_api import GatewayAPI
from tests.support.graphql_traffic import GraphqlTraffic
from tests.support.oidc import OidcProvider, start_provider
from tests.support.runner import Devstack, Ports, devstack

RESOURCE = "urn:icld:platform"
"""The resource indicator tools/oidc-provider issues the platform's tokens for."""
ORGANISATIONS = "{ organisations(first: 100) { nodes { id name } } }"


@dataclass(frozen=True)
class OidcStack:
    platform: Devstack
    provider: OidcProvider

    @property
    def console_url(self) -> str:
        return self.platform.console_url


@pytest.fixture(scope="module")
async def oidc_stack(
    console_dist: Path, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[OidcStack]:
    ports = Ports.free()
    console = f"http://127.0.0.1:{ports.console}"
    provider = await asyncio.to_thread(
        start_provider,
        workdir=tmp_path_factory.mktemp("oidc-provider"),
        redirect_uris=[f"{console}/auth/callback"],
        post_logout_redirect_uris=[f"{console}/sign-in"],
    )
    env = {
        "DEVSTACK_WEB_DIST": str(console_dist),
        "OIDC_ISSUER": provider.issuer,
        "OIDC_CLIENT_ID": provider.client_id,
        "OIDC_RESOURCE": RESOURCE,
    }
    try:
        async with devstack(
            tmp_path_factory.mktemp("oidc-devstack"), demo=True, extra_env=env, ports=ports
        ) as running:
            yield OidcStack(running, provider)
    finally:
        provider.stop()


@pytest.fixture
async def oidc_page(browser: Browser, oidc_stack: OidcStack) -> AsyncIterator[Page]:
    context = await browser.new_context(
        viewport=DESKTOP, locale="en-US", base_url=oidc_stack.console_url
    )
    try:
        yield await context.new_page()
    finally:
        await context.close()


async def sign_in_with_provider(page: Page, stack: OidcStack, login: str) -> None:
    """From the console's sign-in screen: the provider's login form, its consent, back."""
    await page.get_by_role("button", name=english()["signIn.oidc"]).click()
    await page.wait_for_url(f"{stack.provider.issuer}/**")
    await page.locator("input[name=login]").fill(login)
    await page.locator("input[name=password]").fill("any password")
    await page.get_by_role("button", name="Sign-in").click()
    consent = page.get_by_role("button", name="Continue")
    shell = page.get_by_role("banner")
    await expect(consent.or_(shell)).to_be_visible()
    if await consent.is_visible():
        await consent.click()
    await expect(shell).to_be_visible()


async def test_an_officer_signs_in_with_the_provider_and_out_through_it(
    oidc_page: Page, oidc_stack: OidcStack
) -> None:
    text = english()
    page = oidc_page
    errors = page_errors(page)
    traffic = GraphqlTraffic(page, oidc_stack.platform.gateway_url)
    await page.goto("/")
    await expect(page).to_have_url(re.compile(r"/sign-in\?next=%2F$"))

    await sign_in_with_provider(page, oidc_stack, "officer")

    await expect(page).to_have_url(f"{oidc_stack.console_url}/")
    banner = page.get_by_role("banner")
    await expect(banner).to_contain_text(text["nav.signedInAs"].replace("{name}", "officer"))
    await expect(banner).to_contain_text(text["role.officer"])
    session = await stored_session(page)
    claims = jwt.decode(session["token"], options={"verify_signature": False})
    assert claims["iss"] == oidc_stack.provider.issuer
    assert claims["aud"] == "icld-platform"
    assert session["user"]["roles"] == ["officer"]
    await expect(page.get_by_role("heading", level=1)).to_have_text(text["nav.dashboard"])
    await page.wait_for_load_state("networkidle")
    answered = [e for e in await traffic.exchanges() if e.has_data]
    assert answered, "the dashboard got no data from the gateway"
    assert {e.authorization for e in answered} == {f"Bearer {session['token']}"}

    await page.get_by_role("button", name=text["nav.signOut"]).click()
    await page.wait_for_url(f"{oidc_stack.provider.issuer}/**")
    await page.get_by_role("button", name="Yes, sign me out").click()

    await expect(page).to_have_url(re.compile(rf"^{re.escape(oidc_stack.console_url)}/sign-in"))
    await expect(page.get_by_role("button", name=text["signIn.oidc"])).to_be_visible()
    assert await stored_session(page) is None
    oidc_users = await page.evaluate(
        "Object.keys(sessionStorage).filter((key) => key.startsWith('oidc.user:'))"
    )
    assert oidc_users == []
    # The provider's session ended too: signing in again asks for a login.
    await page.get_by_role("button", name=text["signIn.oidc"]).click()
    await expect(page.locator("input[name=login]")).to_be_visible()
    assert errors == []


async def test_a_coordinator_from_the_provider_sees_their_organisation(
    oidc_page: Page, oidc_stack: OidcStack
) -> None:
    provider = oidc_stack.provider
    officer = await asyncio.to_thread(provider.token, "officer")
    async with httpx.AsyncClient(timeout=30) as http:
        gateway = GatewayAPI(http, oidc_stack.platform.gateway_url)
        organisations = (await gateway.data(ORGANISATIONS, token=officer))["organisations"]
    kibaha = next(o for o in organisations["nodes"] if o["name"] == "Kibaha")
    await oidc_page.goto("/partnerships")

    await sign_in_with_provider(oidc_page, oidc_stack, f"coordinator:{kibaha['id']}")

    await expect(oidc_page).to_have_url(f"{oidc_stack.console_url}/partnerships")
    banner = oidc_page.get_by_role("banner")
    await expect(banner).to_contain_text(english()["role.coordinator"])
    await expect(banner).to_contain_text("Kibaha")
    session = await stored_session(oidc_page)
    assert session["user"]["org"] == kibaha["id"]


async def test_there_is_no_development_sign_in_with_oidc(
    oidc_page: Page, oidc_stack: OidcStack
) -> None:
    async with httpx.AsyncClient(base_url=oidc_stack.console_url, timeout=30) as console:
        config = (await console.get("/config.json")).json()
        options = await console.get("/dev/sign-in/options")
        minted = await console.post("/dev/sign-in", json={"role": "admin"})
    await oidc_page.goto("/sign-in")

    assert config["auth"] == {
        "mode": "oidc",
        "issuer": oidc_stack.provider.issuer,
        "clientId": oidc_stack.provider.client_id,
        "scope": "openid profile",
        "resource": RESOURCE,
    }
    assert (options.status_code, minted.status_code) == (404, 404)
    await expect(oidc_page.get_by_role("button", name=english()["signIn.oidc"])).to_be_visible()
    await expect(oidc_page.get_by_role("radio")).to_have_count(0)
    await expect(oidc_page.get_by_text(english()["signIn.devNotice"])).to_have_count(0)
