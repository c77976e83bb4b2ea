"""The partnership screens: the list (filters in the address, search, sorting), a
partnership's page from one federated query, creating and editing (conflicts, refusals at
their field), the steering-group editor with its rule shown live, languages, phones,
accessibility and the keyboard. What the screens show is compared with the gateway's answer
to the same question."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from playwright.async_api import Locator, Page, expect

from tests.support.browser import (
    assert_accessible,
    horizontal_overflow,
    screenshot,
    session_of,
    sign_in,
    sign_in_by_api,
    tab_to,
)
from tests.support.catalogue import say
from tests.support.gateway_api import GatewayAPI
from tests.support.graphql_traffic import GraphqlTraffic

PARTNERSHIPS = """
query($first: Int!, $filter: PartnershipFilter) {
  partnerships(first: $first, filter: $filter) { totalCount nodes { id title startedOn } }
}
"""
PAGE_SIZE = 20
"""The list's page: what it shows before "Load more"."""
PAGE = """
query($id: ID!, $year: Int!) {
  partnership(id: $id) {
    id title version swedishPartnerId partnerIds
    swedishPartner { id name } partners { id name }
    steeringGroupGaps
    visits(first: 100, year: $year) { nodes { startsOn purpose } }
    grants { caseNumber approvedAmount { amount } spent { amount } disbursed { amount } }
  }
}
"""
ORGANISATIONS = "{ organisations(first: 100) { nodes { id name country isSwedish } } }"
PEOPLE = """
query($org: ID!) {
  people(first: 100, filter: {organisationId: $org}) {
    nodes { id givenName familyName role politicalSide senior }
  }
}
"""
CREATE = """
mutation($input: CreatePartnershipInput!) {
  createPartnership(input: $input) { partnership { id version title } }
}
"""
UPDATE = """
mutation($input: UpdatePartnershipInput!) {
  updatePartnership(input: $input) { partnership { id version title focus } }
}
"""
CLOSE = """
mutation($input: ChangePartnershipStatusInput!) {
  changePartnershipStatus(input: $input) { partnership { id status } }
}
"""
DETAILS = "query($id: ID!) { partnership(id: $id) { id version title focus steeringGroupGaps } }"

KIBAHA = "Kibaha – Region Gotland"
"""A demo partnership: complete steering group, visits, a grant with expenses."""

SEATS = ("majorityPolitician", "oppositionPolitician", "seniorCivilServant")
GAP_TEXT = {
    "majorityPolitician": "a politician of the majority",
    "oppositionPolitician": "a politician of the opposition",
    "seniorCivilServant": "a senior civil servant",
}
"""How services/partnerships/domain/partnership.py words each seat in steeringGroupGaps."""

KIBAHA_STARTED = {"en": "Mar 1, 2022", "es": "1 mar 2022", "sv": "1 mars 2022"}
"""The demo's Kibaha – Region Gotland started on 2022-03-01, as each language writes it."""


# --- what the screens say ---------------------------------------------------------------------


def seat_line(seat: str, met: bool) -> str:
    """A line of the steering-group rule: 'Present: …' or 'Missing: …'."""
    return say(
        f"partnerships.seat.{'met' if met else 'missing'}", seat=say(f"partnerships.seat.{seat}")
    )


def this_year() -> int:
    """The API's current year (UTC): the year the visits section shows first."""
    return datetime.now(UTC).year


def medium_date(iso: str) -> str:
    """A calendar date as the console writes it in English (en-US, medium)."""
    day = date.fromisoformat(iso)
    return f"{day.strftime('%b')} {day.day}, {day.year}"


def sek(amount: str) -> str:
    """An amount in SEK as the console writes it in English (en-US)."""
    return f"SEK {Decimal(amount):,.2f}"


def list_table(page: Page) -> Locator:
    """The list's table (from `sm` up), named by its caption."""
    return page.get_by_role("table", name=re.compile(re.escape(say("nav.partnerships"))))


def shown_titles(page: Page) -> Locator:
    """The titles of the listed partnerships, in the table's order."""
    return list_table(page).locator("tbody tr td:first-child a")


def region(page: Page, key: str, locale: str = "en") -> Locator:
    return page.get_by_role("region", name=say(key, locale), exact=True)


def seats_of(scope: Page | Locator, organisation: str) -> Locator:
    """The rule's lines for one partner."""
    return scope.get_by_role(
        "list", name=say("partnerships.steering.seatsOf", organisation=organisation), exact=True
    )


# --- the API ----------------------------------------------------------------------------------


async def listed(
    gateway: GatewayAPI, token: str, filter: dict[str, Any] | None = None, first: int = PAGE_SIZE
) -> dict[str, Any]:
    """The API's answer to the list's question: the first page, in the API's order."""
    data = await gateway.data(PARTNERSHIPS, {"first": first, "filter": filter}, token=token)
    found: dict[str, Any] = data["partnerships"]
    return found


async def titles_from_api(
    gateway: GatewayAPI, token: str, filter: dict[str, Any] | None = None
) -> list[str]:
    return [node["title"] for node in (await listed(gateway, token, filter))["nodes"]]


async def partnership_id(gateway: GatewayAPI, token: str, title: str) -> str:
    data = await gateway.data(
        PARTNERSHIPS, {"first": 100, "filter": {"search": title}}, token=token
    )
    [found] = [n["id"] for n in data["partnerships"]["nodes"] if n["title"] == title]
    return str(found)


async def organisations(gateway: GatewayAPI, token: str) -> dict[str, dict[str, Any]]:
    data = await gateway.data(ORGANISATIONS, token=token)
    return {o["name"]: o for o in data["organisations"]["nodes"]}


async def new_partnership(
    gateway: GatewayAPI,
    token: str,
    swedish: str = "Robertsfors",
    abroad: str = "Machakos",
    *,
    title: str | None = None,
) -> dict[str, Any]:
    """A partnership of the tests' own (with no steering group), between demo organisations."""
    known = await organisations(gateway, token)
    data = await gateway.data(
        CREATE,
        {
            "input": {
                "title": title or f"Test partnership {uuid.uuid4().hex[:8]}",
                "swedishPartnerId": known[swedish]["id"],
                "partnerIds": [known[abroad]["id"]],
                "themes": ["YOUTH"],
                "focus": "Youth councils",
                "startedOn": "2024-01-15",
            }
        },
        token=token,
    )
    created: dict[str, Any] = data["createPartnership"]["partnership"]
    return created


# --- the list ---------------------------------------------------------------------------------


async def test_an_officer_filters_by_status_and_searches_and_sees_what_the_api_returns(
    page: Page, gateway: GatewayAPI
) -> None:
    officer = await sign_in(page, "officer", path="/partnerships")
    token = officer["token"]
    await expect(shown_titles(page)).to_have_text(await titles_from_api(gateway, token))

    await page.get_by_role("combobox", name=say("partnerships.field.status")).select_option(
        "ACTIVE"
    )
    await page.get_by_role("searchbox", name=say("partnerships.list.searchLabel")).fill("ka")

    await expect(page).to_have_url(re.compile(r"[?&]search=ka(&|$)"))
    assert "status=ACTIVE" in page.url
    expected = await titles_from_api(gateway, token, {"status": "ACTIVE", "search": "ka"})
    assert expected, "the demo should have active partnerships with 'ka' in the title"
    await expect(shown_titles(page)).to_have_text(expected)
    await expect(page.get_by_role("status").filter(has_text=str(len(expected)))).to_have_text(
        f"{len(expected)} shown of {len(expected)} in all"
    )


async def test_a_link_with_filters_opens_the_list_filtered(page: Page, gateway: GatewayAPI) -> None:
    filters = {"status": "ACTIVE", "country": "KE", "theme": "GENDER_EQUALITY"}
    officer = await sign_in_by_api(
        page, "officer", path="/partnerships?status=ACTIVE&country=KE&theme=GENDER_EQUALITY"
    )

    expected = await titles_from_api(gateway, officer["token"], filters)
    assert expected, "the demo has an active gender-equality partnership in Kenya"
    await expect(shown_titles(page)).to_have_text(expected)
    for name, key in (
        ("status", "partnerships.field.status"),
        ("country", "partnerships.field.country"),
        ("theme", "partnerships.field.theme"),
    ):
        await expect(page.get_by_role("combobox", name=say(key), exact=True)).to_have_value(
            filters[name]
        )


async def test_the_list_sorts_by_start_date_both_ways(page: Page, gateway: GatewayAPI) -> None:
    officer = await sign_in_by_api(page, "officer", path="/partnerships?theme=GENDER_EQUALITY")
    nodes = (await listed(gateway, officer["token"], {"theme": "GENDER_EQUALITY"}))["nodes"]
    header = list_table(page).get_by_role("columnheader", name=re.compile("^Started on"))
    await expect(shown_titles(page)).to_have_text([n["title"] for n in nodes])

    await header.get_by_role("button").click()
    # Sorting is stable: partnerships that started the same day keep the API's order.
    oldest_first = sorted(nodes, key=lambda n: str(n["startedOn"]))
    await expect(shown_titles(page)).to_have_text([n["title"] for n in oldest_first])
    await expect(header).to_have_attribute("aria-sort", "ascending")
    await header.get_by_role("button").click()

    newest_first = sorted(nodes, key=lambda n: str(n["startedOn"]), reverse=True)
    await expect(shown_titles(page)).to_have_text([n["title"] for n in newest_first])
    await expect(header).to_have_attribute("aria-sort", "descending")
    assert "sort=startedOn" in page.url
    assert "order=desc" in page.url


# --- a partnership's page ---------------------------------------------------------------------


async def test_the_page_shows_partners_steering_group_visits_and_grants_from_one_query(
    page: Page, gateway: GatewayAPI
) -> None:
    officer = await session_of(page, "officer")
    token = officer["token"]
    kibaha = await partnership_id(gateway, token, KIBAHA)
    expected = (await gateway.data(PAGE, {"id": kibaha, "year": this_year()}, token=token))[
        "partnership"
    ]
    traffic = GraphqlTraffic(page, gateway.url)
    await sign_in(page, "officer", path=f"/partnerships/{kibaha}")

    await expect(page.get_by_role("heading", level=1)).to_have_text(KIBAHA)
    partners = region(page, "partnerships.page.partners")
    for organisation in [expected["swedishPartner"], *expected["partners"]]:
        await expect(partners.get_by_role("table")).to_contain_text(organisation["name"])
    steering = region(page, "partnerships.page.steeringGroup")
    for organisation in [expected["swedishPartner"], *expected["partners"]]:
        for seat in SEATS:
            missing = f"{organisation['id']}: {GAP_TEXT[seat]}" in expected["steeringGroupGaps"]
            await expect(seats_of(steering, organisation["name"])).to_contain_text(
                seat_line(seat, met=not missing)
            )
    visits = region(page, "visits.title")
    for visit in expected["visits"]["nodes"]:
        await expect(visits.get_by_role("table")).to_contain_text(medium_date(visit["startsOn"]))
    finance = region(page, "partnerships.page.finance")
    assert expected["grants"], "the demo's Kibaha – Region Gotland has a grant"
    for grant in expected["grants"]:
        row = finance.get_by_role("row").filter(has_text=grant["caseNumber"])
        for money in ("approvedAmount", "spent", "disbursed"):
            await expect(row).to_contain_text(sek(grant[money]["amount"]))
    history = region(page, "partnerships.page.audit")
    await expect(history).to_contain_text(say("partnerships.audit.registered"))

    exchanges = await traffic.exchanges()
    names = {exchange.operation for exchange in exchanges}
    assert names == {"PartnershipPage"}, f"the page asked the gateway for {names}"
    # One operation: a second POST may only be the persisted-query protocol's retry with
    # the query's text.
    answered = [exchange for exchange in exchanges if exchange.has_data]
    assert len(answered) == 1, f"{len(answered)} answers with the page's data"


async def test_the_page_marks_what_each_partner_lacks_in_the_steering_group(
    page: Page, gateway: GatewayAPI
) -> None:
    officer = await session_of(page, "officer")
    created = await new_partnership(gateway, officer["token"])
    await sign_in_by_api(page, "officer", path=f"/partnerships/{created['id']}")

    steering = region(page, "partnerships.page.steeringGroup")
    await expect(steering).to_contain_text(say("partnerships.steering.gaps"))
    for organisation in ("Robertsfors", "Machakos"):
        for seat in SEATS:
            await expect(seats_of(steering, organisation)).to_contain_text(
                seat_line(seat, met=False)
            )


async def test_a_viewer_sees_the_page_without_actions_and_hidden_parts_noted(
    page: Page, gateway: GatewayAPI
) -> None:
    officer = await session_of(page, "officer")
    kibaha = await partnership_id(gateway, officer["token"], KIBAHA)
    await sign_in_by_api(page, "viewer", path=f"/partnerships/{kibaha}")

    await expect(page.get_by_role("heading", level=1)).to_have_text(KIBAHA)
    await expect(region(page, "partnerships.page.training")).to_contain_text(
        say("partnerships.training.participantsHidden")
    )
    for action in (
        say("common.edit"),
        say("partnerships.status.action"),
        say("partnerships.applications.new"),
    ):
        await expect(page.get_by_role("button", name=action)).to_have_count(0)
        await expect(page.get_by_role("link", name=action)).to_have_count(0)


# --- creating and editing ---------------------------------------------------------------------


async def test_an_officer_creates_a_partnership_and_finds_it_in_the_list(
    page: Page, gateway: GatewayAPI
) -> None:
    await sign_in_by_api(page, "officer", path="/partnerships")
    title = f"Umeå – Stellenbosch youth {uuid.uuid4().hex[:6]}"

    await page.get_by_role("link", name=say("partnerships.create.action")).click()
    await page.get_by_role("textbox", name=say("partnerships.field.title")).fill(title)
    await pick(page, say("partnerships.field.themes"), "Youth")
    await page.get_by_role("combobox", name=say("partnerships.field.swedishPartner")).select_option(
        label="Umeå (Sweden)"
    )
    await pick(page, say("partnerships.field.partnersAbroad"), "Stellenbosch (South Africa)")
    await page.get_by_label(say("partnerships.field.startedOn")).fill("2025-02-01")
    await page.get_by_role("button", name=say("common.create")).click()

    await expect(page.get_by_role("heading", level=1)).to_have_text(title)
    await page.get_by_role("link", name=say("partnerships.page.back")).click()
    await page.get_by_role("searchbox", name=say("partnerships.list.searchLabel")).fill(title)
    await expect(shown_titles(page)).to_have_text([title])


async def pick(page: Page, label: str, option: str) -> None:
    """Chooses an option of a multi-select (a combobox with a listbox)."""
    await page.get_by_role("combobox", name=label, exact=True).click()
    await page.get_by_role("option", name=option, exact=True).click()
    await page.keyboard.press("Escape")


async def test_a_refused_value_is_shown_at_its_field(page: Page, gateway: GatewayAPI) -> None:
    await sign_in_by_api(page, "officer", path="/partnerships/new")
    title = page.get_by_role("textbox", name=say("partnerships.field.title"))
    started = page.get_by_label(say("partnerships.field.startedOn"))
    await pick(page, say("partnerships.field.themes"), "Youth")
    await page.get_by_role("combobox", name=say("partnerships.field.swedishPartner")).select_option(
        label="Umeå (Sweden)"
    )
    await pick(page, say("partnerships.field.partnersAbroad"), "Villa Rica (Colombia)")
    create = page.get_by_role("button", name=say("common.create"))

    await create.click()  # no start date: the API cannot read it as a date
    await expect(started).to_have_attribute("aria-invalid", "true")
    await expect(started).to_have_accessible_description(
        re.compile(re.escape(say("error.fieldRefused")))
    )
    await started.fill("2025-03-01")
    await title.fill("   ")
    await create.click()

    await expect(title).to_have_attribute("aria-invalid", "true")
    await expect(title).to_have_accessible_description(
        re.compile(re.escape(say("error.fieldRefused")))
    )
    await expect(started).not_to_have_attribute("aria-invalid", "true")


async def test_a_stale_edit_offers_a_reload_that_keeps_the_typed_title(
    page: Page, gateway: GatewayAPI
) -> None:
    officer = await session_of(page, "officer")
    token = officer["token"]
    created = await new_partnership(gateway, token)
    await sign_in_by_api(page, "officer", path=f"/partnerships/{created['id']}/edit")
    title = page.get_by_role("textbox", name=say("partnerships.field.title"))
    await expect(title).to_have_value(created["title"])
    typed = f"{created['title']} (renamed)"
    await title.fill(typed)
    # Someone else changes the partnership meanwhile.
    await gateway.data(
        UPDATE,
        {"input": {"id": created["id"], "version": created["version"], "focus": "Elsewhere"}},
        token=token,
    )

    await page.get_by_role("button", name=say("common.save")).click()
    conflict = page.get_by_role("alert").filter(has_text=say("error.conflict.title"))
    await expect(conflict).to_be_visible()
    await conflict.get_by_role("button", name=say("error.conflict.reload")).click()
    await expect(conflict).to_have_count(0)
    await expect(title).to_have_value(typed)
    focus = page.get_by_role("textbox", name=say("partnerships.field.focus"))
    await expect(focus).to_have_value("Elsewhere")  # untouched here: the latest version's
    await page.get_by_role("button", name=say("common.save")).click()

    await expect(page.get_by_role("heading", level=1)).to_have_text(typed)
    saved = (await gateway.data(DETAILS, {"id": created["id"]}, token=token))["partnership"]
    assert saved["title"] == typed
    assert saved["focus"] == "Elsewhere", "the other change stays"


async def test_an_officer_changes_the_status_with_a_reason(page: Page, gateway: GatewayAPI) -> None:
    officer = await session_of(page, "officer")
    created = await new_partnership(gateway, officer["token"])
    await sign_in_by_api(page, "officer", path=f"/partnerships/{created['id']}")

    await page.get_by_role("button", name=say("partnerships.status.action")).click()
    dialog = page.get_by_role("dialog", name=say("partnerships.status.title"))
    await dialog.get_by_role("combobox", name=say("partnerships.status.to")).select_option(
        "DORMANT"
    )
    await dialog.get_by_role("textbox", name=say("partnerships.status.note")).fill("Elections")
    await dialog.get_by_role("button", name=say("common.save")).click()

    await expect(dialog).to_have_count(0)
    overview = region(page, "partnerships.page.overview")
    await expect(overview).to_contain_text(say("enum.PartnershipStatus.DORMANT"), ignore_case=True)
    history = region(page, "partnerships.page.audit")
    await expect(history).to_contain_text("Elections")
    await expect(history).to_contain_text(say("partnerships.audit.statusChanged"))


# --- the steering group -----------------------------------------------------------------------


async def test_the_rule_follows_the_members_as_they_are_ticked_and_the_save_reports_gaps(
    page: Page, gateway: GatewayAPI
) -> None:
    officer = await session_of(page, "officer")
    token = officer["token"]
    created = await new_partnership(gateway, token)
    await sign_in_by_api(page, "officer", path=f"/partnerships/{created['id']}/steering-group")
    people = await people_of(gateway, token, "Robertsfors")
    majority = person_filling(people, "MAJORITY")
    rule = seats_of(page, "Robertsfors")
    box = page.get_by_role("checkbox", name=re.compile(re.escape(full_name(majority))))

    await expect(rule).to_contain_text(seat_line("majorityPolitician", met=False))
    await box.check()
    await expect(rule).to_contain_text(seat_line("majorityPolitician", met=True))
    await expect(rule).to_contain_text(seat_line("oppositionPolitician", met=False))
    await box.uncheck()
    await expect(rule).to_contain_text(seat_line("majorityPolitician", met=False))

    for organisation in ("Robertsfors", "Machakos"):
        for person in [
            person_filling(await people_of(gateway, token, organisation), seat)
            for seat in ("MAJORITY", "OPPOSITION", "SENIOR")
        ]:
            await page.get_by_role(
                "checkbox", name=re.compile(re.escape(full_name(person)))
            ).check()
        for seat in SEATS:
            await expect(seats_of(page, organisation)).to_contain_text(seat_line(seat, met=True))
    await page.get_by_role("button", name=say("common.save")).click()

    saved = page.get_by_role("status").filter(has_text=say("partnerships.steering.saved"))
    await expect(saved).to_be_visible()
    after = (await gateway.data(DETAILS, {"id": created["id"]}, token=token))["partnership"]
    assert after["steeringGroupGaps"] == []
    for organisation in ("Robertsfors", "Machakos"):
        for seat in SEATS:
            await expect(seats_of(page, organisation)).to_contain_text(seat_line(seat, met=True))


async def people_of(gateway: GatewayAPI, token: str, organisation: str) -> list[dict[str, Any]]:
    known = await organisations(gateway, token)
    data = await gateway.data(PEOPLE, {"org": known[organisation]["id"]}, token=token)
    found: list[dict[str, Any]] = data["people"]["nodes"]
    return found


def person_filling(people: list[dict[str, Any]], seat: str) -> dict[str, Any]:
    """The first of `people` who fills a seat: MAJORITY, OPPOSITION or SENIOR."""
    for person in people:
        if seat == "SENIOR" and person["role"] == "CIVIL_SERVANT" and person["senior"]:
            return person
        if person["role"] == "POLITICIAN" and person["politicalSide"] == seat:
            return person
    raise AssertionError(f"nobody fills {seat} among {people}")


def full_name(person: dict[str, Any]) -> str:
    return f"{person['givenName']} {person['familyName']}"


async def test_the_editor_is_offered_to_a_partners_coordinator_and_no_other(
    page: Page, gateway: GatewayAPI
) -> None:
    officer = await session_of(page, "officer")
    kibaha = await partnership_id(gateway, officer["token"], KIBAHA)
    edit = say("partnerships.steering.edit")

    await sign_in_by_api(page, "coordinator", "Kibaha", path=f"/partnerships/{kibaha}")
    await expect(page.get_by_role("link", name=edit)).to_be_visible()

    await sign_in_by_api(page, "coordinator", "Stellenbosch", path=f"/partnerships/{kibaha}")
    await expect(page.get_by_role("heading", level=1)).to_have_text(KIBAHA)
    await expect(page.get_by_role("link", name=edit)).to_have_count(0)
    await page.goto(f"/partnerships/{kibaha}/steering-group")
    await expect(page.get_by_role("alert")).to_contain_text(say("error.forbidden"))
    await expect(page.get_by_role("checkbox")).to_have_count(0)


# --- languages, phones, accessibility, keyboard -----------------------------------------------


@pytest.mark.parametrize("locale", ["es", "sv"])
async def test_the_list_speaks_spanish_and_swedish(
    page: Page, gateway: GatewayAPI, locale: str
) -> None:
    officer = await sign_in_by_api(page, "officer")
    found = await listed(gateway, officer["token"], {"theme": "GENDER_EQUALITY"})
    shown, total = len(found["nodes"]), found["totalCount"]
    await page.evaluate("(locale) => localStorage.setItem('icld.locale', locale)", locale)

    await page.goto("/partnerships?theme=GENDER_EQUALITY")

    await expect(page.get_by_role("heading", level=1)).to_have_text(say("nav.partnerships", locale))
    await expect(
        page.get_by_role("searchbox", name=say("partnerships.list.searchLabel", locale))
    ).to_be_visible()
    table = page.get_by_role("table", name=re.compile(re.escape(say("nav.partnerships", locale))))
    row = table.get_by_role("row").filter(has_text=KIBAHA)
    await expect(row).to_contain_text(KIBAHA_STARTED[locale])
    await expect(row).to_contain_text(say("enum.Theme.GENDER_EQUALITY", locale))
    await expect(row).to_contain_text(
        say("enum.PartnershipStatus.ACTIVE", locale), ignore_case=True
    )
    await expect(table.get_by_role("columnheader").first).to_contain_text(
        say("partnerships.field.title", locale)
    )
    assert shown > 1, "the demo has several gender-equality partnerships"
    counted = {
        "es": f"{shown} mostrados de {total} en total",
        "sv": f"{shown} visas av {total} totalt",
    }
    await expect(page.get_by_role("status").filter(has_text=counted[locale])).to_be_visible()
    theme = page.get_by_role("combobox", name=say("partnerships.field.theme", locale), exact=True)
    await expect(theme.locator("option:checked")).to_have_text(
        say("enum.Theme.GENDER_EQUALITY", locale)
    )


async def test_the_list_and_the_page_fit_a_phone(phone: Page, gateway: GatewayAPI) -> None:
    officer = await sign_in_by_api(phone, "officer", path="/partnerships?theme=GENDER_EQUALITY")
    titles = await titles_from_api(gateway, officer["token"], {"theme": "GENDER_EQUALITY"})

    cards = phone.get_by_role("list", name=re.compile(re.escape(say("nav.partnerships"))))
    await expect(cards.get_by_role("link")).to_have_text(titles)
    await expect(list_table(phone)).to_be_hidden()
    assert await phone.evaluate("document.documentElement.scrollWidth") <= 360
    await screenshot(phone, "partnerships-list")

    await phone.get_by_role("link", name=KIBAHA).click()
    await expect(phone.get_by_role("heading", level=1)).to_have_text(KIBAHA)
    await expect(region(phone, "partnerships.page.finance")).to_contain_text("SEK")
    assert await phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert await horizontal_overflow(phone) == 0
    await screenshot(phone, "partnership-page")


async def test_the_screens_are_accessible(page: Page, gateway: GatewayAPI) -> None:
    # The demo's own theme: the screenshot shows the demo, not what other tests created.
    officer = await sign_in_by_api(page, "officer", path="/partnerships?theme=GENDER_EQUALITY")
    kibaha = await partnership_id(gateway, officer["token"], KIBAHA)
    await expect(shown_titles(page).first).to_be_visible()
    await assert_accessible(page, "the partnership list")
    await screenshot(page, "partnerships-list")

    await page.goto(f"/partnerships/{kibaha}")
    await expect(region(page, "partnerships.page.finance")).to_contain_text("SEK")
    await assert_accessible(page, "a partnership's page")
    await screenshot(page, "partnership-page")

    await page.goto("/partnerships/new")
    await expect(page.get_by_role("textbox", name=say("partnerships.field.title"))).to_be_visible()
    await assert_accessible(page, "the new partnership form")

    await page.goto(f"/partnerships/{kibaha}/steering-group")
    await expect(page.get_by_role("checkbox").first).to_be_visible()
    await assert_accessible(page, "the steering-group editor")


async def test_a_partnership_is_reached_and_opened_with_the_keyboard(
    page: Page, gateway: GatewayAPI
) -> None:
    await sign_in_by_api(page, "officer", path="/partnerships")
    link = list_table(page).get_by_role("link", name=KIBAHA, exact=True)
    await expect(link).to_be_visible()

    await tab_to(page, link)
    await page.keyboard.press("Enter")

    await expect(page).to_have_url(re.compile(r"/partnerships/[0-9a-f-]{36}$"))
    await expect(page.get_by_role("heading", level=1)).to_have_text(KIBAHA)


# --- paging (last: its many partnerships would crowd the other tests' screenshots) -------


async def test_load_more_brings_the_next_page(page: Page, gateway: GatewayAPI) -> None:
    officer = await session_of(page, "officer")
    token = officer["token"]
    tag = f"Paging {uuid.uuid4().hex[:6]}"
    for n in range(PAGE_SIZE + 2):
        created = await new_partnership(gateway, token, title=f"{tag} {n:02d}")
        # Closed at once: no active list elsewhere grows by these.
        await gateway.data(
            CLOSE,
            {"input": {"id": created["id"], "version": created["version"], "status": "CLOSED"}},
            token=token,
        )
    everything = await listed(gateway, token, {"search": tag}, first=100)
    assert everything["totalCount"] == PAGE_SIZE + 2
    await sign_in_by_api(page, "officer", path=f"/partnerships?search={tag.replace(' ', '+')}")

    titles = [n["title"] for n in everything["nodes"]]
    await expect(shown_titles(page)).to_have_text(titles[:PAGE_SIZE])
    await expect(page.get_by_text(f"{PAGE_SIZE} shown of {PAGE_SIZE + 2} in all")).to_be_visible()
    # The next page fails (the network is gone): said, with a retry; the first page stays.
    await page.route("**/graphql", lambda route: route.abort("internetdisconnected"))
    await page.get_by_role("button", name=say("common.loadMore")).click()
    failed = page.get_by_role("alert").filter(has_text=say("error.network.title"))
    await expect(failed).to_be_visible()
    await expect(shown_titles(page)).to_have_text(titles[:PAGE_SIZE])
    await page.unroute("**/graphql")
    await failed.get_by_role("button", name=say("common.retry")).click()

    await expect(shown_titles(page)).to_have_text(titles)
    await expect(failed).to_have_count(0)
    await expect(page.get_by_role("button", name=say("common.loadMore"))).to_have_count(0)
