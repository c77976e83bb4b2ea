"""Signing in and out of the console with the development sign-in, as people do: each role,
the keyboard alone, signing out (nothing of the session stays, not even behind Back), the
next person seeing nothing of the previous one, and an expired session that keeps what was
being typed."""

from __future__ import annotations

import functools
import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from playwright.async_api import Locator, Page, expect

from services.common.auth import Role
from services.common.settings import Settings
from services.common.tokens import mint
from tests.support.browser import (
    ROOT,
    SESSION_KEY,
    english,
    page_errors,
    sign_in,
    stored_session,
)
from tests.support.gateway_api import GatewayAPI
from tests.support.graphql_traffic import GraphqlTraffic
from tests.support.runner import Devstack

ORGANISATION = "query($id: ID!) { organisation(id: $id) { name } }"
# The list's first page (20, in the API's order): other tests add partnerships to the shared stack.
TITLES = "{ partnerships(first: 20) { nodes { title } } }"
PARTNERSHIPS = "{ partnerships(first: 100) { nodes { id title swedishPartner { id name } } } }"
PEOPLE = """query($organisationId: ID!) {
  people(first: 100, filter: { organisationId: $organisationId }) {
    nodes { givenName familyName }
  }
}"""
NAVIGATION = [
    ("/partnerships", "nav.partnerships"),
    ("/applications", "nav.applications"),
    ("/research", "nav.research"),
    ("/", "nav.dashboard"),
]


@functools.cache
def feature_texts(feature: str) -> dict[str, str]:
    """A feature's English texts by message id."""
    path = ROOT / "web" / "src" / "features" / feature / "messages" / "en.json"
    texts: dict[str, str] = json.loads(path.read_text())
    return texts


def signed_in_as(name: str) -> str:
    return english()["nav.signedInAs"].replace("{name}", name)


async def sign_in_on_this_screen(page: Page, role: str, organisation: str | None = None) -> Any:
    """Signs in on the sign-in screen already open, without loading the page again (the
    console's memory, its cache included, stays what it was)."""
    text = english()
    await page.get_by_role("radio", name=text[f"role.{role}"], exact=True).check()
    if organisation is not None:
        choice = page.get_by_role("combobox", name=text["signIn.organisation"])
        option = choice.locator("option", has_text=re.compile(rf"^{re.escape(organisation)} \("))
        await choice.select_option(value=await option.get_attribute("value"))
    await page.get_by_role("button", name=text["signIn.submit"], exact=True).click()
    await expect(page.get_by_role("banner")).to_be_visible()
    return await stored_session(page)


async def sign_out(page: Page) -> None:
    await page.get_by_role("button", name=english()["nav.signOut"]).click()
    await expect(page.get_by_role("heading", level=1)).to_have_text(english()["signIn.title"])


async def people_names(
    gateway: GatewayAPI, session: dict[str, Any], organisation_id: str
) -> list[str]:
    """The names of an organisation's people this person may see."""
    variables = {"organisationId": organisation_id}
    data = await gateway.data(PEOPLE, variables, token=session["token"])
    people = data["people"]["nodes"]
    return [f"{p['givenName']} {p['familyName']}" for p in people if p["givenName"] is not None]


async def open_participants_from(page: Page, organisation: str) -> Locator:
    """Opens the visit plan form's choice of an organisation's participants; its options."""
    template = re.escape(feature_texts("visits")["visits.participantsFrom"])
    label = template.replace(re.escape("{organisation}"), re.escape(organisation))
    name = re.compile(f"^{label.replace(re.escape('{country}'), '.+')}$")
    await page.get_by_role("combobox", name=name).click()
    return page.get_by_role("listbox", name=name).get_by_role("option")


async def let_the_token_expire(page: Page, session: dict[str, Any]) -> str:
    """The session's token expires while the console is open: the console still holds it
    (its session ends hours later), the gateway refuses it. Returns the expired token."""
    assert datetime.fromisoformat(session["expiresAt"]) > datetime.now(UTC) + timedelta(hours=1)
    role = Role(session["user"]["roles"][0])
    expired = mint(Settings(), role, sub=session["user"]["sub"], ttl=timedelta(seconds=-60))
    await page.evaluate(
        """([key, token]) => {
            const session = JSON.parse(localStorage.getItem(key));
            localStorage.setItem(key, JSON.stringify({ ...session, token }));
        }""",
        [SESSION_KEY, expired],
    )
    return expired


async def titles(gateway: GatewayAPI, session: dict[str, Any]) -> set[str]:
    data = await gateway.data(TITLES, token=session["token"])
    return {node["title"] for node in data["partnerships"]["nodes"]}


@pytest.mark.parametrize(
    ("role", "organisation"),
    [("officer", None), ("coordinator", "Kibaha"), ("viewer", None), ("admin", None)],
)
async def test_the_header_names_who_signed_in_and_the_navigation_works(
    page: Page, gateway: GatewayAPI, running_stack: Devstack, role: str, organisation: str | None
) -> None:
    text = english()
    errors = page_errors(page)

    session = await sign_in(page, role, organisation)

    banner = page.get_by_role("banner")
    await expect(banner).to_contain_text(signed_in_as(session["user"]["name"]))
    role_label = text[f"role.{role}"]
    if organisation is None:
        await expect(banner).to_contain_text(role_label)
    else:
        variables = {"id": session["user"]["org"]}
        org = (await gateway.data(ORGANISATION, variables, token=session["token"]))["organisation"]
        await expect(banner).to_contain_text(f"{role_label} · {org['name']}")
    navigation = page.get_by_role("navigation", name=text["nav.main"])
    for path, label in NAVIGATION:
        link = navigation.get_by_role("link", name=text[label], exact=True)
        await link.click()
        await expect(page).to_have_url(f"{running_stack.console_url}{path}")
        await expect(page.get_by_role("heading", level=1)).to_have_text(text[label])
        await expect(link).to_have_attribute("aria-current", "page")
    assert errors == []


async def test_signing_in_with_the_keyboard_alone(page: Page, gateway: GatewayAPI) -> None:
    text = english()
    await page.goto("/sign-in")
    officer = page.get_by_role("radio", name=text["role.officer"], exact=True)
    coordinator = page.get_by_role("radio", name=text["role.coordinator"], exact=True)
    choice = page.get_by_role("combobox", name=text["signIn.organisation"])
    submit = page.get_by_role("button", name=text["signIn.submit"], exact=True)
    await expect(submit).to_be_visible()

    await page.keyboard.press("Tab")
    await expect(officer).to_be_focused()
    await page.keyboard.press("ArrowDown")
    await expect(coordinator).to_be_checked()
    await page.keyboard.press("Tab")
    await expect(choice).to_be_focused()
    await expect(choice.locator("option", has_text="Kibaha")).to_have_count(1)
    await page.keyboard.type("Kibaha")
    await expect(choice.locator("option:checked")).to_have_text(re.compile(r"^Kibaha \("))
    await page.keyboard.press("Tab")
    await expect(submit).to_be_focused()
    await page.keyboard.press("Enter")

    banner = page.get_by_role("banner")
    await expect(banner).to_contain_text(f"{text['role.coordinator']} · Kibaha")
    session = await stored_session(page)
    org = await gateway.data(ORGANISATION, {"id": session["user"]["org"]}, token=session["token"])
    assert org["organisation"]["name"] == "Kibaha"


async def test_signing_out_leaves_nothing_of_the_session(
    page: Page, gateway: GatewayAPI, running_stack: Devstack
) -> None:
    text = english()
    session = await sign_in(page, "officer")
    await page.get_by_role("link", name=text["nav.partnerships"], exact=True).click()
    main = page.get_by_role("main")
    seen = await titles(gateway, session)
    for title in seen:
        await expect(main.get_by_text(title, exact=True).first).to_be_visible()

    await sign_out(page)

    assert await stored_session(page) is None
    await expect(page).to_have_url(re.compile(r"/sign-in\?next=%2Fpartnerships$"))
    await page.go_back()
    await expect(page).to_have_url(re.compile(r"/sign-in\?next=%2F$"))
    await expect(page.get_by_role("heading", level=1)).to_have_text(text["signIn.title"])
    await expect(page.get_by_role("banner")).to_have_count(0)
    for title in seen:
        await expect(page.get_by_text(title)).to_have_count(0)
    await expect(page.get_by_text(text["nav.dashboard"])).to_have_count(0)


async def test_the_next_person_sees_none_of_the_previous_ones_data(
    page: Page, gateway: GatewayAPI
) -> None:
    # The people of a partner organisation: staff see their names, a coordinator of another
    # organisation only their positions. The same query with the same variables for both:
    # only a cache of the previous person's answers could show the names.
    officer = await sign_in(page, "officer")
    partnerships = (await gateway.data(PARTNERSHIPS, token=officer["token"]))["partnerships"]
    kibaha = next(p for p in partnerships["nodes"] if p["title"].startswith("Kibaha "))
    gotland = kibaha["swedishPartner"]
    names = await people_names(gateway, officer, gotland["id"])
    assert names
    await page.goto(f"/partnerships/{kibaha['id']}/visits/new")
    options = await open_participants_from(page, gotland["name"])
    await expect(options.filter(has_text=names[0])).to_be_visible()
    await sign_out(page)

    coordinator = await sign_in_on_this_screen(page, "coordinator", "Kibaha")

    await expect(page).to_have_url(re.compile(rf"/partnerships/{kibaha['id']}/visits/new$"))
    assert await people_names(gateway, coordinator, gotland["id"]) == []
    options = await open_participants_from(page, gotland["name"])
    await expect(options.first).to_be_visible()
    for name in names:
        await expect(page.get_by_text(name)).to_have_count(0)


async def test_the_next_person_does_not_find_what_the_previous_one_typed(page: Page) -> None:
    typed = "A partnership an officer began to register"
    await sign_in(page, "officer", path="/partnerships/new")
    title = page.get_by_role(
        "textbox", name=feature_texts("partnerships")["partnerships.field.title"], exact=True
    )
    await title.fill(typed)
    await sign_out(page)

    await sign_in_on_this_screen(page, "admin")

    await expect(page).to_have_url(re.compile(r"/partnerships/new$"))
    await expect(title).to_be_visible()
    await expect(title).to_have_value("")


async def test_an_expired_session_sends_to_sign_in_and_back_with_the_input_kept(
    page: Page, running_stack: Devstack
) -> None:
    text, form = english(), feature_texts("partnerships")
    session = await sign_in(page, "officer", path="/partnerships/new")
    title = page.get_by_role("textbox", name=form["partnerships.field.title"], exact=True)
    focus = page.get_by_role("textbox", name=form["partnerships.field.focus"], exact=True)
    await title.fill("Water governance in Kibaha")
    await focus.fill("Citizen budgets for the water utility")
    expired = await let_the_token_expire(page, session)
    traffic = GraphqlTraffic(page, running_stack.gateway_url)

    await page.get_by_role("button", name=text["common.create"], exact=True).click()

    await expect(page).to_have_url(re.compile(r"/sign-in\?next=%2Fpartnerships%2Fnew$"))
    await expect(page.get_by_role("status")).to_have_text(text["signIn.expired"])
    refused = [e for e in await traffic.exchanges() if e.operation == "CreatePartnership"]
    assert [e.error_codes for e in refused] == [["UNAUTHENTICATED"]]
    assert await stored_session(page) is None

    again = await sign_in_on_this_screen(page, "officer")

    assert again["token"] != expired
    await expect(page).to_have_url(re.compile(r"/partnerships/new$"))
    await expect(title).to_have_value("Water governance in Kibaha")
    await expect(focus).to_have_value("Citizen budgets for the water utility")
    await expect(page.get_by_text(text["signIn.expired"])).to_have_count(0)


async def test_signing_out_in_one_tab_signs_out_the_others(page: Page) -> None:
    text = english()
    await sign_in(page, "officer", path="/partnerships")
    other = await page.context.new_page()
    await other.goto("/")
    await expect(other.get_by_role("banner")).to_be_visible()

    await sign_out(other)

    await expect(page.get_by_role("heading", level=1)).to_have_text(text["signIn.title"])
    await expect(page.get_by_role("banner")).to_have_count(0)


async def test_after_an_expired_session_another_person_starts_blank(page: Page) -> None:
    text, form = english(), feature_texts("partnerships")
    session = await sign_in(page, "officer", path="/partnerships/new")
    title = page.get_by_role("textbox", name=form["partnerships.field.title"], exact=True)
    await title.fill("An officer's unfinished partnership")
    await let_the_token_expire(page, session)
    await page.get_by_role("button", name=text["common.create"], exact=True).click()
    await expect(page.get_by_role("status")).to_have_text(text["signIn.expired"])

    await sign_in_on_this_screen(page, "admin")

    await expect(page).to_have_url(re.compile(r"/partnerships/new$"))
    await expect(title).to_have_value("")
