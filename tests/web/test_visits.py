"""Visits in the web console: planning, changing, completing and cancelling a partnership's
visits, and the year's meeting compliance on the partnership page, compared with what the
gateway answers.

The visits section lives on the partnership page (/partnerships/<id>); the plan and edit
forms have their own routes (/partnerships/<id>/visits/new, /visits/<id>/edit).
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from playwright.async_api import Locator, Page, expect

from tests.support.browser import (
    assert_accessible,
    axe_violations,
    describe_violations,
    horizontal_overflow,
    screenshot,
    sign_in_by_api,
    store_session,
    tab_to,
)
from tests.support.catalogue import say
from tests.support.gateway_api import GatewayAPI

PARTNERSHIPS = """
{ partnerships(first: 100) { nodes {
    id title swedishPartnerId partnerIds
    swedishPartner { id name } partners { id name }
} } }
"""
PEOPLE = """
query($org: ID!) {
  people(first: 100, filter: {organisationId: $org}) { nodes { id givenName familyName position } }
}
"""
VISITS = """
query($id: ID!, $year: Int!) {
  partnership(id: $id) { visits(first: 100, year: $year) { nodes {
    id version status startsOn endsOn purpose hostOrganisationId participantIds
    auditTrail { action note }
  } } }
}
"""
COMPLIANCE = """
query($id: ID!, $year: Int!) {
  partnership(id: $id) {
    meetingCompliance(year: $year) { completedVisits hostOrganisationIds compliant }
  }
}
"""
PLAN = """
mutation($input: PlanVisitInput!) { planVisit(input: $input) { visit { id version } } }
"""
UPDATE = """
mutation($input: UpdateVisitInput!) { updateVisit(input: $input) { visit { id version } } }
"""


# --- what the screens say -------------------------------------------------------------------


COMPLETED_VISITS = {
    "en": lambda n: "No completed visits" if n == 0 else f"{n} completed visit{'s' * (n != 1)}",
    "es": lambda n: (
        "Ninguna visita realizada"
        if n == 0
        else f"{n} visita realizada"
        if n == 1
        else f"{n} visitas realizadas"
    ),
    "sv": lambda n: (
        "Inga genomförda besök"
        if n == 0
        else f"{n} genomfört besök"
        if n == 1
        else f"{n} genomförda besök"
    ),
}
"""The plural forms of the compliance's count, as a reader of each language expects them."""

PARTICIPANTS = {
    "en": lambda n: f"{n} participant{'s' * (n != 1)}",
    "es": lambda n: f"{n} participante{'s' * (n != 1)}",
    "sv": lambda n: f"{n} deltagare",
}


def today() -> date:
    """The API's today (UTC): a visit can be completed once it has started."""
    return datetime.now(UTC).date()


def us_date_keys(day: date) -> str:
    """What a person types into an en-US date field: month, day, year."""
    return f"{day.month:02d}{day.day:02d}{day.year}"


# --- the API's view -------------------------------------------------------------------------


async def partnership(gateway: GatewayAPI, token: str, title: str) -> dict[str, Any]:
    nodes = (await gateway.data(PARTNERSHIPS, token=token))["partnerships"]["nodes"]
    found: dict[str, Any] = next(p for p in nodes if p["title"] == title)
    return found


async def person(gateway: GatewayAPI, token: str, organisation_id: str, position: str) -> str:
    nodes = (await gateway.data(PEOPLE, {"org": organisation_id}, token=token))["people"]["nodes"]
    return str(next(p["id"] for p in nodes if p["position"] == position))


async def visit_by_purpose(
    gateway: GatewayAPI, token: str, partnership_id: str, purpose: str, year: int
) -> dict[str, Any] | None:
    data = await gateway.data(VISITS, {"id": partnership_id, "year": year}, token=token)
    found = [v for v in data["partnership"]["visits"]["nodes"] if v["purpose"] == purpose]
    assert len(found) <= 1, found
    return found[0] if found else None


async def compliance(
    gateway: GatewayAPI, token: str, partnership_id: str, year: int
) -> dict[str, Any]:
    data = await gateway.data(COMPLIANCE, {"id": partnership_id, "year": year}, token=token)
    result: dict[str, Any] = data["partnership"]["meetingCompliance"]
    return result


async def plan_by_api(
    gateway: GatewayAPI,
    token: str,
    found: dict[str, Any],
    *,
    starts: date,
    days: int = 3,
) -> tuple[str, str]:
    """A planned visit to the partner, by the Swedish partner's chief executive: (id, purpose)."""
    purpose = f"Study visit {uuid.uuid4().hex[:8]}"
    traveller = await person(gateway, token, found["swedishPartnerId"], "Chief executive")
    data = await gateway.data(
        PLAN,
        {
            "input": {
                "partnershipId": found["id"],
                "hostOrganisationId": found["partnerIds"][0],
                "startsOn": starts.isoformat(),
                "endsOn": (starts + timedelta(days=days - 1)).isoformat(),
                "participantIds": [traveller],
                "purpose": purpose,
            }
        },
        token=token,
    )
    return str(data["planVisit"]["visit"]["id"]), purpose


# --- the screens ----------------------------------------------------------------------------


async def use_locale(page: Page, locale: str) -> None:
    """The console's language choice (what the language menu stores), from the next load."""
    await page.evaluate("(locale) => localStorage.setItem('icld.locale', locale)", locale)


def field(page: Page, key: str, locale: str = "en") -> Locator:
    """A text or date field by its label (the accessible name, without the required mark)."""
    return page.get_by_role("textbox", name=say(key, locale), exact=True)


async def choose_people(page: Page, field: str, *names: str) -> None:
    select = page.get_by_role("combobox", name=field, exact=True)
    for name in names:
        await select.click()
        await page.get_by_role("option", name=name, exact=True).click()
    await page.keyboard.press("Escape")


async def fill_plan(
    page: Page,
    *,
    host: str,
    starts: date,
    ends: date,
    purpose: str,
    people: dict[str, list[str]],
) -> None:
    await page.get_by_role("radio", name=host, exact=True).check()
    await field(page, "visits.field.startsOn").fill(starts.isoformat())
    await field(page, "visits.field.endsOn").fill(ends.isoformat())
    await field(page, "visits.field.purpose").fill(purpose)
    for select, names in people.items():
        await choose_people(page, select, *names)


async def back_on_partnership(page: Page, partnership_id: str, year: int) -> None:
    """After a save: the partnership page, its visits section at the visit's year."""
    path = f"/partnerships/{partnership_id}?visitsYear={year}"
    await page.wait_for_url(re.compile(re.escape(path) + "$"))


def visit_row(page: Page, purpose: str) -> Locator:
    """The visit's row in the section's table (desktop)."""
    return page.get_by_role("row").filter(has_text=purpose)


def compliance_box(page: Page) -> Locator:
    return page.get_by_test_id("meeting-compliance")


async def open_section(page: Page, partnership_id: str) -> None:
    await page.goto(f"/partnerships/{partnership_id}")
    await expect(compliance_box(page)).to_be_visible()


# --- plan, edit, complete -------------------------------------------------------------------


async def test_a_coordinator_plans_a_visit_on_the_form(page: Page, gateway: GatewayAPI) -> None:
    coordinator = await sign_in_by_api(page, "coordinator", "Machakos")
    found = await partnership(gateway, coordinator["token"], "Machakos – Robertsfors")
    purpose = f"Policy workshop {uuid.uuid4().hex[:8]}"
    starts = today()
    await page.goto(f"/partnerships/{found['id']}/visits/new")

    await fill_plan(
        page,
        host="Robertsfors (Sweden)",
        starts=starts,
        ends=starts + timedelta(days=4),
        purpose=purpose,
        people={"From Machakos (Kenya)": ["Faith Wambua, Chief executive"]},
    )
    await page.get_by_role("button", name=say("visits.plan.submit")).click()

    await back_on_partnership(page, found["id"], starts.year)
    planned = await visit_by_purpose(
        gateway, coordinator["token"], found["id"], purpose, starts.year
    )
    faith = await person(gateway, coordinator["token"], found["partnerIds"][0], "Chief executive")
    assert planned is not None
    assert planned["status"] == "PLANNED"
    assert planned["hostOrganisationId"] == found["swedishPartnerId"]
    assert (planned["startsOn"], planned["endsOn"]) == (
        starts.isoformat(),
        (starts + timedelta(days=4)).isoformat(),
    )
    assert planned["participantIds"] == [faith]
    # Back on the partnership page, the list shows the new visit without a reload.
    await expect(visit_row(page, purpose)).to_contain_text(say("enum.VisitStatus.PLANNED"))


async def test_a_coordinator_changes_a_planned_visit(page: Page, gateway: GatewayAPI) -> None:
    coordinator = await sign_in_by_api(page, "coordinator", "Machakos")
    found = await partnership(gateway, coordinator["token"], "Machakos – Robertsfors")
    starts = today() + timedelta(days=30)
    visit_id, purpose = await plan_by_api(gateway, coordinator["token"], found, starts=starts)
    changed = f"{purpose}, with the council"
    await page.goto(f"/visits/{visit_id}/edit")

    await expect(field(page, "visits.field.purpose")).to_have_value(purpose)
    await field(page, "visits.field.purpose").fill(changed)
    ends = starts + timedelta(days=6)
    await field(page, "visits.field.endsOn").fill(ends.isoformat())
    await choose_people(page, "From Machakos (Kenya)", "Peter Musyoka, International coordinator")
    await page.get_by_role("button", name=say("common.save"), exact=True).click()

    await back_on_partnership(page, found["id"], starts.year)
    now = await visit_by_purpose(gateway, coordinator["token"], found["id"], changed, starts.year)
    peter = await person(
        gateway, coordinator["token"], found["partnerIds"][0], "International coordinator"
    )
    assert now is not None
    assert (now["id"], now["status"], now["endsOn"]) == (visit_id, "PLANNED", ends.isoformat())
    assert peter in now["participantIds"]
    assert len(now["participantIds"]) == 2
    await expect(visit_row(page, changed)).to_contain_text(PARTICIPANTS["en"](2))


async def test_a_change_after_someone_elses_keeps_the_input_and_saves_on_the_new_version(
    page: Page, gateway: GatewayAPI
) -> None:
    officer = await sign_in_by_api(page, "officer")
    found = await partnership(gateway, officer["token"], "Stellenbosch – Jönköping")
    starts = today() + timedelta(days=40)
    visit_id, purpose = await plan_by_api(gateway, officer["token"], found, starts=starts)
    mine = f"{purpose}: mine"
    await page.goto(f"/visits/{visit_id}/edit")
    await field(page, "visits.field.purpose").fill(mine)
    # Meanwhile someone else changes the visit: the form's version is stale.
    await gateway.data(
        UPDATE,
        {
            "input": {
                "id": visit_id,
                "version": 1,
                "endsOn": (starts + timedelta(days=1)).isoformat(),
            }
        },
        token=officer["token"],
    )

    await page.get_by_role("button", name=say("common.save"), exact=True).click()
    await expect(page.get_by_role("alert")).to_contain_text(say("error.conflict.title"))
    await page.get_by_role("button", name=say("error.conflict.reload")).click()
    await expect(page.get_by_role("alert")).to_be_hidden()  # the latest version is in
    await expect(field(page, "visits.field.purpose")).to_have_value(mine)
    await page.get_by_role("button", name=say("common.save"), exact=True).click()

    await back_on_partnership(page, found["id"], starts.year)
    saved = await visit_by_purpose(gateway, officer["token"], found["id"], mine, starts.year)
    assert saved is not None
    assert (saved["id"], saved["version"]) == (visit_id, 3)


async def test_completing_a_visit_counts_it_for_the_year(page: Page, gateway: GatewayAPI) -> None:
    coordinator = await sign_in_by_api(page, "coordinator", "Machakos")
    token = coordinator["token"]
    found = await partnership(gateway, token, "Machakos – Robertsfors")
    year = today().year
    _, purpose = await plan_by_api(gateway, token, found, starts=today())
    before = await compliance(gateway, token, found["id"], year)
    await open_section(page, found["id"])
    await expect(compliance_box(page)).to_contain_text(
        COMPLETED_VISITS["en"](before["completedVisits"])
    )

    row = visit_row(page, purpose)
    await row.get_by_role("button", name=re.compile(f"^{say('visits.action.complete')}")).click()
    dialog = page.get_by_role("dialog")
    await dialog.get_by_role("button", name=say("visits.action.complete"), exact=True).click()
    await expect(dialog).to_be_hidden()

    after = await compliance(gateway, token, found["id"], year)
    assert after["completedVisits"] == before["completedVisits"] + 1
    await expect(row).to_contain_text(say("enum.VisitStatus.COMPLETED"))
    await expect(compliance_box(page)).to_contain_text(
        COMPLETED_VISITS["en"](after["completedVisits"])
    )
    met = "visits.compliance.met" if after["compliant"] else "visits.compliance.notMet"
    await expect(compliance_box(page)).to_contain_text(say(met))


async def test_cancelling_a_planned_visit_asks_why(page: Page, gateway: GatewayAPI) -> None:
    officer = await sign_in_by_api(page, "officer")
    found = await partnership(gateway, officer["token"], "Kibaha – Region Gotland")
    starts = today() + timedelta(days=1)
    _, purpose = await plan_by_api(gateway, officer["token"], found, starts=starts)
    await page.goto(f"/partnerships/{found['id']}?visitsYear={starts.year}")

    row = visit_row(page, purpose)
    await row.get_by_role("button", name=re.compile(f"^{say('visits.action.cancel')}")).click()
    dialog = page.get_by_role("dialog")
    confirm = dialog.get_by_role("button", name=say("visits.action.cancel"), exact=True)
    await confirm.click()
    await expect(dialog).to_contain_text(say("visits.error.noteRequired"))
    note = dialog.get_by_role("textbox", name=say("visits.cancel.note"))
    await note.fill("The council meets that week")
    await confirm.click()
    await expect(dialog).to_be_hidden()

    await expect(row).to_contain_text(say("enum.VisitStatus.CANCELLED"))
    cancelled = await visit_by_purpose(gateway, officer["token"], found["id"], purpose, starts.year)
    assert cancelled is not None
    assert cancelled["status"] == "CANCELLED"
    assert cancelled["auditTrail"][-1]["note"] == "The council meets that week"


async def test_the_year_switcher_shows_that_years_compliance_and_visits(
    page: Page, gateway: GatewayAPI
) -> None:
    officer = await sign_in_by_api(page, "officer")
    found = await partnership(gateway, officer["token"], "Kibaha – Region Gotland")
    year = today().year - 1
    expected = await compliance(gateway, officer["token"], found["id"], year)
    visits = (
        await gateway.data(VISITS, {"id": found["id"], "year": year}, token=officer["token"])
    )["partnership"]["visits"]["nodes"]
    await open_section(page, found["id"])

    await page.get_by_role("combobox", name=say("visits.year"), exact=True).select_option(str(year))

    box = compliance_box(page)
    await expect(box).to_contain_text(say("visits.compliance.title", year=year))
    await expect(box).to_contain_text(COMPLETED_VISITS["en"](expected["completedVisits"]))
    if visits:
        table = page.get_by_role("table", name=say("visits.list.caption", year=year))
        await expect(table.get_by_role("row")).to_have_count(len(visits) + 1)
    else:
        await expect(page.get_by_text(say("visits.none", year=year))).to_be_visible()
    assert f"visitsYear={year}" in page.url


async def test_a_plan_sent_without_a_connection_is_sent_again_on_retry(
    page: Page, gateway: GatewayAPI
) -> None:
    coordinator = await sign_in_by_api(page, "coordinator", "Kibaha")
    found = await partnership(gateway, coordinator["token"], "Kibaha – Region Gotland")
    purpose = f"Sent twice {uuid.uuid4().hex[:8]}"
    starts = today() + timedelta(days=120)
    await page.goto(f"/partnerships/{found['id']}/visits/new")
    await fill_plan(
        page,
        host="Kibaha (Tanzania)",
        starts=starts,
        ends=starts + timedelta(days=3),
        purpose=purpose,
        people={"From Region Gotland (Sweden)": ["Chief executive (Civil servant)"]},
    )

    await page.route("**/graphql", lambda route: route.abort("internetdisconnected"))
    await page.get_by_role("button", name=say("visits.plan.submit")).click()
    await expect(page.get_by_role("alert")).to_contain_text(say("error.network.title"))
    await page.unroute("**/graphql")
    await page.get_by_role("button", name=say("common.retry")).click()

    await back_on_partnership(page, found["id"], starts.year)
    planned = await visit_by_purpose(
        gateway, coordinator["token"], found["id"], purpose, starts.year
    )
    assert planned is not None
    assert planned["hostOrganisationId"] == found["partnerIds"][0]


async def test_what_was_typed_survives_signing_in_again(page: Page, gateway: GatewayAPI) -> None:
    coordinator = await sign_in_by_api(page, "coordinator", "Kibaha")
    found = await partnership(gateway, coordinator["token"], "Kibaha – Region Gotland")
    path = f"/partnerships/{found['id']}/visits/new"
    await page.goto(path)
    await field(page, "visits.field.purpose").fill("Council exchange on budgets")

    await store_session(page, None)  # the session ends (expired, or signed out elsewhere)
    await page.reload()
    await page.wait_for_url("**/sign-in?**")
    await sign_in_by_api(page, "coordinator", "Kibaha", path=path)

    await expect(field(page, "visits.field.purpose")).to_have_value("Council exchange on budgets")


# --- the rules at the fields ----------------------------------------------------------------


@pytest.mark.parametrize("locale", ["en", "es"])
async def test_too_long_a_visit_or_one_ending_before_it_starts_is_refused_at_the_dates(
    page: Page, gateway: GatewayAPI, locale: str
) -> None:
    officer = await sign_in_by_api(page, "officer")
    found = await partnership(gateway, officer["token"], "Kibaha – Region Gotland")
    await use_locale(page, locale)
    await page.goto(f"/partnerships/{found['id']}/visits/new")
    starts = today() + timedelta(days=60)
    purpose = f"Too long {uuid.uuid4().hex[:8]}"
    ends = field(page, "visits.field.endsOn", locale)
    submit = page.get_by_role("button", name=say("visits.plan.submit", locale))
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url) if "planVisit" in (r.post_data or "") else None)

    await page.get_by_role("radio", name=re.compile("^Kibaha")).check()
    await field(page, "visits.field.startsOn", locale).fill(starts.isoformat())
    await ends.fill((starts + timedelta(days=21)).isoformat())
    await field(page, "visits.field.purpose", locale).fill(purpose)
    await submit.click()

    await expect(ends).to_have_attribute("aria-invalid", "true")
    await expect(ends).to_have_accessible_description(
        re.compile(re.escape(say("visits.error.tooLong", locale, max=21, days=22)))
    )

    await ends.fill((starts - timedelta(days=1)).isoformat())
    await submit.click()

    await expect(ends).to_have_accessible_description(
        re.compile(re.escape(say("visits.error.endsBeforeStart", locale)))
    )
    assert sent == [], "the form sent a plan the rules refuse"
    # The API is the judge: it refuses the same plan at the same field.
    refused = await gateway.execute(
        PLAN,
        {
            "input": {
                "partnershipId": found["id"],
                "hostOrganisationId": found["partnerIds"][0],
                "startsOn": starts.isoformat(),
                "endsOn": (starts + timedelta(days=21)).isoformat(),
                "participantIds": [
                    await person(
                        gateway, officer["token"], found["swedishPartnerId"], "Chief executive"
                    )
                ],
                "purpose": purpose,
            }
        },
        token=officer["token"],
    )
    error = refused["errors"][0]["extensions"]
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", "endsOn")


# --- languages, phones, accessibility, keyboard ----------------------------------------------


@pytest.mark.parametrize("locale", ["es", "sv"])
async def test_the_section_speaks_spanish_and_swedish(
    page: Page, gateway: GatewayAPI, locale: str
) -> None:
    officer = await sign_in_by_api(page, "officer")
    found = await partnership(gateway, officer["token"], "Stellenbosch – Jönköping")
    year = today().year
    expected = await compliance(gateway, officer["token"], found["id"], year)
    visits = (
        await gateway.data(VISITS, {"id": found["id"], "year": year}, token=officer["token"])
    )["partnership"]["visits"]["nodes"]
    await use_locale(page, locale)

    await open_section(page, found["id"])

    section = page.get_by_role("region", name=say("visits.title", locale))
    await expect(section.get_by_role("heading", level=2)).to_have_text(say("visits.title", locale))
    await expect(compliance_box(page)).to_contain_text(
        COMPLETED_VISITS[locale](expected["completedVisits"])
    )
    first = visits[0]
    start: str = await page.evaluate(
        """([locale, iso]) => new Intl.DateTimeFormat(locale, {dateStyle: "medium"})
            .format(new Date(iso + "T12:00:00"))""",
        [locale, first["startsOn"]],
    )
    row = page.get_by_role("row").filter(has_text=start).filter(has_text=first["purpose"])
    await expect(row).to_have_count(1)
    await expect(row).to_contain_text(PARTICIPANTS[locale](len(first["participantIds"])))
    await expect(row).to_contain_text(say(f"enum.VisitStatus.{first['status']}", locale))


async def test_the_section_fits_a_phone(phone: Page, gateway: GatewayAPI) -> None:
    officer = await sign_in_by_api(phone, "officer")
    found = await partnership(gateway, officer["token"], "Kibaha – Region Gotland")
    year = today().year
    visits = (
        await gateway.data(VISITS, {"id": found["id"], "year": year}, token=officer["token"])
    )["partnership"]["visits"]["nodes"]

    await open_section(phone, found["id"])

    cards = phone.get_by_role("list", name=say("visits.list.caption", year=year))
    await expect(cards.get_by_role("listitem")).to_have_count(len(visits))
    await expect(phone.get_by_role("table")).to_have_count(0)
    assert await horizontal_overflow(phone) == 0


async def test_the_plan_form_fits_a_phone(phone: Page, gateway: GatewayAPI) -> None:
    coordinator = await sign_in_by_api(phone, "coordinator", "Kibaha")
    found = await partnership(gateway, coordinator["token"], "Kibaha – Region Gotland")

    await phone.goto(f"/partnerships/{found['id']}/visits/new")
    await expect(field(phone, "visits.field.purpose")).to_be_visible()

    assert await horizontal_overflow(phone) == 0
    await screenshot(phone, "visit-plan-form")


async def test_the_plan_form_is_accessible(page: Page, gateway: GatewayAPI) -> None:
    coordinator = await sign_in_by_api(page, "coordinator", "Kibaha")
    found = await partnership(gateway, coordinator["token"], "Kibaha – Region Gotland")

    await page.goto(f"/partnerships/{found['id']}/visits/new")
    await expect(
        page.get_by_role("combobox", name="From Kibaha (Tanzania)", exact=True)
    ).to_be_visible()
    await assert_accessible(page, "the plan form")
    await screenshot(page, "visit-plan-form")

    await page.get_by_role("button", name=say("visits.plan.submit")).click()
    await expect(page.get_by_role("radio").first).to_be_focused()
    await assert_accessible(page, "the plan form with its errors")


async def test_the_section_is_accessible(page: Page, gateway: GatewayAPI) -> None:
    officer = await sign_in_by_api(page, "officer")
    found = await partnership(gateway, officer["token"], "Kibaha – Region Gotland")
    starts = today() + timedelta(days=2)
    _, purpose = await plan_by_api(gateway, officer["token"], found, starts=starts)

    await page.goto(f"/partnerships/{found['id']}?visitsYear={starts.year}")
    await expect(visit_row(page, purpose)).to_be_visible()
    await assert_accessible_within(page, "[data-testid=visits-section]", "the visits section")

    await (
        visit_row(page, purpose)
        .get_by_role("button", name=re.compile(f"^{say('visits.action.cancel')}"))
        .click()
    )
    await expect(page.get_by_role("dialog")).to_be_visible()
    await assert_accessible_within(page, "[role=dialog]", "the cancel dialog")


async def assert_accessible_within(page: Page, selector: str, what: str) -> None:
    """No serious or critical axe-core violations in the elements `selector` matches (the
    rest of the page belongs to other screens' tests)."""
    found = []
    for violation in await axe_violations(page):
        targets = [" ".join(node["target"]) for node in violation["nodes"]]
        within: list[bool] = await page.evaluate(
            """([targets, selector]) => targets.map(
                (target) => document.querySelector(target)?.closest(selector) != null)""",
            [targets, selector],
        )
        nodes = [n for n, inside in zip(violation["nodes"], within, strict=True) if inside]
        if nodes:
            found.append({**violation, "nodes": nodes})
    assert not found, f"{what}: serious/critical accessibility violations:\n" + (
        describe_violations(found)
    )


async def test_a_visit_is_planned_with_the_keyboard_alone(page: Page, gateway: GatewayAPI) -> None:
    coordinator = await sign_in_by_api(page, "coordinator", "Kibaha")
    token = coordinator["token"]
    found = await partnership(gateway, token, "Kibaha – Region Gotland")
    starts = today() + timedelta(days=90)
    purpose = f"Planned by keyboard {uuid.uuid4().hex[:8]}"
    await page.goto(f"/partnerships/{found['id']}/visits/new")
    keyboard = page.keyboard

    await tab_to(page, page.get_by_role("radio", name="Region Gotland (Sweden)"))
    await keyboard.press("Space")
    await tab_to(page, field(page, "visits.field.startsOn"))
    await keyboard.type(us_date_keys(starts))
    await tab_to(page, field(page, "visits.field.endsOn"))
    await keyboard.type(us_date_keys(starts + timedelta(days=5)))
    await tab_to(page, field(page, "visits.field.purpose"))
    await keyboard.type(purpose)
    await tab_to(page, page.get_by_role("combobox", name="From Kibaha (Tanzania)", exact=True))
    await keyboard.type("Neema")
    await keyboard.press("ArrowDown")
    await keyboard.press("Enter")
    await keyboard.press("Escape")
    await tab_to(page, page.get_by_role("button", name=say("visits.plan.submit")))
    await keyboard.press("Enter")

    await back_on_partnership(page, found["id"], starts.year)
    planned = await visit_by_purpose(gateway, token, found["id"], purpose, starts.year)
    neema = await person(gateway, token, found["partnerIds"][0], "Chief executive")
    assert planned is not None
    assert planned["hostOrganisationId"] == found["swedishPartnerId"]
    assert planned["startsOn"] == starts.isoformat()
    assert planned["participantIds"] == [neema]
