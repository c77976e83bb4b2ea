"""Applications: drafting, submission rules, case numbers, lifecycle, events, access."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from pymongo.errors import DuplicateKeyError

from services.common.auth import Role
from services.common.clock import clock
from services.contracts.partnerships import (
    APPLICATION_DECIDED,
    APPLICATION_RETURNED,
    APPLICATION_SUBMITTED,
)

from ..support.services import RunningService, error_codes
from ..support.writes import snapshot
from .applying import (
    ASSESS,
    CHANGE_PARTNERSHIP_STATUS,
    CREATE,
    DECIDE,
    EXTEND_CALL,
    GET,
    LIST,
    RETURN,
    SUBMIT,
    UPDATE,
    UPDATE_CALL,
    UPDATE_PERSON,
    EventTap,
    World,
    budget,
    counters,
    create_call,
    pinned,
    profile,
    refused,
    results_chain,
    set_steering_group,
    world,
)


@pytest.fixture(autouse=True)
def today() -> Iterator[date]:
    with pinned() as day:
        yield day


@pytest.fixture
async def w(partnerships: RunningService) -> World:
    return await world(partnerships)


def variables(application: Any, **fields: Any) -> dict[str, Any]:
    return {"input": {"id": application["id"], "version": application["version"], **fields}}


def transitions(application: Any) -> list[tuple[str, str | None, str | None]]:
    return [(e["action"], e["fromStatus"], e["toStatus"]) for e in application["auditTrail"]]


# --- drafting -----------------------------------------------------------------------------


async def test_a_draft_keeps_the_proposal_and_has_no_case_number(w: World) -> None:
    draft = await w.draft(title="  Gender budgeting ")
    assert (draft["status"], draft["caseNumber"], draft["submittedOn"]) == ("DRAFT", None, None)
    assert (draft["title"], draft["type"], draft["durationMonths"]) == (
        "Gender budgeting",
        "PROJECT",
        24,
    )
    assert (draft["sdgs"], draft["theme"], draft["year"]) == ([5, 16], "GENDER_EQUALITY", 2025)
    assert draft["resultsChain"] == results_chain()
    assert draft["requestedBudget"] == budget()
    assert draft["requestedTotal"] == {"amount": "249999.50", "currency": "SEK"}
    assert transitions(draft) == [("drafted", None, "DRAFT".lower())]
    stored = (await snapshot(w.service))["applications"]
    assert [(d["_id"], d["_outbox"], d["requested_budget"][1]["amount"]) for d in stored] == [
        (draft["id"], [], {"minor": 9999950, "currency": "SEK"})  # integer öre, never a float
    ]


async def test_a_draft_may_be_incomplete(w: World) -> None:
    draft = await w.draft(resultsChain=None, requestedBudget=[], durationMonths=6)
    assert draft["resultsChain"] == {"goal": None, "outcomes": []}
    assert draft["requestedBudget"] == []


async def test_draft_and_returned_applications_are_edited_under_their_version(w: World) -> None:
    draft = await w.draft(resultsChain=None)
    edited = await w.act(
        UPDATE, draft, title="Gender budgeting", resultsChain=results_chain(), sdgs=[10]
    )
    assert (edited["title"], edited["sdgs"], edited["version"]) == ("Gender budgeting", [10], 2)
    assert edited["resultsChain"] == results_chain()
    assert edited["auditTrail"][-1]["note"] == "results_chain, sdgs, title"
    await refused(w.service, UPDATE, variables(draft, title="Lost update"), "CONFLICT", "version")

    returned = await w.in_status("RETURNED")
    fixed = await w.act(UPDATE, returned, requestedBudget=budget("120000"))
    assert fixed["requestedTotal"] == {"amount": "120000.00", "currency": "SEK"}


async def test_only_drafts_and_returned_applications_can_be_edited(w: World) -> None:
    for status in ["SUBMITTED", "ELIGIBLE", "INELIGIBLE", "APPROVED", "APPROVED_WITH_CONDITIONS"]:
        application = await w.in_status(status)
        late = variables(application, title="Late change")
        error = await refused(w.service, UPDATE, late, "BAD_USER_INPUT", "status")
        assert f"a {status.lower()} application cannot be edited" in error["message"]


BAD_INPUT: list[tuple[dict[str, Any], str]] = [
    ({"title": "$where"}, "title"),
    ({"title": " "}, "title"),
    ({"projectArea": "$gt"}, "projectArea"),
    ({"durationMonths": 0}, "durationMonths"),
    ({"durationMonths": 37}, "durationMonths"),
    ({"sdgs": [0]}, "sdgs"),
    ({"sdgs": [5, 18]}, "sdgs"),
    (
        {"resultsChain": {"goal": {"statement": "$ne"}}},
        "resultsChain.goal.statement",
    ),
    (
        {
            "resultsChain": {
                "outcomes": [
                    {
                        "statement": "Better plans",
                        "outputs": [
                            {
                                "statement": "Training",
                                "indicators": [{"name": "$in", "baseline": "0", "target": "40"}],
                            }
                        ],
                    }
                ]
            }
        },
        "resultsChain.outcomes[0].outputs[0].indicators[0].name",
    ),
    (
        {
            "resultsChain": {
                "goal": {
                    "statement": "G",
                    "indicators": [{"name": "Share", "baseline": " ", "target": "50"}],
                }
            }
        },
        "resultsChain.goal.indicators[0].baseline",
    ),
    ({"requestedBudget": budget("100", years=(0,))}, "requestedBudget[0].year"),
    ({"requestedBudget": budget("100", "100", years=(1, 4))}, "requestedBudget[1].year"),
    ({"requestedBudget": budget("100.005")}, "requestedBudget[0].amount"),
    ({"requestedBudget": budget("0")}, "requestedBudget[0].amount"),
    ({"requestedBudget": budget("-5")}, "requestedBudget[0].amount"),
    (
        {
            "requestedBudget": [
                {"year": 1, "category": "VENUE", "amount": {"amount": "10", "currency": "EUR"}}
            ]
        },
        "requestedBudget[0].amount.currency",
    ),
    (
        {
            "requestedBudget": [
                {"year": 1, "category": "VENUE", "amount": {"amount": "10", "currency": "$x"}}
            ]
        },
        "requestedBudget[0].amount.currency",
    ),
]


async def test_bad_input_is_refused_and_changes_nothing(w: World) -> None:
    draft = await w.draft()
    for overrides, field in BAD_INPUT:
        create = {"input": w.application_input(**overrides)}
        await refused(w.service, CREATE, create, "BAD_USER_INPUT", field)
        await refused(w.service, UPDATE, variables(draft, **overrides), "BAD_USER_INPUT", field)


async def test_unknown_ids_are_not_found(w: World) -> None:
    for overrides, field in [
        ({"partnershipId": "nope"}, "partnershipId"),
        ({"callId": "x"}, "callId"),
    ]:
        create = {"input": w.application_input(**overrides)}
        await refused(w.service, CREATE, create, "NOT_FOUND", field)
    missing = {"id": "nope", "version": 1}
    for mutation, fields in [
        (UPDATE, {"title": "X"}),
        (SUBMIT, {}),
        (RETURN, {"note": "Fix it"}),
        (ASSESS, {"outcome": "ELIGIBLE"}),
        (DECIDE, {"outcome": "REJECTED"}),
    ]:
        await refused(w.service, mutation, variables(missing, **fields), "NOT_FOUND", "id")
    assert (await w.service.data(GET, {"id": "nope"}))["application"] is None


async def test_a_draft_fits_its_call_and_an_open_partnership(w: World) -> None:
    inceptions = (await create_call(w.service, allowedTypes=["INCEPTION"]))["id"]
    create = {"input": w.application_input(callId=inceptions)}
    error = await refused(w.service, CREATE, create, "BAD_USER_INPUT", "type")
    assert "inception" in error["message"]
    draft = await w.draft(callId=inceptions, type="INCEPTION", durationMonths=12)
    change_type = variables(draft, type="PROJECT")
    await refused(w.service, UPDATE, change_type, "BAD_USER_INPUT", "type")

    await close_partnership(w)
    closed = {"input": w.application_input()}
    await refused(w.service, CREATE, closed, "BAD_USER_INPUT", "partnershipId")


# --- submission ---------------------------------------------------------------------------


async def test_submission_gives_a_case_number_and_publishes_the_event(w: World) -> None:
    draft = await w.draft()
    async with EventTap(w.service, "partnerships.application.*") as tap:
        submitted = await w.act(SUBMIT, draft, note="With the letter of intent")
        event = await tap.wait_for(APPLICATION_SUBMITTED.type, draft["id"])
    assert (submitted["status"], submitted["caseNumber"], submitted["year"]) == (
        "SUBMITTED",
        "2025-0001",
        2025,
    )
    assert submitted["submittedOn"] == "2025-03-10"
    last = submitted["auditTrail"][-1]
    assert (last["action"], last["fromStatus"], last["toStatus"], last["note"]) == (
        "submitted",
        "draft",
        "submitted",
        "With the letter of intent",
    )
    assert last["actor"] == "dev-officer"
    assert event["source"] == "/partnerships"
    assert event["data"] == {
        "id": draft["id"],
        "version": 2,
        "case_number": "2025-0001",
        "partnership_id": w.partnership,
        "call_id": w.call,
        "type": "project",
        "duration_months": 24,
        "requested_budget": [
            {"year": 1, "category": "international_travel", "amount_minor": 15000000,
             "currency": "SEK"},
            {"year": 2, "category": "accommodation", "amount_minor": 9999950, "currency": "SEK"},
        ],
    }  # fmt: skip
    assert await counters(w.service) == [{"_id": "2025", "last": 1}]


async def test_a_coordinator_of_the_partnership_drafts_edits_and_submits(w: World) -> None:
    for org in (w.swedish, w.partner):
        mine = w.as_coordinator(org)
        draft = await w.draft(auth=mine)
        edited = await w.act(UPDATE, draft, mine, durationMonths=36)
        submitted = await w.act(SUBMIT, edited, mine)
        assert submitted["status"] == "SUBMITTED"
        assert (await w.service.data(GET, {"id": draft["id"]}, **mine))["application"]
        returned = await w.act(RETURN, submitted, note="Sign the letter of intent")
        corrected = await w.act(UPDATE, returned, mine, title="Signed")
        resubmitted = await w.act(SUBMIT, corrected, mine)
        assert (resubmitted["status"], resubmitted["caseNumber"]) == (
            "SUBMITTED",
            submitted["caseNumber"],
        )
        assert resubmitted["auditTrail"][-1]["actor"] == "dev-coordinator"


async def test_others_may_not_draft_edit_or_submit(w: World) -> None:
    draft = await w.draft()
    create = {"input": w.application_input()}
    for auth in (w.as_coordinator(w.other), {"role": Role.VIEWER}):
        await refused(w.service, CREATE, create, "FORBIDDEN", **auth)
        await refused(w.service, UPDATE, variables(draft, title="Mine"), "FORBIDDEN", **auth)
        await refused(w.service, SUBMIT, variables(draft), "FORBIDDEN", **auth)
    await refused(w.service, CREATE, create, "UNAUTHENTICATED", role=None)


async def test_the_call_must_be_open_on_the_day_of_submission(w: World) -> None:
    for day, accepted in [
        (date(2025, 2, 14), False),  # the day before it opens
        (date(2025, 2, 15), True),  # the opening day
        (date(2025, 3, 15), True),  # the deadline
        (date(2025, 3, 16), False),  # the day after
    ]:
        draft = await w.draft()
        clock.pin(day)
        if accepted:
            assert (await w.act(SUBMIT, draft))["status"] == "SUBMITTED", day
        else:
            error = await refused(w.service, SUBMIT, variables(draft), "BAD_USER_INPUT", "callId")
            assert day.isoformat() in error["message"]


async def test_an_extension_keeps_the_call_open(w: World) -> None:
    draft = await w.draft()
    later = await w.draft()
    clock.pin(date(2025, 3, 20))
    await refused(w.service, SUBMIT, variables(draft), "BAD_USER_INPUT", "callId")
    await w.service.data(
        EXTEND_CALL, {"input": {"id": w.call, "version": 1, "extendedTo": "2025-03-26"}}
    )
    assert (await w.act(SUBMIT, draft))["status"] == "SUBMITTED"
    clock.pin(date(2025, 3, 27))
    await refused(w.service, SUBMIT, variables(later), "BAD_USER_INPUT", "callId")


async def test_the_call_must_take_the_type(w: World) -> None:
    draft = await w.draft()
    await w.service.data(
        UPDATE_CALL, {"input": {"id": w.call, "version": 1, "allowedTypes": ["INCEPTION"]}}
    )
    await refused(w.service, SUBMIT, variables(draft), "BAD_USER_INPUT", "type")


async def test_a_closed_partnership_cannot_submit(w: World) -> None:
    draft = await w.draft()
    await close_partnership(w)
    await refused(w.service, SUBMIT, variables(draft), "BAD_USER_INPUT", "partnershipId")


async def test_the_duration_fits_the_type(w: World) -> None:
    for kind, months, accepted in [
        ("PROJECT", 11, False),
        ("PROJECT", 12, True),
        ("PROJECT", 36, True),
        ("INCEPTION", 8, False),
        ("INCEPTION", 9, True),
        ("INCEPTION", 15, True),
        ("INCEPTION", 16, False),
        ("STEERING_GROUP", 11, False),
        ("STEERING_GROUP", 12, True),
    ]:
        one_year = budget(years=(1,))
        draft = await w.draft(type=kind, durationMonths=months, requestedBudget=one_year)
        if accepted:
            assert (await w.act(SUBMIT, draft))["status"] == "SUBMITTED", (kind, months)
        else:
            await refused(w.service, SUBMIT, variables(draft), "BAD_USER_INPUT", "durationMonths")


async def test_a_project_needs_a_complete_steering_group(w: World) -> None:
    draft = await w.draft()
    without_opposition = [p for seat, p in w.people.items() if seat != f"{w.partner}:opposition"]
    await set_steering_group(w, without_opposition)
    error = await refused(w.service, SUBMIT, variables(draft), "BAD_USER_INPUT", "steeringGroup")
    assert error["extensions"]["missing"] == [f"{w.partner}: a politician of the opposition"]
    assert f"{w.partner}: a politician of the opposition" in error["message"]

    await set_steering_group(w, list(w.people.values()))
    # People as they are now count: the senior civil servant is no longer senior.
    senior = w.people[f"{w.swedish}:senior"]
    await w.service.data(
        UPDATE_PERSON,
        {"input": {"id": senior, "version": 1, "profile": {**profile("senior"), "senior": False}}},
    )
    error = await refused(w.service, SUBMIT, variables(draft), "BAD_USER_INPUT", "steeringGroup")
    assert error["extensions"]["missing"] == [f"{w.swedish}: a senior civil servant"]


async def test_only_a_project_needs_the_steering_group(partnerships: RunningService) -> None:
    bare = await world(partnerships, steering_group=False)
    project = await bare.draft()
    error = await refused(
        partnerships, SUBMIT, variables(project), "BAD_USER_INPUT", "steeringGroup"
    )
    assert len(error["extensions"]["missing"]) == 6  # three seats for each of two partners
    for kind in ("INCEPTION", "STEERING_GROUP"):
        other = await bare.draft(type=kind, durationMonths=12, requestedBudget=budget(years=(1,)))
        assert (await bare.act(SUBMIT, other))["status"] == "SUBMITTED"


@pytest.mark.parametrize(
    ("chain", "field"),
    [
        ({"outcomes": results_chain()["outcomes"]}, "resultsChain.goal"),
        ({"goal": results_chain()["goal"]}, "resultsChain.outcomes"),
        (
            {
                "goal": results_chain()["goal"],
                "outcomes": [*results_chain()["outcomes"], {"statement": "No way there"}],
            },
            "resultsChain.outcomes[1].outputs",
        ),
    ],
)
async def test_the_results_chain_is_complete(w: World, chain: Any, field: str) -> None:
    draft = await w.draft(resultsChain=chain)
    await refused(w.service, SUBMIT, variables(draft), "BAD_USER_INPUT", field)


async def test_the_budget_has_lines_within_the_duration(w: World) -> None:
    empty = await w.draft(requestedBudget=[])
    await refused(w.service, SUBMIT, variables(empty), "BAD_USER_INPUT", "requestedBudget")
    too_long = await w.draft(durationMonths=12, requestedBudget=budget("1", "2", years=(1, 2)))
    error = await refused(
        w.service, SUBMIT, variables(too_long), "BAD_USER_INPUT", "requestedBudget[1].year"
    )
    assert "12 months" in error["message"]


async def test_a_stale_submission_is_a_conflict_and_takes_no_number(w: World) -> None:
    draft = await w.draft()
    await w.act(UPDATE, draft, title="Newer")
    await refused(w.service, SUBMIT, variables(draft), "CONFLICT", "version")
    assert await counters(w.service) == []


async def test_concurrent_submissions_get_distinct_consecutive_numbers(w: World) -> None:
    drafts = [await w.draft(title=f"Application {i}") for i in range(10)]
    submitted = await asyncio.gather(*(w.act(SUBMIT, d) for d in drafts))
    numbers = sorted(a["caseNumber"] for a in submitted)
    assert numbers == [f"2025-{n:04d}" for n in range(1, 11)]


async def test_the_same_draft_submitted_twice_at_once_is_submitted_once(w: World) -> None:
    draft = await w.draft()
    bodies = await asyncio.gather(*(w.service.graphql(SUBMIT, variables(draft)) for _ in range(4)))
    ok = [b for b in bodies if not b.get("errors")]
    assert len(ok) == 1
    assert sorted(c for b in bodies for c in error_codes(b)) == ["CONFLICT"] * 3
    stored = await w.service.data(GET, {"id": draft["id"]})
    assert [a for a, *_ in transitions(stored["application"])] == ["drafted", "submitted"]


async def test_numbers_run_per_year_of_submission(w: World) -> None:
    await w.service.data(
        UPDATE_CALL, {"input": {"id": w.call, "version": 1, "closesOn": "2026-01-31"}}
    )
    first, second, third = [await w.draft() for _ in range(3)]
    clock.pin(date(2025, 12, 31))
    assert (await w.act(SUBMIT, first))["caseNumber"] == "2025-0001"
    assert (await w.act(SUBMIT, second))["caseNumber"] == "2025-0002"
    clock.pin(date(2026, 1, 1))
    newer = await w.act(SUBMIT, third)
    assert (newer["caseNumber"], newer["year"]) == ("2026-0001", 2026)


async def test_the_unique_index_is_the_last_line_of_defence(w: World) -> None:
    given = [(await w.submitted())["caseNumber"] for _ in range(6)]
    assert given == [f"2025-000{n}" for n in range(1, 7)]
    # A counter that lost its place (say, restored from an older backup) ...
    await w.service.runtime.db["case_numbers"].update_one({"_id": "2025"}, {"$set": {"last": 0}})
    later = await w.submitted()
    # ... hands out 2025-0001 again: the index refuses it and the counter moves past the
    # highest number given, however far behind it was.
    assert later["caseNumber"] == "2025-0007"
    assert await counters(w.service) == [{"_id": "2025", "last": 7}]
    applications = w.service.runtime.db["applications"]
    with pytest.raises(DuplicateKeyError):
        await applications.insert_one({"_id": "copy", "case_number": "2025-0001"})
    # Drafts have no number, and any number of them may coexist.
    drafts = [await w.draft() for _ in range(2)]
    assert all(d["caseNumber"] is None for d in drafts)


# --- the lifecycle after submission -------------------------------------------------------


async def test_the_whole_way_to_an_approval_with_its_events(w: World) -> None:
    async with EventTap(w.service, "partnerships.application.*") as tap:
        submitted = await w.submitted()
        returned = await w.act(RETURN, submitted, note="Add the letter of intent")
        returned_event = await tap.wait_for(APPLICATION_RETURNED.type, submitted["id"])
        corrected = await w.act(UPDATE, returned, projectArea="Planning, budgeting")
        # Resubmission is accepted after the call closed: ICLD asked for the corrections.
        clock.pin(date(2025, 6, 1))
        resubmitted = await w.act(SUBMIT, corrected)
        eligible = await w.act(ASSESS, resubmitted, outcome="ELIGIBLE")
        approved = await w.act(DECIDE, eligible, outcome="APPROVED", note="Board 2025-05")
        decided_event = await tap.wait_for(APPLICATION_DECIDED.type, submitted["id"])
    assert returned_event["data"] == {
        "id": submitted["id"],
        "version": 3,
        "case_number": "2025-0001",
        "partnership_id": w.partnership,
        "note": "Add the letter of intent",
    }
    assert (resubmitted["caseNumber"], resubmitted["submittedOn"]) == ("2025-0001", "2025-03-10")
    assert [e["type"] for e in tap.received].count(APPLICATION_SUBMITTED.type) == 2
    assert approved["status"] == "APPROVED"
    decision = approved["decision"]
    assert (decision["outcome"], decision["conditions"], decision["decidedBy"]) == (
        "APPROVED",
        None,
        "dev-officer",
    )
    assert decision["approvedBudget"] == approved["requestedBudget"]
    assert decision["approvedTotal"] == {"amount": "249999.50", "currency": "SEK"}
    assert transitions(approved) == [
        ("drafted", None, "draft"),
        ("submitted", "draft", "submitted"),
        ("returned", "submitted", "returned"),
        ("edited", None, None),
        ("resubmitted", "returned", "submitted"),
        ("assessed", "submitted", "eligible"),
        ("decided", "eligible", "approved"),
    ]
    assert approved["auditTrail"][2]["note"] == "Add the letter of intent"
    assert approved["auditTrail"][-1]["note"] == "Board 2025-05"
    assert decided_event["data"] == {
        "id": submitted["id"],
        "version": approved["version"],
        "case_number": "2025-0001",
        "partnership_id": w.partnership,
        "partnership_kind": "bilateral",
        "countries": ["SE", "TZ"],
        "type": "project",
        "outcome": "approved",
        "conditions": None,
        "duration_months": 24,
        "approved_budget": [
            {"year": 1, "category": "international_travel", "amount_minor": 15000000,
             "currency": "SEK"},
            {"year": 2, "category": "accommodation", "amount_minor": 9999950, "currency": "SEK"},
        ],
    }  # fmt: skip
    stored = (await snapshot(w.service))["applications"]  # waits for the relay
    assert [(d["_outbox"], d["_pending"]) for d in stored] == [([], False)]


async def test_an_approval_with_conditions_states_them_and_may_adjust_the_budget(
    w: World,
) -> None:
    eligible = await w.in_status("ELIGIBLE")
    await refused(
        w.service,
        DECIDE,
        variables(eligible, outcome="APPROVED_WITH_CONDITIONS"),
        "BAD_USER_INPUT",
        "conditions",
    )
    adjusted = budget("100000", years=(1,))
    async with EventTap(w.service, "partnerships.application.decided") as tap:
        approved = await w.act(
            DECIDE,
            eligible,
            outcome="APPROVED_WITH_CONDITIONS",
            conditions="Report gender-disaggregated data each year",
            approvedBudget=adjusted,
        )
        event = await tap.wait_for(APPLICATION_DECIDED.type, eligible["id"])
    decision = approved["decision"]
    assert (approved["status"], decision["conditions"]) == (
        "APPROVED_WITH_CONDITIONS",
        "Report gender-disaggregated data each year",
    )
    granted = {**adjusted[0], "amount": {"amount": "100000.00", "currency": "SEK"}}
    assert decision["approvedBudget"] == [granted]
    assert approved["requestedTotal"] == {"amount": "249999.50", "currency": "SEK"}
    assert event["data"]["approved_budget"] == [
        {"year": 1, "category": "international_travel", "amount_minor": 10000000, "currency": "SEK"}
    ]
    assert event["data"]["conditions"] == "Report gender-disaggregated data each year"


async def test_bad_decisions_are_refused(w: World) -> None:
    eligible = await w.in_status("ELIGIBLE")
    cases: list[tuple[dict[str, Any], str]] = [
        ({"outcome": "APPROVED", "conditions": "Only with conditions"}, "conditions"),
        ({"outcome": "REJECTED", "approvedBudget": budget("10")}, "approvedBudget"),
        ({"outcome": "APPROVED", "approvedBudget": []}, "approvedBudget"),
        ({"outcome": "APPROVED", "approvedBudget": budget("1.001")}, "approvedBudget[0].amount"),
        ({"outcome": "APPROVED", "approvedBudget": budget("10", years=(4,))},
         "approvedBudget[0].year"),
        ({"outcome": "APPROVED", "approvedBudget": budget("10", "10", years=(1, 3))},
         "approvedBudget[1].year"),  # beyond the 24 months
        ({"outcome": "APPROVED", "note": "$where"}, "note"),
    ]  # fmt: skip
    for fields, field in cases:
        await refused(w.service, DECIDE, variables(eligible, **fields), "BAD_USER_INPUT", field)


async def test_a_rejection_approves_no_budget(w: World) -> None:
    eligible = await w.in_status("ELIGIBLE")
    async with EventTap(w.service, "partnerships.application.decided") as tap:
        rejected = await w.act(DECIDE, eligible, outcome="REJECTED", note="Outside the focus")
        event = await tap.wait_for(APPLICATION_DECIDED.type, eligible["id"])
    assert (rejected["status"], rejected["decision"]["approvedBudget"]) == ("REJECTED", [])
    assert rejected["decision"]["approvedTotal"] == {"amount": "0.00", "currency": "SEK"}
    assert (event["data"]["outcome"], event["data"]["approved_budget"]) == ("rejected", [])


async def test_returning_needs_a_note(w: World) -> None:
    submitted = await w.submitted()
    for note in ("", "   "):
        await refused(w.service, RETURN, variables(submitted, note=note), "BAD_USER_INPUT", "note")


async def test_ineligibility_needs_a_note_and_ends_the_way(w: World) -> None:
    submitted = await w.submitted()
    await refused(
        w.service, ASSESS, variables(submitted, outcome="INELIGIBLE"), "BAD_USER_INPUT", "note"
    )
    ineligible = await w.act(ASSESS, submitted, outcome="INELIGIBLE", note="Not on the DAC list")
    assert ineligible["status"] == "INELIGIBLE"
    assert ineligible["auditTrail"][-1]["note"] == "Not on the DAC list"
    assert ineligible["decision"] is None


ACTIONS: dict[str, tuple[str, dict[str, Any], str]] = {
    "submit": (SUBMIT, {}, "submitted"),
    "return": (RETURN, {"note": "Fix it"}, "returned"),
    "eligible": (ASSESS, {"outcome": "ELIGIBLE"}, "eligible"),
    "ineligible": (ASSESS, {"outcome": "INELIGIBLE", "note": "No"}, "ineligible"),
    "approve": (DECIDE, {"outcome": "APPROVED"}, "approved"),
    "approve_with_conditions": (
        DECIDE,
        {"outcome": "APPROVED_WITH_CONDITIONS", "conditions": "Some"},
        "approved_with_conditions",
    ),
    "reject": (DECIDE, {"outcome": "REJECTED"}, "rejected"),
}
ALLOWED = {
    "DRAFT": {"submit"},
    "SUBMITTED": {"return", "eligible", "ineligible"},
    "RETURNED": {"submit"},
    "ELIGIBLE": {"approve", "approve_with_conditions", "reject"},
    "INELIGIBLE": set(),
    "APPROVED": set(),
    "APPROVED_WITH_CONDITIONS": set(),
    "REJECTED": set(),
}


@pytest.mark.parametrize("status", list(ALLOWED))
async def test_every_other_transition_is_refused(w: World, status: str) -> None:
    application = await w.in_status(status)
    for action in sorted(set(ACTIONS) - ALLOWED[status]):
        mutation, fields, to_status = ACTIONS[action]
        error = await refused(
            w.service, mutation, variables(application, **fields), "BAD_USER_INPUT", "status"
        )
        assert f"a {status.lower()} application cannot become {to_status}" in error["message"]
        assert (error["extensions"]["fromStatus"], error["extensions"]["toStatus"]) == (
            status.lower(),
            to_status,
        )


async def test_only_staff_return_assess_and_decide(w: World) -> None:
    for status in ["DRAFT", "SUBMITTED", "ELIGIBLE"]:
        application = await w.in_status(status)
        for auth in (w.as_coordinator(w.swedish), {"role": Role.VIEWER}):
            for action in ("return", "eligible", "ineligible", "approve", "reject"):
                mutation, fields, _ = ACTIONS[action]
                await refused(
                    w.service, mutation, variables(application, **fields), "FORBIDDEN", **auth
                )
        admin = await w.service.data(GET, {"id": application["id"]}, role=Role.ADMIN)
        assert admin["application"]["status"] == status


async def test_stale_transitions_are_conflicts(w: World) -> None:
    submitted = await w.in_status("SUBMITTED")
    eligible = await w.in_status("ELIGIBLE")
    for application, action in [
        (submitted, "return"),
        (submitted, "eligible"),
        (eligible, "approve"),
    ]:
        stale = {**application, "version": application["version"] - 1}
        mutation, fields, _ = ACTIONS[action]
        await refused(w.service, mutation, variables(stale, **fields), "CONFLICT", "version")


# --- reading ------------------------------------------------------------------------------


async def test_coordinators_read_only_their_partnerships_applications(w: World) -> None:
    draft = await w.draft()
    await w.submitted()
    mine = w.as_coordinator(w.partner)
    theirs = w.as_coordinator(w.other)
    assert (await w.service.data(GET, {"id": draft["id"]}, **mine))["application"]["id"]
    body = await w.service.graphql(GET, {"id": draft["id"]}, **theirs)
    assert error_codes(body) == ["FORBIDDEN"]
    assert (await w.service.data(GET, {"id": draft["id"]}, role=Role.VIEWER))["application"]

    assert (await w.service.data(LIST, **mine))["applications"]["totalCount"] == 2
    assert (await w.service.data(LIST, **theirs))["applications"]["totalCount"] == 0
    other_filter = {"filter": {"partnershipId": w.partnership}}
    assert (await w.service.data(LIST, other_filter, **theirs))["applications"]["nodes"] == []
    assert (await w.service.data(LIST, role=Role.VIEWER))["applications"]["totalCount"] == 2

    query = """query($id: ID!) { partnership(id: $id) {
      applications(status: SUBMITTED) { totalCount nodes { caseNumber } } } }"""
    own = await w.service.data(query, {"id": w.partnership}, **mine)
    assert own["partnership"]["applications"] == {
        "totalCount": 1,
        "nodes": [{"caseNumber": "2025-0001"}],
    }
    hidden = await w.service.data(query, {"id": w.partnership}, **theirs)
    assert hidden["partnership"]["applications"]["totalCount"] == 0


async def test_list_filters_and_pages(w: World) -> None:
    autumn = (await create_call(w.service, title="Inceptions", allowedTypes=["INCEPTION"]))["id"]
    project = await w.submitted()
    inception = await w.submitted(
        callId=autumn, type="INCEPTION", durationMonths=12, requestedBudget=budget(years=(1,))
    )
    returned = await w.act(RETURN, await w.submitted(), note="Fix the budget")
    draft = await w.draft()

    async def ids(**filter: Any) -> list[str]:
        data = await w.service.data(LIST, {"filter": filter})
        return [n["id"] for n in data["applications"]["nodes"]]

    numbered = [project["id"], inception["id"], returned["id"]]
    assert await ids() == [*numbered, draft["id"]]  # case numbers first, then drafts
    assert await ids(callId=autumn) == [inception["id"]]
    assert await ids(partnershipId=w.partnership, type="PROJECT") == [
        project["id"],
        returned["id"],
        draft["id"],
    ]
    assert await ids(status="RETURNED") == [returned["id"]]
    assert await ids(status="DRAFT") == [draft["id"]]
    assert await ids(year=2025) == [*numbered, draft["id"]]
    assert await ids(year=2024) == []
    assert await ids(callId="$ne") == []  # an id is matched literally, never as an operator

    first = (await w.service.data(LIST, {"first": 2}))["applications"]
    assert (first["totalCount"], first["pageInfo"]["hasNextPage"]) == (4, True)
    after = {"first": 2, "after": first["pageInfo"]["endCursor"]}
    rest = (await w.service.data(LIST, after))["applications"]
    assert [n["id"] for n in first["nodes"] + rest["nodes"]] == [*numbered, draft["id"]]
    assert not rest["pageInfo"]["hasNextPage"]


async def test_a_drafts_year_is_the_year_it_began_until_it_is_submitted(w: World) -> None:
    clock.pin(date(2024, 12, 30))
    await w.service.data(
        UPDATE_CALL, {"input": {"id": w.call, "version": 1, "opensOn": "2024-12-01"}}
    )
    draft = await w.draft()
    assert draft["year"] == 2024
    clock.pin(date(2025, 3, 10))
    submitted = await w.act(SUBMIT, draft)
    assert (submitted["year"], submitted["caseNumber"]) == (2025, "2025-0001")
    data = await w.service.data(LIST, {"filter": {"year": 2024}})
    assert data["applications"]["totalCount"] == 0


async def test_applications_are_entities_resolved_in_one_query_per_type(
    w: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [(await w.draft(title=f"Application {i}"))["id"] for i in range(4)]
    calls: dict[str, list[list[str]]] = {"applications": [], "partnerships": []}
    for name in calls:
        store = getattr(w.service.runtime.repos, name)
        real = store.get_many

        async def counting(keys: list[str], name: str = name, real: Any = real) -> Any:
            calls[name].append(list(keys))
            return await real(keys)

        monkeypatch.setattr(store, "get_many", counting)
    reps = [{"__typename": "Application", "id": i} for i in [*ids, "missing"]]
    query = """query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Application { title partnership { title } } } }"""
    data = await w.service.data(query, {"r": reps}, **w.as_coordinator())
    assert [e and e["title"] for e in data["_entities"]] == [
        *(f"Application {i}" for i in range(4)),
        None,
    ]
    assert [e["partnership"]["title"] for e in data["_entities"][:4]] == ["Gotland and Kibaha"] * 4
    assert (len(calls["applications"]), len(calls["partnerships"])) == (1, 1)
    body = await w.service.graphql(query, {"r": reps[:1]}, **w.as_coordinator(w.other))
    assert error_codes(body) == ["FORBIDDEN"]
    sdl = (await w.service.data("{ _service { sdl } }"))["_service"]["sdl"]
    assert 'type Application @key(fields: "id")' in sdl


async def test_money_is_exact_in_the_api(w: World) -> None:
    draft = await w.draft(requestedBudget=budget("0.10", "0.20"))
    assert draft["requestedTotal"] == {"amount": "0.30", "currency": "SEK"}
    assert Decimal(draft["requestedTotal"]["amount"]) == Decimal("0.3")


async def close_partnership(w: World) -> None:
    current = await w.service.data(
        "query($id: ID!) { partnership(id: $id) { version } }", {"id": w.partnership}
    )
    await w.service.data(
        CHANGE_PARTNERSHIP_STATUS,
        {
            "input": {
                "id": w.partnership,
                "version": current["partnership"]["version"],
                "status": "CLOSED",
                "note": "Ended",
            }
        },
    )
