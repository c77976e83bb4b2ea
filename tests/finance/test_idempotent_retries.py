"""Finance mutations retried with their Idempotency-Key: the entries they add inside a grant
(expenses, reports, disbursements) are added once, and the retry answers the same entry."""

from __future__ import annotations

import uuid

from ..support.keyed import twice
from .builders import (
    APPROVE_DISBURSEMENT,
    OPEN_REPORT,
    RECORD,
    World,
    coordinator,
    expense_input,
)
from .test_reports import ids, spent_year_one


async def test_a_retried_expense_is_recorded_once(world: World) -> None:
    partnership = await world.partnership()
    grant = await world.agreed_grant(partnership)
    variables = {"input": expense_input(grant["id"])}
    answer = await twice(
        world.service, RECORD, variables, str(uuid.uuid4()), **coordinator(partnership, 1)
    )
    stored = await world.grant(grant["id"])
    assert [e["id"] for e in stored["expenses"]["nodes"]] == [
        answer["data"]["recordExpense"]["expense"]["id"]
    ]
    assert stored["version"] == grant["version"] + 1


async def test_a_retried_report_is_opened_once(world: World) -> None:
    grant = await world.agreed_grant()
    variables = {"input": {"grantId": grant["id"], "accountingYear": 1}}
    answer = await twice(world.service, OPEN_REPORT, variables, str(uuid.uuid4()))
    stored = await world.grant(grant["id"])
    assert [r["id"] for r in stored["reports"]] == [
        answer["data"]["openFinancialReport"]["report"]["id"]
    ]


async def test_a_retried_disbursement_is_approved_once(world: World) -> None:
    grant = await world.agreed_grant()
    await spent_year_one(world, grant)
    report = await world.approved_report(grant["id"])
    answer = await twice(world.service, APPROVE_DISBURSEMENT, ids(grant, report), "retry-1")
    stored = await world.grant(grant["id"])
    assert [d["id"] for d in stored["disbursements"]] == [
        answer["data"]["approveDisbursement"]["disbursement"]["id"]
    ]
