"""Totals per partner country, theme and calendar year, summed by aggregation to the öre."""

from __future__ import annotations

from datetime import date
from typing import Any

from services.common.auth import Role

from ..support.services import error_codes
from .builders import APPROVE_DISBURSEMENT, CHANGE_STATUS, PAY_DISBURSEMENT, World

TOTALS = """
query($by: FundingTotalsGrouping!, $year: Int) {
  fundingTotals(groupBy: $by, year: $year) {
    key committed { amount currency } spent { amount } disbursed { amount }
  }
}"""


def rows(data: Any) -> dict[str, tuple[str, str, str]]:
    return {
        r["key"]: (r["committed"]["amount"], r["spent"]["amount"], r["disbursed"]["amount"])
        for r in data["fundingTotals"]
    }


async def test_totals_per_country_theme_and_year(world: World) -> None:
    tanzania = await world.partnership(("SE", "TZ"), themes=("gender_equality",))
    latin = await world.partnership(("SE", "CO", "GT"), themes=("gender_equality", "youth"))
    project = await world.agreed_grant(tanzania)  # 330 000 from 2024-01-15, 130 000 from 2025
    inception = await world.agreed_grant(
        latin,
        type="inception",
        duration_months=12,
        decided_on=date(2024, 6, 1),
        lines=((1, "meals", "5000.00"),),
    )
    cancelled = await world.opened_grant(tanzania)
    move = {"id": cancelled["id"], "version": 1, "status": "CANCELLED", "note": "Replaced"}
    await world.data(CHANGE_STATUS, {"input": move})

    await world.record(project)  # 5 061.73 SEK on 2024-03-04
    await world.record(
        project,
        incurredOn="2025-02-03",
        rateDate="2025-02-03",
        amount={"amount": "1000", "currency": "SEK"},
        exchangeRate=None,
    )
    await world.record(
        inception,
        incurredOn="2024-07-01",
        category="MEALS",
        exchangeRate=None,
        amount={"amount": "200", "currency": "SEK"},
        rateDate=None,
    )
    report = await world.approved_report(project["id"])
    approved = await world.data(
        APPROVE_DISBURSEMENT, {"input": {"grantId": project["id"], "reportId": report["id"]}}
    )
    pay = {
        "grantId": project["id"],
        "paidOn": "2025-06-16",
        "disbursementId": approved["approveDisbursement"]["disbursement"]["id"],
    }
    await world.data(PAY_DISBURSEMENT, {"input": pay})

    by_year = rows(await world.data(TOTALS, {"by": "YEAR"}, role=Role.VIEWER))
    assert by_year == {
        "2024": ("335000.00", "5261.73", "0.00"),
        "2025": ("130000.00", "1000.00", "5061.73"),
    }
    by_country = rows(await world.data(TOTALS, {"by": "COUNTRY"}))
    assert by_country == {
        "CO": ("5000.00", "200.00", "0.00"),
        "GT": ("5000.00", "200.00", "0.00"),
        "TZ": ("460000.00", "6061.73", "5061.73"),
    }
    by_theme = rows(await world.data(TOTALS, {"by": "THEME"}))
    assert by_theme == {
        "gender_equality": ("465000.00", "6261.73", "5061.73"),
        "youth": ("5000.00", "200.00", "0.00"),
    }
    in_2025 = rows(await world.data(TOTALS, {"by": "COUNTRY", "year": 2025}))
    assert in_2025 == {"TZ": ("130000.00", "1000.00", "5061.73")}
    body = await world.service.graphql(TOTALS, {"by": "YEAR"}, role=Role.COORDINATOR, org="x")
    assert error_codes(body) == ["FORBIDDEN"]
    body = await world.service.graphql(TOTALS, {"by": "YEAR", "year": 99999})
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "year"}
