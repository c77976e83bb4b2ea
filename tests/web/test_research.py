"""Research in the web console: a researcher drafts an application with autosave and submits
it; an officer screens it and assigns reviewers (a conflict of interest refused at the field);
advisors review it; the officer ranks and decides the call and releases feedback; finance
opens the research grant; the researcher sees the decision, the feedback and the grant,
never the reviews. Every test makes its own universities, people and call through the gateway (the
demo's research data is not relied on).

Routes: /research (calls, applications, ranking), /research/new?call=… and
/research/applications/<id>/edit (the draft form), /research/applications/<id> (its page).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from playwright.async_api import Browser, BrowserContext, Locator, Page, expect

from tests.support.browser import (
    DESKTOP,
    assert_accessible,
    horizontal_overflow,
    screenshot,
    session_of,
    sign_in,
    store_session,
)
from tests.support.catalogue import say
from tests.support.gateway_api import GatewayAPI
from tests.support.runner import Devstack
from tests.support.waiting import eventually

GRANT_TIMEOUT_MS = 45_000
"""The decision's event reaches finance, which opens the grant; the page asks a few times."""
PROJECT_CAP = "1000000"
TOTAL_BUDGET = "2000000"

CREATE_ORGANISATION = """
mutation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { organisation { id } }
}
"""
CREATE_PERSON = """
mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }
"""
KNOWN = """
query($org: ID!, $person: ID!) {
  trainingKnownOrganisation(id: $org) { id }
  trainingKnownPerson(id: $person) { id }
}
"""
OPEN_CALL = """
mutation($input: OpenResearchCallInput!) { openResearchCall(input: $input) { call { id } } }
"""
DRAFT = """
mutation($input: DraftResearchApplicationInput!) {
  draftResearchApplication(input: $input) { application { id version } }
}
"""
SUBMIT = """
mutation($input: ResearchApplicationActionInput!) {
  submitResearchApplication(input: $input) { application { id version caseNumber } }
}
"""
APPLICATION = """
query($id: ID!) {
  researchApplication(id: $id) {
    id version status caseNumber title kind principalInvestigatorId abstract researchQuestions
    methods countries themes durationMonths declaredDegree feedback
    budget { year category amount { amount currency } }
    requested { amount currency }
    reviewerIds
    reviews { reviewerId comment scores { scientificQuality relevance feasibility
      partnershipValue total } }
    decision { outcome }
    ranking { position }
    grant { caseNumber approvedAmount { amount currency } }
    reportAcceptedOn
  }
}
"""


@dataclass(frozen=True)
class Cast:
    """Who takes part: a university with its researcher and a colleague, another university
    with two reviewers, and a call open today."""

    university: str
    university_name: str
    principal_investigator: str
    colleague: str
    reviewers: tuple[str, str]
    reviewer_university: str
    reviewer_university_name: str
    call: str
    call_title: str


def field(scope: Page | Locator, key: str, locale: str = "en", **values: object) -> Locator:
    return scope.get_by_role("textbox", name=say(key, locale, **values), exact=True)


def combobox(scope: Page | Locator, key: str, **values: object) -> Locator:
    return scope.get_by_role("combobox", name=say(key, **values), exact=True)


def region(page: Page, key: str, locale: str = "en") -> Locator:
    return page.get_by_role("region", name=say(key, locale), exact=True)


def saved(page: Page) -> Locator:
    return page.get_by_role("status").filter(has_text=re.compile("Saved at"))


async def settled(page: Page) -> None:
    """Until transitions (a dialog fading in) have finished: axe judges the final colours."""
    await page.wait_for_function(
        "document.getAnimations().every((animation) => animation.playState !== 'running')"
    )


# --- the data, through the gateway ----------------------------------------------------------


async def organisation(gateway: GatewayAPI, token: str, name: str) -> str:
    created = await gateway.data(
        CREATE_ORGANISATION,
        {"input": {"name": name, "kind": "UNIVERSITY", "country": "KE"}},
        token=token,
    )
    return str(created["createOrganisation"]["organisation"]["id"])


async def person(gateway: GatewayAPI, token: str, organisation_id: str, given: str) -> str:
    profile = {
        "givenName": given,
        "familyName": "Tester",
        "gender": "WOMAN",
        "role": "CIVIL_SERVANT",
        "position": "Researcher",
    }
    created = await gateway.data(
        CREATE_PERSON,
        {"input": {"organisationId": organisation_id, "profile": profile}},
        token=token,
    )
    person_id = str(created["createPerson"]["person"]["id"])

    async def known() -> bool:
        data = await gateway.data(KNOWN, {"org": organisation_id, "person": person_id}, token=token)
        return data["trainingKnownOrganisation"] is not None and (
            data["trainingKnownPerson"] is not None
        )

    # Training learns of people and organisations from partnerships' events.
    await eventually(known, what=f"training knows {given} and their university")
    return person_id


async def cast(gateway: GatewayAPI, token: str) -> Cast:
    tag = uuid.uuid4().hex[:6]
    university_name = f"University of Local Democracy {tag}"
    reviewer_university_name = f"Institute of Governance {tag}"
    university = await organisation(gateway, token, university_name)
    reviewer_university = await organisation(gateway, token, reviewer_university_name)
    pi = await person(gateway, token, university, f"Amina {tag}")
    colleague = await person(gateway, token, university, f"Baraka {tag}")
    first = await person(gateway, token, reviewer_university, f"Cecilia {tag}")
    second = await person(gateway, token, reviewer_university, f"David {tag}")
    today = datetime.now(UTC).date()
    title = f"Local democracy research {tag}"
    opened = await gateway.data(
        OPEN_CALL,
        {
            "input": {
                "title": title,
                "themes": ["GENDER_EQUALITY", "CITIZEN_PARTICIPATION"],
                "opensOn": (today - timedelta(days=1)).isoformat(),
                "closesOn": (today + timedelta(days=30)).isoformat(),
                "totalBudget": TOTAL_BUDGET,
                "caps": [
                    {"kind": "PROJECT", "maxAmount": PROJECT_CAP},
                    {"kind": "FIELDWORK", "maxAmount": "300000"},
                ],
            }
        },
        token=token,
    )
    return Cast(
        university=university,
        university_name=university_name,
        principal_investigator=pi,
        colleague=colleague,
        reviewers=(first, second),
        reviewer_university=reviewer_university,
        reviewer_university_name=reviewer_university_name,
        call=str(opened["openResearchCall"]["call"]["id"]),
        call_title=title,
    )


async def submitted_by_api(gateway: GatewayAPI, token: str, people: Cast, title: str) -> str:
    proposal = {
        "title": title,
        "declaredDegree": "DOCTORATE",
        "abstract": "How municipal councils listen to women in informal settlements.",
        "researchQuestions": ["Who is heard?", "What changes?"],
        "methods": "Interviews and council minutes.",
        "countries": ["KE"],
        "themes": ["GENDER_EQUALITY"],
        "durationMonths": 18,
        "budget": [
            {"year": 1, "category": "WORKING_HOURS", "amount": "300000"},
            {"year": 2, "category": "LOCAL_TRAVEL", "amount": "45000.50"},
        ],
    }
    drafted = await gateway.data(
        DRAFT,
        {
            "input": {
                "callId": people.call,
                "kind": "PROJECT",
                "principalInvestigatorId": people.principal_investigator,
                "proposal": proposal,
            }
        },
        token=token,
    )
    created = drafted["draftResearchApplication"]["application"]
    await gateway.data(
        SUBMIT, {"input": {"id": created["id"], "version": created["version"]}}, token=token
    )
    return str(created["id"])


async def application(gateway: GatewayAPI, token: str, id: str) -> dict[str, Any]:
    found: dict[str, Any] = (await gateway.data(APPLICATION, {"id": id}, token=token))[
        "researchApplication"
    ]
    return found


# --- signing in -----------------------------------------------------------------------------


async def sign_in_as(page: Page, body: dict[str, str], path: str) -> dict[str, Any]:
    response = await page.request.post("/dev/sign-in", data=body)
    assert response.ok, f"POST /dev/sign-in {body}: {response.status} {await response.text()}"
    session: dict[str, Any] = await response.json()
    await store_session(page, session)
    await page.goto(path)
    return session


async def advisor_on_screen(page: Page, people: Cast, reviewer: str, path: str) -> None:
    """Signs in as an advisor on the sign-in screen: the role, the university, the person."""
    await page.goto(f"/sign-in?next={path}")
    await page.get_by_role("radio", name=say("role.advisor"), exact=True).check()
    await combobox(page, "signIn.organisation").select_option(value=people.reviewer_university)
    chooser = combobox(page, "signIn.person")
    await expect(chooser.locator(f"option[value='{reviewer}']")).to_have_count(1)
    await chooser.select_option(value=reviewer)
    await page.get_by_role("button", name=say("signIn.submit"), exact=True).click()
    await page.wait_for_url(re.compile(re.escape(path) + "$"))


async def new_context(browser: Browser, running_stack: Devstack) -> BrowserContext:
    return await browser.new_context(
        viewport=DESKTOP, locale="en-US", base_url=running_stack.console_url
    )


# --- the whole flow -------------------------------------------------------------------------


async def test_a_research_application_from_draft_to_grant_and_feedback(
    browser: Browser, running_stack: Devstack, page: Page, gateway: GatewayAPI
) -> None:
    officer_session = await session_of(page, "officer")
    officer_token = officer_session["token"]
    people = await cast(gateway, officer_token)
    title = f"Listening councils {uuid.uuid4().hex[:6]}"

    # The researcher drafts on the screen: the first complete save creates the draft.
    researcher = await sign_in(
        page, "researcher", people.university, path=f"/research?call={people.call}"
    )
    assert researcher["user"]["org"] == people.university
    await expect(page.get_by_role("heading", level=2, name=people.call_title)).to_be_visible()
    await assert_accessible(page, "the research list as a researcher")
    await page.get_by_role("link", name=say("research.action.new")).click()
    await expect(page).to_have_url(re.compile(r"/research/new\?call="))
    kind = say(
        "research.draft.kindOption",
        kind=say("enum.ResearchKind.PROJECT"),
        cap="SEK 1,000,000.00",
    )
    await page.get_by_role("radio", name=kind, exact=True).check()
    await combobox(page, "research.field.principalInvestigator").select_option(
        value=people.principal_investigator
    )
    await combobox(page, "research.field.declaredDegree").select_option("DOCTORATE")
    await field(page, "research.field.title").fill(title)
    await expect(saved(page)).to_be_visible()
    await expect(page).to_have_url(re.compile(r"/research/applications/[0-9a-f-]{36}/edit$"))
    draft_id = re.search(r"/research/applications/([0-9a-f-]{36})/edit", page.url)
    assert draft_id is not None
    application_id = draft_id.group(1)

    await field(page, "research.field.abstract").fill("How councils listen to women.")
    await field(page, "research.field.researchQuestions").fill("Who is heard?\nWhat changes?")
    await field(page, "research.field.methods").fill("Interviews and council minutes.")
    await field(page, "research.field.countries").fill("KE, TZ")
    await field(page, "research.field.durationMonths").fill("18")
    await page.get_by_role("checkbox", name=say("enum.Theme.GENDER_EQUALITY"), exact=True).check()
    await field(page, "research.budget.amount", number=1).fill("250000")
    await page.get_by_role("button", name=say("research.budget.add")).click()
    await combobox(page, "research.budget.year", number=2).select_option("2")
    await combobox(page, "research.budget.category", number=2).select_option("LOCAL_TRAVEL")
    await field(page, "research.budget.amount", number=2).fill("40000.50")
    await expect(
        page.get_by_text(say("research.budget.total", total="SEK 290,000.50"))
    ).to_be_visible()
    await expect(saved(page)).to_be_visible()
    await assert_accessible(page, "the research draft form")

    drafted = await application(gateway, researcher["token"], application_id)
    assert drafted["status"] == "DRAFT"
    assert drafted["principalInvestigatorId"] == people.principal_investigator
    assert drafted["researchQuestions"] == ["Who is heard?", "What changes?"]
    assert drafted["countries"] == ["KE", "TZ"]
    assert drafted["themes"] == ["GENDER_EQUALITY"]
    assert drafted["durationMonths"] == 18
    assert [(b["year"], b["category"], b["amount"]["amount"]) for b in drafted["budget"]] == [
        (1, "WORKING_HOURS", "250000.00"),
        (2, "LOCAL_TRAVEL", "40000.50"),
    ]

    await page.get_by_role("button", name=say("research.submit.action")).click()
    await expect(page).to_have_url(re.compile(rf"/research/applications/{application_id}$"))
    submitted = await application(gateway, researcher["token"], application_id)
    assert submitted["status"] == "SUBMITTED"
    case_number = submitted["caseNumber"]
    assert re.fullmatch(r"R\d{4}-\d{4}", case_number)
    await expect(page.get_by_role("status").filter(has_text=case_number)).to_be_visible()
    assert submitted["reviews"] is None
    assert submitted["reviewerIds"] is None

    officer_context = await new_context(browser, running_stack)
    advisor_contexts: list[BrowserContext] = []
    try:
        officer = await officer_context.new_page()
        await sign_in_as(officer, {"role": "officer"}, f"/research/applications/{application_id}")
        await expect(officer.get_by_role("heading", level=1)).to_have_text(title)

        # Screening: eligible (the platform's own rules hold too).
        await officer.get_by_role("button", name=say("research.action.screen")).click()
        dialog = officer.get_by_role("dialog")
        await dialog.get_by_role("radio", name=say("research.screen.eligible"), exact=True).check()
        await settled(officer)
        await assert_accessible(officer, "the screening dialog")
        await dialog.get_by_role("button", name=say("research.screen.confirm")).click()
        await expect(dialog).to_be_hidden()
        await expect(officer.get_by_text(say("enum.ResearchStatus.ELIGIBLE")).first).to_be_visible()

        # A colleague of the applicants' university is a conflict: refused at the field.
        await officer.get_by_role("button", name=say("research.action.assignReviewer")).click()
        dialog = officer.get_by_role("dialog")
        await combobox(dialog, "research.assign.organisation").select_option(
            value=people.university
        )
        reviewer_field = combobox(dialog, "research.assign.reviewer")
        await expect(reviewer_field.locator(f"option[value='{people.colleague}']")).to_have_count(1)
        await reviewer_field.select_option(value=people.colleague)
        await dialog.get_by_role("button", name=say("research.assign.confirm")).click()
        await expect(reviewer_field).to_have_attribute("aria-invalid", "true")
        await expect(dialog).to_contain_text("own organisation")
        await settled(officer)
        await assert_accessible(officer, "the reviewer dialog with its refusal")

        for reviewer in people.reviewers:
            if not await dialog.is_visible():
                await officer.get_by_role(
                    "button", name=say("research.action.assignReviewer")
                ).click()
            await combobox(dialog, "research.assign.organisation").select_option(
                value=people.reviewer_university
            )
            await expect(reviewer_field.locator(f"option[value='{reviewer}']")).to_have_count(1)
            await reviewer_field.select_option(value=reviewer)
            await dialog.get_by_role("button", name=say("research.assign.confirm")).click()
            await expect(dialog).to_be_hidden()
        await expect(
            officer.get_by_text(say("enum.ResearchStatus.IN_REVIEW")).first
        ).to_be_visible()
        assigned = await application(gateway, officer_token, application_id)
        assert assigned["reviewerIds"] == list(people.reviewers)

        # Each advisor reviews what they are assigned: the first signs in on the screen.
        comments = ("Sound design; strong on democracy.", "Feasible, of use to partnerships.")
        for n, (reviewer, comment) in enumerate(zip(people.reviewers, comments, strict=True)):
            context = await new_context(browser, running_stack)
            advisor_contexts.append(context)
            advisor = await context.new_page()
            path = f"/research/applications/{application_id}"
            if n == 0:
                await advisor_on_screen(advisor, people, reviewer, path)
            else:
                await sign_in_as(advisor, {"role": "advisor", "personId": reviewer}, path)
            form = region(advisor, "research.section.yourReview")
            await expect(form).to_be_visible()
            scores = ("5", "4", "4", "5") if n == 0 else ("4", "5", "3", "4")
            criteria = ("scientificQuality", "relevance", "feasibility", "partnershipValue")
            for criterion, score in zip(criteria, scores, strict=True):
                group = form.get_by_role("radiogroup", name=say(f"research.criterion.{criterion}"))
                await group.get_by_role("radio", name=score, exact=True).check()
            await field(form, "research.review.comment").fill(comment)
            if n == 0:
                await assert_accessible(advisor, "the review form")
            await form.get_by_role("button", name=say("research.review.submit")).click()
            await expect(form.get_by_role("status")).to_have_text(say("research.review.saved"))
        reviewed = await application(gateway, officer_token, application_id)
        assert [r["scores"]["total"] for r in reviewed["reviews"]] == [18, 16]

        # The officer ranks and decides the call, then releases feedback.
        await officer.reload()
        reviews = region(officer, "research.section.reviews")
        await expect(reviews).to_contain_text(comments[0])
        await officer.get_by_role("button", name=say("research.call.rank")).click()
        await expect(officer.get_by_text(say("enum.ResearchStatus.RANKED")).first).to_be_visible()
        await officer.get_by_role("button", name=say("research.call.decide")).click()
        dialog = officer.get_by_role("dialog")
        await dialog.get_by_role("button", name=say("research.call.decideConfirm")).click()
        await expect(dialog).to_be_hidden()
        await expect(officer.get_by_text(say("enum.ResearchStatus.APPROVED")).first).to_be_visible()
        grant = region(officer, "research.section.grant")
        await expect(grant.get_by_text(say("research.grant.caseNumber"))).to_be_visible(
            timeout=GRANT_TIMEOUT_MS
        )
        await expect(grant).to_contain_text("SEK 290,000.50")
        decided = await application(gateway, officer_token, application_id)
        assert decided["status"] == "APPROVED"
        assert decided["ranking"] == {"position": 1}
        assert decided["grant"]["approvedAmount"] == {"amount": "290000.50", "currency": "SEK"}
        await expect(grant).to_contain_text(decided["grant"]["caseNumber"])

        feedback = "A strong proposal: the panel asks for a clear plan for sharing findings."
        await officer.get_by_role("button", name=say("research.action.releaseFeedback")).click()
        dialog = officer.get_by_role("dialog")
        await field(dialog, "research.feedback.label").fill(feedback)
        await dialog.get_by_role("button", name=say("research.feedback.confirm")).click()
        await expect(dialog).to_be_hidden()
        await expect(region(officer, "research.section.outcome")).to_contain_text(feedback)

        await officer.goto(f"/research?call={people.call}")
        ranking = officer.get_by_role("table", name=say("research.ranking.caption"))
        await expect(ranking).to_contain_text(case_number)
        await expect(ranking).to_contain_text("17.00")
        await assert_accessible(officer, "the research list with its ranking")
        await screenshot(officer, "research-list")
    finally:
        for context in (officer_context, *advisor_contexts):
            await context.close()

    # The researcher sees the decision, the feedback and the grant, never the reviews.
    await page.goto(f"/research/applications/{application_id}")
    outcome = region(page, "research.section.outcome")
    await expect(outcome).to_contain_text(say("enum.ResearchOutcome.APPROVED"))
    await expect(outcome).to_contain_text(feedback)
    # Finance lets the university's researchers read their research grant.
    await expect(region(page, "research.section.grant")).to_contain_text(
        decided["grant"]["caseNumber"]
    )
    await expect(page.get_by_role("heading", name=say("research.section.reviews"))).to_have_count(0)
    await expect(page.get_by_role("heading", name=say("research.section.history"))).to_have_count(0)
    for comment in comments:
        await expect(page.get_by_text(comment)).to_have_count(0)
    await assert_accessible(page, "the decided application as its researcher")
    await screenshot(page, "research-application")
    seen = await application(gateway, researcher["token"], application_id)
    assert seen["reviews"] is None
    assert seen["feedback"] == feedback
    assert seen["grant"] == decided["grant"]

    # The final report: an officer accepts it, and the application is reported.
    await sign_in_as(page, {"role": "officer"}, f"/research/applications/{application_id}")
    accept = page.get_by_role("button", name=say("research.action.acceptReport"))
    await accept.click()
    dialog = page.get_by_role("dialog")
    await expect(dialog).to_contain_text(say("research.acceptReport.hint"))
    await settled(page)
    await assert_accessible(page, "the final report dialog")
    before = datetime.now(UTC).date()
    await dialog.get_by_role("button", name=say("research.acceptReport.confirm")).click()
    await expect(dialog).to_be_hidden()
    await expect(page.get_by_text(say("enum.ResearchStatus.REPORTED")).first).to_be_visible()
    await expect(accept).to_have_count(0)
    reported = await application(gateway, officer_token, application_id)
    assert reported["status"] == "REPORTED"
    accepted_on = datetime.fromisoformat(reported["reportAcceptedOn"]).date()
    assert before <= accepted_on <= datetime.now(UTC).date()


# --- who is offered what ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ["viewer", "researcher", "advisor"])
async def test_only_officers_are_offered_screening_and_the_call_actions(
    page: Page, gateway: GatewayAPI, role: str
) -> None:
    officer_token = (await session_of(page, "officer"))["token"]
    people = await cast(gateway, officer_token)
    application_id = await submitted_by_api(gateway, officer_token, people, "Offered")
    body = {"role": role}
    if role == "researcher":
        body["organisationId"] = people.university
    if role == "advisor":
        body["personId"] = people.reviewers[0]
    await sign_in_as(page, body, f"/research/applications/{application_id}")

    if role == "viewer":
        # Research applications are for staff, the advisory group and the applicants only.
        await expect(page.get_by_role("status")).to_have_text(say("common.notFound"))
        return
    await expect(page.get_by_role("heading", level=1)).to_have_text("Offered")
    for action in (
        "research.action.screen",
        "research.action.assignReviewer",
        "research.call.rank",
        "research.action.edit",
        "research.submit.action",
    ):
        await expect(page.get_by_role("button", name=say(action))).to_have_count(0)
        await expect(page.get_by_role("link", name=say(action))).to_have_count(0)


# --- phones and languages -------------------------------------------------------------------


@pytest.mark.parametrize("locale", ["es", "sv"])
async def test_the_list_and_the_application_page_on_a_phone_and_a_desktop(
    browser: Browser, running_stack: Devstack, phone: Page, gateway: GatewayAPI, locale: str
) -> None:
    officer_token = (await session_of(phone, "officer"))["token"]
    people = await cast(gateway, officer_token)
    application_id = await submitted_by_api(gateway, officer_token, people, f"Phone {locale}")
    await sign_in_as(phone, {"role": "officer"}, "/")
    await phone.evaluate("(locale) => localStorage.setItem('icld.locale', locale)", locale)

    await phone.goto(f"/research?call={people.call}")
    cards = phone.get_by_role("list", name=say("research.list.caption", locale))
    await expect(cards.get_by_role("link", name=re.compile("Phone"))).to_be_visible()
    await expect(phone.get_by_role("table")).to_have_count(0)
    assert await horizontal_overflow(phone) == 0
    await assert_accessible(phone, "the research list on a phone")
    await screenshot(phone, f"research-list-{locale}")

    await cards.get_by_role("link", name=re.compile("Phone")).click()
    await expect(phone.get_by_role("heading", level=1)).to_have_text(f"Phone {locale}")
    for section in ("details", "budget", "reviews", "history"):
        key = f"research.section.{section}"
        await expect(phone.get_by_role("heading", name=say(key, locale), level=2)).to_be_visible()
    status = say("enum.ResearchStatus.SUBMITTED", locale)
    await expect(phone.get_by_text(status).first).to_be_visible()
    assert await horizontal_overflow(phone) == 0
    await assert_accessible(phone, "the research application page on a phone")
    await screenshot(phone, f"research-application-{locale}")

    context = await new_context(browser, running_stack)
    try:
        desktop = await context.new_page()
        await sign_in_as(desktop, {"role": "officer"}, "/")
        await desktop.evaluate("(locale) => localStorage.setItem('icld.locale', locale)", locale)
        await desktop.goto(f"/research/applications/{application_id}")
        details = region(desktop, "research.section.details", locale)
        await expect(details).to_contain_text(say("enum.ResearchKind.PROJECT", locale))
        await expect(details).to_contain_text(say("enum.ResearchDegree.DOCTORATE", locale))
        await assert_accessible(desktop, f"the research application page in {locale}")
        await screenshot(desktop, f"research-application-{locale}")
    finally:
        await context.close()


async def test_the_draft_form_fits_a_phone(phone: Page, gateway: GatewayAPI) -> None:
    officer_token = (await session_of(phone, "officer"))["token"]
    people = await cast(gateway, officer_token)
    await sign_in_as(
        phone,
        {"role": "researcher", "organisationId": people.university},
        f"/research/new?call={people.call}",
    )
    await expect(field(phone, "research.field.title")).to_be_visible()
    await field(phone, "research.budget.amount", number=1).fill("not an amount")
    await expect(field(phone, "research.budget.amount", number=1)).to_have_attribute(
        "aria-invalid", "true"
    )
    assert await horizontal_overflow(phone) == 0
    await assert_accessible(phone, "the research draft form on a phone")
    await screenshot(phone, "research-draft")
