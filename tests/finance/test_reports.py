"""Financial reports (in arrears, frozen on submission) and disbursements: only against an
approved report, never above its actuals nor what remains, never twice — also when many
requests race — and the grant's closing once nothing is open."""

from __future__ import annotations

import asyncio
from typing import Any

from services.common.auth import Role
from services.contracts.finance import DISBURSEMENT_PAID, FINANCIAL_REPORT_STATUS_CHANGED

from ..support.broker import listening
from ..support.services import error_codes
from ..support.writes import snapshot
from .builders import (
    APPROVE_DISBURSEMENT,
    APPROVE_REPORT,
    CHANGE_STATUS,
    CONTROL_REPORT,
    OPEN_REPORT,
    PAY_DISBURSEMENT,
    REOPEN_REPORT,
    SUBMIT_REPORT,
    World,
    coordinator,
)

CONCURRENT_REQUESTS = 20


async def spent_year_one(world: World, grant: dict[str, Any], **auth: Any) -> None:
    """Travel 5 061.73 SEK (in TZS), meals 1 200.50 SEK and hours 30 000 SEK: 36 262.23."""
    await world.record(grant, auth)
    await world.record(
        grant,
        auth,
        category="MEALS",
        exchangeRate=None,
        amount={"amount": "1200.50", "currency": "SEK"},
    )
    await world.record(
        grant,
        auth,
        category="WORKING_HOURS",
        exchangeRate=None,
        amount={"amount": "30000", "currency": "SEK"},
    )


def ids(grant: dict[str, Any], report: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"input": {"grantId": grant["id"], "reportId": report["id"], **extra}}


async def test_a_report_goes_from_draft_to_approved_with_its_lines_frozen(world: World) -> None:
    partnership = await world.partnership()
    grant = await world.agreed_grant(partnership)
    mine = coordinator(partnership)
    await spent_year_one(world, grant, **mine)
    async with listening(world.service, "finance.financial_report.status_changed") as events:
        report = await world.report(grant["id"], 1, **mine)
        assert (report["status"], report["final"], report["yearEndsOn"]) == (
            "DRAFT",
            False,
            "2025-01-14",
        )
        await world.assert_refused(
            OPEN_REPORT,
            {"input": {"grantId": grant["id"], "accountingYear": 1}},
            "CONFLICT",
            "accountingYear",
        )
        await world.assert_refused(
            OPEN_REPORT,
            {"input": {"grantId": grant["id"], "accountingYear": 3}},
            "BAD_USER_INPUT",
            "accountingYear",
        )
        submitted = await world.data(
            SUBMIT_REPORT, ids(grant, report, version=1, note="Year one"), **mine
        )
        report = submitted["submitFinancialReport"]["report"]
        lines = {
            x["category"]: (x["budget"]["amount"], x["actual"]["amount"], x["variance"]["amount"])
            for x in report["lines"]
        }
        assert lines == {
            "INTERNATIONAL_TRAVEL": ("120000.00", "5061.73", "114938.27"),
            "ACCOMMODATION": ("45000.00", "0.00", "45000.00"),
            "MEALS": ("15000.00", "1200.50", "13799.50"),
            "WORKING_HOURS": ("150000.00", "30000.00", "120000.00"),
        }
        assert (report["actualTotal"]["amount"], report["budgetTotal"]["amount"]) == (
            "36262.23",
            "330000.00",
        )
        assert (report["status"], report["submittedOn"]) == ("SUBMITTED", "2025-06-16")
        await world.assert_refused(
            CONTROL_REPORT, ids(grant, report, version=2), "FORBIDDEN", **mine
        )
        report = await world.step(CONTROL_REPORT, "controlFinancialReport", grant["id"], report)
        await world.assert_refused(
            APPROVE_REPORT, ids(grant, report, version=1), "CONFLICT", "version"
        )
        report = await world.step(APPROVE_REPORT, "approveFinancialReport", grant["id"], report)
        published = await events.events(4)
    assert (report["status"], report["approvedOn"], report["version"]) == (
        "APPROVED",
        "2025-06-16",
        4,
    )
    changes = [FINANCIAL_REPORT_STATUS_CHANGED.parse(e) for e in published]
    assert [(c.from_status, c.to_status) for c in changes] == [
        (None, "draft"),
        ("draft", "submitted"),
        ("submitted", "in_control"),
        ("in_control", "approved"),
    ]
    assert [c.actual_minor for c in changes] == [3_626_223] * 4
    await world.assert_refused(
        REOPEN_REPORT, ids(grant, report, version=4, note="Too late"), "BAD_USER_INPUT", "status"
    )


async def test_a_report_is_submitted_once_its_year_has_ended(world: World) -> None:
    grant = await world.agreed_grant()  # year 2 runs until 2026-01-14
    report = await world.report(grant["id"], 2)
    assert report["final"] is True
    await world.assert_refused(
        SUBMIT_REPORT, ids(grant, report, version=1), "BAD_USER_INPUT", "reportId"
    )


async def test_a_reopened_report_is_corrected_and_submitted_again(world: World) -> None:
    partnership = await world.partnership()
    grant = await world.agreed_grant(partnership)
    travel = await world.record(grant)
    report = await world.report(grant["id"], 1)
    report = await world.step(SUBMIT_REPORT, "submitFinancialReport", grant["id"], report)
    report = await world.step(CONTROL_REPORT, "controlFinancialReport", grant["id"], report)
    await world.assert_refused(
        REOPEN_REPORT, ids(grant, report, version=3, note=""), "BAD_USER_INPUT", "note"
    )
    report = await world.step(
        REOPEN_REPORT,
        "reopenFinancialReport",
        grant["id"],
        report,
        note="The flight is in the wrong year",
    )
    assert (report["status"], report["submittedOn"]) == ("REOPENED", None)
    withdraw = """mutation($input: WithdrawExpenseInput!) {
      withdrawExpense(input: $input) { expense { status } } }"""
    await world.data(
        withdraw,
        {
            "input": {
                "grantId": grant["id"],
                "expenseId": travel["id"],
                "version": 1,
                "note": "Wrong year",
            }
        },
    )
    report = await world.step(SUBMIT_REPORT, "submitFinancialReport", grant["id"], report)
    assert (report["status"], report["actualTotal"]["amount"]) == ("SUBMITTED", "0.00")


async def approved_year_one(world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    grant = await world.agreed_grant()
    await spent_year_one(world, grant)
    return grant, await world.approved_report(grant["id"])


async def test_a_disbursement_is_paid_in_arrears_against_an_approved_report(world: World) -> None:
    grant = await world.agreed_grant()
    await spent_year_one(world, grant)
    report = await world.report(grant["id"], 1)
    await world.assert_refused(
        APPROVE_DISBURSEMENT, ids(grant, report), "BAD_USER_INPUT", "reportId"
    )
    report = await world.step(SUBMIT_REPORT, "submitFinancialReport", grant["id"], report)
    await world.assert_refused(
        APPROVE_DISBURSEMENT, ids(grant, report), "BAD_USER_INPUT", "reportId"
    )
    report = await world.step(CONTROL_REPORT, "controlFinancialReport", grant["id"], report)
    report = await world.step(APPROVE_REPORT, "approveFinancialReport", grant["id"], report)
    above = ids(grant, report, amount={"amount": "36262.24", "currency": "SEK"})
    body = await world.assert_refused(APPROVE_DISBURSEMENT, above, "BAD_USER_INPUT", "amount")
    assert body["errors"][0]["extensions"]["approvedActuals"] == "36262.23"
    for amount, field in [("0", "amount"), ("1.001", "amount"), ("-3", "amount")]:
        bad = ids(grant, report, amount={"amount": amount, "currency": "SEK"})
        await world.assert_refused(APPROVE_DISBURSEMENT, bad, "BAD_USER_INPUT", field)
    euro = ids(grant, report, amount={"amount": "10", "currency": "EUR"})
    await world.assert_refused(APPROVE_DISBURSEMENT, euro, "BAD_USER_INPUT", "amount")
    await world.assert_refused(
        APPROVE_DISBURSEMENT, ids(grant, report), "FORBIDDEN", **coordinator(world.partnerships[-1])
    )
    missing = {"input": {"grantId": grant["id"], "reportId": "nope"}}
    await world.assert_refused(APPROVE_DISBURSEMENT, missing, "NOT_FOUND", "reportId")

    approved = (await world.data(APPROVE_DISBURSEMENT, ids(grant, report)))["approveDisbursement"]
    disbursement = approved["disbursement"]
    assert (disbursement["amount"], disbursement["status"]) == (
        {"amount": "36262.23", "currency": "SEK"},
        "APPROVED",
    )
    assert (disbursement["iatiTransactionType"], disbursement["approvedOn"]) == (7, "2025-06-16")
    assert approved["grant"]["remaining"]["amount"] == "423737.77"  # 460 000 - 36 262.23
    second = await world.assert_refused(
        APPROVE_DISBURSEMENT, ids(grant, report), "CONFLICT", "reportId"
    )
    assert second["errors"][0]["extensions"]["disbursementId"] == disbursement["id"]

    pay = {"grantId": grant["id"], "disbursementId": disbursement["id"]}
    await world.assert_refused(
        PAY_DISBURSEMENT, {"input": {**pay, "paidOn": "2025-06-17"}}, "BAD_USER_INPUT", "paidOn"
    )
    await world.assert_refused(
        PAY_DISBURSEMENT, {"input": {**pay, "paidOn": "2025-06-15"}}, "BAD_USER_INPUT", "paidOn"
    )
    async with listening(world.service, "finance.disbursement.paid") as events:
        paid = (await world.data(PAY_DISBURSEMENT, {"input": {**pay, "paidOn": "2025-06-16"}}))[
            "payDisbursement"
        ]
        [event] = await events.events(1)
    assert (paid["disbursement"]["status"], paid["disbursement"]["paidOn"]) == (
        "PAID",
        "2025-06-16",
    )
    assert paid["grant"]["disbursed"]["amount"] == "36262.23"
    data = DISBURSEMENT_PAID.parse(event)
    assert (data.amount_minor, data.iati_transaction_type, data.report_id) == (
        3_626_223,
        7,
        report["id"],
    )
    await world.assert_refused(
        PAY_DISBURSEMENT, {"input": {**pay, "paidOn": "2025-06-16"}}, "CONFLICT", "disbursementId"
    )


async def test_a_disbursement_never_exceeds_what_remains_of_the_grant(world: World) -> None:
    """Spent 1 500 SEK against a budget of 1 000: the default pays what remains."""
    grant = await world.agreed_grant(lines=((1, "meals", "1000.00"),), duration_months=12)
    await world.record(
        grant, category="MEALS", exchangeRate=None, amount={"amount": "1500", "currency": "SEK"}
    )
    report = await world.approved_report(grant["id"])
    assert report["actualTotal"]["amount"] == "1500.00"
    above = ids(grant, report, amount={"amount": "1000.01", "currency": "SEK"})
    body = await world.assert_refused(APPROVE_DISBURSEMENT, above, "BAD_USER_INPUT", "amount")
    assert body["errors"][0]["extensions"]["remaining"] == "1000.00"
    approved = (await world.data(APPROVE_DISBURSEMENT, ids(grant, report)))["approveDisbursement"]
    assert approved["disbursement"]["amount"]["amount"] == "1000.00"
    assert approved["grant"]["remaining"]["amount"] == "0.00"


async def test_concurrent_requests_make_exactly_one_disbursement(world: World) -> None:
    """Decided: the first request wins; every other one is a CONFLICT naming the winner."""
    grant, report = await approved_year_one(world)
    async with listening(world.service, "finance.disbursement.paid") as events:
        bodies = await asyncio.gather(
            *(
                world.service.graphql(APPROVE_DISBURSEMENT, ids(grant, report))
                for _ in range(CONCURRENT_REQUESTS)
            )
        )
        won = [
            b["data"]["approveDisbursement"]["disbursement"] for b in bodies if not b.get("errors")
        ]
        lost = [b for b in bodies if b.get("errors")]
        assert len(won) == 1, bodies
        assert [error_codes(b) for b in lost] == [["CONFLICT"]] * (CONCURRENT_REQUESTS - 1)
        assert {b["errors"][0]["extensions"]["disbursementId"] for b in lost} == {won[0]["id"]}
        stored = (await snapshot(world.service))["grants"]
        [disbursement] = stored[0]["disbursements"]
        assert disbursement["amount"] == {"minor": 3_626_223, "currency": "SEK"}

        pay = {
            "input": {
                "grantId": grant["id"],
                "disbursementId": won[0]["id"],
                "paidOn": "2025-06-16",
            }
        }
        payments = await asyncio.gather(
            *(world.service.graphql(PAY_DISBURSEMENT, pay) for _ in range(CONCURRENT_REQUESTS))
        )
        assert sorted(str(error_codes(b)) for b in payments) == sorted(
            ["[]", *["['CONFLICT']"] * (CONCURRENT_REQUESTS - 1)]
        )
        await snapshot(world.service)
        published = await events.all()
    assert [e.subject for e in published] == [won[0]["id"]]
    assert (await world.grant(grant["id"]))["disbursed"]["amount"] == "36262.23"


async def test_a_grant_closes_once_nothing_is_open(world: World) -> None:
    grant = await world.agreed_grant(lines=((1, "meals", "1000.00"),), duration_months=12)
    await world.record(
        grant, category="MEALS", exchangeRate=None, amount={"amount": "999.99", "currency": "SEK"}
    )

    async def move(status: str) -> dict[str, Any]:
        current = await world.grant(grant["id"])
        return {"input": {"id": grant["id"], "version": current["version"], "status": status}}

    await world.data(CHANGE_STATUS, await move("FINALISATION"))
    body = await world.assert_refused(
        CHANGE_STATUS, await move("CLOSED"), "BAD_USER_INPUT", "status"
    )
    assert body["errors"][0]["extensions"]["open"] == ["year 1 has expenses and no report"]
    report = await world.approved_report(grant["id"])
    disbursement = (await world.data(APPROVE_DISBURSEMENT, ids(grant, report)))[
        "approveDisbursement"
    ]["disbursement"]
    body = await world.assert_refused(
        CHANGE_STATUS, await move("CLOSED"), "BAD_USER_INPUT", "status"
    )
    assert body["errors"][0]["extensions"]["open"] == ["1 disbursement(s) not paid"]
    pay = {"grantId": grant["id"], "disbursementId": disbursement["id"], "paidOn": "2025-06-16"}
    await world.data(PAY_DISBURSEMENT, {"input": pay})
    async with listening(world.service, "finance.grant.closed") as events:
        closed = (await world.data(CHANGE_STATUS, await move("CLOSED")))["changeGrantStatus"][
            "grant"
        ]
        [event] = await events.events(1)
    assert (closed["status"], closed["iatiActivityStatus"]) == ("CLOSED", 4)
    assert (closed["spent"]["amount"], closed["disbursed"]["amount"]) == ("999.99", "999.99")
    assert event.subject == grant["id"]
    await world.assert_refused(
        OPEN_REPORT,
        {"input": {"grantId": grant["id"], "accountingYear": 1}},
        "BAD_USER_INPUT",
        "grantId",
        role=Role.OFFICER,
    )
