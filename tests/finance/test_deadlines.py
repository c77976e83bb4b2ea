"""Financial report deadlines: each accounting year's report due two months after the year
ends (domain.deadlines), DUE and OVERDUE by the day, and the list of reports to chase, scoped
as the grants are."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from services.common.auth import Role
from services.finance.domain.deadlines import DUE_SOON_DAYS, REPORT_DUE_MONTHS

from ..support.services import error_codes
from .builders import (
    CHANGE_STATUS,
    CONTROL_REPORT,
    REOPEN_REPORT,
    SUBMIT_REPORT,
    World,
    coordinator,
)

DEADLINE_FIELDS = """
  grantId partnershipId caseNumber accountingYear final yearStartsOn yearEndsOn dueOn status
  reportId
"""
GRANT_DEADLINES = f"""
query($id: ID!, $asOf: Date) {{
  grant(id: $id) {{ reportDeadlines(asOf: $asOf) {{ {DEADLINE_FIELDS} }} }}
}}"""
DUE = f"""
query($ids: [ID!], $asOf: Date) {{
  financialReportsDue(partnershipIds: $ids, asOf: $asOf) {{ {DEADLINE_FIELDS} }}
}}"""
DUE_WITH_GRANT = """
query {
  financialReportsDue {
    accountingYear status
    grant { id expenses { totalCount } }
    report { id status actualTotal { amount } }
  }
}"""


def test_the_rule_is_two_months_after_the_year_and_due_sixty_days_ahead() -> None:
    assert (REPORT_DUE_MONTHS, DUE_SOON_DAYS) == (2, 60)


async def deadlines(world: World, grant_id: str, as_of: str | None = None) -> list[Any]:
    data = await world.data(GRANT_DEADLINES, {"id": grant_id, "asOf": as_of})
    found: list[Any] = data["grant"]["reportDeadlines"]
    return found


async def statuses(world: World, grant_id: str, as_of: str | None = None) -> list[str]:
    return [d["status"] for d in await deadlines(world, grant_id, as_of)]


async def due(
    world: World, ids: list[str] | None = None, as_of: str | None = None, **auth: Any
) -> list[tuple[str, int, str]]:
    data = await world.data(DUE, {"ids": ids, "asOf": as_of}, **auth)
    return [(d["grantId"], d["accountingYear"], d["status"]) for d in data["financialReportsDue"]]


async def test_each_year_is_due_two_months_after_it_ends(world: World) -> None:
    partnership = await world.partnership()
    grant = await world.agreed_grant(partnership)  # years 2024-01-15 – 2025-01-14 – 2026-01-14
    today = await deadlines(world, grant["id"])  # 2025-06-16
    assert today == [
        {
            "grantId": grant["id"],
            "partnershipId": partnership.id,
            "caseNumber": grant["caseNumber"],
            "accountingYear": 1,
            "final": False,
            "yearStartsOn": "2024-01-15",
            "yearEndsOn": "2025-01-14",
            "dueOn": "2025-03-14",
            "status": "OVERDUE",
            "reportId": None,
        },
        {
            "grantId": grant["id"],
            "partnershipId": partnership.id,
            "caseNumber": grant["caseNumber"],
            "accountingYear": 2,
            "final": True,
            "yearStartsOn": "2025-01-15",
            "yearEndsOn": "2026-01-14",
            "dueOn": "2026-03-14",
            "status": "UPCOMING",
            "reportId": None,
        },
    ]
    by_day = {
        "2024-06-01": ["UPCOMING", "UPCOMING"],
        "2025-01-12": ["UPCOMING", "UPCOMING"],  # the deadline 61 days away, the year running
        "2025-01-13": ["DUE", "UPCOMING"],  # 60 days away
        "2025-01-15": ["DUE", "UPCOMING"],  # the year over
        "2025-03-14": ["DUE", "UPCOMING"],  # the deadline's own day
        "2025-03-15": ["OVERDUE", "UPCOMING"],
        "2026-01-15": ["OVERDUE", "DUE"],
        "2026-03-15": ["OVERDUE", "OVERDUE"],
    }
    for day, expected in by_day.items():
        assert await statuses(world, grant["id"], day) == expected, day


async def test_a_report_with_icld_is_neither_due_nor_overdue(world: World) -> None:
    grant = await world.agreed_grant()
    draft = await world.report(grant["id"], 1)
    [year_one, _] = await deadlines(world, grant["id"])
    assert (year_one["status"], year_one["reportId"]) == ("OVERDUE", draft["id"])

    submitted = await world.step(SUBMIT_REPORT, "submitFinancialReport", grant["id"], draft)
    assert await statuses(world, grant["id"]) == ["SUBMITTED", "UPCOMING"]
    controlled = await world.step(CONTROL_REPORT, "controlFinancialReport", grant["id"], submitted)
    assert await statuses(world, grant["id"]) == ["SUBMITTED", "UPCOMING"]
    reopened = await world.step(
        REOPEN_REPORT, "reopenFinancialReport", grant["id"], controlled, note="Add receipts"
    )
    assert await statuses(world, grant["id"]) == ["OVERDUE", "UPCOMING"]  # back with them
    assert reopened["status"] == "REOPENED"

    other = await world.agreed_grant()
    await world.approved_report(other["id"])
    assert await statuses(world, other["id"]) == ["APPROVED", "UPCOMING"]
    assert await statuses(world, other["id"], "2026-03-15") == ["APPROVED", "OVERDUE"]


async def test_only_grants_that_report_have_deadlines(world: World) -> None:
    pipeline = await world.opened_grant()
    assert await deadlines(world, pipeline["id"], "2026-06-01") == []
    suspended = await world.agreed_grant()
    move = {"id": suspended["id"], "version": suspended["version"], "status": "SUSPENDED"}
    await world.data(CHANGE_STATUS, {"input": {**move, "note": "Audit pending"}})
    assert await deadlines(world, suspended["id"]) == []
    assert await due(world) == []


async def test_the_reports_to_chase_earliest_deadline_first(world: World) -> None:
    tanzania = await world.partnership(("SE", "TZ"))
    colombia = await world.partnership(("SE", "CO"))
    late = await world.agreed_grant(tanzania)  # year 1 due 2025-03-14: overdue
    soon = await world.agreed_grant(colombia, decided_on=date(2024, 6, 1))  # due 2025-07-31
    done = await world.agreed_grant(colombia)
    await world.approved_report(done["id"])
    await world.opened_grant(tanzania)  # the pipeline owes nothing

    assert await due(world) == [(late["id"], 1, "OVERDUE"), (soon["id"], 1, "DUE")]
    [first, second] = (await world.data(DUE))["financialReportsDue"]
    assert (first["dueOn"], first["partnershipId"]) == ("2025-03-14", tanzania.id)
    assert (second["dueOn"], second["yearEndsOn"]) == ("2025-07-31", "2025-05-31")

    # The same as each grant's own deadlines say.
    expected = []
    for grant in (late, soon, done):
        for d in await deadlines(world, grant["id"]):
            if d["status"] in ("DUE", "OVERDUE"):
                expected.append((d["dueOn"], grant["id"], d["accountingYear"], d["status"]))
    assert [(due_on, g, y, s) for due_on, g, y, s in sorted(expected)] == [
        (d["dueOn"], d["grantId"], d["accountingYear"], d["status"])
        for d in (await world.data(DUE))["financialReportsDue"]
    ]

    assert await due(world, as_of="2025-01-01") == []
    assert await due(world, as_of="2026-01-20") == [
        (late["id"], 1, "OVERDUE"),
        (soon["id"], 1, "OVERDUE"),
        (late["id"], 2, "DUE"),
        (done["id"], 2, "DUE"),
    ]
    assert await due(world, [tanzania.id]) == [(late["id"], 1, "OVERDUE")]
    assert await due(world, []) == []
    assert await due(world, ["unknown"]) == []


async def test_the_grant_and_report_of_a_deadline_are_whole(world: World) -> None:
    grant = await world.agreed_grant()
    await world.record(grant)
    await world.record(grant)
    report = await world.report(grant["id"], 1)
    [deadline] = (await world.data(DUE_WITH_GRANT))["financialReportsDue"]
    assert deadline == {
        "accountingYear": 1,
        "status": "OVERDUE",
        "grant": {"id": grant["id"], "expenses": {"totalCount": 2}},
        "report": {"id": report["id"], "status": "DRAFT", "actualTotal": {"amount": "10123.46"}},
    }


async def test_a_coordinator_chases_only_their_organisations_reports(world: World) -> None:
    tanzania = await world.partnership(("SE", "TZ"))
    colombia = await world.partnership(("SE", "CO"))
    mine = await world.agreed_grant(tanzania)
    theirs = await world.agreed_grant(colombia)

    for partner in (0, 1):
        assert await due(world, **coordinator(tanzania, partner)) == [(mine["id"], 1, "OVERDUE")]
    assert await due(world, [colombia.id], **coordinator(tanzania)) == []
    assert await due(world, role=Role.COORDINATOR, org="elsewhere") == []
    everything = sorted([(mine["id"], 1, "OVERDUE"), (theirs["id"], 1, "OVERDUE")])
    assert sorted(await due(world, role=Role.VIEWER)) == everything
    assert sorted(await due(world)) == everything

    body = await world.service.graphql(
        GRANT_DEADLINES, {"id": theirs["id"]}, **coordinator(tanzania)
    )
    assert error_codes(body) == ["FORBIDDEN"]


@pytest.mark.parametrize(
    ("query", "variables", "field"),
    [
        (DUE, {"asOf": "1899-12-31"}, "asOf"),
        (DUE, {"asOf": "2201-01-01"}, "asOf"),
        (DUE, {"ids": [" "]}, "partnershipIds"),
        (DUE, {"ids": ["p"] * 1001}, "partnershipIds"),
        (GRANT_DEADLINES, {"asOf": "1800-01-01"}, "asOf"),
    ],
)
async def test_bad_input_is_refused_and_changes_nothing(
    world: World, query: str, variables: dict[str, Any], field: str
) -> None:
    grant = await world.agreed_grant()
    await world.assert_refused(query, {"id": grant["id"], **variables}, "BAD_USER_INPUT", field)


async def test_a_day_that_does_not_exist_is_bad_input(world: World) -> None:
    body = await world.service.graphql(DUE, {"asOf": "2025-02-30"})
    assert body["data"] is None
    assert error_codes(body) == ["BAD_USER_INPUT"]
    assert "2025-02-30" in body["errors"][0]["message"]
