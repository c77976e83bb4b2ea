"""The dashboard (/): the programme's figures as the gateway answers the same questions,
charts whose entries open the filtered partnership list, a coordinator's own figures,
Spanish and Swedish, phones, accessibility and the keyboard."""

from __future__ import annotations

import functools
import json
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

import pytest
from playwright.async_api import Locator, Page, expect

from tests.support.browser import ROOT, assert_accessible, screenshot, sign_in, sign_in_by_api
from tests.support.gateway_api import GatewayAPI

WEB = ROOT / "web" / "src"

STATISTICS = """
query($filter: PartnershipFilter, $year: Int!) {
  partnershipStatistics(filter: $filter) {
    total
    byStatus { key count }
    byCountry { key count }
    byTheme { key count }
    steeringGroupIncomplete
    meetingsBelowRule(year: $year)
  }
}
"""
WAITING = """
{
  toAssess: applications(first: 0, filter: {status: SUBMITTED}) { totalCount }
  toDecide: applications(first: 0, filter: {status: ELIGIBLE}) { totalCount }
}
"""
REPORTS_DUE = "{ financialReportsDue { caseNumber status } }"
ACTIVE = """
query($filter: PartnershipFilter, $year: Int!) {
  partnerships(first: 100, filter: $filter) {
    totalCount
    nodes {
      id title steeringGroupGaps
      meetingCompliance(year: $year) { completedVisits compliant }
    }
  }
}
"""

BREAKDOWNS = {
    "status": "dashboard.breakdown.byStatus",
    "country": "dashboard.breakdown.byCountry",
    "theme": "dashboard.breakdown.byTheme",
}
"""Each chart's filter (the partnership list's search param) and its heading."""

SOUTH_AFRICA = {"en": "South Africa", "es": "Sudáfrica", "sv": "Sydafrika"}
"""A demo partner's country as each language names it."""


# --- what the screen says ---------------------------------------------------------------------


@functools.cache
def catalogue(locale: str) -> dict[str, str]:
    """The console's texts in `locale`: the shared catalogue and the dashboard's."""
    texts: dict[str, str] = {}
    for folder in (WEB / "i18n" / "messages", WEB / "features" / "dashboard" / "messages"):
        texts.update(json.loads((folder / f"{locale}.json").read_text()))
    return texts


def say(key: str, locale: str = "en", **values: object) -> str:
    """A message without plural forms, its {placeholders} filled."""
    text = catalogue(locale)[key]
    for name, value in values.items():
        text = text.replace(f"{{{name}}}", str(value))
    assert "{" not in text, f"{key} has parts this helper does not fill: {text}"
    return text


def plural(key: str, locale: str, count: int, shown: str, **values: object) -> str:
    """A `{count, plural, one {…} other {…}}` message as a reader sees it: the `one` form for
    1 (English, Spanish and Swedish alike at these sizes), `shown` for the number."""
    text = catalogue(locale)[key]
    forms = dict(re.findall(r"(one|other) \{((?:[^{}]|\{[^{}]*\})*)\}", text))
    chosen = forms["one" if count == 1 else "other"]
    chosen = re.sub(r"</?num>", "", chosen).replace("#", shown)
    return say_text(chosen, **values)


def say_text(text: str, **values: object) -> str:
    for name, value in values.items():
        text = text.replace(f"{{{name}}}", str(value))
    assert "{" not in text, text
    return text


def this_year() -> int:
    """The API's current year (UTC), the one the dashboard counts meetings in."""
    return datetime.now(UTC).year


def figure(page: Page, name: str) -> Locator:
    """The number of one of the dashboard's figures."""
    return page.get_by_test_id(f"figure-{name}")


def breakdown(page: Page, kind: str, locale: str = "en") -> Locator:
    return page.get_by_role("region", name=say(BREAKDOWNS[kind], locale), exact=True)


def entry_link(
    section: Locator, kind: str, key: str, scope: dict[str, str] | None = None
) -> Locator:
    """A legend entry: a link into the partnership list filtered by it (and, for a
    coordinator, by their organisation, as the dashboard counts)."""
    params = {kind: key}
    if scope:
        params["organisation"] = scope["organisationId"]
    return section.locator(f'a[href="/partnerships?{urlencode(params)}"]')


async def open_dashboard(page: Page) -> None:
    await page.goto("/")
    await expect(figure(page, "partnerships")).to_be_visible()


async def horizontal_overflow(page: Page) -> int:
    """How far the page scrolls sideways, in CSS pixels (0: it does not)."""
    overflow: int = await page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    return overflow


async def tab_to(page: Page, target: Locator, limit: int = 80) -> None:
    """Presses Tab until `target` has the focus, as a keyboard user moves through a page."""
    for _ in range(limit):
        if await target.evaluate("(element) => element === document.activeElement"):
            return
        await page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target}")


async def click_shape(page: Page, shape: Locator) -> None:
    """Clicks an SVG shape of a chart where it is drawn: on its outline (a donut segment's
    middle is the hole of its bounding box)."""
    await shape.scroll_into_view_if_needed()
    point: dict[str, float] = await shape.evaluate(
        """(element) => {
            const path = element.matches("path") ? element : element.querySelector("path");
            const at = path.getPointAtLength(path.getTotalLength() * 0.3);
            const m = path.getScreenCTM();
            return { x: m.a * at.x + m.c * at.y + m.e, y: m.b * at.x + m.d * at.y + m.f };
        }"""
    )
    await page.mouse.click(point["x"], point["y"])


# --- the API's answers ------------------------------------------------------------------------


async def session_of(page: Page, role: str) -> dict[str, Any]:
    """Another user's session, to ask the API, without signing the page's user out."""
    response = await page.request.post("/dev/sign-in", data={"role": role})
    assert response.ok, await response.text()
    session: dict[str, Any] = await response.json()
    return session


def scope_of(session: dict[str, Any]) -> dict[str, str]:
    """The partnerships a user's dashboard counts: a coordinator's organisation's, else all."""
    user = session["user"]
    return {"organisationId": user["org"]} if user["roles"] == ["coordinator"] else {}


async def statistics(gateway: GatewayAPI, session: dict[str, Any]) -> dict[str, Any]:
    variables = {"filter": scope_of(session), "year": this_year()}
    data = await gateway.data(STATISTICS, variables, token=session["token"])
    found: dict[str, Any] = data["partnershipStatistics"]
    return found


async def expected_figures(gateway: GatewayAPI, session: dict[str, Any]) -> dict[str, int]:
    """Each figure of the dashboard, as the gateway answers the same question."""
    token = session["token"]
    counted = await statistics(gateway, session)
    waiting = await gateway.data(WAITING, token=token)
    reports = (await gateway.data(REPORTS_DUE, token=token))["financialReportsDue"]
    return {
        "partnerships": counted["total"],
        "steeringGroupIncomplete": counted["steeringGroupIncomplete"],
        "meetingsBelowRule": counted["meetingsBelowRule"],
        "toAssess": waiting["toAssess"]["totalCount"],
        "toDecide": waiting["toDecide"]["totalCount"],
        "reportsOverdue": sum(1 for r in reports if r["status"] == "OVERDUE"),
        "reportsDue": sum(1 for r in reports if r["status"] == "DUE"),
    }


async def active_partnerships(gateway: GatewayAPI, session: dict[str, Any]) -> dict[str, Any]:
    variables = {"filter": {**scope_of(session), "status": "ACTIVE"}, "year": this_year()}
    data = await gateway.data(ACTIVE, variables, token=session["token"])
    found: dict[str, Any] = data["partnerships"]
    return found


# --- checks shared by the tests ---------------------------------------------------------------


async def assert_figures(page: Page, expected: dict[str, int]) -> None:
    for name, count in expected.items():
        await expect(figure(page, name), f"figure {name}").to_have_text(f"{count:,}")


async def assert_breakdowns(
    page: Page, counted: dict[str, Any], scope: dict[str, str] | None = None
) -> None:
    """Every chart's legend lists the API's keys with their counts, each a filter link."""
    for kind, field in (("status", "byStatus"), ("country", "byCountry"), ("theme", "byTheme")):
        section = breakdown(page, kind)
        rows = counted[field]
        await expect(section.get_by_role("link"), f"{kind} entries").to_have_count(len(rows))
        for row in rows:
            link = entry_link(section, kind, row["key"], scope)
            await expect(link, f"{kind} {row['key']}").to_have_text(
                re.compile(rf"(^|\D){row['count']}$")
            )


async def assert_compliance_rows(page: Page, active: dict[str, Any]) -> None:
    """One row per active partnership, saying what the API says of its steering group and
    of its meetings this year."""
    year = this_year()
    table = page.get_by_role("table", name=say("dashboard.compliance.caption", year=year))
    await expect(table.locator("tbody tr")).to_have_count(active["totalCount"])
    for node in active["nodes"]:
        link = table.get_by_role("link", name=node["title"], exact=True)
        await expect(link).to_have_attribute("href", f"/partnerships/{node['id']}")
        row = table.get_by_role("row").filter(
            has=page.get_by_role("link", name=node["title"], exact=True)
        )
        steering = "complete" if not node["steeringGroupGaps"] else "incomplete"
        await expect(row).to_contain_text(say(f"dashboard.steeringGroup.{steering}"))
        compliance = node["meetingCompliance"]
        verdict = "compliant" if compliance["compliant"] else "belowRule"
        await expect(row).to_contain_text(say(f"dashboard.meetings.{verdict}"))
        visits = compliance["completedVisits"]
        await expect(row).to_contain_text(
            f"{visits} completed visit{'s' * (visits != 1)} in {year}"
        )


# --- the figures are the API's ----------------------------------------------------------------


async def test_an_officer_sees_the_programme_as_the_api_counts_it(
    page: Page, gateway: GatewayAPI
) -> None:
    officer = await sign_in(page, "officer")

    await expect(figure(page, "partnerships")).to_be_visible()

    await assert_figures(page, await expected_figures(gateway, officer))
    await assert_breakdowns(page, await statistics(gateway, officer))
    await assert_compliance_rows(page, await active_partnerships(gateway, officer))


async def test_a_coordinator_sees_only_their_organisations_figures(
    page: Page, gateway: GatewayAPI
) -> None:
    coordinator = await sign_in_by_api(page, "coordinator", "Kibaha")
    own = await statistics(gateway, coordinator)
    everything = await statistics(gateway, await session_of(page, "officer"))
    assert own["total"] < everything["total"], "the demo's coordinator should see fewer"

    await expect(figure(page, "partnerships")).to_be_visible()

    await expect(page.get_by_text(say("dashboard.scope.organisation"))).to_be_visible()
    await assert_figures(page, await expected_figures(gateway, coordinator))
    await assert_breakdowns(page, own, scope_of(coordinator))
    await assert_compliance_rows(page, await active_partnerships(gateway, coordinator))


# --- into the lists ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["status", "country", "theme"])
async def test_a_legend_entry_opens_the_partnership_list_with_its_filter(
    page: Page, gateway: GatewayAPI, kind: str
) -> None:
    officer = await sign_in_by_api(page, "officer")
    first = (await statistics(gateway, officer))[f"by{kind.capitalize()}"][0]["key"]
    await open_dashboard(page)

    await entry_link(breakdown(page, kind), kind, first).click()

    await expect(page).to_have_url(
        re.compile(rf"/partnerships\?{re.escape(urlencode({kind: first}))}$")
    )


@pytest.mark.parametrize(
    ("kind", "element"),
    [("status", ".recharts-pie-sector"), ("country", ".recharts-bar-rectangle")],
)
async def test_a_chart_element_opens_the_partnership_list_with_its_filter(
    page: Page, gateway: GatewayAPI, kind: str, element: str
) -> None:
    officer = await sign_in_by_api(page, "officer")
    first = (await statistics(gateway, officer))[f"by{kind.capitalize()}"][0]["key"]
    await open_dashboard(page)

    await click_shape(page, breakdown(page, kind).locator(element).first)

    await expect(page).to_have_url(
        re.compile(rf"/partnerships\?{re.escape(urlencode({kind: first}))}$")
    )


@pytest.mark.parametrize(("name", "status"), [("toAssess", "SUBMITTED"), ("toDecide", "ELIGIBLE")])
async def test_applications_waiting_open_the_application_list_with_their_status(
    page: Page, name: str, status: str
) -> None:
    await sign_in_by_api(page, "officer")
    await open_dashboard(page)

    await figure(page, name).click()

    # The router changes the address once the list's code is in: wait for it.
    await expect(page).to_have_url(re.compile(rf"/applications\?status={status}$"))


async def test_a_charts_filter_link_is_reached_and_opened_with_the_keyboard(
    page: Page, gateway: GatewayAPI
) -> None:
    officer = await sign_in_by_api(page, "officer")
    first = (await statistics(gateway, officer))["byCountry"][0]["key"]
    await open_dashboard(page)

    await tab_to(page, entry_link(breakdown(page, "country"), "country", first))
    await page.keyboard.press("Enter")

    await expect(page).to_have_url(re.compile(rf"/partnerships\?country={first}$"))


# --- languages, phones, accessibility ---------------------------------------------------------


@pytest.mark.parametrize("locale", ["es", "sv"])
async def test_the_dashboard_speaks_spanish_and_swedish(
    page: Page, gateway: GatewayAPI, locale: str
) -> None:
    officer = await sign_in_by_api(page, "officer")
    expected = await expected_figures(gateway, officer)
    counted = await statistics(gateway, officer)
    await page.evaluate("(locale) => localStorage.setItem('icld.locale', locale)", locale)

    await open_dashboard(page)

    await expect(page.get_by_role("heading", level=1)).to_have_text(say("nav.dashboard", locale))
    await expect(
        page.get_by_role("heading", name=say("dashboard.glance.title", locale))
    ).to_be_visible()
    for name in ("partnerships", "meetingsBelowRule"):
        count = expected[name]
        shown: str = await page.evaluate(
            "([locale, n]) => new Intl.NumberFormat(locale).format(n)", [locale, count]
        )
        await expect(figure(page, name)).to_have_text(shown)
        sentence = plural(f"dashboard.figure.{name}", locale, count, shown, year=this_year())
        await expect(figure(page, name).locator("xpath=..")).to_have_text(sentence)
    status = breakdown(page, "status", locale)
    for row in counted["byStatus"]:
        await expect(entry_link(status, "status", row["key"])).to_contain_text(
            say(f"enum.PartnershipStatus.{row['key']}", locale)
        )
    countries = breakdown(page, "country", locale)
    await expect(entry_link(countries, "country", "ZA")).to_contain_text(SOUTH_AFRICA[locale])


async def test_the_dashboard_fits_a_phone(phone: Page, gateway: GatewayAPI) -> None:
    officer = await sign_in_by_api(phone, "officer")
    active = await active_partnerships(gateway, officer)

    await open_dashboard(phone)

    compliance = phone.get_by_role("region", name=say("dashboard.compliance.title"))
    cards = compliance.get_by_role(
        "list", name=say("dashboard.compliance.caption", year=this_year()), exact=True
    )
    await expect(cards.locator(":scope > li")).to_have_count(active["totalCount"])
    await expect(compliance.get_by_role("table")).to_have_count(0)
    assert await horizontal_overflow(phone) == 0
    await assert_accessible(phone, "the dashboard on a phone")
    await screenshot(phone, "dashboard")


async def test_the_dashboard_is_accessible(page: Page, gateway: GatewayAPI) -> None:
    await sign_in_by_api(page, "officer")

    await open_dashboard(page)

    await expect(page.get_by_role("table").first).to_be_visible()
    await assert_accessible(page, "the dashboard")
    await screenshot(page, "dashboard")
