"""Demo step: the grant of the approved demo application, a year of its expenses, the year's
financial report approved and its disbursement paid.

Only the approved application (Kibaha – Region Gotland) has a grant: finance opens it by
itself when partnerships announces the decision (APPLICATION_DECIDED), so this step polls
the finance API until it exists. The other two applications are still with ICLD (eligible,
submitted) and have no grant. The agreement backdates the period by a year (within the year
an agreement may lie from its decision), so that year 1 is over and can be reported: in
arrears, as ICLD pays. The visits the programme step completed in that year were waiting for
a grant; the agreement drafts their travel costs and this step completes the drafts.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from typing import Any

from ..errors import DevstackError
from ..graphql import GraphQLClient
from .model import Demo
from .partnerships import PARTNERSHIPS

GRANT_TIMEOUT_S = 60.0
BACKDATE = timedelta(days=366)
"""The agreement starts a year before the decision (at most: finance allows a year)."""

APPLICATIONS = """
query($id: ID!) { partnership(id: $id) { applications(first: 10) { nodes { id status } } } }
"""
MONEY = "{ amount currency }"
GRANT_FIELDS = f"""
  id version caseNumber status decidedOn startsOn
  expenses(first: 100) {{ nodes {{ id version status source category incurredOn }} }}
  reports {{ id version accountingYear status actualTotal {MONEY} }}
  disbursements {{ id status reportId amount {MONEY} }}
"""
GRANT_OF_APPLICATION = f"""
query($r: [_Any!]!) {{
  _entities(representations: $r) {{ ... on Application {{ grant {{ {GRANT_FIELDS} }} }} }}
}}
"""
AGREE = f"""
mutation($input: AgreeGrantInput!) {{ agreeGrant(input: $input) {{ grant {{ {GRANT_FIELDS} }} }} }}
"""
RECORD = """
mutation($input: RecordExpenseInput!) { recordExpense(input: $input) { expense { id } } }
"""
COMPLETE = """
mutation($input: CompleteExpenseInput!) { completeExpense(input: $input) { expense { id } } }
"""
REPORT_STEPS = {
    # status of the year's report → the mutation that moves it on (officers may do each)
    "DRAFT": ("submitFinancialReport", "SubmitFinancialReportInput"),
    "REOPENED": ("submitFinancialReport", "SubmitFinancialReportInput"),
    "SUBMITTED": ("controlFinancialReport", "ControlFinancialReportInput"),
    "IN_CONTROL": ("approveFinancialReport", "ApproveFinancialReportInput"),
}
OPEN_REPORT = """
mutation($input: OpenFinancialReportInput!) {
  openFinancialReport(input: $input) { report { id version status } }
}
"""
APPROVE_DISBURSEMENT = f"""
mutation($input: ApproveDisbursementInput!) {{
  approveDisbursement(input: $input) {{ disbursement {{ id amount {MONEY} }} }}
}}
"""
PAY_DISBURSEMENT = f"""
mutation($input: PayDisbursementInput!) {{
  payDisbursement(input: $input) {{ disbursement {{ id amount {MONEY} }} }}
}}
"""

# (days after the start, category, amount, currency, rate SEK per unit or None, receipt, what)
EXPENSES = (
    (20, "INTERNATIONAL_TRAVEL", "38450.00", "SEK", None, "RG-001", "Flights to Dar es Salaam"),
    (25, "ACCOMMODATION", "2450000.00", "TZS", "0.0042", "KIB-014", "Hotel in Kibaha, 4 nights"),
    (90, "WORKING_HOURS", "42000.00", "SEK", None, "RG-HR-Q1", "Swedish working hours, Q1"),
    (160, "INTERNATIONAL_TRAVEL", "29870.50", "SEK", None, "RG-002", "Flights for Kibaha's team"),
    (165, "ACCOMMODATION", "8340.00", "SEK", None, "RG-003", "Hotel in Visby, 3 nights"),
    (200, "WORKING_HOURS", "38500.00", "SEK", None, "RG-HR-Q3", "Swedish working hours, Q3"),
    (300, "INTERNATIONAL_TRAVEL", "4567890.00", "TZS", "0.0041", "KIB-031", "Regional flights"),
    (330, "ACCOMMODATION", "1980000.00", "TZS", "0.00415", "KIB-036", "Workshop stay, Kibaha"),
)  # fmt: skip
DRAFT_AMOUNTS = {"INTERNATIONAL_TRAVEL": "6500.00", "ACCOMMODATION": "4200.00", "MEALS": "1350.00"}


def _grant(api: GraphQLClient, application_id: str) -> dict[str, Any] | None:
    representation = {"__typename": "Application", "id": application_id}
    found = api.execute(GRANT_OF_APPLICATION, {"r": [representation]})["_entities"][0]
    grant: dict[str, Any] | None = found["grant"]
    return grant


def _wait_for_grant(api: GraphQLClient, application_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + GRANT_TIMEOUT_S
    while (grant := _grant(api, application_id)) is None:
        if time.monotonic() > deadline:
            raise DevstackError(
                f"demo data: the finance service opened no grant for application {application_id}"
                f" within {GRANT_TIMEOUT_S:.0f}s: are events flowing through RabbitMQ?"
            )
        time.sleep(0.2)
    return grant


def _approved_application(demo: Demo) -> str:
    partnership_id = demo.partnerships[PARTNERSHIPS[0].title]
    found = demo.apis["partnerships"].execute(APPLICATIONS, {"id": partnership_id})
    approved = [
        a["id"]
        for a in found["partnership"]["applications"]["nodes"]
        if a["status"] in ("APPROVED", "APPROVED_WITH_CONDITIONS")
    ]
    if not approved:
        raise DevstackError("demo data: the demo's approved application was not found")
    return str(approved[0])


def _expenses(api: GraphQLClient, grant: dict[str, Any], today: date) -> int:
    """A year of expenses, once (the demo's own are the manual ones)."""
    if any(e["source"] == "MANUAL" for e in grant["expenses"]["nodes"]):
        return 0
    start = date.fromisoformat(grant["startsOn"])
    recorded = 0
    for days, category, amount, currency, rate, receipt, what in EXPENSES:
        day = start + timedelta(days=days)
        if day >= today:
            continue
        api.execute(RECORD, {"input": {
            "grantId": grant["id"],
            "incurredOn": day.isoformat(),
            "category": category,
            "amount": {"amount": amount, "currency": currency},
            "exchangeRate": rate,
            "rateDate": day.isoformat() if rate else None,
            "receiptReference": receipt,
            "description": what,
        }})  # fmt: skip
        recorded += 1
    return recorded


def _complete_drafts(api: GraphQLClient, grant: dict[str, Any]) -> int:
    """The visits' drafted travel costs, completed with the amounts of the receipts."""
    drafts = [e for e in grant["expenses"]["nodes"] if e["status"] == "DRAFT"]
    for n, draft in enumerate(drafts, start=1):
        api.execute(COMPLETE, {"input": {
            "grantId": grant["id"],
            "expenseId": draft["id"],
            "version": draft["version"],
            "amount": {"amount": DRAFT_AMOUNTS[draft["category"]], "currency": "SEK"},
            "receiptReference": f"VISIT-{n:03d}",
        }})  # fmt: skip
    return len(drafts)


def _report(api: GraphQLClient, grant_id: str, reports: list[dict[str, Any]]) -> dict[str, Any]:
    """Year 1's report, moved on to approved from wherever an earlier run left it."""
    found = [r for r in reports if r["accountingYear"] == 1]
    if found:
        report = found[0]
    else:
        opened = api.execute(OPEN_REPORT, {"input": {"grantId": grant_id, "accountingYear": 1}})
        report = opened["openFinancialReport"]["report"]
    while report["status"] in REPORT_STEPS:
        name, input_type = REPORT_STEPS[report["status"]]
        mutation = (
            f"mutation($input: {input_type}!) {{ {name}(input: $input)"
            " { report { id version status } } }"
        )
        ids = {"grantId": grant_id, "reportId": report["id"], "version": report["version"]}
        report = api.execute(mutation, {"input": ids})[name]["report"]
    return report


def _disbursement(api: GraphQLClient, grant: dict[str, Any], report_id: str, today: date) -> str:
    found = [d for d in grant["disbursements"] if d["reportId"] == report_id]
    if found:
        disbursement = found[0]
    else:
        approved = api.execute(
            APPROVE_DISBURSEMENT, {"input": {"grantId": grant["id"], "reportId": report_id}}
        )
        disbursement = {**approved["approveDisbursement"]["disbursement"], "status": "APPROVED"}
    if disbursement["status"] == "APPROVED":
        pay = {"grantId": grant["id"], "disbursementId": disbursement["id"],
               "paidOn": today.isoformat()}  # fmt: skip
        api.execute(PAY_DISBURSEMENT, {"input": pay})
    return str(disbursement["amount"]["amount"])


def load_finance(demo: Demo) -> str:
    api = demo.apis["finance"]
    today = datetime.now(UTC).date()
    application_id = _approved_application(demo)
    grant = _wait_for_grant(api, application_id)
    demo.grants[PARTNERSHIPS[0].title] = grant["id"]
    if grant["status"] == "PIPELINE":
        starts_on = date.fromisoformat(grant["decidedOn"]) - BACKDATE
        variables = {
            "id": grant["id"],
            "version": grant["version"],
            "startsOn": starts_on.isoformat(),
        }
        grant = api.execute(AGREE, {"input": variables})["agreeGrant"]["grant"]
    recorded = _expenses(api, grant, today)
    completed = _complete_drafts(api, _wait_for_grant(api, application_id))
    grant = _wait_for_grant(api, application_id)
    report = _report(api, grant["id"], grant["reports"])
    disbursed = _disbursement(api, grant, report["id"], today)
    return (
        f"1 grant ({PARTNERSHIPS[0].title}, {grant['caseNumber']}), {recorded} expenses and"
        f" {completed} visit costs recorded, year 1 reported and approved, {disbursed} SEK paid"
    )
