"""Applications in the web console: a coordinator drafts one (results chain and budget) with
autosave and submits it; an officer finds it, assesses and approves it; finance opens its
grant through the platform's events. Compared throughout with what the gateway answers.

Routes: /applications (list), /applications/new?partnershipId=… and /applications/<id>/edit
(the draft form), /applications/<id> (the application page).
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from playwright.async_api import Browser, Locator, Page, expect

from tests.support.browser import (
    DESKTOP,
    assert_accessible,
    horizontal_overflow,
    screenshot,
    sign_in,
    sign_in_by_api,
    store_session,
    tab_to,
)
from tests.support.catalogue import say, starting
from tests.support.gateway_api import GatewayAPI
from tests.support.runner import Devstack

KIBAHA = "Kibaha – Region Gotland"
MACHAKOS = "Machakos – Robertsfors"
PARTNERSHIP_FINANCE = "Grants and funding"
"""The partnership page's section of grants (the partnerships feature's catalogue)."""
GRANT_TIMEOUT_MS = 45_000
"""The decision's event reaches finance, which opens the grant; the page asks a few times."""

PARTNERSHIPS = "{ partnerships(first: 100) { nodes { id title } } }"
APPLICATION = """
query($id: ID!) {
  application(id: $id) {
    id version status caseNumber title type durationMonths projectArea submittedOn
    resultsChain {
      goal { statement indicators { name unit baseline target } }
      outcomes { statement outputs { statement } }
    }
    requestedBudget { year category amount { amount currency } }
    requestedTotal { amount currency }
    grant { caseNumber status approvedAmount { amount currency } }
  }
}
"""
APPLICATIONS = """
query($filter: ApplicationFilter) {
  applications(first: 100, filter: $filter) {
    totalCount nodes { id caseNumber status partnershipId submittedOn requestedTotal { amount } }
  }
}
"""
PARTNERSHIP_GRANTS = """
query($id: ID!) { partnership(id: $id) { grants { caseNumber applicationId } } }
"""
OPEN_CALLS = "query($day: Date!) { calls(filter: {openOn: $day}) { nodes { id } } }"
CREATE = """
mutation($input: CreateApplicationInput!) {
  createApplication(input: $input) { application { id version } }
}
"""
SUBMIT = """
mutation($input: SubmitApplicationInput!) {
  submitApplication(input: $input) { application { id version caseNumber } }
}
"""
UPDATE = """
mutation($input: UpdateApplicationInput!) {
  updateApplication(input: $input) { application { id version } }
}
"""


# --- what the screens say -------------------------------------------------------------------


def field(scope: Page | Locator, key: str, locale: str = "en", **values: object) -> Locator:
    """A text field by its label (the accessible name, without the required mark)."""
    return scope.get_by_role("textbox", name=say(key, locale, **values), exact=True)


def group(scope: Page | Locator, key: str, **values: object) -> Locator:
    return scope.get_by_role("group", name=say(key, **values), exact=True)


def saved(page: Page) -> Locator:
    return page.get_by_role("status").filter(has_text=starting("applications.save.savedAt"))


def type_option(kind: str) -> str:
    low, high = {"INCEPTION": (9, 15), "PROJECT": (12, 36), "STEERING_GROUP": (12, 36)}[kind]
    return say(
        "applications.draft.typeOption",
        type=say(f"enum.ApplicationKind.{kind}"),
        min=low,
        max=high,
    )


# --- the API's view -------------------------------------------------------------------------


async def partnership_id(gateway: GatewayAPI, token: str, title: str) -> str:
    nodes = (await gateway.data(PARTNERSHIPS, token=token))["partnerships"]["nodes"]
    return str(next(p["id"] for p in nodes if p["title"] == title))


async def application(gateway: GatewayAPI, token: str, id: str) -> dict[str, Any]:
    found: dict[str, Any] = (await gateway.data(APPLICATION, {"id": id}, token=token))[
        "application"
    ]
    return found


async def first_with_status(gateway: GatewayAPI, token: str, status: str) -> dict[str, Any]:
    data = await gateway.data(APPLICATIONS, {"filter": {"status": status}}, token=token)
    found: dict[str, Any] = data["applications"]["nodes"][0]
    return found


async def draft_by_api(
    gateway: GatewayAPI, token: str, partnership: str, title: str, *, complete: bool = False
) -> str:
    """A project draft; `complete`: with what a submission needs (chain and budget)."""
    day = datetime.now(UTC).date().isoformat()  # the API's today decides which calls are open
    call = (await gateway.data(OPEN_CALLS, {"day": day}, token=token))["calls"]["nodes"][0]["id"]
    proposal: dict[str, Any] = {
        "partnershipId": partnership,
        "callId": call,
        "type": "PROJECT",
        "title": title,
        "durationMonths": 24,
        "theme": "YOUTH",
    }
    if complete:
        proposal["resultsChain"] = {
            "goal": {"statement": "Young people take part in local decisions"},
            "outcomes": [
                {"statement": "A youth council", "outputs": [{"statement": "Statutes adopted"}]}
            ],
        }
        proposal["requestedBudget"] = [
            {"year": 1, "category": "VENUE", "amount": {"amount": "8000.00"}}
        ]
    created = await gateway.data(CREATE, {"input": proposal}, token=token)
    return str(created["createApplication"]["application"]["id"])


# --- the screens ----------------------------------------------------------------------------


def application_id_from(url: str) -> str:
    found = re.search(r"/applications/([0-9a-f-]{36})", url)
    assert found, f"no application in {url}"
    return found.group(1)


async def new_draft(page: Page, partnership: str) -> None:
    await page.goto(f"/applications/new?partnershipId={partnership}")
    await expect(field(page, "applications.field.title")).to_be_visible()


async def fill_proposal(page: Page, title: str) -> None:
    """A project of two years: a measured goal, an outcome with an output, and two budget
    lines (one in each year)."""
    await page.get_by_role("radio", name=type_option("PROJECT"), exact=True).check()
    await field(page, "applications.field.title").fill(title)
    await field(page, "applications.field.durationMonths").fill("24")
    await field(page, "applications.goal.statement").fill("Women use public spaces safely")
    owner = say("applications.goal.owner")
    await page.get_by_role(
        "button", name=say("applications.indicator.addLabel", owner=owner)
    ).click()
    indicator = group(page, "applications.indicator.legend", number=1)
    await field(indicator, "applications.indicator.name").fill("Women who feel safe")
    await field(indicator, "applications.indicator.unit").fill("%")
    await field(indicator, "applications.indicator.baseline").fill("35")
    await field(indicator, "applications.indicator.target").fill("60")
    await field(page, "applications.outcome.statement").fill("Parks are planned with women")
    await field(page, "applications.output.statement").fill("Five parks lit")
    await field(page, "applications.budget.amount", number=1).fill("120000")
    await page.get_by_role("button", name=say("applications.budget.addLabel", year=2)).click()
    year2 = group(page, "applications.budget.year", year=2)
    await year2.get_by_role(
        "combobox", name=say("applications.budget.category", number=1)
    ).select_option("ACCOMMODATION")
    await field(year2, "applications.budget.amount", number=1).fill("45000.50")


async def settled(page: Page) -> None:
    """Until the page's transitions (a dialog fading in) have finished: axe judges colours as
    they finally are."""
    await page.wait_for_function(
        "document.getAnimations().every((animation) => animation.playState !== 'running')"
    )


async def intl(page: Page, script: str, *args: object) -> str:
    """What the browser's Intl writes for the console's locale (the expected formatting)."""
    written: str = await page.evaluate(script, list(args))
    return written


# --- the cross-service flow -----------------------------------------------------------------


async def test_a_drafted_application_is_submitted_approved_and_gets_its_grant(
    browser: Browser, running_stack: Devstack, page: Page, gateway: GatewayAPI
) -> None:
    coordinator = await sign_in_by_api(page, "coordinator", "Kibaha")
    kibaha = await partnership_id(gateway, coordinator["token"], KIBAHA)
    title = f"Safe parks {uuid.uuid4().hex[:8]}"

    await new_draft(page, kibaha)
    await fill_proposal(page, title)
    await expect(saved(page)).to_be_visible()
    await expect(page).to_have_url(re.compile(r"/applications/[0-9a-f-]{36}/edit$"))
    draft_id = application_id_from(page.url)
    await expect(group(page, "applications.budget.year", year=1)).to_contain_text("SEK 120,000.00")
    await expect(
        page.get_by_text(say("applications.budget.total", total="SEK 165,000.50"))
    ).to_be_visible()

    stored = await application(gateway, coordinator["token"], draft_id)
    assert stored["status"] == "DRAFT"
    assert stored["title"] == title
    assert stored["type"] == "PROJECT"
    assert stored["durationMonths"] == 24
    assert stored["resultsChain"] == {
        "goal": {
            "statement": "Women use public spaces safely",
            "indicators": [
                {"name": "Women who feel safe", "unit": "%", "baseline": "35", "target": "60"}
            ],
        },
        "outcomes": [
            {
                "statement": "Parks are planned with women",
                "outputs": [{"statement": "Five parks lit"}],
            }
        ],
    }
    assert stored["requestedBudget"] == [
        {
            "year": 1,
            "category": "INTERNATIONAL_TRAVEL",
            "amount": {"amount": "120000.00", "currency": "SEK"},
        },
        {
            "year": 2,
            "category": "ACCOMMODATION",
            "amount": {"amount": "45000.50", "currency": "SEK"},
        },
    ]

    await page.get_by_role("button", name=say("applications.submit.action")).click()
    await expect(page).to_have_url(re.compile(rf"/applications/{draft_id}$"))
    submitted = await application(gateway, coordinator["token"], draft_id)
    case_number = submitted["caseNumber"]
    assert submitted["status"] == "SUBMITTED"
    assert re.fullmatch(r"\d{4}-\d{4}", case_number)
    await expect(page.get_by_role("status").filter(has_text=case_number)).to_be_visible()
    await expect(page.get_by_role("heading", level=1)).to_have_text(title)

    officer_context = await browser.new_context(
        viewport=DESKTOP, locale="en-US", base_url=running_stack.console_url
    )
    try:
        officer_page = await officer_context.new_page()
        officer = await sign_in_by_api(
            officer_page, "officer", path="/applications?status=SUBMITTED"
        )
        listed = await gateway.data(
            APPLICATIONS, {"filter": {"status": "SUBMITTED"}}, token=officer["token"]
        )
        total = listed["applications"]["totalCount"]
        await expect(officer_page.get_by_role("status")).to_have_text(
            f"{min(total, 20)} shown of {total} in all"
        )
        row = officer_page.get_by_role("row").filter(has_text=case_number)
        await expect(row).to_contain_text(title)
        await expect(row).to_contain_text(KIBAHA)
        await expect(row).to_contain_text("SEK 165,000.50")
        await row.get_by_role("link", name=case_number).click()

        await officer_page.get_by_role("button", name=say("applications.action.assess")).click()
        dialog = officer_page.get_by_role("dialog")
        await dialog.get_by_role("radio", name=say("enum.Eligibility.ELIGIBLE"), exact=True).check()
        await dialog.get_by_role("button", name=say("applications.assess.confirm")).click()
        await expect(dialog).to_be_hidden()
        await expect(
            officer_page.get_by_text(say("enum.ApplicationStatus.ELIGIBLE")).first
        ).to_be_visible()

        await officer_page.get_by_role("button", name=say("applications.action.decide")).click()
        dialog = officer_page.get_by_role("dialog")
        await dialog.get_by_role(
            "radio", name=say("enum.DecisionOutcome.APPROVED"), exact=True
        ).check()
        await dialog.get_by_role("button", name=say("applications.decide.confirm")).click()
        await expect(dialog).to_be_hidden()

        grant = officer_page.get_by_role("region", name=say("applications.section.grant"))
        await expect(grant.get_by_text(say("applications.grant.caseNumber"))).to_be_visible(
            timeout=GRANT_TIMEOUT_MS
        )
        decided = await application(gateway, officer["token"], draft_id)
        assert decided["status"] == "APPROVED"
        assert decided["grant"] == {
            "caseNumber": case_number,
            "status": "PIPELINE",
            "approvedAmount": {"amount": "165000.50", "currency": "SEK"},
        }
        await expect(grant).to_contain_text(case_number)
        await expect(grant).to_contain_text("SEK 165,000.50")
        await expect(grant).to_contain_text(say("enum.GrantStatus.PIPELINE"))

        grants = (await gateway.data(PARTNERSHIP_GRANTS, {"id": kibaha}, token=officer["token"]))[
            "partnership"
        ]["grants"]
        assert {"caseNumber": case_number, "applicationId": draft_id} in grants
        await grant.get_by_role("link", name=say("applications.grant.toPartnership")).click()
        await expect(officer_page).to_have_url(re.compile(rf"/partnerships/{kibaha}$"))
        finance = officer_page.get_by_role("region", name=PARTNERSHIP_FINANCE)
        await expect(finance.get_by_role("cell", name=case_number, exact=True)).to_be_visible()
    finally:
        await officer_context.close()


# --- who is offered what ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ["viewer", "coordinator"])
async def test_only_staff_are_offered_assessment_and_decision(
    page: Page, gateway: GatewayAPI, role: str
) -> None:
    session = await sign_in_by_api(page, role, "Machakos" if role == "coordinator" else None)
    machakos = await partnership_id(gateway, session["token"], MACHAKOS)
    data = await gateway.data(
        APPLICATIONS, {"filter": {"partnershipId": machakos}}, token=session["token"]
    )
    submitted = next(a for a in data["applications"]["nodes"] if a["status"] == "SUBMITTED")

    await page.goto(f"/applications/{submitted['id']}")
    await expect(page.get_by_role("heading", level=1)).to_be_visible()
    await expect(page.get_by_text(submitted["caseNumber"]).first).to_be_visible()
    for action in ("applications.action.assess", "applications.action.decide"):
        await expect(page.get_by_role("button", name=say(action))).to_have_count(0)
    # A submitted application is with ICLD: not the applicants' to change either.
    await expect(page.get_by_role("link", name=say("applications.action.edit"))).to_have_count(0)
    await expect(page.get_by_role("button", name=say("applications.submit.action"))).to_have_count(
        0
    )


async def test_an_officer_is_offered_assessment_of_a_submitted_application(
    page: Page, gateway: GatewayAPI
) -> None:
    officer = await sign_in_by_api(page, "officer")
    eligible = await first_with_status(gateway, officer["token"], "ELIGIBLE")

    await page.goto(f"/applications/{eligible['id']}")
    await expect(page.get_by_role("button", name=say("applications.action.decide"))).to_be_visible()
    await expect(page.get_by_role("button", name=say("applications.action.assess"))).to_have_count(
        0
    )


# --- refusals at their fields --------------------------------------------------------------


async def test_bad_input_is_shown_at_its_field(page: Page, gateway: GatewayAPI) -> None:
    coordinator = await sign_in_by_api(page, "coordinator", "Kibaha")
    kibaha = await partnership_id(gateway, coordinator["token"], KIBAHA)
    await new_draft(page, kibaha)
    duration = field(page, "applications.field.durationMonths")

    await page.get_by_role("radio", name=type_option("PROJECT"), exact=True).check()
    await duration.fill("40")
    await expect(duration).to_have_attribute("aria-invalid", "true")
    await expect(
        page.get_by_text(say("applications.check.duration", min=1, max=36))
    ).to_be_visible()

    # Six months is a draft's to say; a project's 12 to 36 is checked when it is submitted.
    await duration.fill("6")
    await expect(duration).not_to_have_attribute("aria-invalid", "true")
    await field(page, "applications.field.title").fill(f"Too short {uuid.uuid4().hex[:8]}")
    await field(page, "applications.outcome.statement").fill("An outcome")
    await field(page, "applications.output.statement").fill("An output")
    await field(page, "applications.budget.amount", number=1).fill("1000")
    await expect(saved(page)).to_be_visible()
    await expect(page).to_have_url(re.compile(r"/applications/[0-9a-f-]{36}/edit$"))
    draft_id = application_id_from(page.url)

    # The API checks the duration first, then the results chain: one refusal at a time.
    submit = page.get_by_role("button", name=say("applications.submit.action"))
    await submit.click()
    await expect(duration).to_have_attribute("aria-invalid", "true")
    await expect(duration).to_be_focused()
    await expect(
        page.get_by_text("A project application runs 12 to 36 months.").first
    ).to_be_visible()

    await duration.fill("24")
    await submit.click()
    goal = field(page, "applications.goal.statement")
    await expect(goal).to_have_attribute("aria-invalid", "true")
    await expect(goal).to_be_focused()
    await expect(page.get_by_text(say("applications.rule.goal")).first).to_be_visible()

    stored = await application(gateway, coordinator["token"], draft_id)
    assert stored["status"] == "DRAFT"
    assert stored["caseNumber"] is None
    assert stored["durationMonths"] == 24
    assert stored["resultsChain"]["goal"] is None


async def test_a_project_without_a_complete_steering_group_is_refused_with_the_way_to_it(
    page: Page, gateway: GatewayAPI
) -> None:
    coordinator = await sign_in_by_api(page, "coordinator", "Botkyrka")
    token = coordinator["token"]
    botkyrka = await partnership_id(gateway, token, "San Juan Sacatepéquez – Botkyrka")
    draft_id = await draft_by_api(
        gateway, token, botkyrka, f"No steering group {uuid.uuid4().hex[:8]}", complete=True
    )

    await page.goto(f"/applications/{draft_id}/edit")
    await expect(page.get_by_text(say("applications.draft.steeringGapsTitle"))).to_be_visible()
    await page.get_by_role("button", name=say("applications.submit.action")).click()

    refusal = page.get_by_role("alert").filter(has_text=say("applications.submit.refused"))
    await expect(refusal).to_contain_text(say("applications.rule.steeringGroup"))
    link = refusal.get_by_role("link", name=say("applications.submit.steeringGroupLink"))
    await expect(link).to_have_attribute("href", f"/partnerships/{botkyrka}/steering-group")
    assert (await application(gateway, token, draft_id))["status"] == "DRAFT"


async def test_a_stale_version_while_editing_shows_the_conflict_and_keeps_the_input(
    page: Page, gateway: GatewayAPI
) -> None:
    coordinator = await sign_in_by_api(page, "coordinator", "Kibaha")
    token = coordinator["token"]
    kibaha = await partnership_id(gateway, token, KIBAHA)
    draft_id = await draft_by_api(gateway, token, kibaha, f"Conflict {uuid.uuid4().hex[:8]}")
    await page.goto(f"/applications/{draft_id}/edit")
    title = field(page, "applications.field.title")
    await title.fill("Edited here first")
    await expect(saved(page)).to_be_visible()

    current = await application(gateway, token, draft_id)
    await gateway.data(
        UPDATE,
        {"input": {"id": draft_id, "version": current["version"], "projectArea": "Elsewhere"}},
        token=token,
    )
    await title.fill("Edited here after someone else")

    notice = page.get_by_role("alert").filter(has_text=say("error.conflict.title"))
    await expect(notice).to_be_visible()
    await expect(title).to_have_value("Edited here after someone else")
    assert (await application(gateway, token, draft_id))["title"] == "Edited here first"

    await notice.get_by_role("button", name=say("error.conflict.reload")).click()
    await expect(notice).to_be_hidden()
    await expect(saved(page)).to_be_visible()
    await expect(title).to_have_value("Edited here after someone else")
    after = await application(gateway, token, draft_id)
    assert after["title"] == "Edited here after someone else"
    assert after["version"] > current["version"] + 1


async def test_typed_input_survives_an_expired_session_and_is_saved_after_signing_in(
    page: Page, gateway: GatewayAPI
) -> None:
    coordinator = await sign_in_by_api(page, "coordinator", "Kibaha")
    token = coordinator["token"]
    kibaha = await partnership_id(gateway, token, KIBAHA)
    draft_id = await draft_by_api(gateway, token, kibaha, f"Expiry {uuid.uuid4().hex[:8]}")
    edit = f"/applications/{draft_id}/edit"
    await page.goto(edit)
    await field(page, "applications.field.title").fill("Typed as the session ran out")

    await store_session(page, {**coordinator, "expiresAt": "2000-01-01T00:00:00+00:00"})
    await page.reload()
    await expect(page).to_have_url(re.compile(r"/sign-in\?next="))
    await sign_in(page, "coordinator", "Kibaha", path=edit)

    await expect(field(page, "applications.field.title")).to_have_value(
        "Typed as the session ran out"
    )
    await expect(saved(page)).to_be_visible()
    assert (await application(gateway, token, draft_id))["title"] == "Typed as the session ran out"


async def test_an_application_returned_with_a_reason_goes_back_to_the_applicants(
    browser: Browser, running_stack: Devstack, page: Page, gateway: GatewayAPI
) -> None:
    coordinator = await sign_in_by_api(page, "coordinator", "Kibaha")
    token = coordinator["token"]
    kibaha = await partnership_id(gateway, token, KIBAHA)
    draft_id = await draft_by_api(
        gateway, token, kibaha, f"To return {uuid.uuid4().hex[:8]}", complete=True
    )
    await gateway.data(SUBMIT, {"input": {"id": draft_id, "version": 1}}, token=token)
    reason = "Add an indicator to the outcome"

    officer_context = await browser.new_context(
        viewport=DESKTOP, locale="en-US", base_url=running_stack.console_url
    )
    try:
        officer_page = await officer_context.new_page()
        await sign_in_by_api(officer_page, "officer", path=f"/applications/{draft_id}")
        await officer_page.get_by_role("button", name=say("applications.action.assess")).click()
        dialog = officer_page.get_by_role("dialog")
        await dialog.get_by_role("radio", name=say("applications.assess.return")).check()
        confirm = dialog.get_by_role("button", name=say("applications.assess.confirm"))
        await confirm.click()
        correct = dialog.get_by_role("textbox", name=say("applications.assess.correct"))
        await expect(correct).to_have_attribute("aria-invalid", "true")
        await correct.fill(reason)
        await confirm.click()
        await expect(dialog).to_be_hidden()
    finally:
        await officer_context.close()
    assert (await application(gateway, token, draft_id))["status"] == "RETURNED"

    await page.goto(f"/applications/{draft_id}")
    await expect(page.get_by_role("button", name=say("applications.action.assess"))).to_have_count(
        0
    )
    await page.get_by_role("link", name=say("applications.action.edit")).click()
    await expect(page.get_by_role("heading", level=1)).to_have_text(
        say("applications.draft.editTitle")
    )
    returned = page.get_by_role("note").filter(has_text=say("applications.draft.returnedTitle"))
    await expect(returned).to_contain_text(reason)
    await page.get_by_role("button", name=say("applications.submit.resubmit")).click()
    await expect(page).to_have_url(re.compile(rf"/applications/{draft_id}$"))
    again = await application(gateway, token, draft_id)
    assert again["status"] == "SUBMITTED"


# --- languages, phones, accessibility, keyboard ----------------------------------------------


@pytest.mark.parametrize("locale", ["es", "sv"])
async def test_the_application_page_speaks_spanish_and_swedish(
    page: Page, gateway: GatewayAPI, locale: str
) -> None:
    officer = await sign_in_by_api(page, "officer")
    approved = await first_with_status(gateway, officer["token"], "APPROVED")
    await page.evaluate("(locale) => localStorage.setItem('icld.locale', locale)", locale)

    await page.goto(f"/applications/{approved['id']}")

    for section in ("details", "resultsChain", "budget", "decision", "grant", "audit"):
        key = f"applications.section.{section}"
        await expect(page.get_by_role("heading", name=say(key, locale), level=2)).to_be_visible()
    details = page.get_by_role("region", name=say("applications.section.details", locale))
    await expect(details).to_contain_text(say("applications.field.requestedTotal", locale))
    await expect(details).to_contain_text(say("enum.ApplicationStatus.APPROVED", locale))
    money = await intl(
        page,
        """([locale, amount]) => new Intl.NumberFormat(locale, {style: "currency",
            currency: "SEK"}).format(Number(amount))""",
        locale,
        approved["requestedTotal"]["amount"],
    )
    assert ("kr" if locale == "sv" else "SEK") in money
    await expect(details).to_contain_text(money)
    day = await intl(
        page,
        """([locale, iso]) => new Intl.DateTimeFormat(locale, {dateStyle: "medium"})
            .format(new Date(`${iso}T12:00:00`))""",
        locale,
        approved["submittedOn"],
    )
    await expect(details).to_contain_text(day)
    budget = page.get_by_role("region", name=say("applications.section.budget", locale))
    await expect(budget.get_by_role("table").first).to_contain_text(
        say("enum.CostCategory.INTERNATIONAL_TRAVEL", locale)
    )


async def test_the_draft_form_fits_a_phone(phone: Page, gateway: GatewayAPI) -> None:
    coordinator = await sign_in_by_api(phone, "coordinator", "Kibaha")
    kibaha = await partnership_id(gateway, coordinator["token"], KIBAHA)
    await new_draft(phone, kibaha)
    await field(phone, "applications.field.title").fill(f"On a phone {uuid.uuid4().hex[:8]}")
    # The deepest nesting: an indicator of an output of an outcome.
    output_owner = say("applications.output.owner", number="1.1")
    await phone.get_by_role(
        "button", name=say("applications.indicator.addLabel", owner=output_owner)
    ).click()
    await expect(saved(phone)).to_be_visible()

    assert await horizontal_overflow(phone) == 0
    await screenshot(phone, "application-draft")

    # Unfinished rows are marked where they are, with the message under the field.
    await phone.get_by_role("button", name=say("applications.submit.action")).click()
    outcome = field(phone, "applications.outcome.statement")
    await expect(outcome).to_have_attribute("aria-invalid", "true")
    await expect(outcome).to_be_focused()
    assert await horizontal_overflow(phone) == 0


async def test_the_list_and_the_application_page_fit_a_phone(
    phone: Page, gateway: GatewayAPI
) -> None:
    officer = await sign_in_by_api(phone, "officer", path="/applications")
    approved = await first_with_status(gateway, officer["token"], "APPROVED")
    cards = phone.get_by_role("list", name=say("applications.list.caption"))
    await expect(cards.get_by_role("link", name=approved["caseNumber"])).to_be_visible()
    await expect(phone.get_by_role("table")).to_have_count(0)
    assert await horizontal_overflow(phone) == 0

    await cards.get_by_role("link", name=approved["caseNumber"]).click()
    await expect(
        phone.get_by_role("heading", name=say("applications.section.grant"))
    ).to_be_visible()
    assert await horizontal_overflow(phone) == 0
    await screenshot(phone, "application-page")


async def test_the_screens_are_accessible(page: Page, gateway: GatewayAPI) -> None:
    officer = await sign_in_by_api(page, "officer", path="/applications")
    approved = await first_with_status(gateway, officer["token"], "APPROVED")
    await expect(page.get_by_role("link", name=approved["caseNumber"])).to_be_visible()
    await assert_accessible(page, "the application list")

    await page.goto(f"/applications/{approved['id']}")
    await expect(
        page.get_by_role("heading", name=say("applications.section.grant"))
    ).to_be_visible()
    await assert_accessible(page, "the application page")
    await screenshot(page, "application-page")

    eligible = await first_with_status(gateway, officer["token"], "ELIGIBLE")
    await page.goto(f"/applications/{eligible['id']}")
    await page.get_by_role("button", name=say("applications.action.decide")).click()
    await expect(page.get_by_role("dialog")).to_be_visible()
    await settled(page)
    await assert_accessible(page, "the decision dialog")


async def test_the_draft_form_is_accessible(page: Page, gateway: GatewayAPI) -> None:
    coordinator = await sign_in_by_api(page, "coordinator", "Kibaha")
    kibaha = await partnership_id(gateway, coordinator["token"], KIBAHA)
    await new_draft(page, kibaha)
    await field(page, "applications.field.title").fill(f"Accessible {uuid.uuid4().hex[:8]}")
    await page.get_by_role(
        "button", name=say("applications.indicator.addLabel", owner=say("applications.goal.owner"))
    ).click()
    await expect(saved(page)).to_be_visible()
    await assert_accessible(page, "the draft form")
    await screenshot(page, "application-draft")

    await page.get_by_role("button", name=say("applications.submit.action")).click()
    await expect(page.locator("[aria-invalid=true]").first).to_be_focused()
    await assert_accessible(page, "the draft form with its errors")


async def test_a_draft_is_filled_and_submitted_with_the_keyboard_alone(
    page: Page, gateway: GatewayAPI
) -> None:
    coordinator = await sign_in_by_api(page, "coordinator", "Kibaha")
    kibaha = await partnership_id(gateway, coordinator["token"], KIBAHA)
    title = f"By keyboard {uuid.uuid4().hex[:8]}"
    await new_draft(page, kibaha)
    keyboard = page.keyboard

    # The radio group: Tab reaches the chosen type, the arrow keys move the choice.
    await tab_to(page, page.get_by_role("radio", checked=True))
    await keyboard.press("ArrowDown")
    await expect(page.get_by_role("radio", name=type_option("PROJECT"), exact=True)).to_be_checked()
    await tab_to(page, field(page, "applications.field.title"))
    await keyboard.type(title)
    await tab_to(page, field(page, "applications.field.durationMonths"))
    await keyboard.press("ControlOrMeta+A")
    await keyboard.type("24")
    await tab_to(page, field(page, "applications.goal.statement"))
    await keyboard.type("Safer streets")
    await tab_to(page, field(page, "applications.outcome.statement"))
    await keyboard.type("Streets planned with residents")
    await tab_to(page, field(page, "applications.output.statement"))
    await keyboard.type("A street plan adopted")
    await tab_to(page, field(page, "applications.budget.amount", number=1))
    await keyboard.type("50000")
    await tab_to(page, page.get_by_role("button", name=say("applications.submit.action")))
    await keyboard.press("Enter")

    await expect(page).to_have_url(re.compile(r"/applications/[0-9a-f-]{36}$"))
    stored = await application(gateway, coordinator["token"], application_id_from(page.url))
    assert stored["status"] == "SUBMITTED"
    assert stored["title"] == title
    assert stored["durationMonths"] == 24
    assert stored["requestedTotal"] == {"amount": "50000.00", "currency": "SEK"}
    await expect(page.get_by_role("status").filter(has_text=stored["caseNumber"])).to_be_visible()
